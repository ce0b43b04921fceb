# The README's commands. Each target sets up .venv on first use: the site targets from
# requirements.txt (runtime only), test/lint/screenshots/bench from requirements-dev.txt.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
YEAR ?=
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve preview site local-site validate test test-fast lint schema publish links new-site screenshots weight bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The browser tests' current axe-core (npm, pinned in package-lock.json; test-only).
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## serve: build every version (drafts included, marked Draft) and serve at http://127.0.0.1:8000
serve: $(VENV)/.installed
	$(PY) -m report site --drafts --local http://127.0.0.1:$(PORT)/ --out site
	$(PY) -m report serve --dir site --port $(PORT)

## preview: live-reloading preview of one year (newest by default; YEAR=2021-22 for another)
preview: $(VENV)/.installed
	$(PY) -m report.settings mkdocs.yml
	REPORT_YEAR=$(YEAR) REPORT_DRAFTS=true $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

## site: the deploy build: every published version into site/ (drafts never included); needs SITE_URL
site: $(VENV)/.installed
	$(PY) -m report site --out site

# The same build for this computer (no SITE_URL needed): for links, screenshots and weight.
local-site: $(VENV)/.installed
	$(PY) -m report site --local http://127.0.0.1:$(PORT)/ --out site

## validate: check data/*.yaml and docs/commentary/*.md; one line per problem
validate: $(VENV)/.installed
	$(PY) -m report validate

## lint: ruff on the Python code; the workflows against GitHub's schema (offline) and zizmor
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(VENV)/bin/zizmor --offline --persona=pedantic .github/workflows

## test: lint, then every test (browser and slow ones included), in two processes (one per core; a test file stays in one)
test: lint node_modules/.installed
	$(PY) -m pytest -q -n 2 --dist loadfile

## test-fast: every test except the browser and slow ones, without lint
test-fast: $(VENV)/.installed-dev
	$(PY) -m pytest -q -m "not browser and not slow"

## publish: lock the figures of newly published years in data/published.lock.json
publish: $(VENV)/.installed
	$(PY) -m report publish

## links: build, then add the site's new addresses to links.txt (never removes one)
links: local-site
	$(PY) -m report links --dir site

## new-site: start afresh: delete the example's data and commentary, empty the lock and links.txt, write a draft (needs CONFIRM=1;
## SERIES=id PRESET=children|adults|corporate|housing TITLE="..." for a first report series in data/<id>/; YEAR=2025-26)
# Each value is passed as one shell word in single quotes, unexpanded ($(value ...)) and kept out of the
# recipe's environment (unexport), so that a title is text: no $, quote or backtick in it is ever run.
unexport SERIES PRESET TITLE
quoted = '$(subst ','\'',$(value $(1)))'
new-site: $(VENV)/.installed
	$(PY) -m report new-site $(if $(CONFIRM),--yes,) $(if $(value YEAR),--year $(call quoted,YEAR),) \
		$(if $(value SERIES),--series $(call quoted,SERIES),) $(if $(value PRESET),--preset $(call quoted,PRESET),) \
		$(if $(value TITLE),--title $(call quoted,TITLE),)

## screenshots: PNGs of the year, compare and data pages at 1280 and 375 px into screenshots/
screenshots: local-site $(VENV)/.installed-dev
	$(PY) tools/screenshots.py

## weight: bytes each page of latest transfers, gzip-compressed (target: year page under 150 KB)
weight: local-site $(VENV)/.installed-dev
	$(PY) bench/page_weight.py

## bench: build speed against plain MkDocs at 5, 10, 20 and 40 years (writes bench/results.json)
bench: $(VENV)/.installed-dev
	$(PY) bench/run.py

## schema: regenerate data/schema.json from report/fields.py
schema: $(VENV)/.installed
	$(PY) -c "from report.schema import schema_text; open('data/schema.json', 'w').write(schema_text())"

clean:
	rm -rf site .site-build-* .pytest_cache .cache
