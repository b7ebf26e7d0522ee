"""Where the course's files are, found from the package itself so notebooks run from any folder."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parents[1]


def data_dir() -> Path:
    """The folder holding the data tables and quiz banks (``data/`` at the top of the repository).

    ``MISCARRIAGE_COURSE_DATA`` points elsewhere, which the tests use to feed broken files.
    """
    return Path(os.environ.get("MISCARRIAGE_COURSE_DATA", REPO_DIR / "data"))


def notebooks_dir() -> Path:
    return REPO_DIR / "notebooks"


def display_path(path: Path) -> str:
    """A short path for messages: relative to the repository when it is inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(REPO_DIR))
    except ValueError:
        return str(path)
