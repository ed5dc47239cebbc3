"""Every document gets a display name a reader recognises: title, file name stem, or date + opening words."""

from __future__ import annotations

from speechtopics.clean import CleanConfig
from speechtopics.reading import Corpus
from speechtopics.config import Config
from speechtopics.stages import clean_records, display_name, unique_display_names

BODY = "发展经济，改善民生，推进改革开放。" * 12


def test_title_then_file_stem_then_date_and_opening():
    assert display_name({"title": " 在 大会上的讲话 ", "source": "a/b.txt"}) == "在 大会上的讲话"
    assert display_name({"title": "", "source": "data/raw/2020-01-02_讲话.txt"}) == "2020-01-02_讲话"
    row = {"title": None, "source": "all.csv#row7", "date": "2020-05-19", "text": "本期节目主要内容：" + BODY}
    assert display_name(row) == "2020-05-19 发展经济，改善民生，推进…"
    assert display_name({"source": "all.csv#row8", "text": "同志们：" + BODY}).startswith("发展经济")


def test_shared_names_get_the_date_then_the_id():
    docs = [{"doc_id": "a", "title": "讲话", "date": "2020-01-01"}, {"doc_id": "b", "title": "讲话", "date": "2020-02-01"},
            {"doc_id": "c", "title": "讲话", "date": "2020-02-01"}, {"doc_id": "d", "title": "报告"}]
    names = unique_display_names(docs)
    assert len(set(names)) == 4 and names[0] == "讲话（2020-01-01）" and names[3] == "报告"


def test_a_date_the_title_states_is_not_added_again():
    title = "在纪念中国人民志愿军抗美援朝出国作战70周年大会上的讲话（2020年10月23日）"
    docs = [{"doc_id": "a", "title": title, "date": "2020-10-23"},  # the day's wire story
            {"doc_id": "b", "title": title, "date": "2020-10-24"}]  # the next day's reprint
    assert unique_display_names(docs) == [title, f"{title}（2020-10-24）"]  # was {title}（2020-10-23） first
    same_day = [{"doc_id": "a", "title": "讲话（2020.1.8）", "date": "2020-01-08"},
                {"doc_id": "b", "title": "讲话（2020.1.8）", "date": "2020-01-08"}]
    assert unique_display_names(same_day) == ["讲话（2020.1.8）（a）", "讲话（2020.1.8）（b）"]


def test_clean_records_and_corpus_documents_carry_display_name():
    records = [{"doc_id": f"d{i}", "source": f"all.csv#row{i}", "text": f"同志们：第{i}次会议。" + BODY,
                "meta": {"date": f"2020-0{i}-01"}} for i in range(1, 4)]
    docs = clean_records(records, CleanConfig(), seed=1)
    assert [d["display_name"] for d in docs] == [f"2020-0{i}-01 第{i}次会议。发展经济，改…" for i in range(1, 4)]
    frame = Corpus.from_records(docs, [], [], Config()).documents
    assert list(frame.columns[:5]) == ["doc_id", "title", "date", "year", "display_name"]
    assert frame["display_name"].tolist() == [d["display_name"] for d in docs]


def test_a_long_opening_address_is_not_the_name_of_an_untitled_speech():
    from speechtopics.clean.stream import display_name

    doc = {"title": None, "source": "t.csv#row2", "date": "2020-10-15",
           "text": "女士们，先生们，同志们：今天我们在这里隆重集会，庆祝经济特区建立40周年。"}
    assert display_name(doc) == "2020-10-15 今天我们在这里隆重集会，…"


def test_an_untitled_copy_takes_the_name_of_the_speech_it_repeats(tmp_path):
    import speechtopics as st

    body = ("同志们：今天我们在这里隆重集会，纪念一个伟大的日子。" * 3 + "全县上下要牢记历史、开创未来，"
            "奋力谱写高质量发展新篇章。")
    (tmp_path / "a.csv").write_text(f"date,title,text\n2020-10-24,,{body}\n2020-10-23,在纪念大会上的讲话,{body}\n",
                                    encoding="utf-8")
    docs = st.read_corpus(tmp_path / "a.csv").documents
    assert docs["status"].tolist() == ["kept", "kept"]
    assert docs["display_name"].tolist() == ["在纪念大会上的讲话（2020-10-24）", "在纪念大会上的讲话（2020-10-23）"]


def test_a_two_part_title_line_keeps_its_space_as_a_tables_title_does(tmp_path):
    import docx
    import pandas as pd

    import speechtopics as st

    title = "携手消除贫困 促进共同发展"
    lines = ["携手消除贫困　促进共同发展", "（2015年10月16日）", "尊敬的各位来宾，女士们，先生们，朋友们：",
             "今天，我们在这里举办 减贫与发展 高层论坛，共商消除贫困、促进发展大计。" + BODY]
    (tmp_path / "a.txt").write_text("\n\n".join(lines), encoding="utf-8")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(tmp_path / "b.docx")
    (tmp_path / "c.html").write_text(f"<html><body><h1>{lines[0]}</h1>" + "".join(f"<p>{line}</p>" for line in lines[1:])
                                     + "</body></html>", encoding="utf-8")
    pd.DataFrame({"title": [title], "text": ["\n".join(lines[2:])]}).to_csv(tmp_path / "d.csv", index=False)
    for name in ("a.txt", "b.docx", "c.html", "d.csv"):  # one speech, one name, whatever its shape
        corpus = st.read_corpus(tmp_path / name)
        assert corpus.documents["title"].tolist() == [title], name
        assert "举办减贫与发展高层论坛" in corpus.records[0]["text"]  # the body's spaces between Han still go
