"""Where the course's files are, so that notebooks and commands run from any folder, installed or from a checkout.

The course folder is the one holding ``data/tables.yaml`` (with ``data/`` and ``notebooks/`` beside it). It is looked
for, in this order:

1. ``$MISCARRIAGE_COURSE_ROOT``, when set (and then only there, so a wrong setting is reported, not worked around);
2. the current folder and each folder above it (a notebook's kernel starts in ``notebooks/``; commands start at the
   top of the repository);
3. the checkout this package was loaded from (an editable install, or ``src/`` on the path).

``$MISCARRIAGE_COURSE_DATA`` points the data lookup (tables and quiz banks) at another folder; the tests use it to
feed broken files.
"""

import os
from functools import lru_cache
from pathlib import Path

from miscarriage_course.errors import CourseDataError

ROOT_VARIABLE = "MISCARRIAGE_COURSE_ROOT"
DATA_VARIABLE = "MISCARRIAGE_COURSE_DATA"
MARKER = Path("data") / "tables.yaml"

PACKAGE_DIR = Path(__file__).resolve().parent
# Where the course would be if this package is the one in a checkout's src/ folder (not true once installed).
CHECKOUT_DIR = PACKAGE_DIR.parents[1]


class CourseFilesNotFound(CourseDataError):
    """The course folder (data/ and notebooks/) could not be found. The message lists every folder looked in."""

    def __init__(self, looked_in, from_variable: bool):
        if from_variable:
            advice = (f"{ROOT_VARIABLE} is set to {looked_in[0]}, which has no {MARKER.as_posix()}; "
                      "point it at the course folder (the one holding data/ and notebooks/) or unset it")
        else:
            advice = (f"looked for {MARKER.as_posix()} in: {', '.join(str(p) for p in looked_in)}. "
                      f"Start from inside the course folder (the one holding data/ and notebooks/), "
                      f"or set {ROOT_VARIABLE} to it")
        super().__init__(MARKER.as_posix(), f"cannot find the course's files: {advice}")
        self.looked_in = list(looked_in)


def _current_folder():
    try:
        return Path.cwd()
    except OSError:  # the folder we were started in has been deleted
        return None


@lru_cache(maxsize=16)
def _find_root(from_variable, current) -> Path:
    if from_variable:
        candidates = [Path(from_variable).expanduser()]
    else:
        candidates = ([current, *current.parents] if current else []) + [CHECKOUT_DIR]
    looked_in = []
    for folder in candidates:
        if (folder / MARKER).is_file():
            return folder.resolve()
        if folder not in looked_in:
            looked_in.append(folder)
    raise CourseFilesNotFound(looked_in, from_variable=bool(from_variable))


def course_root() -> Path:
    """The course folder (holding ``data/`` and ``notebooks/``); raises :class:`CourseFilesNotFound` naming every
    folder it looked in."""
    return _find_root(os.environ.get(ROOT_VARIABLE) or None, _current_folder())


def data_dir() -> Path:
    """The folder holding the data tables and quiz banks (``data/`` in the course folder)."""
    if os.environ.get(DATA_VARIABLE):
        return Path(os.environ[DATA_VARIABLE])
    return course_root() / "data"


def notebooks_dir() -> Path:
    return course_root() / "notebooks"


def display_path(path: Path) -> str:
    """A short path for messages: relative to the course folder when it is inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(course_root()))
    except (ValueError, CourseDataError):
        return str(path)


def __getattr__(name):
    # REPO_DIR is found when first asked for (not when this module is imported), so that importing the package
    # never fails; asking for it outside a course folder raises CourseFilesNotFound.
    if name == "REPO_DIR":
        return course_root()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
