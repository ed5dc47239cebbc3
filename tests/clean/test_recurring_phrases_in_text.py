"""Phrases that recur across a folder's documents inside their text are the documents' own: a note that
ends many paragraphs (（各乡镇人民政府负责）) and a label that opens one (工作目标：) stay; a footer glued
after the last sentence is still cut, and named in ``dropped_lines``."""

from __future__ import annotations

import speechtopics as st

MEASURES = ["加快建设康养产业园区，完善配套基础设施，引进一批龙头企业。",
            "加强养老服务人才培养，落实从业人员培训补贴和岗位津贴政策。",
            "优化康养项目审批流程，推行容缺受理和帮办代办服务。"]


def _notice(i: int, footer: str = "") -> str:
    lines = [f"关于支持第{i}批康养产业项目发展的通知", "各乡镇人民政府，县政府各部门：",
             f"工作目标：到2025年，全县康养产业规模达到{i + 10}亿元，形成特色鲜明的产业体系。"]
    lines += [f"{m}（各乡镇人民政府负责）" for m in MEASURES]
    lines += [f"请各单位认真贯彻落实第{i}批项目的各项要求。{footer}"]
    return "\n\n".join(lines)


def test_notes_and_labels_recurring_inside_the_text_stay(tmp_path):
    for i in range(5):
        (tmp_path / f"notice{i}.txt").write_text(_notice(i), encoding="utf-8")
    corpus = st.read_corpus(tmp_path)
    for rec in corpus.records:
        assert rec["text"].count("（各乡镇人民政府负责）") == 3
        assert "工作目标：到2025年" in rec["text"]


def test_a_footer_after_the_last_sentence_is_cut_and_named(tmp_path):
    for i in range(5):
        (tmp_path / f"notice{i}.txt").write_text(_notice(i, "更多信息请关注官方微信“康养之窗”"), encoding="utf-8")
    corpus = st.read_corpus(tmp_path)
    for rec in corpus.records:
        assert "康养之窗" not in rec["text"] and rec["text"].count("（各乡镇人民政府负责）") == 3
        assert any("康养之窗" in d["text"] for d in rec["dropped_lines"])


def test_a_credit_in_brackets_after_most_documents_last_sentence_is_cut(tmp_path):
    import pandas as pd

    rows = [{"正文": _notice(i).replace("\n\n", "") + "（平山县融媒体中心供稿）"} for i in range(6)]
    pd.DataFrame(rows).to_csv(tmp_path / "a.csv", index=False)
    texts = [r["text"] for r in st.read_corpus(tmp_path / "a.csv", text="正文").records]
    assert not any("供稿" in t for t in texts)
