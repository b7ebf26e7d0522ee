"""Run the course notebooks and store their outputs deterministically; check that stored notebooks are tidy.

    course-notebooks execute            # re-run every notebook in place (fresh kernel each)
    course-notebooks execute 00_how_common
    course-notebooks check              # exit 1 if a stored notebook is not in its normalised form
    course-notebooks tidy               # put stored notebooks in normalised form without running them

The stored form (what ``check`` and ``tidy`` hold notebooks to) is defined in notebook_files.py.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat

from miscarriage_course.course_map import write_navigation
from miscarriage_course.notebook_files import (  # noqa: F401  (KERNEL_NAME and LANGUAGE_INFO: imported from here too)
    KERNEL_NAME,
    LANGUAGE_INFO,
    course_notebooks,
    normalise,
    untidy,
)
from miscarriage_course.paths import notebooks_dir


def execute(path: Path, timeout: int = 300) -> None:
    """Run one notebook in a fresh kernel and store its outputs in normalised form.

    The learner's saved answers are pointed at an empty temporary file, so nothing from anyone's progress can
    reach the stored outputs.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as scratch:
        previous = os.environ.get("MISCARRIAGE_COURSE_PROGRESS")
        os.environ["MISCARRIAGE_COURSE_PROGRESS"] = str(Path(scratch) / "progress.json")
        try:
            NotebookClient(nb, timeout=timeout, kernel_name=KERNEL_NAME, store_widget_state=False,
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        finally:
            if previous is None:
                os.environ.pop("MISCARRIAGE_COURSE_PROGRESS", None)
            else:
                os.environ["MISCARRIAGE_COURSE_PROGRESS"] = previous
    nbformat.write(normalise(nb), path)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run or check the course notebooks.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("execute", help="re-run notebooks in place and store their outputs")
    run.add_argument("names", nargs="*", help="notebook names such as 00_how_common (default: all)")
    sub.add_parser("check", help="fail if a stored notebook is not tidy")
    tidy = sub.add_parser("tidy", help="put stored notebooks in normalised form, without running them")
    tidy.add_argument("names", nargs="*", help="notebook names such as 00_how_common (default: all)")
    nav = sub.add_parser("nav", help="write the previous | contents | next links and the course index")
    nav.add_argument("--check", action="store_true", help="only report whether they are up to date")
    args = parser.parse_args(argv)
    if args.command == "execute":
        paths = course_notebooks()
        if args.names:
            wanted = {n.removesuffix(".ipynb") for n in args.names}
            paths = [p for p in paths if p.stem in wanted]
            missing = wanted - {p.stem for p in paths}
            if missing:
                parser.error(f"no notebook called {', '.join(sorted(missing))}")
        for path in paths:
            print(f"executing {path.name} ...", flush=True)
            execute(path)
        return 0
    if args.command == "tidy":
        for path in sorted(notebooks_dir().glob("*.ipynb")):  # the course's notebooks and the contents notebook
            if args.names and path.stem not in {n.removesuffix(".ipynb") for n in args.names}:
                continue
            nb = nbformat.read(path, as_version=4)
            if nbformat.writes(normalise(nb)) != nbformat.writes(nb):
                nbformat.write(normalise(nb), path)
                print(f"tidied {path.name}")
        return 0
    if args.command == "check":
        bad = {p.name: untidy(p) for p in course_notebooks()}
        bad = {k: v for k, v in bad.items() if v}
        for name, problems in bad.items():
            print(f"{name}: {'; '.join(problems)}")
        return 1 if bad else 0
    changed = write_navigation(check_only=args.check)
    for name in changed:
        print(("out of date: " if args.check else "updated: ") + name)
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
