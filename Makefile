# The two commands: `make run` and `make test`. Everything else is a step they use.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ROOT := $(CURDIR)
VENV := $(ROOT)/.venv
TOOLS := $(ROOT)/.tools
UV := $(TOOLS)/bin/uv
CRM := $(VENV)/bin/crm
PYTEST := $(VENV)/bin/pytest
CHROMIUM := /usr/bin/chromium
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_LINK_MODE := copy
BENCH_SIZE ?= M

FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/tsconfig*.json -type f 2>/dev/null)

.PHONY: run test setup deps backend-deps frontend-deps build test-backend test-sqlite test-postgres \
        test-frontend fuzz openapi openapi-check e2e lint fmt migrate seed bench profile perf-check wrk chromium clean

run: setup ## install, build, migrate, create the admin, load demo data, serve on :8000
	$(CRM) setup
	exec $(CRM) serve

test: deps build ## every suite; non-zero on any failure
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory openapi-check
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory perf-check
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory test-frontend
	$(MAKE) --no-print-directory e2e
	@echo "make test: all suites passed"

setup: deps build

deps: backend-deps frontend-deps

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9

$(VENV)/.synced: backend/pyproject.toml backend/uv.lock | $(UV)
	cd backend && $(UV) sync --frozen --python python3
	touch $@

backend-deps: $(VENV)/.synced

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend-deps: frontend/node_modules/.installed

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SRC)
	cd frontend && npm run build

build: frontend/dist/index.html

migrate: backend-deps
	$(CRM) migrate

seed: backend-deps
	$(CRM) seed-demo

test-sqlite: backend-deps
	cd backend && CRM_TEST_DATABASE=sqlite $(PYTEST) ../tests/api -q -n 2

test-postgres: backend-deps
	cd backend && CRM_TEST_DATABASE=postgresql $(PYTEST) ../tests/api -q -n 2

test-backend: test-sqlite test-postgres

fuzz: backend-deps ## Schemathesis over every operation of openapi.yaml against a real server (60 s)
	$(VENV)/bin/python tests/contract/run_schemathesis.py

test-frontend: frontend-deps
	cd frontend && npm run typecheck && npm run lint && npm test

openapi: backend-deps frontend-deps ## regenerate openapi.yaml and the SPA's types from the app
	$(CRM) openapi --output openapi.yaml
	cd frontend && npm run gen:api

openapi-check: backend-deps frontend-deps ## fail when the committed contract or types drift from the app
	@tmp=$$(mktemp -d); \
	$(CRM) openapi --output $$tmp/openapi.yaml >/dev/null; \
	diff -u openapi.yaml $$tmp/openapi.yaml || { echo "openapi.yaml is stale: run make openapi"; exit 1; }; \
	(cd frontend && npx openapi-typescript ../openapi.yaml -o $$tmp/schema.gen.ts >/dev/null 2>&1); \
	diff -u frontend/src/api/schema.gen.ts $$tmp/schema.gen.ts >/dev/null || { echo "frontend/src/api/schema.gen.ts is stale: run make openapi"; exit 1; }; \
	echo "openapi: no drift"

chromium:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

tests/e2e/node_modules/.installed: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error
	touch $@

e2e: backend-deps build chromium tests/e2e/node_modules/.installed ## browser tests against a real server
	cd tests/e2e && npx playwright test

lint: backend-deps
	cd backend && $(VENV)/bin/ruff check src ../tests/api ../tests/perf && $(VENV)/bin/ruff format --check src ../tests/api ../tests/perf

fmt: backend-deps
	cd backend && $(VENV)/bin/ruff check --fix src ../tests/api ../tests/perf
	cd backend && $(VENV)/bin/ruff format src ../tests/api ../tests/perf

perf-check: backend-deps ## dataset S on PostgreSQL, EXPLAIN of every read workload: no sequential scan of a large table
	cd backend && $(PYTEST) ../tests/perf/test_explain.py -q -p no:cacheprovider

wrk:
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench: backend-deps wrk ## QUALITY.md's speed table: crm serve --workers 2 on PostgreSQL under wrk (BENCH_SIZE=S|M|L)
	BENCH_SIZE=$(BENCH_SIZE) $(VENV)/bin/python tests/perf/bench.py

profile: backend-deps ## pyinstrument over one workload in-process (PROFILE_WORKLOAD="list customers, first page"; after make bench seeded the size)
	BENCH_SIZE=$(BENCH_SIZE) $(VENV)/bin/python tests/perf/profile.py

clean:
	rm -rf $(VENV) $(TOOLS) frontend/node_modules frontend/dist tests/e2e/node_modules var/e2e
