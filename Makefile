# Briefing: two commands for a newcomer — `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# MkDocs/Material print a banner about MkDocs 2 on every build; keep the output readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check export clean fuzz

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

## A long fuzzing run of the loader (the suite runs a short, seeded one).
fuzz: $(VENV)/.installed-test
	BRIEFING_FUZZ_EXAMPLES=$${BRIEFING_FUZZ_EXAMPLES:-5000} $(BIN)/python -m pytest tests/fuzz -q -p no:cacheprovider

## Validate articles and registries.
check: $(VENV)/.installed
	$(BIN)/briefing check

clean:
	rm -rf site
