# Two commands: `make run` sets everything up and serves the dashboard on SQLite;
# `make test` runs the whole suite on SQLite and on a throwaway PostgreSQL server.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DEV_ENV := ALLIANCES_DEBUG=1
PYTEST_ARGS ?=

.PHONY: run setup install catalog messages test test-sqlite test-postgres bench assets clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# The interface's translations: alliances/locale/<language>/LC_MESSAGES/django.po, compiled
# here into the django.mo the application reads (GNU gettext's msgfmt, Debian package gettext).
catalog: install
	$(DEV_ENV) $(PY) manage.py compilemessages --verbosity 0

# After changing the interface's strings: update the catalogs from the code and templates,
# then translate every new or changed entry (tests/test_translations.py names them).
messages: install
	$(DEV_ENV) $(PY) manage.py makemessages

setup: catalog
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_seeds
	$(DEV_ENV) $(PY) manage.py create_first_staff

run: setup
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# The two halves at once, each one's output printed whole when it ends: on two cores the
# suite takes about as long as its PostgreSQL half alone.
test:
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: catalog
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: catalog
	tests/with_postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

# Server time, queries, memory, search and loading at 10, 1,000 and 10,000 generated pacts
# on SQLite and PostgreSQL (about 11 minutes); see docs/performance.md. Other sizes and one
# database: make bench SIZES="10000 100000" ENGINES=postgresql
bench: install
	bench/run.sh

# Rebuild the vendored front-end files (d3, the world map) from the versions pinned in
# assets/package.json and package-lock.json; the results are committed, so nothing else needs npm.
assets:
	cd assets && npm ci --no-audit --no-fund && node build.mjs

clean:
	rm -rf $(VENV) var
