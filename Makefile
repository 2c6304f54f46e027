# Briefing: two commands for a newcomer — `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# MkDocs/Material print a banner about MkDocs 2 on every build; keep the output readable.
export NO_MKDOCS_2_WARNING := 1

# Every transitive dependency is pinned with its hashes in requirements/ (`make lock` writes them):
# pip installs exactly that set, then Briefing itself without dependencies.
LOCK      := requirements/lock.txt
TEST_LOCK := requirements/test-lock.txt
S3_LOCK   := requirements/s3-lock.txt
PROPERDOCS_LOCK := requirements/properdocs-lock.txt
ZENSICAL_LOCK   := requirements/zensical-lock.txt
# Which engine builds the site (README: "Choosing an engine"): mkdocs (MkDocs 1.6.1 + Material),
# properdocs (ProperDocs 1.6.7, MkDocs' maintained fork, + Material) or zensical.
ENGINE ?= mkdocs
PIP_LOCK  := requirements/pip.txt
LOCK_VENV ?= .venv-lock
LOCK_TOOL := uv==0.13.9


.PHONY: site serve test test-fast lint fuzz check clean lock system-packages

# What `make lint` checks (tests/integration/test_repository.py runs this recipe too).
LINT_PATHS := generator tests bench
MYPY_PATHS := generator/briefing

$(VENV)/.installed: $(LOCK) $(PIP_LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(PIP_LOCK)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(TEST_LOCK) $(PROPERDOCS_LOCK) $(ZENSICAL_LOCK) $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes -r $(TEST_LOCK)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(PROPERDOCS_LOCK)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(ZENSICAL_LOCK)
	touch $@

# The other engines, each from its own lock (installed beside MkDocs: each has its own command).
$(VENV)/.installed-properdocs: $(PROPERDOCS_LOCK) $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes -r $(PROPERDOCS_LOCK)
	touch $@

$(VENV)/.installed-zensical: $(ZENSICAL_LOCK) $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes -r $(ZENSICAL_LOCK)
	touch $@

ENGINE_INSTALLED := $(VENV)/.installed$(if $(filter mkdocs,$(ENGINE)),,-$(ENGINE))

# Node.js with npm, a Java runtime and a Chromium-family browser: installed from Debian/Ubuntu
# packages when this user may (root, or passwordless sudo), else make stops at once with the command
# to run (tools/system_packages.py; it finds the browser as the browser tests do).
system-packages:
	@$(PYTHON) tools/system_packages.py

# The external checkers the tests run on the built site (Nu HTML Checker, pa11y), pinned in
# package-lock.json. No install scripts: they would download a Java runtime and a browser.
node_modules/.installed: package.json package-lock.json | system-packages
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## Re-resolve the locks from pyproject.toml (needs PyPI). Keeps current pins where they still fit.
lock:
	test -x $(LOCK_VENV)/bin/uv || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/python -m pip install --quiet $(LOCK_TOOL); }
	$(LOCK_VENV)/bin/uv pip compile requirements/pip.in --quiet --universal --generate-hashes --custom-compile-command 'make lock' -o $(PIP_LOCK)
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --quiet --universal --generate-hashes --custom-compile-command 'make lock' -o $(LOCK)
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --quiet --universal --generate-hashes --custom-compile-command 'make lock' --extra test -c $(LOCK) -o $(TEST_LOCK)
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --quiet --universal --generate-hashes --custom-compile-command 'make lock' --extra s3 -c $(TEST_LOCK) -o $(S3_LOCK)
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --quiet --universal --generate-hashes --custom-compile-command 'make lock' --extra properdocs -c $(TEST_LOCK) -o $(PROPERDOCS_LOCK)
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --quiet --universal --generate-hashes --custom-compile-command 'make lock' --extra zensical -c $(TEST_LOCK) -o $(ZENSICAL_LOCK)

## Build the demo site into site/ (creates .venv and installs pinned dependencies first). `briefing check`
## first: it also stops on a mkdocs.yml that MkDocs itself would crash on, with the line.
## ENGINE=properdocs builds with ProperDocs, ENGINE=zensical with Zensical (`briefing build --engine zensical`).
site: $(ENGINE_INSTALLED)
ifeq ($(ENGINE),zensical)
	$(BIN)/briefing build --engine zensical
else
	$(BIN)/briefing check
	$(BIN)/$(ENGINE) build --strict -f mkdocs.yml
endif

## Live preview on http://127.0.0.1:8000 — edits to articles/ and data/ reload the browser.
serve: $(ENGINE_INSTALLED)
ifeq ($(ENGINE),zensical)
	$(BIN)/briefing serve --engine zensical
else
	$(BIN)/$(ENGINE) serve --livereload --dirty -f mkdocs.yml
endif

## Install test dependencies (Python, and the HTML and accessibility checkers from npm) and run the whole test suite.
test: system-packages $(VENV)/.installed-test node_modules/.installed
	$(BIN)/python -m pytest

## The quick loop: unit and catalogue tests, without the browser and integration suites (which build whole sites).
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not browser and not integration"

## Lint: ruff (rules and formatting) over the code and tests, mypy --strict over the core.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy $(MYPY_PATHS)

## A long fuzzing run of the loader (the suite runs a short, seeded one).
fuzz: $(VENV)/.installed-test
	BRIEFING_FUZZ_EXAMPLES=$${BRIEFING_FUZZ_EXAMPLES:-5000} $(BIN)/python -m pytest tests/fuzz -q -p no:cacheprovider

## Validate articles and registries.
check: $(VENV)/.installed
	$(BIN)/briefing check

clean:
	rm -rf site
