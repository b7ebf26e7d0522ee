"""The Makefile works from a folder whose path has spaces (every path in its recipes is quoted).

The Makefile runs in a copy of the course's set-up files under "with space/x", with an installed-looking .venv whose
`jupyter` is a stand-in that writes out the arguments it was given: `make lab` and `make voila` really run through the
shell, and the test reads what Jupyter would have received, without starting a server.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
STAND_IN = """#!{python}
import json, sys
with open({record!r}, "a") as f:
    f.write(json.dumps(sys.argv[1:]) + "\\n")
"""

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.fixture
def course_with_a_space(tmp_path) -> Path:
    folder = tmp_path / "with space" / "x"
    folder.mkdir(parents=True)
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "pyproject.toml", "package.json",
                 "package-lock.json"):
        shutil.copy(REPO / name, folder / name)
    shutil.copytree(REPO / "jupyter", folder / "jupyter")
    (folder / ".venv" / "bin").mkdir(parents=True)
    record = tmp_path / "jupyter-arguments.jsonl"
    jupyter = folder / ".venv" / "bin" / "jupyter"
    jupyter.write_text(STAND_IN.format(python=sys.executable, record=str(record)))
    jupyter.chmod(0o755)
    (folder / ".venv" / ".installed").touch()  # newer than every file it depends on: make installs nothing
    return folder


def run_make(folder: Path, *targets) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    return subprocess.run(["make", *targets], cwd=folder, env=env, capture_output=True, text=True, timeout=60)


def test_lab_and_voila_get_the_course_folder_whole(course_with_a_space):
    folder = course_with_a_space
    result = run_make(folder, "lab", "voila")
    assert result.returncode == 0, result.stderr
    lab, voila = [json.loads(line) for line in (folder.parents[1] / "jupyter-arguments.jsonl").read_text().splitlines()]
    assert lab[0] == "lab" and f"--ServerApp.root_dir={folder}" in lab
    assert lab[-1] == "notebooks/00_how_common.ipynb"
    assert voila[0] == "server" and f"--ServerApp.root_dir={folder}" in voila
    assert "--ServerApp.default_url=/voila/render/notebooks/00_how_common.ipynb" in voila

