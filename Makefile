# Sáng tạo: the two commands of the README, and their parts.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
SQLITE_TEST_URL := sqlite:///$(CURDIR)/var/test.sqlite3

.PHONY: install run demo messages test test-sqlite test-postgres lint checks clean

install: $(VENV)/.installed messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: apt-get install gettext"; exit 1; }
	cd src/sangtao && $(CURDIR)/$(BIN)/python $(CURDIR)/manage.py compilemessages --verbosity 0

# Install, migrate, load the demo data and serve on http://127.0.0.1:8000 (SQLite), with the worker.
run: install
	mkdir -p var
	$(MANAGE) migrate --verbosity 0
	$(MANAGE) demo_data
	@# The background worker (files, books, imports) runs beside the server and stops with it.
	$(MANAGE) jobs_worker & trap 'kill $$!' EXIT INT TERM; $(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

checks: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run --verbosity 1

test-sqlite: install
	mkdir -p var
	DATABASE_URL=$(SQLITE_TEST_URL) $(BIN)/pytest

# With TEST_POSTGRES_URL set (as .ci/run does) it uses that server; otherwise it starts its own.
test-postgres: install
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
	  DATABASE_URL=$$TEST_POSTGRES_URL $(BIN)/pytest; \
	else \
	  scripts/with-postgres sh -c 'DATABASE_URL=$$TEST_POSTGRES_URL $(BIN)/pytest'; \
	fi

# Install and run every test: lint, Django's checks, then the suite on SQLite and on PostgreSQL.
test: lint checks test-sqlite test-postgres

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
