# Every routine of the project. `make run` and `make test` work on a fresh clone: they install and
# train first when needed. Ports and hosts can be overridden: make run RASA_PORT=5006
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
BIN         := $(VENV)/bin
# Rasa's command line with this project's fixes to Rasa installed (rasa_fixes/)
RASA        := $(BIN)/python -m rasa_fixes
SPACY_MODEL := .spacy/en_lookup
STAMPS      := .make
RASA_PORT   ?= 5005
ACTION_PORT ?= 5055
WEB_PORT    ?= 8080
WIDGET      := web/node_modules/rasa-webchat/lib/index.js
# What the model is made of: a change to any of these retrains it (and nothing else does)
TRAIN_INPUTS := config.yml domain.yml $(shell find data safety nlu dialogue -type f \( -name '*.yml' -o -name '*.py' -o -name '*.txt' -o -name '*.tsv' \) 2>/dev/null)

export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore

.PHONY: help install lock train run shell rasa-shell ask report export-unanswered review test-deploy validate lint checks test test-unit test-stories test-holdout test-e2e clean test-integration bench-load bench-nginx bench-startup bench-store purge register-webhook

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMPS)/venv: requirements.lock .python-version
	@mkdir -p $(STAMPS)
	@PY=$$(scripts/find_python.sh) && { [ -x $(BIN)/python ] || $$PY -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip==24.0
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	@touch $@

$(SPACY_MODEL)/meta.json: $(STAMPS)/venv scripts/build_spacy_pipeline.py
	$(BIN)/python scripts/build_spacy_pipeline.py $(SPACY_MODEL)

# The website widget (rasa-webchat), pinned by web/package-lock.json and served from the project
$(WIDGET): web/package-lock.json
	npm ci --prefix web --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

install: $(STAMPS)/venv $(SPACY_MODEL)/meta.json $(WIDGET) ## create .venv from requirements.lock, build the spaCy pipeline, npm ci the widget

lock: ## re-pin requirements.lock from a clean install of requirements.txt
	rm -rf /tmp/cd-lock-venv && $$(scripts/find_python.sh) -m venv /tmp/cd-lock-venv
	/tmp/cd-lock-venv/bin/pip install --quiet --upgrade pip==24.0 && /tmp/cd-lock-venv/bin/pip install --quiet -r requirements.txt
	{ echo "# Full pin set from a clean install of requirements.txt on Python 3.10 (make lock), pip/setuptools/wheel included. Installed by make install."; \
	  /tmp/cd-lock-venv/bin/pip freeze --all; } > requirements.lock

# glibc: every allocation from the heap, kept for reuse (no mmap, no trimming). The answer
# model's fit allocates and frees arrays of about 40 MB each iteration; on fresh mmapped pages,
# the page faults took over a third of its time (docs/benchmarks.md, "Training time").
TRAIN_MALLOC := GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184:glibc.malloc.top_pad=536870912

$(STAMPS)/model: $(STAMPS)/venv $(SPACY_MODEL)/meta.json $(TRAIN_INPUTS)
	$(TRAIN_MALLOC) $(RASA) train --fixed-model-name current --quiet
	@touch $@

train: $(STAMPS)/model ## train the model (skipped when nothing changed)

run: train $(WIDGET) ## action server, Rasa on localhost:$(RASA_PORT), the widget page on localhost:$(WEB_PORT)
	@$(BIN)/python -m content.signoff
	@WEB_PORT=$(WEB_PORT) scripts/run_servers.sh $(RASA_PORT) $(ACTION_PORT)

shell: train ## staff: chat in this terminal, in-process; a dim line under each reply says why (/why, /restart, /stop)
	@$(BIN)/python -m content.signoff
	@$(BIN)/python -m staff.shell

rasa-shell: train ## Rasa's own shell against the real action server and Rasa server
	@scripts/run_servers.sh --shell $(RASA_PORT) $(ACTION_PORT)

ask: train ## staff: make ask FILE=questions.txt (or .yml, or < stdin): answers as Markdown + CSV in results/ask.*
	@$(BIN)/python -m staff.ask $(if $(FILE),$(FILE),-) $(if $(OUT),--output $(OUT))

report: install ## staff: results/report.html for FROM..TO (YYYY-MM-DD; default the last 30 days) from the tracker store
	@$(BIN)/python -m staff.report $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO))

