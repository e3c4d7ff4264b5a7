# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
UV := .tools/bin/uv
UV_VERSION := 0.13.8
# Django 6 needs Python 3.12 or newer; scripts/find-python finds one (PATH, then pyenv's versions).
PYTHON := $(shell scripts/find-python)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check-docs browser-test bench bench-import clean

$(UV):
	@test -n "$(PYTHON)" || { echo "Goodwill needs Python 3.12 or newer; none found." >&2; exit 2; }
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

$(BIN)/goodwill: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	@touch $(BIN)/goodwill

run: $(BIN)/goodwill
	$(BIN)/goodwill migrate
	$(BIN)/goodwill demo --user demo --create-user --if-empty --url http://$(HOST):$(PORT)
	$(BIN)/goodwill serve --host $(HOST) --port $(PORT)

test: $(BIN)/goodwill
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

browser-test: $(BIN)/goodwill
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

# Runs every checker even when one fails, so one run lists every problem.
lint: $(BIN)/goodwill
	@status=0; \
	for check in "ruff format --check ." "ruff check ." "mypy" "lint-imports"; do \
		echo "$(BIN)/$$check"; $(BIN)/$$check || status=1; \
	done; \
	exit $$status

# Not part of `make test`: see docs/benchmarks.md. Quick run: make bench BENCH_ARGS="--contacts 1000 --interactions 50000"
bench: $(BIN)/goodwill
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Imports of a generated LinkedIn export and vCard file; see docs/benchmarks.md. Quick run:
# make bench-import IMPORT_BENCH_ARGS="--connections 3000 --messages 10000 --cards 1000"
bench-import: $(BIN)/goodwill
	$(BIN)/python bench/import_bench.py $(IMPORT_BENCH_ARGS)

clean:
	rm -rf $(VENV) .tools

# Feeds and sharing (docs/benchmarks.md, "Feeds and sharing"): 200 local feeds of 50 items polled,
# 10,000 contacts ranked for one article, and precision at 5 on the hand-judged set.
.PHONY: bench-feeds
bench-feeds: $(BIN)/goodwill
	$(BIN)/python bench/feeds_bench.py
	$(BIN)/python bench/share_bench.py
	$(BIN)/python bench/share_eval.py

# Mail import against notmuch and a plain read of every file (docs/benchmarks.md, "Mail import").
# Quick run: make bench-mail MAIL_BENCH_ARGS="--messages 10000"
.PHONY: bench-asks
bench-asks: $(BIN)/goodwill
	$(BIN)/python bench/asks_bench.py

.PHONY: bench-mail
bench-mail: $(BIN)/goodwill
	$(BIN)/python bench/mail_bench.py $(MAIL_BENCH_ARGS)

# Two gunicorn web processes and one `goodwill worker` against a fresh PostgreSQL database on
# 127.0.0.1:5432 (docs/deploy.md). DEPLOY_ARGS="--server-url postgres://USER@HOST:PORT/postgres"
.PHONY: bench-deploy
bench-deploy: $(BIN)/goodwill
	$(BIN)/python bench/deploy_check.py $(DEPLOY_ARGS)

# 50 clients mixing reads and writes for 60 s against `goodwill serve`, on SQLite and PostgreSQL
# (docs/benchmarks.md, "Load (issue 8)"). Quick run: make bench-load LOAD_ARGS="--seconds 10"
.PHONY: bench-load
bench-load: $(BIN)/goodwill
	$(BIN)/python bench/load.py $(LOAD_ARGS)

# A year's review on 10,000 contacts and 500,000 interactions: selectors, page and PDF
# (docs/benchmarks.md, "Review"). Quick run: make bench-review REVIEW_BENCH_ARGS="--contacts 1000 --interactions 50000"
.PHONY: bench-review
bench-review: $(BIN)/goodwill
	$(BIN)/python bench/review_bench.py $(REVIEW_BENCH_ARGS)
