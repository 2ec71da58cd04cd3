# The two commands of the README:
#   make demo   creates .venv, installs, prints the demo's ROI report and serves it in Fava
#   make test   creates .venv, installs (Debian's Chromium and LibreOffice Calc too, with apt,
#               when they are missing), checks the code (make lint), runs the whole test suite
# and:
#   make reports      regenerates reports/ (the demo's 2025 report in every format)
#   make demo-ledger  regenerates the demo ledger and its timeroi.yaml (then: make reports)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := ledgers/demo.beancount
PORT ?= 5000

export BEANCOUNT_DISABLE_LOAD_CACHE := 1

.PHONY: demo test system-packages test-fava-oldest bench fuzz reports demo-ledger messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $(STAMP)

test: $(STAMP) system-packages lint
	$(BIN)/python -m pytest

# The code's own checks, part of make test: lint rules, formatting, strict types.
lint: $(STAMP)
	$(BIN)/ruff check beancount_timeroi tests tools
	$(BIN)/ruff format --check beancount_timeroi tests tools
	$(BIN)/mypy --strict beancount_timeroi tests tools

# What the browser and workbook tests need from Debian (tools/system-packages says which).
system-packages:
	@tools/system-packages

demo: $(STAMP) reports
	$(BIN)/bean-check $(DEMO)
	$(BIN)/bean-timeroi report $(DEMO) --year 2025
	@echo "Serving $(DEMO) in Fava (Ctrl-C to stop). The Social-media ROI page:"
	@echo "    http://127.0.0.1:$(PORT)/studio-camille/extension/TimeRoi/?time=2025"
	$(BIN)/fava --host 127.0.0.1 --port $(PORT) $(DEMO)

# Bring the French catalog up to date with the texts of the code (then translate
# the new entries; make test fails until every text has its French).
messages: $(STAMP)
	$(BIN)/python tools/catalog.py

# Performance ratios against Beancount and Fava themselves (not part of make test).
bench: $(STAMP)
	$(BIN)/python tests/benchmark.py

# Thousands of random hostile ledgers and exports instead of the few hundred of make test.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_properties.py \
	  tests/test_import_csv.py tests/test_import_hledger.py tests/test_import_timewarrior.py

# The Fava tests again with the oldest Fava this project supports.
OLDEST := .venv-fava-oldest
test-fava-oldest:
	$(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --editable '.[test]' 'fava==1.30.5'
	$(OLDEST)/bin/python -m pytest -q tests/test_fava.py tests/test_browser.py \
	  tests/test_log_fava.py tests/test_browser_log.py tests/test_fava_contents.py \
	  tests/test_fava_budgets.py

# The demo ledger and its config come from the demo scenario of beancount_timeroi/example/:
# edit that, not the files. The reports carry the ledger's SHA-256: run make reports after.
demo-ledger: $(STAMP)
	$(BIN)/bean-timeroi example --scenario demo --output ledgers

reports: $(STAMP)
	@for format in text md html json; do \
	  $(BIN)/bean-timeroi report $(DEMO) --year 2025 --format $$format --lang en \
	    --output reports/demo-2025.$$(echo $$format | sed 's/text/txt/'); done
	@for format in text md html; do \
	  $(BIN)/bean-timeroi report $(DEMO) --year 2025 --format $$format --lang fr \
	    --output reports/demo-2025.fr.$$(echo $$format | sed 's/text/txt/'); done
	@$(BIN)/bean-timeroi report $(DEMO) --year 2025 --format csv --lang en --output reports/demo-2025-csv
	@echo "reports/ holds the demo's 2025 report in every format, and in French."

clean:
	rm -rf $(VENV) $(OLDEST) build *.egg-info .pytest_cache
