# ChatGepeto: `make run` starts the product, `make test` runs every suite.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-backend
HOST ?= 127.0.0.1
export HOST

.PHONY: setup run serve test test-backend test-infra test-frontend lint eval bench clean

setup: $(STAMP)

$(STAMP): backend/pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e 'backend[dev]'
	@touch $(STAMP)

run: setup
	bash scripts/run.sh

serve: setup
	$(BIN)/chatgepeto serve --host $(HOST) --port 8000

test: test-backend test-infra test-frontend

test-backend: setup
	cd backend && ../$(BIN)/python -m pytest -q

test-infra: setup
	@if [ -x infra/tests/run.sh ]; then bash infra/tests/run.sh; else echo "infra: no checks yet"; fi

test-frontend:
	@if [ -x frontend/scripts/test.sh ]; then bash frontend/scripts/test.sh; else echo "frontend: no app yet"; fi

lint: setup
	$(BIN)/ruff check backend
	$(BIN)/ruff format --check backend
	cd backend && ../$(BIN)/mypy src/chatgepeto

eval: setup
	$(BIN)/chatgepeto eval --corpus ../shared/eval/faquad/dev/corpus.jsonl \
		--queries ../shared/eval/faquad/dev/queries.jsonl --retrievers hybrid,bm25,dense

clean:
	rm -rf $(VENV) data