export-unanswered: install ## staff: unanswered and unsure messages of FROM..TO, redacted, as NLU YAML to label
	@$(BIN)/python -m staff.export_unanswered $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO))

validate: install ## check domain, data and stories for consistency
	$(RASA) data validate --fail-on-warnings --quiet

lint: install ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-unit: install ## pytest unit tests (no servers)
	$(BIN)/pytest -q -m "not e2e and not holdout and not integration and not deploy"

test-stories: train ## Rasa test stories, failing on any wrong prediction
	$(RASA) test core --model models/current.tar.gz --stories tests/data/test_stories.yml \
	  --fail-on-prediction-errors --out results/stories --quiet

test-holdout: train ## NLU hold-out set (never trained on): regression floors (answer accuracy >= 95%, every label >= 70%) + safety checks
	$(BIN)/pytest -q -m holdout

review: install ## the clinical review sheet: review/review-sheet.html (every answer beside its article passage, checks, sign-off)
	$(BIN)/python -m content.review_sheet

register-webhook: install ## tell Telegram where to send updates (TELEGRAM_* in .env; docs/channels.md "Telegram")
	$(BIN)/python scripts/register_webhook.py

test-e2e: train $(WIDGET) ## real servers on loopback: REST, Socket.IO, messaging channels, browser, shell
	$(BIN)/pytest -q -m e2e

test-integration: train ## PostgreSQL + Redis + two Rasa servers behind nginx (deploy/nginx), and 50 conversations x 10 turns at once
	$(BIN)/pytest -q -m integration

bench-load: train ## latency, throughput and memory over REST at 1/8/32 conversations, next to a floor bot
	$(BIN)/python bench/load.py

bench-nginx: train ## requests per second through nginx with one and with two Rasa servers on PostgreSQL + Redis (sizing)
	$(BIN)/python bench/load_nginx.py

bench-startup: train ## seconds until the Rasa server answers and until a model loads in-process
	$(BIN)/python bench/startup.py

bench-store: install ## loading and saving a turn: Rasa's SQL tracker store next to this bot's
	$(BIN)/python bench/tracker_store.py

purge: install ## delete conversations inactive for RETENTION_DAYS (default 30) from the tracker store
	$(BIN)/python scripts/purge_conversations.py

DEPLOY_VENV := .venv-deploy
$(STAMPS)/deploy-venv: deploy/requirements-validators.lock
	@mkdir -p $(STAMPS)
	@PY=$$(scripts/find_python.sh) && { [ -x $(DEPLOY_VENV)/bin/python ] || $$PY -m venv $(DEPLOY_VENV); }
	$(DEPLOY_VENV)/bin/python -m pip install --quiet --upgrade pip==24.0
	$(DEPLOY_VENV)/bin/python -m pip install --quiet --no-deps -r deploy/requirements-validators.lock
	@touch $@

test-deploy: install $(STAMPS)/deploy-venv ## Dockerfiles (hadolint), Compose (its JSON schema), Kubernetes (its schemas): each also shown to fail on a broken copy
	$(BIN)/pytest -q -m deploy

checks: lint test-unit validate test-deploy ## the checks that need no model: lint, unit tests, validate, deploy files

# The model trains beside the checks that need none, then the tests that need it run two at a time:
# the end-to-end tests mostly wait on their servers, which leaves a core for the others.
test: ## everything: the checks while the model trains, then servers beside stories and hold-out sets
	@$(MAKE) --no-print-directory -j2 --output-sync=target train checks
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-e2e test-stories test-holdout

clean: ## remove the venv, the spaCy pipeline, models and stamps
	rm -rf $(VENV) $(DEPLOY_VENV) .spacy $(STAMPS) models/*.tar.gz results web/node_modules
