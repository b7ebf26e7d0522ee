"""The package installs as a package (`pip install .`, not editable) and then finds the course's files.

The wheel is built from a copy of the package's sources (so nothing is written into the checkout) and installed with
``pip install --no-deps --no-index --target`` into a temporary folder. The checks run in a fresh Python that sees that
folder and this environment's installed libraries, but not this environment's editable install of the package
(``python -S`` skips the ``.pth`` file that points at the checkout). The wheel is built with this environment's
setuptools (pinned in requirements-test.txt), so nothing is fetched.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from miscarriage_course.quiz.bank import bank_names, load_bank

REPO = Path(__file__).resolve().parents[1]
CHECK = r"""
import importlib, json, os, sys
import miscarriage_course
from miscarriage_course import load_table
result = {"package": miscarriage_course.__file__, "modules": []}
for module in sys.argv[1:]:
    importlib.import_module(module)
    result["modules"].append(module)
try:
    result["rows"] = len(load_table(os.environ["TABLE"]))
except Exception as err:
    result["error"] = f"{type(err).__name__}: {err}"
print(json.dumps(result))
"""

# The page templates and the quiz's front end are package data: render a learner's page with a live quiz (its script,
# style sheet and policy hash) and the answer key from the installed copy.
RENDER = r"""
import json
from miscarriage_course.handouts import QUIZ_SCRIPT_HASH, page_html
from miscarriage_course.quiz.answer_key import answer_key_html
from miscarriage_course.quiz.bank import bank_names, load_bank
from miscarriage_course.templates import environment
print(json.dumps({
    "template": environment().get_template("handout_page.html.j2").filename,
    "page": page_html("Risk & age", '<div class="course-quiz-live"></div>', "learner"),
    "hash": QUIZ_SCRIPT_HASH,
    "answer_key": answer_key_html([load_bank(name) for name in bank_names()]),
}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The folder the package was installed into, non-editably, from a wheel built here."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                            "--wheel-dir", str(work / "wheels"), str(source)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, f"pip wheel failed:\n{built.stderr[-3000:]}"
    target = work / "site"
    done = subprocess.run([*pip, "install", "--no-deps", "--no-index", "--find-links", str(work / "wheels"),
                           "--target", str(target), "miscarriage-course"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"pip install --target failed:\n{done.stderr[-3000:]}"
    assert not list(target.glob("__editable__*")) and not list(target.glob("*.pth")), "the install is editable"
    return target


def command_modules() -> list:
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    return sorted({entry.split(":")[0] for entry in scripts.values()})


def run_installed(installed: Path, cwd: Path, modules=(), script=CHECK, **env) -> dict:
    """Run the check in a Python that sees the installed package first, then this environment's libraries."""
    path = os.pathsep.join([str(installed), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MISCARRIAGE_COURSE_")}
    environment |= {"PYTHONPATH": path, "TABLE": "how_common", **env}
    result = subprocess.run([sys.executable, "-S", "-c", script, *modules], cwd=cwd, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def test_installed_package_loads_a_table_and_imports_every_command_from_the_course_folder(installed):
    result = run_installed(installed, cwd=REPO / "notebooks", modules=command_modules())
    assert Path(result["package"]).is_relative_to(installed), "the check did not use the installed copy"
    assert result.get("error") is None
    assert result["rows"] > 0
    assert result["modules"] == command_modules() and "miscarriage_course.notebooks" in result["modules"]


def test_installed_package_renders_a_handout_page_and_the_answer_key_from_its_own_templates(installed):
    result = run_installed(installed, cwd=REPO / "notebooks", script=RENDER)
    assert Path(result["template"]).is_relative_to(installed), "the templates did not come from the installed copy"
    page = result["page"]
    assert "<title>Risk &amp; age</title>" in page and "@page { margin: 16mm" in page
    assert f"script-src '{result['hash']}'" in page and "mountOffline(document);" in page
    assert ".course-quiz" in page.split("<style>", 1)[1].split("</style>", 1)[0], "the quiz's style sheet is inlined"
    questions = sum(len(load_bank(name).questions) for name in bank_names())
    assert result["answer_key"].startswith("<!DOCTYPE html>") and result["answer_key"].count("<h3>") == questions


def test_installed_package_finds_the_course_named_by_the_environment_variable(installed, tmp_path):
    result = run_installed(installed, cwd=tmp_path, MISCARRIAGE_COURSE_ROOT=str(REPO))
    assert result.get("error") is None and result["rows"] > 0


def test_installed_package_outside_the_course_says_where_it_looked(installed, tmp_path):
    elsewhere = tmp_path / "a folder"
    elsewhere.mkdir()
    result = run_installed(installed, cwd=elsewhere)
    assert result["error"].startswith("CourseFilesNotFound: data/tables.yaml: cannot find the course's files")
    for folder in (elsewhere, tmp_path, installed.parent):
        assert str(folder) in result["error"]
    assert "MISCARRIAGE_COURSE_ROOT" in result["error"]


def test_a_wrong_environment_variable_is_reported_not_worked_around(installed, tmp_path):
    result = run_installed(installed, cwd=REPO, MISCARRIAGE_COURSE_ROOT=str(tmp_path))
    assert f"MISCARRIAGE_COURSE_ROOT is set to {tmp_path}, which has no data/tables.yaml" in result["error"]
