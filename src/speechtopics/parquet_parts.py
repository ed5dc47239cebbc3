"""A partition of records (a list of dicts) as one Parquet file that reads back as the same records.

Responsibility: the mapping between a stage's records and Arrow columns, so that a stage's stored
partitions are a Parquet dataset a researcher can open with pandas, Dask or DuckDB
(``pandas.read_parquet("data/interim/clean/<key>.parts")``), and that the pipeline reads back equal,
with the same types and key order.

Each key of the records is a column. A column whose values (``None`` aside) all have one of these forms
is a native Arrow column: ``str``, ``int`` (64-bit), ``float``, ``bool``, ``bytes``, a list of ``str``, a
list of lists of ``str``, a list of ``int``. Any other column (a ``dict`` of metadata, a list of dicts,
mixed types) is a string column of JSON when every value reads back from JSON as itself, else a binary
column of :mod:`marshal` (or :mod:`pickle`) bytes; the file's schema metadata (``speechtopics``) names
these columns and how they are encoded. When records differ in their keys or key order, a ``__keys__``
column lists each record's own keys. Lists of strings are read back through one dictionary per column,
so a token that occurs many times in a partition is one string object, as :mod:`marshal` would give.

Hand-written because no library maps Python records to Arrow and back exactly: ``pyarrow``'s
``Table.from_pylist`` fills missing keys with nulls, coerces mixed ints and floats and turns tuples and
dicts into lists and structs (structs gain the keys of every other row).
"""

from __future__ import annotations

import json
import marshal
import math
import os
import pickle
from pathlib import Path

from speechtopics.safeio import temp_file

__all__ = ["records_table", "table_records", "write_records", "read_records", "is_plain", "pack_value",
           "unpack_value"]

_META = b"speechtopics"
_KEYS = "__keys__"
_INT64 = (-(1 << 63), (1 << 63) - 1)

#: Types marshal writes and reads back as themselves (exact types only: a subclass, a NumPy scalar or
#: any other object with the buffer protocol would come back as something else, e.g. bytes).
_MARSHAL_EXACT = frozenset({str, int, float, bool, type(None), bytes, complex})


def is_plain(obj) -> bool:
    """Whether ``obj`` is plain data that :mod:`marshal` gives back equal and of the same types: ``str``,
    ``int``, ``float``, ``bool``, ``None``, ``bytes`` and lists, tuples and dicts of them (exact types).

    Examples
    --------
    >>> import numpy as np
    >>> is_plain([{"text": "发展", "tokens": ["发展"], "year": 2020, "meta": None}]), is_plain([np.int64(3)])
    (True, False)
    """
    kind = type(obj)
    if kind in _MARSHAL_EXACT:
        return True
    if kind is dict:
        if not (set(map(type, obj)) <= _MARSHAL_EXACT or all(map(is_plain, obj))):  # keys
            return False
        items = obj.values()
    elif kind is list or kind is tuple:
        items = obj
    else:
        return False
    # one look at the types of all items; a call only for the containers among them
    return set(map(type, items)) <= _MARSHAL_EXACT or all(is_plain(v) for v in items if type(v) not in _MARSHAL_EXACT)


def _form(v) -> str | None:
    """The native form of one value, "" for an empty list (fits any list form), None for no native form."""
    kind = type(v)
    if kind is str:
        return "str"
    if kind is bool:
        return "bool"
    if kind is int:
        return "int" if _INT64[0] <= v <= _INT64[1] else None
    if kind is float:
        return "float"
    if kind is bytes:
        return "bytes"
    if kind is list:
        if not v:
            return ""
        inner = set(map(type, v))
        if inner == {str}:
            return "list[str]"
        if inner == {int}:
            return "list[int]" if all(_INT64[0] <= x <= _INT64[1] for x in v) else None
        if inner == {list} and all(set(map(type, x)) <= {str} for x in v):
            return "list[list[str]]"
    return None


