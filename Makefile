# Styring: `make demo` and `make test` work on a fresh machine with Python >= 3.11 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export STYRING_DATA_DIR ?= $(CURDIR)/var/demo

.PHONY: demo test lint format messages check browsers clean help

help:
	@echo "make demo    - build .venv, load the demo organisation and serve http://127.0.0.1:8000"
	@echo "make test    - build .venv and run the whole test suite (STYRING_TEST_DATABASE_URL for PostgreSQL)"
	@echo "make lint    - ruff check and ruff format --check"
	@echo "make format  - ruff format and ruff check --fix"
	@echo "make messages - collect new strings into the .po files and compile them"
	@echo "make clean   - remove .venv and var/"

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Styring needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/styring demo

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(STAMP)
	cd styring && ../$(BIN)/styring makemessages -l nb -l da -l zh_Hans --no-obsolete -i "*/tests/*"
	cd styring && ../$(BIN)/styring compilemessages

clean:
	rm -rf $(VENV) var
