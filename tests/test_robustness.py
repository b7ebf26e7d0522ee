"""Notebooks give the same outputs from any folder and on every run.

nbval (in the same test run) executes each notebook afresh in its own folder and compares it with the stored
outputs; this test executes it once more from another folder, so together they are two fresh runs ("restart kernel
and run all", twice) from two folders. One run here, not two, keeps CI within its time budget.
"""


import nbformat
import pytest

from miscarriage_course.notebooks import KERNEL_NAME, course_notebooks, normalise

NOTEBOOKS = course_notebooks()
COMPARED = ("text/plain", "text/html")


def shown_outputs(nb):
    """Everything a reader sees in the stored outputs: each output's text and HTML, cell by cell."""
    seen = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            seen.append((output.get("output_type"), output.get("text", ""),
                         tuple(str(data.get(m, "")) for m in COMPARED)))
    return seen


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_fresh_run_from_another_folder_matches_the_stored_outputs(path, tmp_path):
    from nbclient import NotebookClient

    stored = nbformat.read(path, as_version=4)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name=KERNEL_NAME,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert shown_outputs(normalise(nb)) == shown_outputs(stored)
