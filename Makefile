# The two commands a newcomer needs are `make run` and `make test`; both set everything up.
VENV := .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py
HOST_PYTHON ?= python3

.PHONY: install lock browser clamav run test lint format demo-data bench load migrate css clean

# Everything is installed from the lock, every file checked against its hash, so a fresh clone
# gets exactly the build CI tested. requirements/app.txt is the app alone (for production);
# requirements/dev.txt adds the development and load tools with the same pins.
install: $(VENV)/.installed

$(VENV)/.installed: requirements/dev.txt
	test -x $(PYTHON) || $(HOST_PYTHON) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

# Update the lock deliberately from pyproject.toml's ranges (docs/development.md). Pass
# LOCK_ARGS=--upgrade for everything, or LOCK_ARGS="--upgrade-package django" for one.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: install
	$(PIP_COMPILE) -o requirements/app.txt pyproject.toml
	$(PIP_COMPILE) --extra dev --extra load -c requirements/app.txt -o requirements/dev.txt pyproject.toml

# Browser tests use Debian's Chromium. Install it when we can (root with apt); otherwise the
# browser tests are skipped with a clear reason, except in CI where REQUIRE_BROWSER=1 fails them.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "Could not install Chromium; browser tests will be skipped."; \
	fi

# ClamAV's daemon, for the upload-scanning tests (they start their own with a test signature).
clamav:
	@if [ ! -x /usr/sbin/clamd ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clamav-daemon >/dev/null) \
		|| echo "Could not install ClamAV; its tests will be skipped."; \
	fi

# `make run PORT=8001` serves on another port; links in emails follow it (SITE_URL). Beside the
# server run the worker that sends the queued emails (printed to this terminal), and every 15
# minutes the scheduled jobs (the Movement's offers, reminders and retention, and the
# housekeeping of sessions, tasks and emails), as systemd runs them in production
# (docs/deployment.md); all stop with the server.
run: PORT ?= 8000
run: export DEBUG ?= true
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	trap 'kill 0' EXIT; \
	$(MANAGE) worker --interval 1 & \
	(while sleep 900; do $(MANAGE) movement_jobs; $(MANAGE) housekeeping; done) & \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The suite collects static files itself and sets its own (production-like) settings.
test: install browser clamav
	$(PYTHON) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PYTHON) -m tools.audit_dependencies

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

demo-data: export DEBUG ?= true
demo-data: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data

# Benchmarks run on PostgreSQL (override DATABASE_URL to choose another server) and use wrk
# for load when it is installed (installed here with apt when run as root).
bench: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/evidence_bench
bench: install browser
	@if ! command -v wrk >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
		|| echo "Could not install wrk; throughput is measured with Python clients instead."; \
	fi
	$(PYTHON) -m pytest tests/benchmarks -m benchmark -p no:cacheprovider -q $(PYTEST_ARGS)

# A bounded load run (10 and 50 users) and a database-restart fault run against gunicorn on
# PostgreSQL; prints a summary table and exits non-zero if a promise is broken (docs/quality.md).
# LOAD_ARGS=--topology runs two gunicorn servers behind haproxy instead, with Redis, a shared
# MEDIA_ROOT and the email worker, and kills a server and stops the worker mid-run.
load: install
	$(PYTHON) -m scripts.load $(LOAD_ARGS)

# Rebuild the committed stylesheet from GOV.UK Frontend's Sass (needs Node; running the app does not).
css:
	npm ci
	npm run build:css

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
