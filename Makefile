# Two commands: `make run` sets everything up and serves the dashboard on SQLite;
# `make test` runs the whole suite on SQLite and on a throwaway PostgreSQL server.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DEV_ENV := ALLIANCES_DEBUG=1
PYTEST_ARGS ?=

.PHONY: run setup install test test-sqlite test-postgres bench assets clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

setup: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_seeds
	$(DEV_ENV) $(PY) manage.py create_first_staff

run: setup
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: test-sqlite test-postgres

test-sqlite: install
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install
	tests/with_postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

# Server time, queries, memory, search and loading at 10, 1,000 and 10,000 generated pacts
# on SQLite and PostgreSQL (about 11 minutes); see docs/performance.md.
bench: install
	bench/run.sh

# Rebuild the vendored front-end files (d3, the world map) from the versions pinned in
# assets/package.json and package-lock.json; the results are committed, so nothing else needs npm.
assets:
	cd assets && npm ci --no-audit --no-fund && node build.mjs

clean:
	rm -rf $(VENV) var
