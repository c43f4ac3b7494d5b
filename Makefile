# Telemetry aggregation query workbench.
# Quick start on a fresh machine:  make fake-data && make test

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     := data/workbench.duckdb
SOURCE ?= dropsonde
# Every source under schemas/ (a directory with a source.toml): `make fake-data` generates them all.
SOURCES  ?= $(sort $(patsubst schemas/%/source.toml,%,$(wildcard schemas/*/source.toml)))
DATASETS := $(foreach s,$(SOURCES),data/$(s)/dataset.json)
# The local BigQuery API server of the `bigquery` tests, in its own environment (see
# tests/bqemu-requirements.txt); its HOME holds the DuckDB extensions it loads offline.
BQEMU       := .bqemu
BQEMU_STAMP := $(BQEMU)/.installed

.PHONY: setup fake-data test lint check promote lab bench notebooks charts clean help bqemu

help:
	@echo "make fake-data   create .venv, install, generate every source's default dataset ($(DB))"
	@echo "make test        lint, workbench check, pytest and nbval (generates what is missing)"
	@echo "make check       workbench check --strict over queries/ (syntax, tables, privacy, header)"
	@echo "make promote     check and promote every query of SOURCE ($(SOURCE)); TO=DIR, FORCE=1"
	@echo "make bqemu       the local BigQuery API server of the bigquery tests (.bqemu/)"
	@echo "make notebooks   re-execute the notebooks in place; make charts: export their charts"
	@echo "make lab         JupyterLab on 127.0.0.1, opened on notebooks/"
	@echo "make bench       benchmarks under bench/"

# The virtual environment, (re)installed whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(STAMP)

setup: $(STAMP)

$(BQEMU_STAMP): tests/bqemu-requirements.txt
	@test -x $(BQEMU)/bin/python || $(PYTHON) -m venv $(BQEMU)
	$(BQEMU)/bin/python -m pip install --quiet --upgrade pip
	$(BQEMU)/bin/python -m pip install --quiet -r tests/bqemu-requirements.txt
	mkdir -p $(BQEMU)/home
	HOME=$(abspath $(BQEMU))/home $(BQEMU)/bin/python -c "import duckdb, duckdb_extensions as x; \
	  c = duckdb.connect(); [x.import_extension(e, con=c) for e in ('spatial', 'avro')]"
	@touch $@

bqemu: $(BQEMU_STAMP)

# The default dataset of every source, all in $(DB) (SOURCES=pulp for one of them).
fake-data: setup
	@for s in $(SOURCES); do $(BIN)/workbench fake-data --source $$s || exit 1; done

$(DB): | $(STAMP)
	@for s in $(SOURCES); do $(BIN)/workbench fake-data --source $$s || exit 1; done

# A source added since the database was made gets its dataset too.
data/%/dataset.json: | $(STAMP)
	$(BIN)/workbench fake-data --source $*

lint: setup
	$(BIN)/ruff check fakedata workbench tests bench

check: setup $(DB) $(DATASETS)
	$(BIN)/workbench check --strict queries

test: setup $(DB) $(DATASETS) lint check $(BQEMU_STAMP)
	$(BIN)/python -m pytest --nbval --nbval-sanitize-with notebooks/nbval-sanitize.cfg tests notebooks

# TO defaults to promote_to in schemas/$(SOURCE)/source.toml.
promote: setup $(DB) $(DATASETS)
	$(BIN)/workbench promote queries/$(SOURCE)/*.sql $(if $(TO),--to $(TO)) $(if $(FORCE),--force)

lab: setup $(DB) $(DATASETS)
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: setup
	$(BIN)/python bench/run.py

# Re-execute every notebook in place (after a change to the data or the queries), then
# review the diff of the stored outputs before committing.
notebooks: setup $(DB) $(DATASETS)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace notebooks/*.ipynb

# Every chart stored in the notebooks, as SVG and PNG (vl-convert, offline).
charts: setup
	$(BIN)/python -m workbench.charts notebooks docs/charts

clean:
	rm -rf data build .pytest_cache .ruff_cache
