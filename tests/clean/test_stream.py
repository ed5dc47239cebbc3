"""The clean stage over a corpus (``speechtopics.clean.stream``): the same documents on any executor."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

from speechtopics.clean import CleanConfig
from speechtopics.stages import clean_records, iter_clean_records

BODY = ("同志们：\n今天召开全县经济工作会议，主要任务是总结去年工作，分析当前形势，安排部署今年重点任务。\n"
        "一、客观看待成绩\n过去一年，全县上下攻坚克难，县域经济实力持续增强，群众获得感不断增强，各项事业取得新进展。\n"
        "二、扎实做好今年工作\n要坚持稳中求进工作总基调，把高质量发展贯穿始终，确保完成全年目标任务。")
TOPICS = ["乡村振兴", "招商引资", "生态环保", "教育医疗", "安全生产", "营商环境", "科技创新", "城市建设"]


def corpus(n: int = 150) -> list[dict]:
    """``n`` pages of two sites: distinct speeches, exact and near repeats, a site line, a short page."""
    docs = []
    for i in range(n):
        a, b = TOPICS[i % 8], TOPICS[(i // 8) % 8]
        text = f"首页 > 领导讲话\n在第{i}次会议上的讲话\n" + BODY.replace("经济", a).replace("群众", b + f"第{i}批群众")
        if i % 17 == 5:
            text = docs[i - 5]["text"]  # an exact repeat of an earlier page
        elif i % 23 == 7:
            text = docs[i - 7]["text"] + "谢谢大家！"  # a near repeat
        elif i % 31 == 3:
            text = "短讯"
        docs.append({"doc_id": f"p{i:03d}", "source": f"site{i % 2}/p{i}.txt", "text": text, "format": "txt",
                     "meta": {"collection": "pages", "date": f"2020-01-{1 + i % 28:02d}", "level": str(i % 3)}})
    return docs


DROP = CleanConfig(duplicates="drop")


@pytest.fixture(scope="module")
def serial():
    return clean_records(corpus(), DROP, seed=7)


def test_corpus_has_every_status(serial):
    statuses = {d["status"] for d in serial}
    assert statuses == {"kept", "duplicate", "dropped"}
    assert {d["reason"].split(" of ")[0] for d in serial if d["status"] == "duplicate"} == \
        {"exact duplicate", "near duplicate"}
    assert all("首页 > 领导讲话" not in d["text"] for d in serial if d["status"] == "kept")  # site boilerplate


def test_two_worker_processes_give_the_same_documents(serial, tmp_path):
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        parallel = list(iter_clean_records(corpus(), DROP, 7, spill=tmp_path, executor=pool, in_flight=3))
    assert parallel == serial
    assert not any(tmp_path.iterdir())  # the spill folder is gone


def test_spill_files_give_the_same_documents_in_this_process(serial, tmp_path):
    assert list(iter_clean_records(corpus(), DROP, 7, spill=tmp_path)) == serial


def test_duplicates_keep_is_honoured_by_the_stage():
    kept = clean_records(corpus(), CleanConfig(), seed=7)  # the default keeps every copy
    dropped = clean_records(corpus(), DROP, seed=7)
    assert not any(d["status"] == "duplicate" for d in kept)
    repeats = [d for d in kept if d["reason"].startswith("kept: ")]
    assert len(repeats) == sum(d["status"] == "duplicate" for d in dropped) > 0
