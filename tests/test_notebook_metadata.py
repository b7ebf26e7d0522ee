"""Stored notebooks carry no field that differs from one machine to the next.

JupyterLab, on saving a notebook (autosave included), writes the kernel's description into metadata.language_info,
with the Python version of the machine it runs on. The stored form keeps everything JupyterLab writes except that
version, so an accidental save shows up here (and in `course-notebooks check`) as one field, removed with
`course-notebooks tidy`, rather than as noise in a commit.
"""

import copy

import nbformat
import pytest

from miscarriage_course.notebooks import LANGUAGE_INFO, normalise, untidy
from miscarriage_course.paths import notebooks_dir

STORED = sorted(notebooks_dir().glob("*.ipynb"))


@pytest.mark.parametrize("path", STORED, ids=lambda p: p.name)
def test_stored_language_info_is_what_jupyterlab_writes_without_the_python_version(path):
    language_info = nbformat.read(path, as_version=4).metadata.get("language_info")
    assert language_info == LANGUAGE_INFO, (
        f"{path.name}: metadata.language_info is {language_info}; expected {LANGUAGE_INFO} "
        "(fix with: course-notebooks tidy)")


def test_a_notebook_saved_by_jupyterlab_differs_from_the_stored_form_only_by_the_python_version(tmp_path):
    stored = nbformat.read(STORED[0], as_version=4)
    saved = copy.deepcopy(stored)
    # What JupyterLab 4 writes on saving (ipykernel's kernel_info reply).
    saved.metadata.language_info = {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                                    "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                                    "pygments_lexer": "ipython3", "version": "3.11.7"}
    assert {k: v for k, v in saved.metadata.language_info.items() if k != "version"} == LANGUAGE_INFO
    path = tmp_path / STORED[0].name
    nbformat.write(saved, path)
    assert any("language_info has version" in problem for problem in untidy(path))
    assert nbformat.writes(normalise(saved)) == nbformat.writes(stored)
