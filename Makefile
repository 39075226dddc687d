# Candour: `make run` starts the app with demo data; `make test` installs what the tests
# need and runs them all. See README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export CANDOUR_ENVIRONMENT ?= development

.PHONY: run test lint assets messages install install-test migrate demo serve browser-deps print-deps clean format

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Candour needs Python 3.11 ($(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,lint]'
	@touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

candour/static/build/candour.css: node_modules/.package-lock.json assets/scss/candour.scss assets/copy-assets.mjs
	npm run --silent build

# The translation catalogues, compiled from locale/*/LC_MESSAGES/django.po (ADR 0030).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard candour/locale/*/LC_MESSAGES/django.po))

candour/locale/%/LC_MESSAGES/django.mo: candour/locale/%/LC_MESSAGES/django.po $(VENV)/.installed-run
	$(BIN)/python -m candour.config.catalogues --stale

# Updates the catalogues from the code and templates (needs GNU gettext's xgettext).
messages: install
	$(BIN)/candour makemessages --no-obsolete --add-location file \
	  $(foreach code,cy pl ur ro ar,-l $(code)) -i 'node_modules/*' -i '.venv/*' -i 'tests/*' -i 'benchmarks/*' -i 'scripts/*'

assets: candour/static/build/candour.css $(CATALOGUES)

migrate: install
	$(BIN)/candour migrate --verbosity 0

demo: migrate
	$(BIN)/candour load-demo-data
	$(BIN)/candour workforce load-dfe --if-empty

run: install assets print-deps demo
	@echo "Candour is running at http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/candour runserver --noreload $(HOST):$(PORT)

# A production-like server: gunicorn with the built static files served by WhiteNoise.
serve: install assets
	CANDOUR_ENVIRONMENT=$${CANDOUR_ENVIRONMENT:-production} $(BIN)/candour collectstatic --noinput --verbosity 0
	# One BLAS thread a worker: the safeguarding detector's small matrix products run
	# three times slower when numpy spreads them over threads (ADR 0012).
	OPENBLAS_NUM_THREADS=$${OPENBLAS_NUM_THREADS:-1} $(BIN)/gunicorn candour.config.wsgi:application --bind $(HOST):$(PORT) --workers 3 \
	  --logger-class candour.core.gunicorn_logging.ScrubbingLogger \
	  --access-logfile - --access-logformat '{"request":"%(m)s %(U)s","status":%(s)s,"ms":%(M)s}'

browser-deps:
	@command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The paper forms print Urdu and Arabic (ADR 0035): DejaVu lacks Urdu's letters.
print-deps:
	@fc-list 2>/dev/null | grep -q Amiri || { \
	  echo "Installing Debian's Amiri font for the paper forms in Urdu and Arabic"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-hosny-amiri >/dev/null; }

test: install-test assets browser-deps print-deps
	CANDOUR_ENVIRONMENT=test $(BIN)/pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	CANDOUR_ENVIRONMENT=test $(BIN)/mypy candour tests scripts conftest.py $(wildcard benchmarks/*.py)
	$(BIN)/djlint candour --lint --quiet
	$(BIN)/python scripts/check_scoping.py
	$(BIN)/python scripts/check_writes.py
	$(BIN)/lint-imports --no-cache

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules candour/static/build staticfiles
