# stancemap: `make demo` runs the main job on the bundled corpus; `make test` runs every test;
# `make test-fast` leaves out the slow, browser, notebooks and data tests (markers set in tests/conftest.py).
# Both create .venv on first use (needs only Python 3.11+ and make).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stancemap-installed
OUT    ?= out/demo

.PHONY: help install demo test test-fast lab model clusters figures figures-check notebooks plotly-bundle clean

help:
	@echo "make demo   - set up .venv and run the main job on the bundled corpus (output in $(OUT)/)"
	@echo "make test   - set up .venv and run the whole test suite"
	@echo "make test-fast - the quick subset for the edit-test loop (no slow, browser, notebooks or data tests)"
	@echo "make lab    - open the notebooks in JupyterLab"
	@echo "make model  - rebuild the default model and its model card from corpora/ and the datasets (STANCEMAP_DATA)"
	@echo "make clusters - learn the pinned word-cluster table (corpora/word-clusters) again from the datasets; then make model"
	@echo "make figures - regenerate figures/ (notebooks + report); make figures-check fails if it was stale"
	@echo "make notebooks - rewrite the notebooks' stored outputs (nbval compares them); case studies too when the datasets are there"
	@echo "make plotly-bundle - rebuild the small plotly.js the image browser loads (needs Node.js and npm)"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "stancemap needs Python 3.11+; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]" -c constraints.txt
	@# pip compiles the bytecode of what it installs, but not of an editable package: compile it here, or
	@# every run recompiles it (about 0.3 s) where PYTHONDONTWRITEBYTECODE is set (CI, containers)
	$(BIN)/python -m compileall -q toolkit/stancemap
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/stancemap report corpora/ceasefire-2025-03 --out $(OUT) --event "2025-03-18=Trump–Putin call"
	@echo "Open $(OUT)/index.html in a browser (figures in $(OUT)/figures/, tables in $(OUT)/tables/)."
	@echo "Run stancemap yourself: source $(VENV)/bin/activate (then stancemap --help), or $(BIN)/stancemap --help."

# Tests run in TEST_JOBS processes (pytest-xdist; `auto` = one per CPU, 0 = in this process), each test
# file in one process (a notebook's cells run in order).
TEST_JOBS ?= auto

test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile

FAST ?= not slow and not browser and not notebooks and not data

test-fast: $(STAMP)
	$(BIN)/python -m pytest tests -m "$(FAST)" -q -n $(TEST_JOBS) --dist loadfile

# Rebuild the default model (models/default) and its model card from the bundled files and the real
# labelled sentences (corpora/real-labels), whose texts come from the public datasets: set STANCEMAP_DATA
# (default ../shared/datasets beside the checkout); without them the build stops with an error.
model: $(STAMP)
	$(BIN)/stancemap model build

# Rebuild toolkit/stancemap/vendor/plotly-figures.min.js, plotly.js with only the trace types stancemap's
# figures draw, which the Chrome that renders PNG/SVG/PDF loads (see toolkit/stancemap/vendor/README.md).
plotly-bundle:
	bash toolkit/plotly-bundle/build.sh

# Learn the default model's word clusters again (corpora/word-clusters/clusters.npz). `make model` reads
# the pinned table: the SVD's last digits, and so a few per cent of the clusters, depend on the BLAS and its threads.
clusters: $(STAMP)
	$(BIN)/stancemap model clusters

FIGURES ?= figures

# Regenerate the published figures (HTML and CSV are byte-identical across runs).
figures: $(STAMP)
	$(BIN)/stancemap report corpora/ceasefire-2025-03 --out $(FIGURES)/ceasefire-2025-03 --formats html --quiet \
		--event "2025-03-18=Trump–Putin call"
	$(BIN)/python notebooks/regenerate.py --figures $(FIGURES)/notebooks
	$(BIN)/python -m stancemap.case_studies --out $(FIGURES)/case-studies --jobs -1

# Rewrite the notebooks' stored outputs, which nbval compares in `make test` (`make figures` only saves
# their figures): the tutorials and classroom notebooks, then the case studies when the public datasets
# are there (STANCEMAP_DATA, default ../shared/datasets beside the checkout).
notebooks: $(STAMP)
	$(BIN)/python notebooks/regenerate.py
	@data="$${STANCEMAP_DATA:-../shared/datasets}"; \
	if [ -d "$$data" ]; then STANCEMAP_DATA="$$data" $(BIN)/python notebooks/regenerate.py notebooks/case-studies/*.ipynb; \
	else echo "case-study notebooks skipped: no datasets at $$data (set STANCEMAP_DATA)"; fi

# Fail if the committed figures differ from freshly regenerated ones.
figures-check: figures
	@if [ -n "$$(git status --porcelain -- $(FIGURES))" ]; then \
		echo "figures/ is stale: run 'make figures' and commit the result. Changed:"; \
		git status --porcelain -- $(FIGURES); git --no-pager diff --stat -- $(FIGURES); exit 1; \
	else echo "figures/ is up to date."; fi

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
