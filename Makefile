# SourceScope: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
INPUT ?= data/sample
OUT ?= reports
COLUMNS ?=
# Many shells export COLUMNS as the terminal's width: only a mapping given to make counts.
ifeq ($(origin COLUMNS),environment)
COLUMNS :=
endif

.DEFAULT_GOAL := help

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## Create .venv and install the project with its test tools
install: $(STAMP)

## Run the whole pipeline on the bundled sample (INPUT=...) and write reports/ (OUT=...)
report: $(STAMP)
	$(BIN)/sourcescope report $(INPUT) --out $(OUT)

## Run the test suite (installs first)
test: $(STAMP)
	$(BIN)/python -m pytest

## Run the tests but not the slow ones
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

## Write every report figure and table into OUT/figures by running notebooks/03 (INPUT=..., COLUMNS=...)
figures: $(STAMP)
	mkdir -p $(OUT)/figures
	@# The kernel's notice that it talks to papermill over local TCP says nothing about the figures.
	bash -o pipefail -c '$(BIN)/papermill notebooks/03-report-figures.ipynb "$(OUT)/03-report-figures.ipynb" \
		--kernel python3 --cwd notebooks --no-progress-bar \
		-p INPUT "$(abspath $(INPUT))" -p COLUMNS "$(COLUMNS)" -p OUTPUT_DIR "$(abspath $(OUT))/figures" \
		2>&1 | { grep -v "Kernel is running over TCP without encryption" || true; }'

## Open JupyterLab on the notebooks with the project's environment as kernel
# The notebooks ask for the "python3" kernel; started from .venv, Jupyter runs
# it with .venv's own Python, so no kernel needs registering.
# Jupyter refuses to start as root (as in a container) without --allow-root.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

## Refit the shipped attribution model on PolNeAR train (needs ../shared; fixed seed)
model: $(STAMP)
	$(BIN)/python -m analysis.models.train

## Print the benchmark figures (needs ../shared)
benchmarks: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/source_typing.py

## Retrain the source-typing model from data/labels (writes models/source-typer.skops)
typing-model: $(STAMP)
	$(BIN)/python -m analysis.sources.typer

## Remove the environment and generated outputs
clean:
	rm -rf $(VENV) .pytest_cache reports/figures/*.png reports/figures/*.svg reports/figures/*.pdf reports/figures/*.csv reports/*.csv reports/*.parquet reports/*.ipynb

## List the targets
help:
	@awk '/^## /{doc=substr($$0,4)} /^[a-z-]+:/{if(doc){split($$1,t,":"); printf "  make %-12s %s\n", t[1], doc; doc=""}}' $(MAKEFILE_LIST)

.PHONY: install report figures test test-fast lab model typing-model benchmarks clean help
