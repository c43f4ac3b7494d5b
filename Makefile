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

.PHONY: setup lock test-latest fake-data test lint check promote compare lab bench notebooks charts clean help bqemu

help:
	@echo "make fake-data   create .venv, install, generate every source's default dataset ($(DB))"
	@echo "make test        lint, workbench check, pytest and nbval (generates what is missing)"
	@echo "make check       workbench check --strict over queries/ (syntax, tables, privacy, header)"
	@echo "make promote     check and promote every query of SOURCE ($(SOURCE)); TO=DIR, FORCE=1"
	@echo "make compare     every query of SOURCE offline and on its published example table; TABLE=P.D.T, PROJECT=P"
	@echo "make bqemu       the local BigQuery API server of the bigquery tests (.bqemu/)"
	@echo "make notebooks   re-execute the notebooks in place; make charts: export their charts"
	@echo "make lab         JupyterLab on 127.0.0.1, opened on notebooks/"
	@echo "make bench       benchmarks under bench/"
	@echo "make lock        refresh uv.lock and tests/bqemu-requirements.lock to the newest allowed versions"
	@echo "make test-latest the suite on the newest allowed versions, in build/latest (drift canary, not CI)"

# Every version comes from a lock: uv.lock for .venv (uv sync), tests/bqemu-requirements.lock
# for .bqemu (hashes). uv itself is the one pinned bootstrap, installed with the machine's pip.
UV_VERSION := 0.13.8
UV         := .tools/uv-$(UV_VERSION)/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_NO_PROGRESS := 1
# Installed packages get their bytecode at install time (uv does not by default): without it
# every `workbench run` compiled sqlglot, duckdb's and NumPy's sources again wherever Python
# may not write __pycache__ (PYTHONDONTWRITEBYTECODE, read-only trees): 0.8 s a command.
export UV_COMPILE_BYTECODE := 1

$(UV):
	PIP_ROOT_USER_ACTION=ignore $(PYTHON) -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
	  --target .tools/uv-$(UV_VERSION) uv==$(UV_VERSION)

# The virtual environment, synced to the lock whenever pyproject.toml or uv.lock changes
# (--locked: a lock that no longer matches pyproject.toml is an error, not a silent relock).
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --quiet --locked --all-groups --python $(PYTHON)
	@touch $(STAMP)

setup: $(STAMP)

$(BQEMU_STAMP): tests/bqemu-requirements.lock | $(UV)
	@test -x $(BQEMU)/bin/python || $(UV) venv --quiet --python $(PYTHON) $(BQEMU)
	$(UV) pip sync --quiet --require-hashes --python $(BQEMU)/bin/python tests/bqemu-requirements.lock
	mkdir -p $(BQEMU)/home
	HOME=$(abspath $(BQEMU))/home $(BQEMU)/bin/python -c "import duckdb, duckdb_extensions as x; \
	  c = duckdb.connect(); [x.import_extension(e, con=c) for e in ('spatial', 'avro')]"
	@touch $@

bqemu: $(BQEMU_STAMP)

# Refresh both locks to the newest versions pyproject.toml and tests/bqemu-requirements.in
# allow; then make test, and review what changed (make notebooks for the stored outputs).
lock: | $(UV)
	$(UV) lock --upgrade
	$(UV) run --quiet --locked --all-groups --python $(PYTHON) python tools/environment_yml.py
	$(UV) pip compile --quiet --upgrade --generate-hashes --universal --python-version 3.11 \
	  tests/bqemu-requirements.in -o tests/bqemu-requirements.lock

# Drift canary (not part of CI): the newest versions pyproject.toml allows, in a throwaway
# environment, against the whole suite. A failure names what an upstream release changed.
LATEST := build/latest
test-latest: $(DB) $(DATASETS) $(BQEMU_STAMP) | $(UV)
	rm -rf $(LATEST) && mkdir -p $(LATEST)
	$(UV) venv --quiet --python $(PYTHON) $(LATEST)/venv
	$(UV) pip install --quiet --upgrade --python $(LATEST)/venv/bin/python -e . \
	  --group test --group lint --group lab
	$(UV) pip freeze --python $(LATEST)/venv/bin/python > $(LATEST)/freeze.txt
	$(LATEST)/venv/bin/python -m pytest -n auto --dist loadfile --nbval --nbval-sanitize-with notebooks/nbval-sanitize.cfg tests notebooks

# The default dataset of every source, all in $(DB) (SOURCES=pulp for one of them).
fake-data: setup
	@for s in $(SOURCES); do $(BIN)/workbench fake-data --source $$s || exit 1; done

$(DB): | $(STAMP)
	@for s in $(SOURCES); do $(BIN)/workbench fake-data --source $$s || exit 1; done

# A source added since the database was made gets its dataset too.
data/%/dataset.json: | $(STAMP)
	$(BIN)/workbench fake-data --source $*

lint: setup
	$(BIN)/ruff check fakedata workbench wbcore tests bench tools
	$(BIN)/lint-imports --no-cache

check: setup $(DB) $(DATASETS)
	$(BIN)/workbench check --strict queries

test: setup $(DB) $(DATASETS) lint check $(BQEMU_STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile --nbval --nbval-sanitize-with notebooks/nbval-sanitize.cfg tests notebooks

# TO defaults to promote_to in schemas/$(SOURCE)/source.toml.
promote: setup $(DB) $(DATASETS)
	$(BIN)/workbench promote queries/$(SOURCE)/*.sql $(if $(TO),--to $(TO)) $(if $(FORCE),--force)

# Every query of SOURCE offline and on BigQuery's published example table (TABLE defaults to the
# source's public table; PROJECT runs the jobs), all compared; fails if any differs.
compare: setup $(DB) $(DATASETS)
	@status=0; for f in queries/$(SOURCE)/*.sql; do \
	  $(BIN)/workbench compare $$f $(if $(TABLE),--table $(TABLE)) $(if $(PROJECT),--project $(PROJECT)) || status=1; \
	done; exit $$status

# The notebooks open trusted (their stored charts show without Run All): `jupyter trust` records
# their signatures in Jupyter's data directory, never in the files. Opening one and closing it
# leaves git clean (tests/test_lab_session.py).
lab: setup $(DB) $(DATASETS)
	$(BIN)/jupyter trust notebooks/*.ipynb
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: setup
	$(BIN)/python bench/run.py

# Re-execute every notebook in place (after a change to the data or the queries), then
# review the diff of the stored outputs before committing.
notebooks: setup $(DB) $(DATASETS)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.record_timing=False notebooks/*.ipynb

# Every chart stored in the notebooks, as SVG and PNG (vl-convert, offline).
charts: setup
	$(BIN)/python -m workbench.charts notebooks docs/charts

clean:
	rm -rf data build .pytest_cache .ruff_cache
