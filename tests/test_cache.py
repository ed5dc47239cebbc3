from speechtopics.cache import Cache, hash_obj


def test_cached_computes_once_and_survives_new_instance(tmp_path):
    calls = []
    c = Cache(tmp_path)
    assert c.cached("stage", "k1", lambda: calls.append(1) or {"v": 1}) == {"v": 1}
    assert Cache(tmp_path).cached("stage", "k1", lambda: calls.append(1) or {"v": 2}) == {"v": 1}
    assert calls == [1]


def test_disabled_cache_always_computes(tmp_path):
    c = Cache(tmp_path, enabled=False)
    assert c.cached("s", "k", lambda: 1) == 1
    assert c.cached("s", "k", lambda: 2) == 2


def test_hash_obj_is_order_independent_for_mappings():
    assert hash_obj({"a": 1, "b": [1, 2]}) == hash_obj({"b": [1, 2], "a": 1})
    assert hash_obj({"a": 1}) != hash_obj({"a": 2})


def test_partitions_keep_no_utf8_copy_of_strings_and_round_trip_any_item(tmp_path):
    import pickle
    import sys

    import numpy as np

    from speechtopics.cache import PartitionedList, PartWriter

    text = "".join(["发展经济，改善民生。"] * 500)  # a string that outlives its partition
    size = sys.getsizeof(text)
    writer = PartWriter(tmp_path / "plain", part_size=2)
    for i in range(3):
        writer.append({"doc_id": str(i), "text": text, "tokens": ["发展", "经济"], "year": 2020, "raw": b"\x00"})
    plain = writer.close()
    assert sys.getsizeof(text) == size  # pickle would have kept a UTF-8 copy inside it (sys.getsizeof grows)
    assert list(plain) == [{"doc_id": str(i), "text": text, "tokens": ["发展", "经济"], "year": 2020, "raw": b"\x00"}
                           for i in range(3)]
    odd = [{"theta": np.arange(3.0)}, {"share": np.float64(0.5)}, {"nan": float("nan")}]
    mixed = PartWriter(tmp_path / "odd", part_size=3)
    for item in odd:
        mixed.append(item)
    back = list(mixed.close())
    assert np.array_equal(back[0]["theta"], odd[0]["theta"]) and type(back[1]["share"]) is np.float64
    assert back[2]["nan"] != back[2]["nan"]
    old = tmp_path / "old"  # a partition pickled by an earlier version still reads
    old.mkdir()
    (old / "part-00000.pkl").write_bytes(pickle.dumps([{"a": "一"}], protocol=pickle.HIGHEST_PROTOCOL))
    (old / "parts.json").write_text('{"lengths": [1]}', encoding="utf-8")
    assert list(PartitionedList.open(old)) == [{"a": "一"}]


def test_hash_files_names_each_file_relative_to_its_folder(tmp_path):
    import os
    import shutil

    from speechtopics.cache import hash_files

    raw = tmp_path / "a" / "raw"
    raw.mkdir(parents=True)
    (raw / "2020-01-01_讲话.txt").write_text("同志们：今天开会。", encoding="utf-8")
    (raw / "2020-02-01_报告.txt").write_text("各位代表：现在报告。", encoding="utf-8")
    before = hash_files(sorted(raw.iterdir()), tmp_path / "a")
    assert [name for name, _ in before] == ["raw/2020-01-01_讲话.txt", "raw/2020-02-01_报告.txt"]
    os.utime(raw / "2020-01-01_讲话.txt", (0, 0))  # a new modification time, the same bytes
    assert hash_files(sorted(raw.iterdir()), tmp_path / "a") == before
    shutil.copytree(tmp_path / "a", tmp_path / "b")  # the project folder copied elsewhere
    assert hash_files(sorted((tmp_path / "b" / "raw").iterdir()), tmp_path / "b") == before
    (raw / "2020-01-01_讲话.txt").rename(raw / "2020-01-01_讲话（修订）.txt")  # renamed, the same bytes
    after = hash_files(sorted(raw.iterdir()), tmp_path / "a")
    assert after != before and sorted(h for _, h in after) == sorted(h for _, h in before)


def test_cache_entries_and_part_folders_get_the_modes_of_ordinary_new_files(tmp_path):
    """tempfile makes files 0600 and folders 0700; renamed into place they left a shared project's cache
    unreadable to a co-author. They now have the modes any new file or folder gets under the umask."""
    import os
    import stat

    from speechtopics.safeio import atomic_write_text

    old = os.umask(0o022)
    try:
        c = Cache(tmp_path)
        c.cached("stage", "k", lambda: [1, 2, 3])
        parts = c.cached_parts("parts", "k", lambda: iter([{"n": i} for i in range(5)]), part_size=2)
        written = atomic_write_text(tmp_path / "manifest.json", "{}")
    finally:
        os.umask(old)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) >= 3 and list(parts) == [{"n": i} for i in range(5)]
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o644}
    assert stat.S_IMODE(written.stat().st_mode) == 0o644
    folders = [p for p in tmp_path.rglob("*") if p.is_dir()]
    assert folders and {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o755}
