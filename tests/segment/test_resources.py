"""Word lists of the segment stage: an edited file is read again in the same process."""

from __future__ import annotations

from speechtopics.segment import SegmentConfig
from speechtopics.segment.chain import tokenize
from speechtopics.segment.resources import load_resources

TEXT = "我们要坚持绿水青山就是金山银山理念，推动高质量发展。"
LOCAL = "加快建设县域商业体系，完善农村物流配送网络。"


def _cfg(**kw) -> SegmentConfig:
    return SegmentConfig(workers=1, cache=False, **kw)


def test_a_stopword_added_to_the_list_is_used_by_the_next_call(tmp_path):
    stop = tmp_path / "stop.txt"
    stop.write_text("我们\n", encoding="utf-8")
    cfg = _cfg(stopword_lists=(str(stop),))
    before = tokenize(TEXT, cfg)["tokens"]
    assert "理念" in before
    stop.write_text("我们\n理念\n", encoding="utf-8")
    assert "理念" in load_resources(cfg).stopwords
    after = tokenize(TEXT, cfg)["tokens"]
    assert "理念" not in after and [t for t in before if t != "理念"] == after


def test_a_term_added_to_a_lexicon_is_kept_whole_by_the_next_call(tmp_path):
    lexicon = tmp_path / "terms.tsv"
    lexicon.write_text("term\tfreq\tpos\tsource\n高质量\t1000\tn\tmine\n", encoding="utf-8")
    cfg = _cfg(user_lexicons=(str(lexicon),))
    assert "县域商业体系" not in tokenize(LOCAL, cfg)["tokens"]
    with open(lexicon, "a", encoding="utf-8") as fh:
        fh.write("县域商业体系\t100000\tnz\tmine\n")
    assert "县域商业体系" in tokenize(LOCAL, cfg)["tokens"]


def test_unchanged_lists_are_read_once(tmp_path):
    stop = tmp_path / "stop.txt"
    stop.write_text("我们\n", encoding="utf-8")
    cfg = _cfg(stopword_lists=(str(stop),))
    first = load_resources(cfg)
    assert load_resources(cfg) is first
    stop.write_text("我们\n推动\n", encoding="utf-8")
    second = load_resources(cfg)
    assert second is not first and second.dict_hash != first.dict_hash


def test_an_edit_of_the_same_size_with_the_old_modification_time_is_read_again(tmp_path):
    # a word swapped for one of the same length, the file's time put back (os.utime, rsync -t, cp -p)
    import os

    stop = tmp_path / "stop.txt"
    stop.write_text("我们\n理念\n", encoding="utf-8")
    cfg = _cfg(stopword_lists=(str(stop),))
    before = load_resources(cfg)
    assert "理念" not in tokenize(TEXT, cfg)["tokens"]
    st = stop.stat()
    stop.write_text("我们\n推动\n", encoding="utf-8")
    os.utime(stop, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert stop.stat().st_size == st.st_size and stop.stat().st_mtime_ns == st.st_mtime_ns
    after = load_resources(cfg)
    assert after.dict_hash != before.dict_hash and "推动" in after.stopwords
    tokens = tokenize(TEXT, cfg)["tokens"]
    assert "理念" in tokens and "推动" not in tokens


def test_a_lexicon_source_edited_to_formula_changes_the_hash_and_the_formulas(tmp_path):
    # the source column decides the formulas layer (hand:formula): the stage caches keyed by dict_hash
    # must not serve the tokens of the file before the edit
    lexicon = tmp_path / "terms.tsv"
    lexicon.write_text("term\tfreq\tpos\tsource\n县域商业体系\t100000\tnz\tmine\n", encoding="utf-8")
    cfg = _cfg(user_lexicons=(str(lexicon),))
    before, first = tokenize(LOCAL, cfg), load_resources(cfg).dict_hash
    lexicon.write_text("term\tfreq\tpos\tsource\n县域商业体系\t100000\tnz\thand:formula\n", encoding="utf-8")
    after, second = tokenize(LOCAL, cfg), load_resources(cfg).dict_hash
    assert "县域商业体系" not in before["formulas"] and "县域商业体系" in after["formulas"]
    assert second != first


def test_the_paragraph_cache_folder_follows_a_word_lists_contents_not_its_place(tmp_path):
    # a project folder copied elsewhere: its own stopword list has a new absolute path, the same bytes
    from speechtopics.segment.cache import options_key

    keys = []
    for place in ("one", "copy"):
        (tmp_path / place).mkdir()
        (tmp_path / place / "stop.txt").write_text("我们\n理念\n", encoding="utf-8")
        keys.append(options_key(_cfg(stopword_lists=(str(tmp_path / place / "stop.txt"),))))
    assert keys[0] == keys[1]
    (tmp_path / "copy" / "stop.txt").write_text("我们\n推动\n", encoding="utf-8")
    assert options_key(_cfg(stopword_lists=(str(tmp_path / "copy" / "stop.txt"),))) != keys[0]
