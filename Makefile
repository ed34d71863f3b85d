# Two entry points: `make run` (demo on the embedded store) and `make test` (the house rules of
# tools/lint.py: ruff, import contracts, no circles; then everything, on every core); `make test-fast`
# leaves out the tests marked slow (pyproject.toml says which). `make lint` runs the rules alone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STORE ?= ./evkg-data

.PHONY: run lint test test-fast install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(PYTHON) -m pip install --user --quiet virtualenv && $(PYTHON) -m virtualenv $(VENV); }

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/evkg ingest --store $(STORE) examples
	$(BIN)/evkg stats --store $(STORE)
	@echo
	@echo "Some facts with the text they were read from:"
	$(BIN)/evkg query --store $(STORE) facts_with_quotes

lint: install
	$(BIN)/python tools/lint.py

test: lint
	$(BIN)/python -m pytest -q -n auto --dist worksteal

test-fast: install
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "not slow"

clean:
	rm -rf $(STORE) $(VENV)
