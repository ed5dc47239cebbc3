"""Fuzzing the ingest layer: random bytes, names that are not UTF-8, nested folders, links, empty files.

Property: :func:`read_path` raises nothing and every entry on disk is a record or a ledger row (itself,
a folder above it, or a record read through it). Deterministic (``derandomize``) so CI sees one run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oddtree import accounts, build, leaves

from speechtopics.filewalk import shown_path
from speechtopics.ingest import iter_files, read_path

NAME_PIECES = [b"a", b"b", b"\xe8\xae\xb2", b"\xff", b"\xe9", b".", b" ", b"\n", b"\\", b"#", b"-", b"~"]
SUFFIXES = [b"", b".txt", b".md", b".html", b".json", b".jsonl", b".csv", b".TXT", b".docx"]
TEXTS = {"utf-8": "同志们：今天我们召开全县经济工作会议，主要任务是总结成绩，部署工作。",
         "big5": "在縣政府第一次全體會議上的講話，經濟社會發展取得新成績。"}
ENCODED = [TEXTS["utf-8"].encode("utf-8"), TEXTS["utf-8"].encode("gb18030"), TEXTS["big5"].encode("big5"),
           TEXTS["utf-8"].encode("utf-16")]

names = st.builds(lambda pieces, suffix: b"".join(pieces) + suffix,
                  st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=4), st.sampled_from(SUFFIXES)
                  ).filter(lambda n: n not in (b".", b".."))
paths = st.lists(names, min_size=1, max_size=3)
texts = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda data, cut, junk: data[:cut] + junk + data[cut:],
              st.sampled_from(ENCODED), st.integers(0, 90), st.binary(max_size=3)),
    st.builds(lambda rows: b"\n".join(rows),
              st.lists(st.sampled_from([b'{"text": "\xe8\xae\xb2\xe8\xaf\x9d"}', b"{broken", b"[1]", b"",
                                        b"title,text", b'x,"\xe8\xae\xb2', b"\x00", b"\xef\xbb\xbf"]),
                       max_size=6)),
)


def _hex(name: bytes) -> str:
    return "hex:" + name.hex()


entry = st.one_of(
    st.builds(lambda p, data: {"path": [_hex(n) for n in p], "kind": "file", "hex": data.hex()}, paths, texts),
    st.builds(lambda p: {"path": [_hex(n) for n in p], "kind": "dir"}, paths),
    st.builds(lambda p: {"path": [_hex(n) for n in p], "kind": "fifo"}, paths),
    st.builds(lambda p, t: {"path": [_hex(n) for n in p], "kind": "symlink", "target": _hex(b"/".join(t))},
              paths, st.lists(st.sampled_from([b"..", b".", b"a", b"b.txt", b"\xff", b"nowhere"]), min_size=1,
                              max_size=3)),
)


@settings(max_examples=50, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(entry, max_size=12))
def test_every_entry_is_accounted_for_and_nothing_raises(spec):
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-")).resolve()
    try:
        root = tmp / "in"
        root.mkdir()
        build(os.fsencode(root), spec, strict=False)
        records, ledger = read_path(root)
        sources = {row["source"] for row in [*records, *ledger]}
        for leaf in leaves(os.fsencode(root)):
            shown = shown_path(Path(os.fsdecode(leaf)))
            assert any(accounts(s, shown) for s in sources), f"{shown!r} not accounted for"
        assert all(isinstance(r["source"], str) and r["source"].encode("utf-8") for r in [*records, *ledger])
        assert all(f.is_file() for f in iter_files(root))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
