"""Put the course's Jupyter settings where Jupyter looks for them, in a Python environment (on every OS):

- JupyterLab: no news pop-up (``jupyter/lab-overrides.json`` -> ``PREFIX/share/jupyter/lab/settings/overrides.json``)
  and underlined links in rendered Markdown (``jupyter/lab-custom.css`` ->
  ``PREFIX/share/jupyter/miscarriage_course/custom/custom.css``, loaded by the server settings below)
- Voila: the course's template, which asks nothing of the network (``jupyter/voila-course-template/`` ->
  ``PREFIX/share/jupyter/voila/templates/course/``), chosen as the default, and no MathJax from a CDN
  (``jupyter/voila_config.py`` -> ``PREFIX/etc/jupyter/voila.py``)
- Jupyter server: no deprecation warning meant for library authors at every start, and JupyterLab told to load the
  course's CSS (``jupyter/server_config.py`` -> ``PREFIX/etc/jupyter/jupyter_server_config.py``)

    python -m miscarriage_course.jupyter_settings            # into the environment running this Python
    python -m miscarriage_course.jupyter_settings PREFIX     # into another environment (a folder)
    course-jupyter-settings [PREFIX]                         # the same, as a command

The Makefile runs it for .venv, Binder's postBuild for Binder's environment, and conda users run it once after
``conda activate``.
"""

import argparse
import shutil
import sys
from pathlib import Path

from miscarriage_course.errors import CourseDataError
from miscarriage_course.paths import course_root

# What is copied where: (file or folder under jupyter/, destination under PREFIX)
INSTALLED = (
    ("lab-overrides.json", Path("share/jupyter/lab/settings/overrides.json")),
    ("lab-custom.css", Path("share/jupyter/miscarriage_course/custom/custom.css")),
    ("voila-course-template", Path("share/jupyter/voila/templates/course")),
    ("voila_config.py", Path("etc/jupyter/voila.py")),
    ("server_config.py", Path("etc/jupyter/jupyter_server_config.py")),
)


def settings_dir() -> Path:
    """The course's ``jupyter/`` folder (in the course folder, found as the data is)."""
    return course_root() / "jupyter"


def install(prefix: Path) -> list:
    """Copy the course's settings into the environment at ``prefix``; returns the paths written."""
    source = settings_dir()
    written = []
    for name, destination in INSTALLED:
        origin, target = source / name, Path(prefix) / destination
        if not origin.exists():
            raise CourseDataError(origin, "is missing: the course's Jupyter settings are incomplete")
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(origin, target)
        written.append(target)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Install the course's Jupyter settings into a Python environment.")
    parser.add_argument("prefix", nargs="?", type=Path, default=Path(sys.prefix),
                        help=f"the environment's folder (default: this Python's, {sys.prefix})")
    args = parser.parse_args(argv)
    try:
        written = install(args.prefix)
    except CourseDataError as err:
        parser.exit(1, f"course-jupyter-settings: {err}\n")
    except OSError as err:
        parser.exit(1, f"course-jupyter-settings: cannot write into {args.prefix}: {err.strerror or err}\n")
    print(f"Course Jupyter settings installed in {args.prefix} ({len(written)} places).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
