"""Shared test set-up.

- The learner's progress file is pointed at a temporary folder for the whole run (notebook kernels started by
  nbval inherit it), so tests never read or write anyone's real answers.
- Outbound network is blocked for the whole run: a test, notebook helper or library that tries to reach anything
  but this machine fails.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_progress_dir = tempfile.mkdtemp(prefix="course-progress-")
os.environ["MISCARRIAGE_COURSE_PROGRESS"] = str(Path(_progress_dir) / "progress.json")
# Kernels started by nbval run sitecustomize.py from tests/network_guard, which blocks the network there too.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "tests" / "network_guard"),
                                                        os.environ.get("PYTHONPATH")]))

from network_guard.sitecustomize import install_network_guard  # noqa: E402

install_network_guard()


def pytest_terminal_summary(terminalreporter):
    """One clear line when the browser suite was skipped (pytest shows skip reasons only under -rs)."""
    reasons = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        if "browser suite skipped: " in reason:
            reason = reason.split("browser suite skipped: ", 1)[1]
            reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in reasons.items():
        terminalreporter.write_line(f"Browser tests not run ({count} skipped): {reason}", yellow=True, bold=True)


def pytest_unconfigure(config):
    shutil.rmtree(_progress_dir, ignore_errors=True)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that a test may break; the package reads it instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(REPO / "data", copy)
    monkeypatch.setenv("MISCARRIAGE_COURSE_DATA", str(copy))
    return copy


@pytest.fixture
def progress_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    monkeypatch.setenv("MISCARRIAGE_COURSE_PROGRESS", str(path))
    return path
