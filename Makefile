# speechtopics: every target is a `speechtopics` command run from the project's own .venv.
# `make run` and `make test` build .venv from the pinned requirements.txt first (uv when it can be
# installed, plain pip otherwise); nothing outside this folder is needed but Python 3.11. Packages are
# compiled to bytecode at set-up, so later processes (test and segment workers, notebook kernels) import
# them without compiling their sources again, also where PYTHONDONTWRITEBYTECODE is set.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CONFIG ?= config/default.yaml
UV_VERSION := 0.13.9

.PHONY: setup run test appendix bench browser clean-cache clean-reports help

help:
	@echo "make run       build .venv if needed, run the whole pipeline on the bundled corpus -> reports/"
	@echo "make test      build .venv if needed, run the test suite"
	@echo "make appendix  re-execute the notebooks and rewrite reports/appendix.md and manifest.json"
	@echo "make bench     run the benchmarks in benchmarks/ (ratios against a baseline in the same run)"

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "uv==$(UV_VERSION)" \
	  && $(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -r requirements.txt \
	  || $(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/speechtopics run --config $(CONFIG)

test: setup browser
	$(BIN)/python -m pytest -q

appendix: setup
	$(BIN)/speechtopics report --config $(CONFIG)

bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Headless Chromium for the offline-view browser test (Debian package; needs root).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium not installed (no root?): browser tests will skip outside CI"


clean-cache:
	rm -rf data/interim/* data/processed/*

clean-reports:
	rm -rf reports/figures/* reports/tables/* reports/ldavis/* reports/notebooks/* reports/manifest.json reports/appendix.md reports/.registry
