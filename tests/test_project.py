"""The Project on a small real sample: every document accounted for, stages cached, reruns identical."""

from pathlib import Path

import numpy as np
import pytest

from speechtopics import paths
from speechtopics.config import load_config
from speechtopics.models.cluster_features import topic_words_table
from speechtopics.project import Project

SMALL = Path(__file__).parent / "data" / "small.yaml"


@pytest.fixture()
def small_cfg(tmp_path: Path):
    cfg = load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim")})
    return cfg


def test_every_input_document_is_in_corpus_or_ledger(small_cfg):
    pipe = Project(small_cfg)
    records, _ = pipe.ingested
    n_files = len(pipe.input_files)
    assert len(records) == n_files
    ledger = pipe.ledger()
    assert {r["doc_id"] for r in ledger} == {r["doc_id"] for r in records}
    assert all(r["reason"] for r in ledger if r["status"] != "kept")
    assert len(pipe.kept) >= n_files - 1


def test_second_run_is_served_from_cache_and_identical(small_cfg):
    first = Project(small_cfg)
    run1 = first.lda()
    assert "lda" in first.cache.misses
    second = Project(small_cfg)
    run2 = second.lda()
    assert second.cache.misses == []
    assert set(second.cache.hits) == {"corpus", "lda"}
    np.testing.assert_array_equal(run1.topic_word, run2.topic_word)


def test_from_empty_cache_lda_is_exact(small_cfg, tmp_path):
    a = Project(small_cfg, use_cache=False).lda()
    b = Project(small_cfg, use_cache=False).lda()
    np.testing.assert_array_equal(a.topic_word, b.topic_word)
    np.testing.assert_array_equal(a.theta, b.theta)


def test_units_keep_doc_ids_of_kept_documents(small_cfg):
    pipe = Project(small_cfg)
    kept_ids = {d["doc_id"] for d in pipe.kept}
    units = pipe.corpus["units"]
    assert units and {u["doc_id"] for u in units} <= kept_ids
    assert paths.REPO.exists()


def test_document_without_tokens_is_in_the_ledger(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "speech.txt").write_text(
        "在全县经济工作会议上的讲话\n同志们：今天我们召开全县经济工作会议，总结经济发展成绩，部署招商引资和项目建设，"
        "推进乡村振兴和生态环保工作。经济发展稳中向好，项目建设提速，乡村振兴扎实推进。\n" * 3, encoding="utf-8")
    (src / "numbers.txt").write_text("2021年 2022年 2023年 100 200 300 ，。；" * 20, encoding="utf-8")
    cfg = load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim"),
                                        "inputs": [{"path": str(src), "name": "t"}],
                                        "corpus.min_unit_tokens": 1, "corpus.no_below": 1})
    pipe = Project(cfg)
    rows = {r["source"].rsplit("/", 1)[-1]: r for r in pipe.ledger()}
    assert rows["speech.txt"]["status"] == "kept"
    assert rows["numbers.txt"]["status"] == "dropped" and rows["numbers.txt"]["reason"]


def test_speech_clusters_of_the_chosen_model_cached(tmp_path):
    cfg = load_config(SMALL, overrides={"output.interim": str(tmp_path / "interim"), "lda.sweep_ks": [2, 3],
                                        "lda.sweep_seeds": 2, "lda.sweep_passes": 2, "lda.sweep_iterations": 20,
                                        "cluster.k": 3, "cluster.n_seeds": 2})
    project = Project(cfg)
    table = project.speech_clusters()
    assert list(table.columns) == ["doc_id", "display_name", "cluster", "distance"]
    assert set(table["doc_id"]) == {u["doc_id"] for u in project.corpus["units"]}
    assert set(table["cluster"]) == {1, 2, 3}
    details = project.speech_clusters(details=True)
    assert details.k == 3 and details.seeds == [7, 8] and details.assignments.equals(table)
    assert project.chosen_k() == project.sweep().best_k_ in (2, 3)
    # the topic_t features are the run's own topics at the chosen K: their words come with them
    k = project.chosen_k()
    run = project.lda(k, details.reported_seed)
    assert details.topic_words.equals(topic_words_table(run.topic_word, project.corpus["dictionary"]))
    assert len(details.topic_words) == k * 10
    assert {f for f in details.features["feature"] if f.startswith("topic_")} == {f"topic_{t}" for t in range(1, k + 1)}
    again = Project(cfg)
    assert again.speech_clusters().equals(table) and "speech_clusters" in again.cache.hits
    assert again.speech_clusters(details=True).topic_words.equals(details.topic_words)
    assert "sweep" not in again.cache.misses and "lda" not in again.cache.misses


