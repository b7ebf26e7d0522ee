"""Run the course notebooks and store their outputs deterministically; check that stored notebooks are tidy.

    course-notebooks execute            # re-run every notebook in place (fresh kernel each)
    course-notebooks execute 00_how_common
    course-notebooks check              # exit 1 if a stored notebook is not in its normalised form
    course-notebooks tidy               # put stored notebooks in normalised form without running them

Stored outputs keep the static HTML form of every widget (nbval compares it) but not the widget view, whose model
id is random, and no ``metadata.widgets`` (GitHub refuses notebooks whose widget metadata lacks a state). Cell ids
are numbered, so re-running a notebook that did not change leaves its file byte-for-byte the same.

Code cells are plumbing for learners who do not program (they build a chart or ask a question), so every code cell
but the first, the short setup cell that imports the course's package, is stored collapsed
(``metadata.jupyter.source_hidden``): JupyterLab shows a thin bar that opens the code with a click. Tag a code cell
``show-code`` to keep it open.
"""

import argparse
import copy
import os
import sys
import tempfile
from pathlib import Path

import nbformat

from miscarriage_course.display import WIDGET_VIEW
from miscarriage_course.paths import notebooks_dir

KERNEL_NAME = "python3"
# language_info is what JupyterLab writes when it saves a notebook (the kernel's own description), minus the Python
# version, which differs from one machine to the next. So opening and saving a notebook in JupyterLab changes only
# that one field, which `course-notebooks check` (and the tests) report and `course-notebooks tidy` removes.
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME},
    "language_info": LANGUAGE_INFO,
}
CELL_METADATA_DROPPED = ("execution", "collapsed", "scrolled", "ExecuteTime")
SHOW_CODE_TAG = "show-code"


def _set_code_visibility(cell, shown: bool) -> None:
    jupyter = dict(cell.metadata.get("jupyter", {}))
    if shown:
        jupyter.pop("source_hidden", None)
    else:
        jupyter["source_hidden"] = True
    if jupyter:
        cell.metadata["jupyter"] = jupyter
    else:
        cell.metadata.pop("jupyter", None)


def course_notebooks() -> list:
    """The course's notebooks, in reading order (their file names start with two digits)."""
    return sorted(p for p in notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def normalise(nb):
    """A copy of a notebook in the course's stored form (see the module docstring)."""
    nb = copy.deepcopy(nb)
    nb.metadata = copy.deepcopy(NOTEBOOK_METADATA) | {
        k: v for k, v in nb.metadata.items() if k not in ("kernelspec", "language_info", "widgets")
    }
    nb.nbformat, nb.nbformat_minor = 4, 5
    count = 0
    setup_cell = next((cell for cell in nb.cells if cell.cell_type == "code"), None)
    for index, cell in enumerate(nb.cells):
        cell.id = f"cell-{index:03d}"
        for key in CELL_METADATA_DROPPED:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            continue
        _set_code_visibility(cell, cell is setup_cell or SHOW_CODE_TAG in cell.metadata.get("tags", []))
        if cell.outputs or cell.execution_count is not None:
            count += 1
            cell.execution_count = count
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = count
            if "data" in output:
                output.data.pop(WIDGET_VIEW, None)
            output.pop("transient", None)
    return nb


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


def untidy(path: Path) -> list:
    """What keeps a stored notebook from being in normalised form (empty when it is tidy)."""
    nb = nbformat.read(path, as_version=4)
    problems = []
    if nb.metadata.get("widgets"):
        problems.append("has metadata.widgets (saved widget state)")
    machine_specific = sorted(nb.metadata.get("language_info", {}).keys() - LANGUAGE_INFO.keys())
    if machine_specific:
        problems.append(f"metadata.language_info has {', '.join(machine_specific)} (written by JupyterLab on saving; "
                        "it differs between machines; remove it with: course-notebooks tidy)")
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                problems.append(f"cell {index} stores a widget view")
            if output.get("output_type") == "error":
                problems.append(f"cell {index} stores an error")
    if nbformat.writes(normalise(nb)) != nbformat.writes(nb):
        problems.append("is not in normalised form (run: make execute)")
    return problems


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
    from miscarriage_course.course_map import write_navigation

    changed = write_navigation(check_only=args.check)
    for name in changed:
        print(("out of date: " if args.check else "updated: ") + name)
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
