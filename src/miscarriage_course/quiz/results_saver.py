"""A learner saves their own results for one notebook to a file, only when they choose to.

    results_saver(quiz)    # under the score panel: what the file holds, an optional name, a button, a status line

The file (``my-results-<notebook>.json``, next to the notebook) is written on this computer and nothing is sent
anywhere: the learner decides whether to hand it to their teacher. What it holds is said in words above the button,
and the file itself is short, readable JSON (see :mod:`miscarriage_course.results`).
"""

import base64
from html import escape
from pathlib import Path

import ipywidgets as widgets

from miscarriage_course.results import results_document, results_file_name, results_json, write_results


def download_link(document: dict) -> str:
    """A link that saves a copy of the file through the browser (Binder, a hub, the no-code view).

    The file's text is inside the link itself (a data: address), so clicking it sends nothing anywhere.
    """
    data = base64.b64encode(results_json(document).encode("utf-8")).decode("ascii")
    name = results_file_name(document["notebook"])
    return (f"<a download='{escape(name)}' href='data:application/json;charset=utf-8;base64,{data}'>"
            f"Download a copy of {escape(name)}</a>")


def what_the_file_holds(notebook: str) -> str:
    """The sentence shown above the button, saying exactly what the file contains and where it goes."""
    return (
        f"This saves your answers in this notebook to a small file next to it, {results_file_name(notebook)}. "
        "For each question you tried it holds whether you were right at the first try, how many tries you took, "
        "whether you solved it or chose Show answer, and your first answer (the letter you chose, or the number "
        "you typed). It also holds the notebook's name, the course version and today's date, and your name only "
        "if you type one below. Nothing is sent anywhere: the file stays where this notebook runs (and you can "
        "download a copy), and you decide whether to give it to your teacher. You can open it and read it first."
    )


class ResultsSaver:
    """The box: the sentence, an optional name, the button and a status line that says the path written."""

    def __init__(self, quiz, folder=None):
        self.quiz = quiz
        self.folder = Path(folder) if folder is not None else None  # None: the kernel's folder, the notebook's
        notebook = quiz.bank.name
        self.explanation = widgets.HTML(f"<p style='margin:0.3em 0'>{escape(what_the_file_holds(notebook))}</p>")
        self.name_box = widgets.Text(value="", placeholder="leave empty to save without a name",
                                     description="Your name (optional):", style={"description_width": "initial"},
                                     layout=widgets.Layout(width="32em"))
        self.save_button = widgets.Button(description="Save my results to a file",
                                          tooltip=f"Write {results_file_name(notebook)} next to this notebook",
                                          layout=widgets.Layout(width="auto"))
        self.save_button.on_click(lambda _: self.save())
        self.status = widgets.HTML("")
        self.box = widgets.VBox([self.explanation, self.name_box, self.save_button, self.status],
                                layout=widgets.Layout(border="1px dashed #8a8a8a", padding="0.4em 1em",
                                                      margin="0.6em 0", max_width="52em"))
        self.box.add_class("course-results-saver")

    def save(self):
        """Write the file and say where; a folder that cannot be written gets a plain message, not a traceback."""
        document = results_document(self.quiz.bank, self.quiz.records(), learner=self.name_box.value)
        folder = self.folder or Path.cwd()
        try:
            path = write_results(document, folder)
        except OSError as err:
            self.status.value = (f"<p role='status' style='margin:0.3em 0'><strong>⚠ Not saved.</strong> "
                                 f"{escape(str(folder))} cannot be written to ({escape(err.strerror or str(err))}). "
                                 "Ask your teacher where to save your results.</p>")
            return None
        tried = len(document["questions"])
        named = f", with the name {document['learner']}" if "learner" in document else ", without a name"
        self.status.value = (f"<p role='status' style='margin:0.3em 0'><strong>✓ Saved</strong> to "
                             f"<code>{escape(str(path))}</code>: {tried} question{'s' if tried != 1 else ''}"
                             f"{escape(named)}.</p><p style='margin:0.3em 0'>{download_link(document)} to your "
                             "own computer (on Binder, files are lost when the session closes).</p>")
        return path


def results_saver(quiz, folder=None):
    """The saving box for a notebook's quiz, to show under its score panel."""
    return ResultsSaver(quiz, folder).box
