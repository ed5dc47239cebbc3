"""manifest.json: versions, font, input and output hashes, git state; sorted and free of timestamps."""

from __future__ import annotations

import json

from speechtopics import paths
from speechtopics.report import manifest


def test_manifest_contents(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "a.png").write_bytes(b"a")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01.html").write_bytes(b"n")
    src = paths.DEFAULT_CONFIG
    m = manifest.build_manifest({"seed": 1}, 1, [src], tmp_path, config_path=src)
    sha_a = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
    assert m["outputs"] == {"figures/a.png": sha_a}
    assert list(m["notebook_outputs"]) == ["notebooks/01.html"]
    assert m["inputs"] == {"config/default.yaml": m["config_file"]["sha256"]}
    assert "fonts/wqy-microhei.ttc" in m["external_data"]
    assert m["font"]["family"] == "WenQuanYi Micro Hei" and m["font"]["pdf_fonttype"] == 42
    assert m["packages"]["matplotlib"] and set(m["git"]) == {"commit", "dirty"}
    path = manifest.write_manifest(m, tmp_path)
    assert json.loads(path.read_text(encoding="utf-8")) == m


def test_inputs_inside_a_project_folder_are_named_relative_to_it(tmp_path):
    from speechtopics.report.manifest import input_hashes

    (tmp_path / "data" / "raw").mkdir(parents=True)
    f = tmp_path / "data" / "raw" / "all_data.csv"
    f.write_text("Date,Text\n", encoding="utf-8")
    assert list(input_hashes([f], base=tmp_path)) == ["data/raw/all_data.csv"]
    assert list(input_hashes([f])) == [str(f)]  # outside the repository and no project folder given
