# DLICT Office — the front door. `make run` to try it, `make test` to test it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEPS := $(VENV)/.deps-installed
BENCH ?=
SCALE ?=
HOST ?= 127.0.0.1:8000

.PHONY: run serve setup install test test-fast lint format typecheck check check-deploy messages bench clean

run: setup ## Set up everything and serve the demo office on http://127.0.0.1:8000
	@echo "Serving on http://$(HOST) with the job worker beside it (started again if it dies). Ctrl-C stops both."
	@$(PY) manage.py run_worker --restart --no-reload & WORKER=$$!; \
	  trap 'kill $$WORKER 2>/dev/null; wait $$WORKER 2>/dev/null' INT TERM EXIT; \
	  $(PY) manage.py runserver $(HOST)

setup: $(DEPS) ## Virtualenv, dependencies, migrations, demo data
	@mkdir -p var
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py load_demo --quiet-if-loaded

install: $(DEPS)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "DLICT Office needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip

$(DEPS): pyproject.toml requirements.lock | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	@touch $@

test: $(DEPS) ## The whole suite (browser tests included when /usr/bin/chromium exists)
	$(PY) -m pytest -n 2 --dist loadfile

lint: $(DEPS) ## ruff, and the import contracts of the app layers (pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(DEPS)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: $(DEPS)
	$(VENV)/bin/mypy dlict config bench

check: $(DEPS) check-deploy ## Django's system checks, migrations up to date, production settings clean
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

check-deploy: $(DEPS)
	DLICT_ENV=production DEBUG=false ALLOWED_HOSTS=dlict.example.go.th \
	  SECRET_KEY=check-deploy-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH \
	  $(PY) manage.py check --deploy --fail-level WARNING

messages: $(DEPS) ## Collect strings into locale/th and compile them (needs GNU gettext)
	$(PY) manage.py makemessages -l th --no-obsolete --ignore ".venv/*" --ignore "var/*" --ignore "bench/*"
	$(PY) manage.py compilemessages -l th --ignore ".venv/*"

bench: $(DEPS) ## Benchmarks: make bench [BENCH=schools] [SCALE=small|national]
	$(PY) -m bench $(if $(BENCH),--only $(BENCH)) $(if $(SCALE),--scale $(SCALE))

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
