# `make demo` runs according on the bundled examples; `make test` runs ruff and the test suite.
# FAST=1 skips the slow (corpus evaluation) tests locally; CI runs everything.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/according extract examples/ --format table

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

test: lint
	$(BIN)/pytest -q $(if $(FAST),-m "not slow",)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
