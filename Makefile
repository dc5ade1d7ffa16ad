# ChatGepeto: `make run` starts the product, `make test` runs every suite.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-backend
HOST ?= 127.0.0.1
export HOST

.PHONY: setup lock run dev serve test test-backend test-infra test-frontend lint lint-frontend openapi eval \
	eval-faquad eval-refusal eval-real eval-answer bench bench-scale audit clean

setup: $(STAMP)

# Runtime dependencies exactly as the image gets them (hash-checked), then the tools for dev.
$(STAMP): backend/pyproject.toml backend/requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r backend/requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check -e 'backend[dev]'
	@touch $(STAMP)

# Re-pin backend/requirements.lock after a change to pyproject.toml's dependencies.
LOCK_VENV := .lock-venv
lock:
	@test -x $(LOCK_VENV)/bin/pip-compile || ($(PY) -m venv $(LOCK_VENV) \
		&& $(LOCK_VENV)/bin/pip install --quiet pip-tools)
	cd backend && ../$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
		--strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
		--output-file requirements.lock pyproject.toml

run: setup
	bash scripts/run.sh

dev: setup
	bash scripts/dev.sh

serve: setup
	$(BIN)/chatgepeto serve --host $(HOST) --port 8000

test: test-backend test-infra test-frontend

test-backend: setup
	cd backend && ../$(BIN)/python -m pytest -q

test-infra: setup
	bash infra/tests/run.sh

test-frontend: setup
	CI=true bash frontend/scripts/test.sh

lint: setup lint-frontend
	$(BIN)/ruff check backend
	$(BIN)/ruff format --check backend
	cd backend && ../$(BIN)/mypy src/chatgepeto
	cd backend && ../$(BIN)/lint-imports
	$(BIN)/python backend/lint/routes_reach_no_store.py

lint-frontend:
	bash frontend/scripts/ensure-deps.sh
	cd frontend && node scripts/api-types.mjs --check
	cd frontend && npx eslint --max-warnings=0 . && npx next typegen && npx tsc --noEmit

# After a change to a route or a schema: the committed OpenAPI, then the web app's types from it.
openapi: setup
	cd backend && ../$(BIN)/python -m chatgepeto.api.openapi > openapi.json
	bash frontend/scripts/ensure-deps.sh
	cd frontend && node scripts/api-types.mjs

EVAL ?= ../shared/eval/faquad
# Sets of real files (files/ + queries.jsonl [+ queries.meta.jsonl]): latex-pt and any eval/<name>/.
EVAL_REAL ?= ../shared/eval/latex-pt $(patsubst %/files,%,$(wildcard eval/*/files))
# Vectors by text hash: a rerun re-parses the files but does not re-embed them.
EVAL_CACHE ?= .bench-cache/eval-embeddings

eval: eval-faquad eval-refusal eval-real

eval-faquad: setup
	$(BIN)/chatgepeto eval --corpus $(EVAL)/dev/corpus.jsonl \
		--queries $(EVAL)/dev/queries.jsonl --retrievers hybrid,bm25,dense

eval-real: setup
	@set -e; for set in $(EVAL_REAL); do \
		if [ ! -d $$set/files ] || [ ! -f $$set/queries.jsonl ]; then echo "skip $$set"; continue; fi; \
		echo "== $$set"; \
		$(BIN)/chatgepeto eval --mode both --files $$set/files --queries $$set/queries.jsonl \
			--retrievers hybrid,bm25,dense --embedding-cache $(EVAL_CACHE); \
	done

# One refusal policy, three shapes of the same text: as written, lower-cased, two documents.
SUBSET ?= faquad-train-016,faquad-train-008
eval-refusal: setup
	@set -e; for variant in "" "--lower" "--subset $(SUBSET) --others 80"; do \
		echo "== dev-open $$variant"; \
		$(BIN)/chatgepeto eval --mode answer --corpus $(EVAL)/dev-open/corpus.jsonl \
			--queries $(EVAL)/dev-open/queries.jsonl $$variant --embedding-cache $(EVAL_CACHE); \
	done

eval-answer: setup
	$(BIN)/chatgepeto eval --mode answer --corpus $(EVAL)/dev-open/corpus.jsonl \
		--queries $(EVAL)/dev-open/queries.jsonl --json

BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP) backend/pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e 'backend[dev,bench]'
	@touch $(BENCH_STAMP)

bench: setup $(BENCH_STAMP)
	$(BIN)/python bench/run.py

SCALE_CHUNKS ?= 1000000
bench-scale: setup $(BENCH_STAMP)
	$(BIN)/python bench/scale/run.py --chunks $(SCALE_CHUNKS)

audit: setup
	bash scripts/audit.sh

clean:
	rm -rf $(VENV) data
