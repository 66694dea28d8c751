# Gradients, Executed — every target creates .venv from requirements.txt when it is
# missing or stale (the pins changed), so a fresh clone needs only Python 3.11,
# git and make.  `make help` lists the targets.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
# The venv is stale when requirements.txt or constraints.txt changes.
REQ_HASH := $(shell cat requirements.txt constraints.txt 2>/dev/null | $(PYTHON) -c "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])")
STAMP  := $(VENV)/.installed-$(REQ_HASH)
# Node tools (package.json, locked in package-lock.json): installed with npm ci when stale.
NODE_HASH := $(shell cat package-lock.json 2>/dev/null | $(PYTHON) -c "import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])")
NODE_STAMP := node_modules/.installed-$(NODE_HASH)
PYTEST := $(PY) -m pytest

.DEFAULT_GOAL := help
.PHONY: help venv system-deps test check-snippets check-labs-and-engine check-browser check-content-and-site \
        test-browser test-notebooks test-portable test-standalone update-outputs site serve bench lock clean \
        i18n-status i18n-stamp new-language drift

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt constraints.txt
	@$(PYTHON) -c "import sys; assert sys.version_info >= (3, 11), 'Python 3.11+ is needed, found ' + sys.version" 
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt -c constraints.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP) ## Create or refresh .venv from requirements.txt

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make: npm is missing: sudo apt-get install nodejs npm (make system-deps does it as root)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@rm -f node_modules/.installed-*
	@touch $@

system-deps: ## Install Chromium and a CJK font when missing (as root with apt-get; else say what to run)
	@bash scripts/system_deps.sh

# make test is a pipeline, two jobs at a time on two cores: (1) the snippets (they draw
# the figures) beside the labs and the engine's tests; (2) the site build; (3) the browser
# checks of every page beside the tests of the content and of the built site (in site/).
test: system-deps $(STAMP) $(NODE_STAMP) ## Run every test: snippets, labs, engine, content, the site build (kept in site/), the browser
	@$(MAKE) --no-print-directory -j2 -O check-snippets check-labs-and-engine
	$(PY) -m engine build --quiet --out site
	@$(MAKE) --no-print-directory -j2 -O check-browser check-content-and-site

check-snippets:
	$(PYTEST) snippets

check-labs-and-engine:
	$(PY) -m engine labs --jobs 1
	$(PYTEST) tests/engine

check-browser:
	$(PY) -m tests.browser.check site

check-content-and-site:
	$(PYTEST) tests/content tests/site tests/browser --site site

site: test ## The same as make test: the site it built and checked is in site/

test-browser: system-deps $(STAMP) ## Every browser check on every page of site/: phone layout, dark figures, axe-core (after make test; CI runs it)
	@test -d site || { echo "make test-browser: no site/ yet; run make test first"; exit 2; }
	BROWSER_FULL=1 $(PY) -m tests.browser.check site

test-notebooks: $(STAMP) ## Run every notebook of site/ as a reader does, compared with its page (after make test; CI runs it)
	@test -d site || { echo "make test-notebooks: no site/ yet; run make test first"; exit 2; }
	$(PY) -m engine notebooks site

test-portable: $(STAMP) ## Run every snippet on each CPU kernel level this CPU has, and on all cores
	$(PY) -m engine portable

test-standalone: $(STAMP) ## Run each snippet as a reader does: a fresh python, no thread or kernel settings
	$(PYTEST) snippets --standalone

update-outputs: $(STAMP) ## Rewrite expected outputs of snippets whose output changed (runs each twice)
	$(PYTEST) snippets --update-outputs

serve: site ## Test, build, and serve the site on localhost (PORT=8000)
	@echo "Serving site/ on http://127.0.0.1:$(PORT)/ (中文) and http://127.0.0.1:$(PORT)/en/ (English)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory site

i18n-status: $(STAMP) ## Translation status per language: up to date / stale / missing pages
	@$(PY) -m engine i18n-status

i18n-stamp: $(STAMP) ## Mark a translated page up to date with its source: PAGE=en/autograd/basics.md (or a folder)
	@test -n "$(PAGE)" || { echo "usage: make i18n-stamp PAGE=en/autograd/basics.md  (a page or a folder under docs/)"; exit 2; }
	@$(PY) -m engine i18n-status --stamp $(PAGE)

new-language: $(STAMP) ## Add a partly translated language: LANG_CODE=xx [LANG_NAME=Name] (not LANG: the locale)
	@test -n "$(LANG_CODE)" || { echo "usage: make new-language LANG_CODE=ja LANG_NAME=日本語"; exit 2; }
	@$(PY) -m engine new-language $(LANG_CODE) $(if $(LANG_NAME),--name "$(LANG_NAME)")

drift: ## Run everything on a newer PyTorch, record what differs: TORCH=2.14.1 [CHECK=1] (.venv-torch-<version>)
	@test -n "$(TORCH)" || { echo "usage: make drift TORCH=2.14.1 [CHECK=1]  (a torch release pip can install)"; exit 2; }
	@$(PYTHON) -m engine drift $(TORCH) $(if $(CHECK),--check)

bench: $(STAMP) ## Measure: snippet count, test time, import torch, harness overhead, standalone, build
	$(PY) -m engine bench

lock: $(STAMP) ## Regenerate constraints.txt (every transitive pin) from the current .venv
	{ echo '# Every transitive dependency, pinned (`make lock` regenerates it). Direct pins live in'; \
	  echo '# requirements.txt; torch is pinned there only (its local CPU build is 2.13.0+cpu).'; \
	  $(PY) -m pip freeze --exclude-editable | grep -v -i '^torch=='; } > constraints.txt

clean: ## Remove site/, caches and test artifacts (keeps .venv and node_modules)
	rm -rf site build test-artifacts .pytest_cache .cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
