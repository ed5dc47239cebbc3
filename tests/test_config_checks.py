"""A config file that is not YAML, or not UTF-8, is refused in one line saying where and what to do
(``speechtopics.config_checks.describe_yaml_error`` / ``describe_decode_error`` through ``load_config``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechtopics.config import ConfigError, load_config

GOOD = "seed: 1\nlda:\n  k: 5\n  passes: 2\n"


def _refusal(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return message[len(f"{path}: "):]


def test_a_tab_is_refused_naming_its_line_and_the_fix(tmp_path: Path):
    path = tmp_path / "config.yaml"
    path.write_text(GOOD.replace("  passes", "\tpasses"), encoding="utf-8")
    message = _refusal(path)
    assert message.startswith("not valid YAML at line 4, column 1: found character")
    assert message.endswith("(indent with spaces, not tabs)")


def test_an_unclosed_list_names_where_it_starts(tmp_path: Path):
    path = tmp_path / "config.yaml"
    path.write_text(GOOD + "  sweep_ks: [5, 10\n", encoding="utf-8")
    assert "(in what starts on line 5)" in _refusal(path)


def test_a_full_width_colon_is_named(tmp_path: Path):
    path = tmp_path / "config.yaml"
    path.write_text(GOOD.replace("passes: 2", "passes\uff1a 2") + "  top_n: 3\n", encoding="utf-8")
    message = _refusal(path)
    assert message.startswith("not valid YAML at line ")
    assert "full-width colon" in message


@pytest.mark.parametrize("encoding, expected", [
    ("gbk", "not UTF-8 text (byte 0xd6 on line 2; GBK or another legacy encoding?): save the file as UTF-8"),
    ("utf-16", "UTF-16 text, not UTF-8: save the file as UTF-8"),
])
def test_a_file_not_in_utf8_says_so_and_where(tmp_path: Path, encoding: str, expected: str):
    path = tmp_path / "config.yaml"
    path.write_bytes(("seed: 1\n# 种子\n").encode(encoding))
    assert _refusal(path) == expected


def test_a_byte_order_mark_is_read(tmp_path: Path):
    path = tmp_path / "config.yaml"
    path.write_bytes(GOOD.encode("utf-8-sig"))
    assert load_config(path).lda.k == 5
