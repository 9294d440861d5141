# make run   — set up and serve the demo on http://127.0.0.1:8000 (SQLite, in-process tasks)
# make test  — set up and run the whole suite on PostgreSQL, Redis and real Celery workers

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

PG_HOST := 127.0.0.1
PG_PORT := 5432
REDIS_PORT := 6379

TEST_ENV := \
	SECRET_KEY=test-only-secret-key-not-for-production \
	DATABASE_URL=postgres://postgres@$(PG_HOST):$(PG_PORT)/test \
	REDIS_URL=redis://127.0.0.1:$(REDIS_PORT)/1 \
	SECURE_SSL_REDIRECT=false

.PHONY: install run test services chromium lint format eval bench clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet '.[dev]'
	touch $@

install: $(INSTALLED)

run: $(INSTALLED)
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py demo_setup
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

# Starts PostgreSQL and Redis if they are not already answering.
services:
	@pg_isready -q -h $(PG_HOST) -p $(PG_PORT) || { \
		echo "Starting PostgreSQL"; \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
		for i in $$(seq 30); do pg_isready -q -h $(PG_HOST) -p $(PG_PORT) && break; sleep 1; done; }
	@redis-cli -h 127.0.0.1 -p $(REDIS_PORT) ping >/dev/null 2>&1 || { \
		echo "Starting Redis"; \
		redis-server --daemonize yes --bind 127.0.0.1 --port $(REDIS_PORT) --save "" --appendonly no; \
		for i in $$(seq 30); do redis-cli -h 127.0.0.1 -p $(REDIS_PORT) ping >/dev/null 2>&1 && break; sleep 1; done; }

# The browser tests drive Debian's Chromium through Playwright; installed once, if missing.
chromium:
	@test -x /usr/bin/chromium || { \
		echo "Installing Chromium"; \
		apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }; }

test: $(INSTALLED) services chromium
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

eval: $(INSTALLED)
	$(BIN)/python -m claims.pipeline.evaluation tests/data/extraction

bench: $(INSTALLED)
	$(BIN)/python bench/segmentation.py
	$(BIN)/python bench/extraction.py

clean:
	rm -rf $(VENV) db.sqlite3 var .pytest_cache .ruff_cache
