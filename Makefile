# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# The interpreter the virtualenv is made from. Debian's and Ubuntu's own python3.11 is built with
# profile-guided and link-time optimisation: the app does 13% less work a request on it than on a
# plain source build such as pyenv's (bench/README.md). PYTHON=/path/to/python3.11 to choose.
PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11) python3.11)
FLASK := APP_ENV=$${APP_ENV:-development} $(VENV)/bin/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: bench bench-quick run test install assets translations extract migrate demo check-banks browser-deps clean

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv --clear $(VENV) || python3.11 -m venv --clear $(VENV) || python3 -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# GOV.UK Frontend compiled with our settings (system fonts, no crown), plus its JavaScript.
static/build/app.css: node_modules/.installed $(wildcard assets/scss/*.scss)
	mkdir -p static/build static/govuk
	npx sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules assets/scss/app.scss $@
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/govuk/
	mkdir -p static/build/fonts
	cp node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-{400,700}-normal.woff2 static/build/fonts/

# Content-hashed copies (cached for a year), gzip and brotli copies, and static/build/manifest.json.
assets: install static/build/app.css
	$(PY) -m feedback_app.static_files static

# Compile the translators' .po files to .mo (not committed). A broken placeholder stops the build.
# Fuzzy entries are unchecked guesses, so they are left out: the page shows English and says so.
translations: install
	@if compgen -G "translations/*/LC_MESSAGES/messages.po" >/dev/null; then \
	  $(VENV)/bin/pybabel compile --statistics -d translations; \
	else echo "No translations to compile yet."; fi

# Refresh the template translators work from; a test fails when it is out of date.
extract: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k lazy_gettext -k _l --no-location --sort-output --omit-header -o translations/messages.pot .

migrate: install
	mkdir -p instance
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) demo load

check-banks: install
	$(FLASK) banks validate

run: install assets translations check-banks demo
	@echo ""
	@echo "Feedback conversations is running at http://$(HOST):$(PORT)/"
	@echo "Demo sign-ins (password demo-password, development only):"
	@echo "  practitioner@demo.example   advocate@demo.example   coordinator@demo.example   admin@demo.example"
	@echo "  coordinator2@demo.example (a second coder, for blind double coding)"
	@echo "  other.practitioner@demo.example (another council, to check you cannot see Demo Council's records)"
	@echo "Coordinators and the admin also give a 6-digit code: add the key DEMO CODE DEMO CODE DEMO CODE DEMO CODE"
	@echo "  to an authenticator app, or print the current code with: $(FLASK) demo code"
	@echo ""
	$(FLASK) run --host $(HOST) --port $(PORT)

# Debian's Chromium drives the browser tests; nothing is downloaded by Playwright itself.
browser-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

test: install assets translations browser-deps
	# Three workers on two cores: browser, server-kill and two-server tests spend much of their time
	# waiting on other processes, so a third worker keeps both cores busy.
	$(VENV)/bin/pytest -n 3 -q

clean:
	rm -rf $(VENV) node_modules static/build static/govuk

# Speed, weight and scale: figures go to bench/results.json and bench/README.md. Run on a quiet machine.
bench: install assets translations browser-deps
	$(PY) -m bench.run

bench-quick: install assets translations browser-deps
	$(PY) -m bench.run --quick

