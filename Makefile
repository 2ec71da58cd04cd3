# The two commands of the README:
#   make demo   creates .venv, installs, checks the demo ledger and serves it in Fava
#   make test   creates .venv, installs, runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := ledgers/demo.beancount
PORT ?= 5000

export BEANCOUNT_DISABLE_LOAD_CACHE := 1

.PHONY: demo test clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

demo: $(STAMP)
	$(BIN)/bean-check $(DEMO)
	@echo "Time valued per channel account (generated transactions, tag #timeroi):"
	@$(BIN)/bean-query $(DEMO) "SELECT account, sum(number) AS value WHERE 'timeroi' IN tags AND account ~ '^Expenses' GROUP BY account ORDER BY account"
	@echo "Serving $(DEMO) in Fava at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/fava --host 127.0.0.1 --port $(PORT) $(DEMO)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
