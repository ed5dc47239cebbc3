"""The ledger and run summary of :mod:`speechtopics.stages`: what they count and say."""

import warnings

import pandas as pd
import pytest

import speechtopics as st
from speechtopics.records import ledger_row
from speechtopics.stages import document_ledger, ledger_summary, summary_lines


def test_kept_documents_without_any_date_are_counted_and_said():
    body = "各位代表：现在，我代表县人民政府向大会报告工作，请予审议。" * 3
    df = pd.DataFrame({"year": [2019, None, None],
                       "text": [body, "全面推进乡村振兴。" + body, "加快建设现代化产业体系。" + body]})
    corpus = st.read_corpus(df, date="year")
    assert corpus.documents["year"].isna().sum() == 2
    rows = document_ledger([], [{**d, "source": "df"} for d in corpus.documents.to_dict("records")])
    summary = ledger_summary(rows)
    assert summary["undated"] == 2
    assert "dates: 2 kept documents have no date; year figures and effects leave them out" in summary_lines(summary)


def test_a_dated_corpus_says_nothing_about_undated_documents():
    rows = document_ledger([], [{"source": "a.txt", "doc_id": "a", "date": None, "year": 2020},
                                {"source": "b.txt", "doc_id": "b", "date": "2021-03-05", "year": 2021},
                                {"source": "c.txt", "doc_id": "c", "status": "dropped", "reason": "empty"}])
    summary = ledger_summary(rows)
    assert summary["undated"] == 0
    assert not any("no date" in line for line in summary_lines(summary))


def _cut_and_whole() -> pd.DataFrame:
    """Two reports; the first fills a spreadsheet cell to its 32,767-character limit (cut there)."""
    from speechtopics.clean.document import EXCEL_CELL_LIMIT

    para = "各位代表：现在，我代表县人民政府向大会报告工作，请予审议。过去一年，全县经济持续向好。\n"
    long = (para * (EXCEL_CELL_LIMIT // len(para) + 1))[:EXCEL_CELL_LIMIT]
    return pd.DataFrame({"date": ["2019-01-05", "2020-01-06"],
                         "text": [long, "全面推进乡村振兴，加快建设现代化产业体系。" + para * 3]})


def test_a_text_cut_at_the_cell_limit_is_a_column_a_warning_and_a_summary_line():
    df = _cut_and_whole()
    with pytest.warns(UserWarning, match=r"1 of 2 kept documents end where their page or spreadsheet cell was cut"):
        corpus = st.read_corpus(df)
    docs = corpus.documents
    assert docs["status"].tolist() == ["kept", "kept"]
    assert docs["truncated"].tolist() == [True, False]
    assert list(docs.columns[-2:]) == ["status", "reason"]  # truncated follows the date columns
    rows = document_ledger([], [{**d, "source": "df"} for d in docs.to_dict("records")])
    summary = ledger_summary(rows)
    assert summary["truncated"] == 1
    assert ("truncated: 1 kept documents end where their page or cell was cut (column truncated)"
            in summary_lines(summary))


def test_a_whole_corpus_has_no_truncated_line_nor_warning():
    df = _cut_and_whole().iloc[1:]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = st.read_corpus(df)
    assert not [w for w in caught if "cut" in str(w.message)]
    assert corpus.documents["truncated"].tolist() == [False]
    summary = ledger_summary(document_ledger([], [{**d, "source": "df"} for d in corpus.documents.to_dict("records")]))
    assert "truncated" not in summary
    assert not any(line.startswith("truncated") for line in summary_lines(summary))


def test_a_summary_keeps_a_reasons_advice_and_leaves_out_particulars_that_differ():
    """A reason's brackets hold its particulars (counts) or what to do (save it as .docx): the summary
    counts reasons that differ only in their particulars as one kind, and shows a reason that all its
    documents share whole, advice and all."""
    rows = document_ledger([ledger_row(f"{name}.doc", "unsupported file type .doc (save it as .docx)")
                            for name in "ab"],
                           [{"source": f"{n}.txt", "doc_id": f"d{n}", "status": "dropped",
                             "reason": f"too short ({n} < 50 characters)"} for n in (7, 12)])
    lines = summary_lines(ledger_summary(rows))
    assert any(line.endswith("unsupported file type .doc (save it as .docx)") and " 2 " in line for line in lines)
    assert any(line.endswith("too short") and " 2 " in line for line in lines)
    assert not any("< 50 characters" in line for line in lines)
