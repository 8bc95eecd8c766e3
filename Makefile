# `make demo` runs according on the bundled examples; `make test` runs ruff and the test suite.
# FAST=1 skips the slow (corpus evaluation) tests locally; CI runs everything.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean java

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

test: lint $(if $(FAST),,java)
	$(BIN)/pytest -q $(if $(FAST),-m "not slow",)

# the Spark test needs Java 17 (Debian's package) when no java is installed
java:
	@command -v java >/dev/null || (apt-get update && apt-get install -y openjdk-17-jre-headless)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
