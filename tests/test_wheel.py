"""The package data ships: a wheel built from this checkout, installed into an empty folder and imported
from outside the repository, reads the lexicon, the cues and the font through speechtopics.resources,
writes a project with `speechtopics init`, and runs the README's first example twice with identical
output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from speechtopics import paths

CHECK = textwrap.dedent("""
    import sys
    from pathlib import Path
    import speechtopics
    from speechtopics import resources
    site = Path(sys.argv[1]).resolve()
    assert Path(speechtopics.__file__).resolve().is_relative_to(site), speechtopics.__file__
    from speechtopics.segment.options import SegmentConfig
    from speechtopics.segment.resources import load_resources
    res = load_resources(SegmentConfig())
    assert len(res.lexicon) > 1000 and len(res.stopwords) > 1000 and res.formulaic
    from speechtopics.rhetoric.cues import load_move_cues
    cues = load_move_cues("rhetoric/move_cues.yaml")
    assert cues.moves
    from speechtopics.report.style import FONT_FILE
    assert FONT_FILE.resolve().is_relative_to(site) and FONT_FILE.stat().st_size > 1_000_000
    assert resources.resource_path("glossary_zh_en.tsv").is_file()
    from speechtopics.paths import notebook_source
    for name in ("01-corpus-overview", "02-lda", "03-embeddings", "04-rhetoric", "05-effects"):
        source = notebook_source(name)
        assert source.resolve().is_relative_to(site) and "config_path" in source.read_text(encoding="utf-8")
    from speechtopics.commands.init import init_project
    from speechtopics.config import load_config
    from speechtopics.paths import project_paths
    cfg = load_config(init_project(Path("project")))
    assert project_paths(cfg).interim == Path("project").resolve() / "data" / "interim"
    print("package data ok:", len(resources.bundled()), "files")
""")


def test_wheel_ships_the_package_data(tmp_path: Path):
    tree = tmp_path / "tree"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copytree(paths.REPO / "src", tree / "src", ignore=ignore)  # symlinks copied as files
    shutil.copytree(paths.CONFIG_DIR, tree / "config")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(paths.REPO / name, tree / name)
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(wheels), str(tree)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-3000:]
    (wheel,) = wheels.glob("speechtopics-*.whl")
    site = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                              str(site), str(wheel)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr[-3000:]
    assert not (site / "speechtopics" / "resources" / "default_config.yaml").is_symlink()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run([sys.executable, "-c", CHECK, str(site)], cwd=outside, env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "package data ok" in run.stdout
    assert (outside / "project" / "config.yaml").exists()
    # the README's first example, against the installed wheel, from outside the checkout, twice
    example = paths.REPO / "docs" / "examples" / "first_model.py"
    speeches = paths.REPO / "data" / "raw" / "xi_speeches_2013_2016"
    outputs = []
    for _ in range(2):
        out = subprocess.run([sys.executable, str(example), str(speeches)], cwd=outside, env=env,
                             capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr[-3000:]
        outputs.append(out.stdout)
    assert outputs[0] == outputs[1] and "topic_5" in outputs[0]
