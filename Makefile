# Two commands do all the set-up on a fresh machine with Python 3.11 and make:
#   make lab    create .venv, install everything, open the course in JupyterLab
#   make test   create .venv, install everything, run every test
# Others: make voila (the course without code, in the browser), make handouts (the course as offline web pages
#         and zips, in build/handouts), make execute (re-run every notebook and store its outputs), make nav,
#         make bench, make answer-key, make check-banks (after editing a quiz bank), make lms (the quiz banks for
#         Moodle, Canvas and other platforms, in build/lms), make reset-progress, make lint, make clean.
# Choose the port with JUPYTER_PORT=8899 make lab (Jupyter reads it); stop the server with Ctrl+C twice.
# Every path is quoted in the recipes, so the course works from a folder whose path has spaces.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FIRST_NOTEBOOK := notebooks/00_how_common.ipynb
# JupyterLab refuses to start as root unless told; add the flag only when we are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab voila handouts test execute nav bench answer-key check-banks lms reset-progress lint clean

$(STAMP): requirements.txt requirements-test.txt pyproject.toml package.json package-lock.json jupyter/*.py jupyter/lab-overrides.json jupyter/lab-custom.css jupyter/voila-course-template/*
	@test -n "$(PYTHON)" || { echo "make: no python3.11 or python3 found; install Python 3.11 (or run: make PYTHON=/path/to/python3.11 ...)" >&2; exit 1; }
	@"$(PYTHON)" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  echo "make: warning: using $(PYTHON), which is Python $$("$(PYTHON)" -c 'import platform; print(platform.python_version())'), not 3.11 (no python3.11 on the PATH?); the course's pins and stored outputs are tested on Python 3.11. Choose it with: make PYTHON=/path/to/python3.11 ..." >&2
	"$(PYTHON)" -m venv "$(VENV)"
	"$(BIN)/python" -m pip install --quiet --upgrade pip
	"$(BIN)/python" -m pip install --quiet -r requirements-test.txt
	"$(BIN)/python" -m pip install --quiet --no-deps -e .
	"$(BIN)/python" -m miscarriage_course.jupyter_settings "$(VENV)"
	@# axe-core, for the browser suite's accessibility checks only (nothing from npm ships with the course).
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund; \
	  else echo "make: npm not found, so the accessibility (axe) checks will be skipped; install Node.js and npm to run them." >&2; fi
	touch "$(STAMP)"

lab: $(STAMP)
	"$(BIN)/jupyter" lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" "$(FIRST_NOTEBOOK)"

# The no-code view: Voila shows prose, charts and live quizzes without code. It runs inside a Jupyter server, as
# on Binder, serving the repository so every notebook's links work, and opens on notebook 00.
voila: $(STAMP)
	"$(BIN)/jupyter" server $(ROOT_FLAG) --ServerApp.open_browser=True --ServerApp.root_dir="$(CURDIR)" \
	  --ServerApp.default_url="/voila/render/$(FIRST_NOTEBOOK)"

test: $(STAMP)
	COURSE_BROWSER=1 "$(BIN)/python" -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg --durations=12 tests notebooks

execute: $(STAMP)
	"$(BIN)/course-notebooks" execute

bench: $(STAMP)
	"$(BIN)/python" scripts/bench.py

nav: $(STAMP)
	"$(BIN)/course-notebooks" nav

answer-key: $(STAMP)
	"$(BIN)/course-answer-key" --format markdown --output answer-key.md

# After editing a quiz bank: YAML syntax, fields, sources, figures and the bank linter, in plain words.
check-banks: $(STAMP)
	"$(BIN)/course-check-bank"

# The quiz banks as Moodle XML, QTI 1.2 zips (Canvas) and GIFT, with charts, feedback and partial credit.
lms: $(STAMP)
	"$(BIN)/course-lms-export" --output build/lms

handouts: $(STAMP)
	"$(BIN)/course-handouts" --output build/handouts

reset-progress: $(STAMP)
	"$(BIN)/python" -m miscarriage_course.quiz.progress --reset

lint: $(STAMP)
	"$(BIN)/ruff" check .

clean:
	rm -rf "$(VENV)" build
