# Every install step lives here: a fresh machine with Python 3.11+ needs only `make run` / `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint openapi migrate bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/asn-api serve --demo

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

openapi: install
	$(BIN)/asn-api openapi --output openapi/openapi.json

migrate: install
	$(BIN)/asn-api migrate

bench: install
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .asn-data .pytest_cache
