"""Code style: `ruff check .` (the rules in pyproject.toml under [tool.ruff]) finds nothing in the repository.

It runs the ruff installed next to the Python running the tests (the course's .venv, where requirements-test.txt
puts it), from the repository's root, so `make test` checks what `make lint` checks.
"""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).parent / ("ruff.exe" if sys.platform == "win32" else "ruff")


def test_ruff_finds_nothing():
    if not RUFF.is_file():
        pytest.skip(f"ruff is not installed next to {sys.executable} (pip install -r requirements-test.txt)")
    run = subprocess.run([str(RUFF), "check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, f"`ruff check .` found problems (fix them, or run `ruff check --fix .`):\n" \
        f"{run.stdout}{run.stderr}"
