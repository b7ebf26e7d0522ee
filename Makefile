# Two commands do all the set-up on a fresh machine with Python 3.11 and make:
#   make lab    create .venv, install everything, open the course in JupyterLab
#   make test   create .venv, install everything, run every test
# Others: make voila (the course without code, in the browser), make handouts (the course as offline web pages
#         and zips, in build/handouts), make execute (re-run every notebook and store its outputs), make nav,
#         make bench, make answer-key, make check-banks (after editing a quiz bank), make reset-progress, make clean.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FIRST_NOTEBOOK := notebooks/00_how_common.ipynb
# JupyterLab refuses to start as root unless told; add the flag only when we are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab voila handouts test execute nav bench answer-key check-banks reset-progress clean

$(STAMP): requirements.txt requirements-test.txt pyproject.toml jupyter/install.sh jupyter/lab-overrides.json jupyter/voila_config.py jupyter/voila-course-template/*
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	sh jupyter/install.sh $(VENV)
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=$(CURDIR) $(FIRST_NOTEBOOK)

# The no-code view: Voila shows prose, charts and live quizzes without code. It runs inside a Jupyter server, as
# on Binder, serving the repository so every notebook's links work, and opens on notebook 00.
voila: $(STAMP)
	$(BIN)/jupyter server $(ROOT_FLAG) --ServerApp.open_browser=True --ServerApp.root_dir=$(CURDIR) \
	  --ServerApp.default_url=/voila/render/$(FIRST_NOTEBOOK)

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

# After editing a quiz bank: YAML syntax, fields, sources, figures and the bank linter, in plain words.
check-banks: $(STAMP)
	$(BIN)/course-check-bank

handouts: $(STAMP)
	$(BIN)/course-handouts --output build/handouts

reset-progress: $(STAMP)
	$(BIN)/python -m miscarriage_course.quiz.progress --reset

clean:
	rm -rf $(VENV) build
