# Co-op Commissioning. `make run` and `make test` each do all their own set-up from a fresh clone.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help run test lint format worker beat migrate seed clean messages

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime ## Serve the platform with demo data on http://127.0.0.1:$PORT (SQLite, tasks in-process)
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo
	DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev ## Run linters, the migrations check and the whole test suite
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

messages: $(VENV)/.dev ## Update every language's catalogue from the code and compile them (needs gettext)
	DEBUG=1 $(PY) manage.py makemessages $(foreach code,en_GB es pt fr bn tw yo,-l $(code)) -e html,txt,py --no-obsolete \
		--ignore=.venv --ignore=var --ignore=frontend --ignore=tests --ignore=bench --ignore=static
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

lint: $(VENV)/.dev ## Check style only
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: $(VENV)/.dev ## Fix style
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

worker: $(VENV)/.runtime ## Run a Celery worker (needs REDIS_URL)
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: $(VENV)/.runtime ## Run Celery beat with the schedules kept in the database (needs REDIS_URL)
	$(PY) manage.py seed_schedules
	$(VENV)/bin/celery -A config beat --loglevel=INFO

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
