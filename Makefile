# Two commands on a fresh clone: `make run` and `make test`. Everything else is installed by these.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3
PYTEST_WORKERS ?= 2

.PHONY: install run test lint bench worker tick clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -U pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)  ## migrate the embedded database and serve the API with an in-process worker
	$(VENV)/bin/inergize serve

worker: $(STAMP)
	$(VENV)/bin/inergize worker

tick: $(STAMP)
	$(VENV)/bin/inergize tick

test: $(STAMP)  ## the whole suite, on SQLite and PostgreSQL, in-process and Redis
	@bash scripts/ensure-services.sh
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile -p no:warnings $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy src

bench: $(STAMP)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk) || echo "wrk unavailable"
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
