# Two commands do all the set-up on a fresh machine with Python 3.11 and make:
#   make lab    create .venv, install everything, open the course in JupyterLab
#   make test   create .venv, install everything, run every test
# Others: make execute (re-run every notebook and store its outputs), make bench,
#         make answer-key, make reset-progress, make clean.
#         make handouts (the course as offline web pages and zips, in build/handouts).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FIRST_NOTEBOOK := notebooks/00_how_common.ipynb
# JupyterLab refuses to start as root unless told; add the flag only when we are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test execute nav bench answer-key reset-progress clean

$(STAMP): requirements.txt requirements-test.txt pyproject.toml jupyter/overrides.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=$(CURDIR) $(FIRST_NOTEBOOK)

test: $(STAMP)
	COURSE_BROWSER=1 $(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks

execute: $(STAMP)
	$(BIN)/course-notebooks execute

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

nav: $(STAMP)
	$(BIN)/course-notebooks nav

answer-key: $(STAMP)
	$(BIN)/course-answer-key --format markdown --output answer-key.md

.PHONY: handouts
handouts: $(STAMP)
	$(BIN)/course-handouts --output build/handouts

reset-progress: $(STAMP)
	$(BIN)/python -m miscarriage_course.quiz.progress --reset

clean:
	rm -rf $(VENV) build
