"""The ledger and run summary of :mod:`speechtopics.stages`: what they count and say."""

import pandas as pd

import speechtopics as st
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
