# Two commands on a fresh clone: `make run` and `make test`. Everything else is installed by these.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3
PYTEST_WORKERS ?= 2

.PHONY: install run test lint bench worker tick clean web-build web-dev web-api web-test chromium

# --- the web app (web/): installed and built only when its sources change, like the Python install
WEB_INSTALLED := web/node_modules/.installed-stamp
WEB_BUILT := web/out/.built-stamp
WEB_SOURCES := $(shell find web/src web/public web/messages -type f 2>/dev/null) \
	web/package.json web/package-lock.json web/next.config.ts web/tsconfig.json web/postcss.config.mjs
export NEXT_TELEMETRY_DISABLED := 1
CHROMIUM := /usr/bin/chromium

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -U pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP) $(WEB_BUILT)  ## migrate the embedded database and serve the API and the web app
	$(VENV)/bin/inergize serve

worker: $(STAMP)
	$(VENV)/bin/inergize worker

tick: $(STAMP)
	$(VENV)/bin/inergize tick

test: $(STAMP)  ## the whole suite, on SQLite and PostgreSQL, in-process and Redis, then the web app's
	@bash scripts/ensure-services.sh
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile -p no:warnings $(PYTEST_ARGS)
	$(MAKE) web-test

$(WEB_INSTALLED): web/package.json web/package-lock.json
	@command -v node >/dev/null || { echo "Node.js >= 20 is required for the web app (web/)"; exit 1; }
	cd web && npm ci --no-audit --no-fund
	@touch $@

$(WEB_BUILT): $(WEB_INSTALLED) $(WEB_SOURCES)
	cd web && npx next build
	@touch $@

web-build: $(WEB_BUILT)  ## the static export the API serves at / (web/out)

web-dev: $(STAMP) $(WEB_INSTALLED)  ## next dev on :3000, /v1 forwarded to the API (make run elsewhere)
	cd web && INERGIZE_API_URL=$${INERGIZE_API_URL:-http://127.0.0.1:8000} npx next dev --port $${WEB_DEV_PORT:-3000}

web-api: $(STAMP) $(WEB_INSTALLED)  ## regenerate the OpenAPI copy and the client's types from the API
	$(PY) scripts/dump_openapi.py > web/src/api/openapi.json
	cd web && npm run api:types

chromium:  ## Debian's Chromium for the browser tests (never a downloaded browser)
	@test -x $(CHROMIUM) || (apt-get update && apt-get install -y chromium)

web-test: $(STAMP) $(WEB_BUILT) chromium  ## unit tests, the client's freshness, JS budget, browser tests
	cd web && npx vitest run
	cd web && npm run api:check
	cd web && npm run size
	cd web && npx playwright test

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy src
	MYPYPATH=src $(VENV)/bin/mypy tests/fakes  # the fakes against the ports they stand in for

bench: $(STAMP)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk) || echo "wrk unavailable"
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache web/node_modules web/.next web/out web/test-results