def test_a_corpus_too_small_for_the_sweep_is_one_line_and_exit_2(tmp_path):
    import subprocess
    import sys

    cfg = tmp_path / "tiny.yaml"
    cfg.write_text(f"""seed: 1
inputs:
  - path: {paths.REPO / 'data' / 'raw' / 'sample_pages'}
    name: t
    glob: "*.txt"
segment:
  workers: 1
lda:
  sweep_ks: [5, 50]
output:
  interim: {tmp_path / 'interim'}
""", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "speechtopics.cli", "run", "--config", str(cfg), "--no-notebooks"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "too few for K=50" in errors[0]
    assert not (tmp_path / "interim" / "sweep").exists()
    ledger = tmp_path / "data" / "processed" / "ledger.csv"  # the ledger the message points to is written
    assert ledger.exists() and errors[0].endswith(f"({ledger})") and "documents:" in out.stdout


def test_an_input_that_loses_many_documents_is_named_and_strict_exits_1(tmp_path):
    import subprocess
    import sys

    speech = "同志们：今天我们召开全县经济工作会议，部署招商引资和项目建设，推进乡村振兴和生态环保工作。" * 4
    rows = [f"{speech}", "", "", "   ", f"{speech}（二）"]
    (tmp_path / "speeches.csv").write_text("text,title\n" + "".join(f"{t},第{i}篇\n" for i, t in enumerate(rows)),
                                           encoding="utf-8")
    cfg = tmp_path / "config.yaml"
    cfg.write_text("""seed: 1
ingest:
  inputs:
    - {path: speeches.csv, name: county}
segment: {workers: 1}
corpus: {min_unit_tokens: 1, no_below: 1}
lda: {choose_k: false, k: 2, passes: 1, iterations: 10}
report: {execute_notebooks: false}
""", encoding="utf-8")
    base = [sys.executable, "-m", "speechtopics.cli", "run", "--config", str(cfg)]
    loose = subprocess.run(base, capture_output=True, text=True, timeout=300)
    assert loose.returncode == 0, loose.stderr
    assert "warning: input 'county': 3 of 5 documents (60%) left out, most often: empty text field" in loose.stderr
    assert "60.0%  empty text field 'text'" in loose.stdout
    strict = subprocess.run([*base, "--strict"], capture_output=True, text=True, timeout=300)
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert strict.stderr.strip().splitlines()[-1].startswith("error: 1 input(s) lost more than 20%")


def test_a_run_warns_about_an_id_column_that_repeats_a_value_and_its_summary_counts_it(tmp_path):
    speech = "同志们：今天我们召开全县经济工作会议，部署招商引资和项目建设，推进乡村振兴和生态环保工作。" * 4
    rows = [("s0", speech + "（一）"), ("s1", speech.replace("经济", "农村")), ("s1", speech.replace("招商", "改革"))]
    (tmp_path / "speeches.csv").write_text("uid,text\n" + "".join(f"{u},{t}\n" for u, t in rows), encoding="utf-8")
    (tmp_path / "config.yaml").write_text("""seed: 1
ingest:
  inputs:
    - {path: speeches.csv, name: county, id_field: uid}
segment: {workers: 1}
corpus: {min_unit_tokens: 1, no_below: 1}
lda: {choose_k: false, k: 2, passes: 1, iterations: 10}
report: {execute_notebooks: false}
""", encoding="utf-8")
    said, warned = [], []
    summary = Project(tmp_path / "config.yaml").run(notebooks=False, echo=said.append, warn=warned.append)
    assert warned == ["warning: input 'county': id column 'uid': 1 value is given to several rows "
                      "('s1': speeches.csv#row3, speeches.csv#row4); source_id is not unique"]
    assert summary["repeated_ids"] == 1 and not summary["warnings"]  # not a loss: --strict does not stop
    assert any(line.startswith("ids: 1 id value given to several rows of one input") for line in said)


def test_a_model_with_more_topics_than_documents_is_warned_about(small_cfg):
    """Section units allow more topics than speeches; a run warns as TopicModel does, naming both."""
    pipe = Project(small_cfg)
    n_docs = len({u["doc_id"] for u in pipe.corpus["units"]})
    assert n_docs < len(pipe.corpus["units"])
    with pytest.warns(UserWarning, match=rf"K={n_docs + 1} topics for {n_docs} documents"):
        pipe.check_corpus(n_docs + 1, f"lda K={n_docs + 1}")


def test_a_stopword_list_edited_between_two_projects_in_one_session_is_read_again(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i, topic in enumerate(("招商引资和项目建设", "乡村振兴和生态环保", "教育医疗和社会保障")):
        (src / f"speech{i}.txt").write_text(
            f"在全县工作会议上的讲话\n同志们：今天我们召开全县工作会议，部署{topic}工作。经济发展稳中向好，"
            f"{topic}扎实推进，各项工作取得新成效。\n" * 3, encoding="utf-8")
    stop = tmp_path / "stop.txt"
    stop.write_text("我们\n", encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"inputs: [{{path: {src}}}]\nsegment: {{workers: 1, stopword_lists: [{stop}]}}\n"
                      "corpus: {unit: speech, min_unit_tokens: 1, no_below: 1, no_above: 1.0}\n", encoding="utf-8")

    def vocabulary():  # a new Project, as a notebook cell run again builds one
        return set(Project(config).corpus["dictionary"].token2id)

    assert "会议" in vocabulary()
    stop.write_text("我们\n会议\n", encoding="utf-8")
    assert "会议" not in vocabulary()


def test_a_notebook_parameter_that_is_not_true_or_false_is_refused(small_cfg):
    """``use_cache = "no"`` in a notebook's parameters cell was true: the cache stayed on in silence."""
    from speechtopics import Project

    with pytest.raises(TypeError, match=r"^Project: use_cache must be True or False \(got 'no', a str\)$"):
        Project(small_cfg, use_cache="no")
    with pytest.raises(TypeError, match="progress must be True or False"):
        Project(small_cfg, progress=1)


def test_speech_clusters_of_a_table_with_an_id_column_carry_it_as_source_id(tmp_path):
    """``speechtopics.cluster`` gave ``source_id``; the project's own clusters did not, so a user could not
    join them back to the sheet by its id."""
    topics = ("招商引资和项目建设", "乡村振兴和生态环保", "教育医疗和社会保障", "党风廉政和作风建设")
    rows = [(f"HB-{i}", f"同志们：今天我们召开全县工作会议，部署{topics[i % 4]}工作。{topics[i % 4]}扎实推进，取得新成效。" * 3)
            for i in range(8)]
    (tmp_path / "speeches.csv").write_text("uid,text\n" + "".join(f"{u},{t}\n" for u, t in rows), encoding="utf-8")
    (tmp_path / "config.yaml").write_text("""seed: 1
ingest:
  inputs:
    - {path: speeches.csv, name: county, id_field: uid}
segment: {workers: 1}
corpus: {unit: speech, min_unit_tokens: 1, no_below: 1, no_above: 1.0}
lda: {choose_k: false, k: 2, passes: 1, iterations: 10}
cluster: {k: 2, n_seeds: 2}
""", encoding="utf-8")
    project = Project(tmp_path / "config.yaml")
    table = project.speech_clusters()
    assert list(table.columns) == ["doc_id", "display_name", "cluster", "distance", "source_id"]
    by_doc = {d["doc_id"]: d["meta"]["source_id"] for d in project.segmented}
    assert table["source_id"].tolist() == [by_doc[d] for d in table["doc_id"]]
    assert sorted(table["source_id"]) == sorted(u for u, _ in rows)
    assert project.speech_clusters(details=True).assignments.equals(table)


def test_a_project_takes_overrides_on_top_of_its_config_file_or_object(small_cfg):
    from speechtopics import Project
    from speechtopics.config import ConfigError

    by_path = Project(SMALL, overrides={"lda.k": 4, "seed": 11}, use_cache=False)
    by_object = Project(small_cfg, overrides={"lda.k": 4, "seed": 11}, use_cache=False)
    assert (by_path.config.lda.k, by_path.config.seed) == (4, 11)
    assert (by_object.config.lda.k, by_object.config.seed) == (4, 11)
    assert by_path.paths == Project(SMALL, use_cache=False).paths
    with pytest.raises(ConfigError, match="unknown key 'kk'"):
        Project(SMALL, overrides={"lda.kk": 4})
