# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The everyday `make test` skips the tests marked slow (browser, property-based, memory);
# CI (CI=true) or `make test SLOW=1` runs them too. Two workers, one per core.
SLOW ?= $(CI)
PYTEST_MARKS := $(if $(filter true 1,$(SLOW)),,-m "not slow")
PYTEST_WORKERS ?= 2

.PHONY: run test install lint format check-migrations bench messages extract-messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalls whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# npm packages: world-atlas (Natural Earth boundaries for the server-drawn maps, data
# only) and axe-core (accessibility checks in the browser tests). Nothing is served to users.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

# Translation catalogues: locale/<lang>/LC_MESSAGES/*.po are kept in git, the compiled .mo
# files are built here (msgfmt, from GNU gettext; Django's compilemessages runs the same)
# whenever a .po is newer. They are not committed: a binary file cannot be merged.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
locale/%.mo: locale/%.po
	msgfmt --check -o $@ $<
messages: $(CATALOGUES)

# After marking new strings: re-extract them into every catalogue (then translate what is
# new; tests/test_catalogues.py fails until every entry is translated and none is fuzzy).
MESSAGES_IGNORE := .git .venv node_modules tests benchmarks media staticfiles static locale \
	db.sqlite3 .ruff_cache .pytest_cache
extract-messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --all --no-obsolete \
		$(addprefix --ignore=,$(MESSAGES_IGNORE))

run: install messages
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_catalogue
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# pytest exits 5 when it collected no test: that must fail, not pass quietly.
test: lint check-migrations messages
	DJANGO_DEBUG=1 $(BIN)/python manage.py check
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_MARKS) $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$status

# Performance as production serves it (gunicorn, Redis, PostgreSQL, debug off), page type
# by page type, as ratios to a bare Django view: see docs/performance.md. Needs
# PostgreSQL and Redis; BENCH_DATABASE_URL and BENCH_CACHE_URL say where.
SIZES ?= 1000 10000 100000
bench: install
	$(BIN)/python benchmarks/run.py --sizes "$(SIZES)" $(BENCH_ARGS)
