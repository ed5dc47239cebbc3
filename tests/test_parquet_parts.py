import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from speechtopics.parquet_parts import read_records, records_table, write_records
from speechtopics.partitions import MANIFEST, PartitionedList, write_parts


def same(a: list, b: list) -> bool:
    """Equal, with the same key order and the same type for every value (recursively)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and np.isnan(a):
        return np.isnan(b)
    return a == b


ODD = [
    {"doc_id": "a", "year": 2020, "share": 0.5, "ok": True, "tokens": ["发展", "经济", "发展"], "raw": b"\x00\xff",
     "meta": {"speaker": "县长", "level": 3}, "paragraphs": [[], ["一", "二"]], "ids": [1, 2], "date": None},
    {"year": 2021, "doc_id": "b", "share": float("nan"), "ok": False, "tokens": [], "meta": {},
     "paragraphs": [["三"]], "ids": [], "date": None, "pair": ("x", 1)},  # other key order, a tuple
    {"doc_id": "c", "year": 10**30, "share": 1, "ok": None, "tokens": None, "meta": {"n": np.int64(3)},
     "paragraphs": [], "ids": [3], "date": None, "lone": "\ud800"},  # huge int, int in a float column
]


def test_records_read_back_equal_with_types_and_key_order(tmp_path):
    path = tmp_path / "odd.parquet"
    assert write_records(ODD, path)
    assert same(read_records(path), ODD)
    table = pq.read_table(path)
    assert table.schema.field("doc_id").type == "string" and table.schema.field("date").type == "string"  # no value: text, never Arrow null
    assert str(table.schema.field("tokens").type) == "list<element: string>"  # native, readable anywhere
    assert "__keys__" in table.column_names  # the records differ in keys and order


def test_repeated_tokens_come_back_as_one_string_object(tmp_path):
    write_records([{"tokens": ["改革" + "开放"] * 3}, {"tokens": ["改革开放"]}], tmp_path / "t.parquet")
    back = read_records(tmp_path / "t.parquet")
    assert len({id(t) for d in back for t in d["tokens"]}) == 1


@pytest.mark.parametrize("items", [[1, 2], [("a", 1)], [{1: "x"}], [{"__keys__": 1}]])
def test_what_is_not_records_is_left_to_the_caller(tmp_path, items):
    assert records_table(items) is None and not write_records(items, tmp_path / "x.parquet")
    assert not (tmp_path / "x.parquet").exists()


def test_empty_and_keyless_records(tmp_path):
    for items in ([], [{}, {}], [{}, {"a": 1}]):
        write_records(items, tmp_path / "e.parquet")
        assert same(read_records(tmp_path / "e.parquet"), items)


def test_stored_partitions_are_a_parquet_dataset_pandas_reads(tmp_path):
    docs = [{"doc_id": f"d{i}", "year": 2000 + i if i % 4 else None, "tokens": ["改革", str(i)]} for i in range(10)]
    stored = write_parts(tmp_path / "clean", docs, part_size=4)
    assert same(list(stored), docs) and all(f.endswith(".parquet") for f in stored.files)
    assert (tmp_path / "clean" / MANIFEST).exists()
    frame = pd.read_parquet(tmp_path / "clean")  # the manifest is skipped: its name starts with "_"
    assert sorted(frame["doc_id"]) == sorted(d["doc_id"] for d in docs)
    assert PartitionedList.open(tmp_path / "clean") == docs
    other = write_parts(tmp_path / "pairs", [(1, "a"), (2, "b")], part_size=1)  # not records: marshal files
    assert other.files == ["part-00000.pkl", "part-00001.pkl"] and list(other) == [(1, "a"), (2, "b")]


def test_pandas_reads_a_dataset_whose_first_part_has_no_value_in_a_column(tmp_path):
    import pandas as pd

    from speechtopics.parquet_parts import write_records

    folder = tmp_path / "clean.parts"
    folder.mkdir()
    write_records([{"doc_id": "a", "date_conflict": None}], folder / "part-0.parquet")
    write_records([{"doc_id": "b", "date_conflict": "2004"}], folder / "part-1.parquet")
    frame = pd.read_parquet(folder)
    assert frame["doc_id"].tolist() == ["a", "b"] and frame["date_conflict"].tolist()[1] == "2004"