def _arrow_type(form: str):
    import pyarrow as pa

    # a column with no value in this part is typed as text, not Arrow's null type: a dataset's parts are
    # read with the first part's schema, and no column can be cast to null (pandas.read_parquet failed
    # on a clean stage whose first part had no date_conflict), while text casts to the others' types
    return {"null": pa.string(), "str": pa.string(), "bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(),
            "bytes": pa.binary(), "list[str]": pa.list_(pa.string()), "list[int]": pa.list_(pa.int64()),
            "list[list[str]]": pa.list_(pa.list_(pa.string()))}[form]


def _native_array(values: list, form: str):
    """The Arrow array of a column of one native form, or None when Arrow refuses a value (a string
    with a lone surrogate, which UTF-8 cannot hold).

    Strings are encoded here and the bytes viewed as strings: handing ``str`` objects to Arrow would
    leave a UTF-8 copy cached inside each (CPython keeps it for the string's lifetime), so a long text
    that outlives its partition would cost 1.5 times its size again."""
    import pyarrow as pa

    try:
        if form == "str":
            return pa.array([None if v is None else v.encode("utf-8") for v in values], pa.binary()).view(pa.string())
        return pa.array(values, type=_arrow_type(form))
    except (UnicodeEncodeError, pa.ArrowException):
        return None


def _json_array(values: list):
    """A string column of the values as JSON, or None unless every value reads back from JSON as itself."""
    import pyarrow as pa

    if not all(map(_json_exact, values)):
        return None
    try:
        return pa.array([None if v is None else json.dumps(v, ensure_ascii=False).encode("utf-8") for v in values],
                        pa.binary()).view(pa.string())
    except UnicodeEncodeError:  # a lone surrogate
        return None


_JSON_SCALARS = frozenset({str, bool, int, type(None)})


def _json_exact(v) -> bool:
    """Whether ``json.loads(json.dumps(v))`` gives ``v`` back with the same types."""
    kind = type(v)
    if kind in _JSON_SCALARS:
        return True
    if kind is float:
        return math.isfinite(v)
    if kind is list:
        return set(map(type, v)) <= _JSON_SCALARS or all(map(_json_exact, v))
    if kind is dict:
        return (set(map(type, v)) <= {str}
                and (set(map(type, v.values())) <= _JSON_SCALARS or all(map(_json_exact, v.values()))))
    return False


def pack_value(value) -> bytes:
    """``value`` as bytes: :mod:`marshal` when that gives the same value back (plain data,
    :func:`is_plain`: checked by type, not by reading the bytes back), else :mod:`pickle`.

    Why not always pickle: CPython's pickler keeps the UTF-8 encoding of every non-ASCII string it
    writes inside the string object, for the string's lifetime, so a string that outlives its
    partition costs its UTF-8 copy too (1.5 times its own size for Chinese text); marshal encodes into
    a temporary. Both keep shared objects shared and dict order; :func:`unpack_value` tells the two
    apart by the first byte."""
    try:
        if is_plain(value):
            return marshal.dumps(value, 4)
    except (RecursionError, ValueError):  # nested too deep
        pass
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def unpack_value(data: bytes):
    """The value :func:`pack_value` packed (pickle's bytes start with its PROTO opcode, 0x80)."""
    return pickle.loads(data) if data[:1] == b"\x80" else marshal.loads(data)


