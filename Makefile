# `make demo` runs according on the bundled examples; `make test` runs ruff and the test suite.
# FAST=1 skips the slow (corpus evaluation) tests locally; CI runs everything.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean chromium

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

# the browser tests drive Debian's Chromium (never a downloaded build): installed here when missing
chromium:
	@test -x /usr/bin/chromium || { $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && \
		$(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium; }

test: lint chromium
	$(BIN)/pytest -q $(if $(FAST),-m "not slow",)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
