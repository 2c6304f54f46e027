# Briefing: two commands for a newcomer — `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# MkDocs/Material print a banner about MkDocs 2 on every build; keep the output readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-fast lint check clean

# What `make lint` checks (tests/integration/test_repository.py runs this recipe too).
LINT_PATHS := generator tests bench
MYPY_PATHS := generator/briefing

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## Build the demo site into site/ (creates .venv and installs pinned dependencies first).
site: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

## Live preview on http://127.0.0.1:8000 — edits to articles/ and data/ reload the browser.
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dirty

## Install test dependencies and run the whole test suite.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

## The quick loop: unit and catalogue tests, without the browser and integration suites (which build whole sites).
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not browser and not integration"

## Lint: ruff (rules and formatting) over the code and tests, mypy --strict over the core.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy $(MYPY_PATHS)

## Validate articles and registries.
check: $(VENV)/.installed
	$(BIN)/briefing check

clean:
	rm -rf site
