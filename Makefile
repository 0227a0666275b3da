# Qazaq Notebooks: two commands for a newcomer: `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8866
# nbgrader calls alembic and jupyter through PATH: the venv's bin/ must come first.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: venv serve lab classroom test test-fast grade-demo evaluate benchmark clean-outputs

# The stamp is rebuilt when the dependency list changes, so `make test` also updates the venv.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

serve: venv
	$(PY) -m qazaq.site --port $(PORT)

lab: venv
	$(PY) -m qazaq.lab  # the learner's Lab: Start button, lessons unchanged on disk, no teacher tools

# A class on this machine (run as root): JupyterHub, learners as system users, nbgrader's exchange.
# The hub's proxy comes from the npm registry into deploy/classroom/node_modules (package-lock.json).
CLASSROOM := deploy/classroom
$(CLASSROOM)/node_modules/.installed: $(CLASSROOM)/package-lock.json
	cd $(CLASSROOM) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

classroom: venv $(CLASSROOM)/node_modules/.installed
	$(PY) -m qazaq.classroom $(CLASSROOM_ARGS)

test: venv
	$(PY) -m pytest

test-fast: venv
	$(PY) -m pytest -m "not browser and not notebook and not nbgrader"

grade-demo: venv
	$(PY) -m qazaq.grading demo

evaluate: venv
	@for f in tools/evaluate_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

benchmark: venv
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean-outputs: venv
	$(BIN)/jupyter nbconvert --clear-output --inplace lessons/*.ipynb lessons/*/*.ipynb exercises/source/*/*.ipynb
