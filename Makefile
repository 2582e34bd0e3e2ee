# Quick start: `make demo` and `make test`. Both create .venv and install on first use.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg
STAMP := $(VENV)/.installed-stamp
OUT := out

.PHONY: install demo test test-fast lint docs ontology-figure bench score screenshots system-deps clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: install
	@bash examples/demo.sh "$(KG)" "$(OUT)"

test: install
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not slow and not browser and not server"

lint: install
	$(VENV)/bin/ruff check kg tests bench docs
	$(VENV)/bin/ruff format --check kg tests bench docs

# The documentation site (mkdocs.yml, docs/) into site/, failing on any warning.
docs: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

# The drawing of ontology/kg.ttl in the docs (docs/images/ontology.svg); commit it.
ontology-figure: install
	$(PY) docs/_build_tools/ontology_figure.py

bench: install
	$(PY) -m bench

# Gold scores per part of tests/data/split.json (original, tune, blind, English, all).
score: install
	$(PY) -m bench.generalisation

# Screenshots of the report, matrix, query and network pages for the README (docs/images/).
screenshots: install
	$(PY) -m bench.screenshots

# Debian packages the browser and endpoint tests need (run as root, as CI does).
system-deps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  missing=""; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	  command -v virtuoso-t >/dev/null || missing="$$missing virtuoso-opensource"; \
	  if [ -n "$$missing" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	else echo "system-deps: not root or no apt-get; browser and server tests may skip"; fi

clean:
	rm -rf $(OUT) kg-store site .pytest_cache
