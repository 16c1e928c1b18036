# Two entry points for a newcomer: `make demo` (the Idlib analysis end to end) and
# `make test` (lint, types, then every test). Both create .venv and install the project into it first:
# `demo` only what the library imports at run time (wheels only, no compiler), `test` also the
# test, notebook, docs and lint extras (pygambit is built from source there).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.installed-runtime
STAMP := $(VENV)/.installed
DOCS_STAMP := $(VENV)/.installed-docs

.PHONY: demo test lint docs bench clean
.DELETE_ON_ERROR:

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The runtime stamp: the package and its run-time dependencies.
$(RUNTIME): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

# The full stamp: everything `make test` needs (it implies the runtime stamp, not the reverse).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(RUNTIME) $(DOCS_STAMP)

# The docs stamp: Sphinx and friends, and what the notebooks import (`dev` includes them all).
$(DOCS_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[docs]'
	touch $@ $(RUNTIME)

demo: $(RUNTIME)
	$(PY) -m games.idlib --report idlib-report.html

test: $(STAMP) lint
	bash tests/setup_browser.sh
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/mypy --strict strategy/forms strategy/solvers

# The site, offline, every notebook executed; warnings are errors. Open docs/_build/html/index.html.
docs: $(DOCS_STAMP)
	$(PY) -m sphinx -W --keep-going -j auto -b html docs docs/_build/html

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	for script in benchmarks/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis docs/_build
