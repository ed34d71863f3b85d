# Two entry points: `make run` (demo on the embedded store) and `make test` (the house rules of
# tools/lint.py: ruff, import contracts, no circles; then everything, on every core and one worker more); `make test-fast`
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

# One pytest worker more than the cores: about a fifth of the suite's time is tests waiting on processes
# they started (kills, servers, worker pools), and the extra worker fills it (2 cores, same clone, back to
# back: -n 3 2 min 47 s against -n 2 3 min 6 s; bench/FIGURES.md round seven).
WORKERS ?= $(shell $(PYTHON) -c "import os; print((os.cpu_count() or 1) + 1)")

# Python's default for the tests' processes: write bytecode. An environment that sets PYTHONDONTWRITEBYTECODE
# (this machine's does) makes every `evkg` process a test starts (kill drills, servers, fork servers) compile
# evkg's sources again, ~0.2 s of CPU each; the files go to __pycache__/, which git ignores.
TEST_ENV := PYTHONDONTWRITEBYTECODE=

test: lint
	$(TEST_ENV) $(BIN)/python -m pytest -q -n $(WORKERS) --dist worksteal

test-fast: install
	$(TEST_ENV) $(BIN)/python -m pytest -q -n $(WORKERS) --dist worksteal -m "not slow"

clean:
	rm -rf $(STORE) $(VENV)
