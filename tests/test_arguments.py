"""The public API refuses a wrong kind of argument with one line naming it, before any work."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import speechtopics as st

TEXT = "同志们：今天召开全县经济工作会议，部署招商引资和项目建设，推动县域经济高质量发展。" * 4


@pytest.fixture(scope="module")
def corpus():
    return st.read_corpus(pd.DataFrame({"text": [TEXT + str(i) for i in range(3)]}))


def test_a_dataframe_or_path_where_a_corpus_goes():
    df = pd.DataFrame({"text": [TEXT]})
    for call in (lambda: st.TopicModel(k=2).fit(df), lambda: st.select_k(df, ks=[2]), lambda: st.cluster(df, 2)):
        with pytest.raises(TypeError, match=r"needs a Corpus, not a DataFrame: read it first, corpus = st.read_corpus"):
            call()
    with pytest.raises(TypeError, match="needs a Corpus, not a str"):
        st.TopicModel(k=2).fit("speeches.csv")


def test_text_where_a_number_goes(corpus):
    with pytest.raises(TypeError, match=r"select_k: ks must be a list of integers .*got '5,10'"):
        st.select_k(corpus, ks="5,10")
    with pytest.raises(TypeError, match=r"select_k: ks must be a list"):
        st.select_k(corpus, ks=5)
    with pytest.raises(TypeError, match=r"select_k: seeds must be an integer of at least 2 \(got '2', a str\)"):
        st.select_k(corpus, ks=[2], seeds="2")
    with pytest.raises(TypeError, match=r"cluster: k must be an integer"):
        st.cluster(corpus, "3")


@pytest.mark.parametrize("kwargs, message", [
    ({"unit": "sections"}, "select_k: unit must be paragraph, section or speech"),
    ({"passes": 0}, "select_k: passes must be a positive integer"),
    ({"no_above": 1.5}, r"select_k: no_above must be in \(0, 1\]"),
    ({"no_below": 0}, "select_k: no_below must be a positive integer"),
    ({"holdout": 0}, r"0 < holdout < 1 \(coherence is held out\)"),
    ({"stability_threshold": -1}, "0 <= stability_threshold <= 1"),
    ({"top_n": 0}, "top_n >= 2"),
    ({"seeds": 1}, "select_k: seeds must be an integer of at least 2"),
    ({"ks": [1, 3]}, "select_k: each of ks must be an integer of at least 2"),
])
def test_select_k_refuses_settings_out_of_range_before_any_fit(corpus, kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        st.select_k(corpus, **{"ks": [2], **kwargs})


def test_a_model_not_fitted_or_not_a_model_for_effects(corpus):
    with pytest.raises(RuntimeError, match="not fitted yet: call fit"):
        st.estimate_effect(st.TopicModel(k=2), "~ year")
    with pytest.raises(TypeError, match="estimate_effect needs a fitted TopicModel, not a Corpus"):
        st.estimate_effect(corpus, "~ year")


def test_save_table_needs_a_dataframe(tmp_path):
    with pytest.raises(TypeError, match="save_table needs a pandas DataFrame .got a list"):
        st.save_table([1, 2], "t", tmp_path)


def test_plot_functions_take_what_the_api_returns(corpus):
    import matplotlib.pyplot as plt

    model = st.TopicModel(k=2, unit="speech", passes=1, iterations=10, min_unit_tokens=1, no_below=1).fit(corpus)
    fig = st.plots.plot_top_words(model.top_words(4, by="frex"))
    first = fig.axes[0]
    frex = model.top_words(4, by="frex").query("topic == 1")
    words = frex["word"].tolist()
    assert [t.get_text() for t in first.get_yticklabels()] == words[::-1]
    # bars are p(word | topic), not the FREX scores, which are near 1 for every top word
    assert [p.get_width() for p in first.patches] == frex["prob"].tolist()[::-1]
    assert first.get_xlabel() == "p(word | topic)"
    # without labels a panel is named in the figure's language, as the other figures' texts are
    assert first.get_title() == "主题 1"
    assert st.plots.plot_top_words(frex, lang="en").axes[0].get_title() == "Topic 1"
    user = st.plots.plot_top_words(frex.drop(columns="prob"))  # a table of one's own: bars its weight
    assert [p.get_width() for p in user.axes[0].patches] == frex["weight"].tolist()[::-1]
    assert user.axes[0].get_xlabel() == "weight"
    overview = st.plots.plot_corpus_overview(corpus)
    assert len(overview.axes) == 2
    with pytest.raises(ValueError, match=r"missing: n_chars\); pass the Corpus itself"):
        st.plots.plot_corpus_overview(corpus.documents)
    assert len(st.plots.plot_top_words(model).axes) >= 2  # the model itself
    with pytest.raises(ValueError, match="plot_top_words: 1 labels for 2 topics"):
        st.plots.plot_top_words(model, labels=["只有一个"])
    with pytest.raises(ValueError, match="plot_stability: 1 labels for 2 topics"):
        st.plots.plot_stability(np.array([0.9, 0.4]), ["只有一个"], threshold=0.5)
    with pytest.raises(TypeError, match="plot_topic_network takes st.topic_correlations"):
        st.plots.plot_topic_network(model)
    groups = st.cluster(corpus, 2, by="policy", seed=0, n_seeds=2)  # the three texts are one by rhetoric
    with pytest.raises(ValueError, match="given its k, so the k rule drew no curve"):
        st.plots.plot_cluster_k(groups)
    plt.close("all")


def test_what_is_not_a_source_a_figure_or_a_prior(tmp_path):
    import matplotlib.pyplot as plt

    for source in ({"text": [TEXT]}, None):
        with pytest.raises(TypeError, match=r"read_corpus reads a path, a list of paths or a DataFrame"):
            st.read_corpus(source)
    with pytest.raises(FileNotFoundError, match=r"texts held in Python: pass pd.DataFrame\(\{'text': texts\}\)"):
        st.read_corpus([TEXT])  # a list of speeches, not of paths
    fig, ax = plt.subplots()
    with pytest.raises(TypeError, match="needs a matplotlib Figure, not Axes: pass its figure, ax.figure"):
        st.save_figure(ax, "x", tmp_path)
    with pytest.raises(ValueError, match=r"formats are any of png, pdf, svg \(got \['jpg'\]\)"):
        st.save_figure(fig, "x", tmp_path, formats=("png", "jpg"))
    assert [p.name for p in st.save_figure(fig, "x", tmp_path, formats="png")] == ["x.png"]
    plt.close(fig)
    with pytest.raises(ValueError, match="alpha must be auto, symmetric, asymmetric or a positive number .*'symetric'"):
        st.TopicModel(k=2, alpha="symetric").check()
    st.TopicModel(k=2, alpha=0.1, eta="symmetric").check()


def test_dates_read_from_the_text_beside_given_ones_are_said(recwarn):
    body = "各位代表：现在，我代表县人民政府向大会报告工作，请予审议。" * 3
    df = pd.DataFrame({"date": ["2020-03-05", None],
                       "text": [body, "（2021年1月8日县第十七届人民代表大会第五次会议通过）\n招商引资" + body]})
    with pytest.warns(UserWarning, match=r"1 of 2 documents have no given date and were dated from their text"):
        corpus = st.read_corpus(df)
    assert corpus.documents["date_inferred"].tolist() == [False, True]
    from speechtopics.stages import document_ledger, ledger_summary, summary_lines

    rows = document_ledger([], [{**d, "source": "df"} for d in corpus.documents.to_dict("records")])
    lines = summary_lines(ledger_summary(rows))
    assert "dates: 1 kept documents have no given date and were dated from their text" in "\n".join(lines)


def test_documents_with_no_date_beside_dated_ones_are_said():
    body = "各位代表：现在，我代表县人民政府向大会报告工作，请予审议。招商引资" * 3
    df = pd.DataFrame({"title": ["报告甲", "报告乙", "报告丙"], "date": ["2020-03-05", None, None],
                       "text": [body, body.replace("县", "市"), body.replace("县", "省")]})
    with pytest.warns(UserWarning, match=r"^2 of 3 documents have no date, given or in their text \(first: '报告乙'\)"):
        corpus = st.read_corpus(df)
    assert corpus.documents["year"].isna().sum() == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        st.read_corpus(df.drop(columns="date"))  # no document dated: nothing to tell apart


def test_topic_trends_do_not_draw_through_years_without_documents():
    import numpy as np

    from speechtopics.plots import plot_topic_trends

    years = [1954, 1955, 1956, 1957, 1975, 1976, 1977, 1978]
    shares = pd.DataFrame(np.full((len(years), 2), 0.5), index=years)
    fig = plot_topic_trends(shares, ["甲", "乙"], n_cols=2, lang="en")
    line = fig.axes[0].lines[0].get_xdata()
    assert np.isnan(line[4]) and line[3] == 1957 and line[5] == 1975  # broken at the gap
    assert "grey: no documents" in fig._suptitle.get_text()


@pytest.mark.parametrize("seed, error, got", [
    ("1", TypeError, "'1', a str"), (1.5, TypeError, "1.5, a float"), (True, TypeError, "True, a bool"),
    (-1, ValueError, "-1"), (2**32, ValueError, "4294967296"),
])
def test_every_entry_point_refuses_a_bad_seed_with_the_same_line(corpus, seed, error, got):
    """One check (arguments.seed_arg): the same type and line, naming the entry point, before any work."""
    model = st.TopicModel(k=2, unit="speech", passes=1, iterations=10, min_unit_tokens=1, no_below=1).fit(corpus)
    project = st.Project("tests/data/small.yaml", use_cache=False)
    calls = {"TopicModel": lambda: st.TopicModel(k=2, seed=seed).fit(corpus),
             "select_k": lambda: st.select_k(corpus, ks=[2], seed=seed),
             "cluster": lambda: st.cluster(corpus, 2, seed=seed),
             "estimate_effect": lambda: st.estimate_effect(model, "~ year", seed=seed),
             "robust_effects": lambda: st.robust_effects("~ year", [model], seed=seed),
             "Project.lda": lambda: project.lda(seed=seed),
             "Project.topic_model": lambda: project.topic_model(k=2, seed=seed),
             "Project.seeded": lambda: project.seeded(seed=seed)}
    for who, call in calls.items():
        with pytest.raises(error) as err:
            call()
        assert str(err.value) == f"{who}: seed must be an integer from 0 to 4294967295 (got {got})"
