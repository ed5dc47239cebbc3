"""A lead phrase that opens paragraphs on most pages of one source (央视网消息（新闻联播）：) is cut as a span."""

from __future__ import annotations

import speechtopics as st

ITEMS = ["国务院总理今天主持召开国务院常务会议，研究部署稳经济一揽子政策措施的落实工作。",
         "国家统计局今天发布数据，前三季度国内生产总值同比增长，经济运行总体恢复向好。",
         "全国各地抢抓农时开展秋收秋种，确保粮食颗粒归仓，为全年粮食丰收打下坚实基础。"]


def test_a_recurring_lead_phrase_is_cut_from_its_paragraphs_and_a_salutation_is_not(tmp_path):
    for day in range(1, 6):
        lines = ["同志们：今天我们在这里召开会议，传达学习有关会议精神，部署下一阶段各项工作。"]
        lines += [f"央视网消息（新闻联播）：{item}第{day}天。" for item in ITEMS]
        lines += ["央视网消息（新闻联播）：", f"这是分行写的一条新闻，第{day}天的内容同样完整地保留下来。"]
        (tmp_path / f"2022100{day}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    corpus = st.read_corpus(tmp_path)
    paras = [p["text"] for r in corpus.records for p in r["paragraphs"]]
    assert not any("央视网消息" in p for p in paras)
    assert f"{ITEMS[0]}第1天。" in paras and "这是分行写的一条新闻，第1天的内容同样完整地保留下来。" in paras
    assert sum(p.startswith("同志们：") for p in paras) == 5


def test_a_footer_glued_after_most_pages_last_sentence_is_cut_and_a_closing_sentence_is_not(tmp_path):
    import pandas as pd

    rows = []
    for i in range(6):
        note = "（此件主动公开）" if i % 2 else ""
        rows.append({"标题": f"关于做好第{i}项工作的通知", "正文": f"{ITEMS[i % 3]}请各地认真贯彻落实第{i}项工作。"
                     f"河北省人力资源和社会保障厅2023年11月{i + 1}日{note}更多信息请关注官方微信“河北人社”"})
    rows.append({"标题": "解读", "正文": ITEMS[1] + "附件：政策解读更多信息请关注官方微信“河北人社”"})  # after a word
    rows.append({"标题": "讲话", "正文": ITEMS[0] + "同志们，让我们携手奋进。谢谢大家！"})
    rows.append({"标题": "讲话二", "正文": ITEMS[1] + "同志们，让我们携手奋进。谢谢大家！"})
    rows.append({"标题": "讲话三", "正文": ITEMS[2] + "同志们，让我们携手奋进。谢谢大家！"})
    pd.DataFrame(rows).to_csv(tmp_path / "docs.csv", index=False)
    corpus = st.read_corpus(tmp_path / "docs.csv", text="正文", title="标题")
    texts = [r["text"] for r in corpus.records]
    assert not any("河北人社" in t for t in texts)
    assert texts[0].endswith("河北省人力资源和社会保障厅2023年11月1日")  # the signature and its date stay
    assert sum(t.endswith("谢谢大家！") for t in texts) == 3


def test_a_tables_footer_is_found_among_other_tables_in_its_folder(tmp_path):
    """Boilerplate is counted per table for rows: one department's footer, on every row of its own
    table, is cut although the folder holds more rows of other departments' tables."""
    import pandas as pd

    rows = [{"标题": f"关于做好第{i}项工作的通知", "正文": f"{ITEMS[i % 3]}请各地认真贯彻落实第{i}项工作。更多信息请关注官方微信“河北人社”"}
            for i in range(6)]
    pd.DataFrame(rows).to_csv(tmp_path / "a.csv", index=False)
    others = [{"标题": f"关于第{i}项政策的解读", "正文": f"{ITEMS[(i + 1) % 3]}第{i}项政策自发布之日起施行。"} for i in range(20)]
    pd.DataFrame(others).to_csv(tmp_path / "b.csv", index=False)
    texts = [r["text"] for r in st.read_corpus(tmp_path, text="正文", title="标题").records]
    assert len(texts) == 26 and not any("河北人社" in t for t in texts)


def test_a_sheets_footer_is_found_among_other_sheets_of_its_workbook(tmp_path):
    """A workbook with one sheet per department: each sheet is a table of its own, so one department's
    footer, on every row of its sheet, is cut although the other sheets hold more rows without it."""
    import pandas as pd

    rows = [{"标题": f"关于做好第{i}项工作的通知", "正文": f"{ITEMS[i % 3]}请各地认真贯彻落实第{i}项工作。更多信息请关注官方微信“河北人社”"}
            for i in range(6)]
    others = [{"标题": f"关于第{i}项政策的解读", "正文": f"{ITEMS[(i + 1) % 3]}第{i}项政策自发布之日起施行。"} for i in range(20)]
    with pd.ExcelWriter(tmp_path / "departments.xlsx", engine="openpyxl") as xw:
        pd.DataFrame(rows).to_excel(xw, sheet_name="人社厅", index=False)
        pd.DataFrame(others).to_excel(xw, sheet_name="科技厅", index=False)
    texts = [r["text"] for r in st.read_corpus(tmp_path / "departments.xlsx", text="正文", title="标题").records]
    assert len(texts) == 26 and not any("河北人社" in t for t in texts)
    assert sum(t.endswith("工作。") for t in texts) == 6  # the sentence before the footer stays