def records_table(items: list):
    """The Arrow table of ``items`` (a list of dicts with string keys), or None when ``items`` is not
    such a list (the caller stores it another way)."""
    import pyarrow as pa

    if type(items) is not list or not all(type(it) is dict for it in items):
        return None
    names: dict[str, None] = {}
    for it in items:
        names.update(dict.fromkeys(it))
    if not all(type(k) is str for k in names) or _KEYS in names:
        return None
    order = tuple(names)
    arrays, encoded = {}, {}
    for name in order:
        values = [it.get(name) for it in items]
        forms = {_form(v) for v in values if v is not None}
        if len(forms) > 1:
            forms.discard("")  # an empty list takes the form of the others
        native = None
        if len(forms) <= 1 and None not in forms:
            native = _native_array(values, next(iter(forms), "null") or "list[str]")
        if native is not None:
            arrays[name] = native
        elif (as_json := _json_array(values)) is not None:
            encoded[name] = "json"
            arrays[name] = as_json
        else:
            encoded[name] = "marshal"
            arrays[name] = pa.array([None if v is None else pack_value(v) for v in values], type=pa.binary())
    if any(tuple(it) != order for it in items):
        arrays[_KEYS] = pa.array([list(it) for it in items], type=pa.list_(pa.string()))
    table = pa.table(arrays) if arrays else pa.table({_KEYS: pa.array([[] for _ in items], pa.list_(pa.string()))})
    return table.replace_schema_metadata({_META: json.dumps({"encoded": encoded}).encode("utf-8")})


def _shared_string_lists(column) -> list:
    """A list<string> column (read as list<dictionary<string>>, see :func:`read_records`) as Python
    lists whose equal strings are one object."""
    import numpy as np
    import pyarrow as pa

    arr = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    offsets = np.asarray(arr.offsets)
    values = arr.values.slice(int(offsets[0]), int(offsets[-1] - offsets[0]))
    if not pa.types.is_dictionary(values.type):
        values = values.dictionary_encode()
    words = values.dictionary.to_pylist()
    tokens = list(map(words.__getitem__, values.indices.to_numpy(zero_copy_only=False).tolist()))
    bounds = (offsets - offsets[0]).tolist()
    rows = [tokens[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    if arr.null_count:
        for i, valid in enumerate(arr.is_valid().to_pylist()):
            if not valid:
                rows[i] = None
    return rows


def table_records(table) -> list[dict]:
    """The records of a table made by :func:`records_table` (the inverse)."""
    import pyarrow as pa

    meta = json.loads((table.schema.metadata or {}).get(_META, b"{}"))
    encoded = meta.get("encoded", {})
    columns = {}
    for name in table.column_names:
        col = table.column(name)
        if name in encoded:
            decode = json.loads if encoded[name] == "json" else unpack_value
            columns[name] = [None if v is None else decode(v) for v in col.to_pylist()]
        elif pa.types.is_list(col.type) and (pa.types.is_string(col.type.value_type)
                                             or pa.types.is_dictionary(col.type.value_type)) and len(col):
            columns[name] = _shared_string_lists(col)
        else:
            columns[name] = col.to_pylist()
    keys = columns.pop(_KEYS, None)
    names = list(columns)
    rows = [dict(zip(names, row)) for row in zip(*columns.values())] if names else [{} for _ in range(table.num_rows)]
    if keys is not None:
        rows = [{k: row[k] for k in own} for row, own in zip(rows, keys)]
    return rows


def write_records(items: list, path: str | Path) -> bool:
    """Write ``items`` to the Parquet file ``path`` (atomically: a temporary file, then a rename); False
    (nothing written) when they are not records :func:`records_table` can store."""
    import pyarrow.parquet as pq

    table = records_table(items)
    if table is None:
        return False
    path = Path(path)
    fd, tmp = temp_file(path.parent)
    os.close(fd)
    # uncompressed, as the marshal files they replace: compressing took 4 times as long as the rest of
    # writing (zstd level 1: 0.045 s of 0.055 s for 256 clean speeches, 13.6 MB)
    pq.write_table(table, tmp, compression="none")
    os.replace(tmp, path)
    return True


def read_records(path: str | Path) -> list[dict]:
    """The records of a Parquet file written by :func:`write_records`."""
    import pyarrow.parquet as pq

    import pyarrow as pa

    schema = pq.read_schema(path)
    lists = [f"{f.name}.list.element" for f in schema
             if f.type == pa.list_(pa.string()) and f.name != _KEYS]
    return table_records(pq.read_table(path, read_dictionary=lists or None))
