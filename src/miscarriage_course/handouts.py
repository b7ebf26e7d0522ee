"""Offline handouts: the whole course as static web pages that need no network, in a learner's and a teacher's copy.

    course-handouts                        # build/handouts/learner, build/handouts/teacher and a zip of each
    course-handouts --output some/folder

Each notebook becomes one page with its prose, charts (with their alt text), tables and quizzes; the code is hidden.
In the learner's copy the quizzes are live: the same ES module as in JupyterLab (quiz/quiz_widget.js) runs in one
inline module script, allowed by its hash in the page's Content-Security-Policy, with a stand-in for the widget model
that keeps answers in the browser (localStorage); with scripts off, each question's static form shows, its answer
folded under "Show the answer". The teacher's copy has no script: it shows every answer and adds an answer-key page.
Pages fetch nothing (their Content-Security-Policy forbids it) and print on A4 or Letter. Building twice gives
byte-identical files and zips.

The markup lives in Jinja2 templates in templates/ (handout_page.html.j2 with its style sheet handout_page.css.j2,
handout_index.html.j2, handout_answer_key.html.j2, handout_live_quiz.html.j2); this module prepares what they print.
"""

import argparse
import base64
import copy
import hashlib
import re
import shutil
import sys
import zipfile
from pathlib import Path

import nbformat

from miscarriage_course.course_map import CONTENTS_LINK, CONTENTS_NOTEBOOK, NAV_MARK, summarise
from miscarriage_course.display import WIDGET_VIEW
from miscarriage_course.errors import CourseDataError
from miscarriage_course.explorers import SLIDER_NEEDS_A_KERNEL
from miscarriage_course.notebooks import course_notebooks
from miscarriage_course.paths import REPO_DIR, display_path, notebooks_dir
from miscarriage_course.quiz.static import SCORE_NEEDS_A_KERNEL
from miscarriage_course.quiz.widgets import FRONT_END, FRONT_END_CSS, question_data
from miscarriage_course.templates import render

FLAVOURS = ("learner", "teacher")
DEFAULT_OUTPUT = REPO_DIR / "build" / "handouts"
COURSE_TITLE = "What causes miscarriage? An open course"
ANSWER_KEY_PAGE = "answer-key.html"
PRINT_MARGIN_MM = 15  # left and right page margins in print (tests/browser checks nothing overflows them)
ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # every zip entry gets this time, so a rebuild gives the same bytes
GENERATOR_NAME = "miscarriage-course handouts"  # every page's <meta name="generator">: how a rebuild knows its folder
GENERATOR = f'<meta name="generator" content="{GENERATOR_NAME}">'
# The learner's copy runs one inline script, the quiz module, which the page's Content-Security-Policy allows by its
# hash and nothing else (templates/handout_page.html.j2 prints the script exactly as it is here).
QUIZ_SCRIPT = FRONT_END.read_text(encoding="utf-8") + "\nmountOffline(document);\n"
QUIZ_SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(QUIZ_SCRIPT.encode("utf-8")).digest()).decode()
LIVE_QUESTION = re.compile(r'<div class="course-quiz-static"[^>]*>\s*<p><strong>Question (\d+) of (\d+) ·.*?</div>',
                           re.S)
LIVE_SCORE = re.compile(r'<div class="course-quiz-score-static"[^>]*>.*?</div>', re.S)
# Advice a handout reader cannot follow: the static quiz form's, and the "Python" row of a notebook's prerequisites
# table ("Run each cell with Shift+Enter"): a handout has no cells to run.
RUN_THE_NOTEBOOK = re.compile(r'\n?<p style="[^"]*">'
                              r'<em>Run the notebook to answer this question with feedback\.</em></p>'
                              r'|<tr>\s*<td>Python</td>\s*<td>[^<]*</td>\s*<td>[^<]*Shift\+Enter[^<]*</td>\s*</tr>\n?')
# The results-file box does something only while the notebook runs: a handout leaves it out.
RESULTS_SAVER = re.compile(r'\n?<div class="course-results-saver-static"[^>]*>.*?</div>\n?', re.S)
# What a handout says where the notebook's static forms tell the reader to run the notebook.
HANDOUT_WORDS = {
    SLIDER_NEEDS_A_KERNEL: ("The slider works only while the notebook runs, so this page has none: look for the age "
                            "you have in mind among the age bands below."),
}
SCORE_WORDS = {
    "learner": ("Your score appears here as you answer. It needs this page's scripts, which your browser is not "
                "running; you can still open each answer under its question."),
    "teacher": "In their own copy, learners see their score here as they answer.",
}

# The markup quiz/static.py writes (tests/test_handouts.py checks that it still does).
ANSWER_FOLDED = "<details><summary>Show the answer</summary>"
ANSWER_SHOWN = "<details open><summary>Answer</summary>"
QUESTION_CLASS = 'class="course-quiz-static"'
# A notebook's "Setup" section only introduces the code cell the handout hides.
SETUP_HEADING = "## Setup"
NAV_TAG = "course-nav"
NOTEBOOK_LINK = re.compile(r"(\d\d_\w+)\.ipynb(#.*)?")

FLAVOUR_NAMES = {"learner": "learner's copy", "teacher": "teacher's copy, with the answers"}

LICENCE_NOTE = ("Text, figures, quiz banks and data: CC BY 4.0. Every figure comes from a published source, named "
                "under its chart and in each page's references.")


class HandoutError(Exception):
    """Something stops the handouts being built; the message says which file and what to do."""


# --- one notebook -------------------------------------------------------------------------------------------

def read_notebook(path: Path):
    try:
        return nbformat.read(path, as_version=4)
    except Exception as err:  # a missing, unreadable or malformed file: say which and why
        raise HandoutError(f"{display_path(path)} cannot be read as a notebook: {err}") from None


def kept_output(output) -> bool:
    """Outputs a reader sees: HTML (charts, tables, static quizzes and score panel) and images; not plain text
    alone, widget views alone, streams or errors."""
    data = output.get("data", {})
    return any(m in data for m in ("text/html", "image/png", "image/jpeg", "image/svg+xml"))


def reading_copy(nb):
    """The notebook as a handout shows it: outputs without code, nav cells tagged so print can hide them."""
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if cell.source.startswith(SETUP_HEADING):
                continue
            if cell.source.startswith(NAV_MARK):
                cell.metadata["tags"] = [NAV_TAG]
        elif cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if kept_output(o)]
            for output in cell.outputs:
                output["data"] = {m: v for m, v in output["data"].items() if m not in ("text/plain", WIDGET_VIEW)}
            if not cell.outputs:
                continue
        else:
            continue  # raw cells
        cells.append(cell)
    nb.cells = cells
    return nb


def html_exporter():
    from nbconvert import HTMLExporter

    # "basic" gives the body alone: no require.js, MathJax, mermaid or widget scripts from a CDN.
    return HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True)


def offline_links(html: str, where: str, page_names: set) -> str:
    """Point notebook links at their pages and the contents link at the index; refuse anything left behind."""

    def rewrite(match):
        attribute, target = match.group(1), match.group(2)
        if attribute == "src":
            if target.startswith("data:"):
                return match.group(0)
            raise HandoutError(f"{where}: an image or script comes from '{target[:80]}'; a handout can only hold "
                               "images stored in the notebook's outputs")
        if re.match(r"(https?:|mailto:|#)", target):
            return match.group(0)
        notebook = NOTEBOOK_LINK.fullmatch(target)
        if notebook and notebook.group(1) in page_names:
            return f'href="{notebook.group(1)}.html{notebook.group(2) or ""}"'
        if target == CONTENTS_LINK:
            return 'href="index.html"'
        raise HandoutError(f"{where}: the link '{target}' has no page in the handouts; link to a course notebook "
                           "or to a web address instead")

    return re.sub(r'\b(href|src)="([^"]*)"', rewrite, html)


def show_every_answer(html: str, where: str) -> str:
    questions, folded = html.count(QUESTION_CLASS), html.count(ANSWER_FOLDED)
    if questions != folded:
        raise HandoutError(f"{where}: {questions} questions but {folded} answers marked '{ANSWER_FOLDED}'; "
                           "the static quiz markup has changed, so the teacher's copy cannot open the answers")
    return html.replace(ANSWER_FOLDED, ANSWER_SHOWN)


# --- pages --------------------------------------------------------------------------------------------------

def live_quizzes(html: str, where: str, bank) -> str:
    """The learner's page: each static question and score panel wrapped in a holder with the data the quiz module
    needs; the module draws the live quiz there and hides the static form, which stays for readers without scripts."""

    def question(match):
        number, count = int(match.group(1)), int(match.group(2))
        if bank is None or count != len(bank.questions):
            raise HandoutError(f"{where}: a question says 'of {count}' but the bank has "
                               f"{len(bank.questions) if bank else 'no'} questions; re-run the notebook")
        data = {"kind": "question", "question": question_data(bank, bank.questions[number - 1])}
        return render("handout_live_quiz.html.j2", data=data, static_form=match.group(0))

    def score(match):
        data = {"kind": "score", "bank": bank.name, "ids": [q.id for q in bank.questions]}
        return render("handout_live_quiz.html.j2", data=data, static_form=match.group(0))

    html = LIVE_QUESTION.sub(question, html)
    return LIVE_SCORE.sub(score, html) if bank is not None else html


def element_text(text: str, element: str, where) -> str:
    """Text the page prints unescaped inside a <script> or <style> element (escaping would break it), refused if it
    could end that element early."""
    if f"</{element}" in text.lower():
        raise HandoutError(f"{display_path(where)} holds '</{element}', which would end the page's <{element}> "
                           "element early; write it another way (e.g. '<\\/{element}')")
    return text


def page_values(title: str, flavour: str, live: bool) -> dict:
    """What every page's shell (templates/handout_page.html.j2) prints besides its body."""
    values = {"title": title, "flavour": flavour, "flavour_name": FLAVOUR_NAMES[flavour], "live": live,
              "course_title": COURSE_TITLE, "licence_note": LICENCE_NOTE, "generator": GENERATOR_NAME,
              "print_margin_mm": PRINT_MARGIN_MM, "quiz_script": "", "quiz_script_hash": "", "quiz_css": ""}
    if live:
        values |= {"quiz_script": element_text(QUIZ_SCRIPT, "script", FRONT_END), "quiz_script_hash": QUIZ_SCRIPT_HASH,
                   "quiz_css": element_text(FRONT_END_CSS.read_text(encoding="utf-8"), "style", FRONT_END_CSS)}
    return values


def page_html(title: str, body: str, flavour: str) -> str:
    """A notebook's page: its body (HTML the package has built) in the handouts' page shell."""
    live = flavour == "learner" and 'class="course-quiz-live"' in body
    return render("handout_page.html.j2", body=body, **page_values(title, flavour, live))


def index_pages(page_names: set) -> dict:
    """The index page of each flavour: the course's contents notebook (written by ``make nav``), with a note after its
    opening on what this copy holds (templates/handout_index.html.j2)."""
    contents_path = notebooks_dir() / CONTENTS_NOTEBOOK
    contents = read_notebook(contents_path)
    opening, rest = copy.deepcopy(contents), copy.deepcopy(contents)
    opening.cells, rest.cells = contents.cells[:1], contents.cells[1:]
    where = display_path(contents_path)
    try:
        parts = [html_exporter().from_notebook_node(nb)[0] for nb in (opening, rest)]
    except Exception as err:
        raise HandoutError(f"{where} cannot be turned into a page: {err}") from None
    opening_html, rest_html = (offline_links(part, where, page_names) for part in parts)
    return {flavour: render("handout_index.html.j2", opening=opening_html, rest=rest_html,
                            answer_key_page=ANSWER_KEY_PAGE,
                            **page_values(f"{COURSE_TITLE} ({FLAVOUR_NAMES[flavour]})", flavour, live=False))
            for flavour in FLAVOURS}


def answer_key_page() -> str:
    """The teacher's answer-key page: the same body as ``course-answer-key --format html``, in a handout page."""
    from miscarriage_course.quiz.answer_key import key_banks
    from miscarriage_course.quiz.bank import bank_names, load_bank

    try:
        banks = key_banks([load_bank(name) for name in bank_names()])
    except CourseDataError as err:
        raise HandoutError(f"the answer key cannot be built:\n{err}") from None
    return render("handout_answer_key.html.j2", banks=banks,
                  **page_values("Answer key · " + COURSE_TITLE, "teacher", live=False))


def bank_for(name: str, where: str):
    from miscarriage_course.quiz.bank import bank_path, load_bank

    if not bank_path(name).exists():
        return None
    try:
        return load_bank(name)
    except CourseDataError as err:
        raise HandoutError(f"{where}: its quiz bank cannot be loaded:\n{err}") from None


def course_pages(notebook_paths) -> list:
    """Every notebook as (page file name, title, body HTML, its quiz bank or None)."""
    exporter = html_exporter()
    page_names = {p.stem for p in notebook_paths}
    pages = []
    for path in notebook_paths:
        where = display_path(path)
        nb = read_notebook(path)
        try:
            title = summarise(path).title or path.stem
            body, _ = exporter.from_notebook_node(reading_copy(nb))
        except Exception as err:
            raise HandoutError(f"{where} cannot be turned into a page: {err}") from None
        body = RESULTS_SAVER.sub("", RUN_THE_NOTEBOOK.sub("", offline_links(body, where, page_names)))
        for notebook_words, handout_words in HANDOUT_WORDS.items():
            body = body.replace(notebook_words, handout_words)
        pages.append((path.stem + ".html", title, body, bank_for(path.stem, where)))
    return pages


def flavour_files(flavour: str, pages, index_page: str) -> dict:
    """Every file of one flavour: {file name: HTML}."""
    files = {"index.html": index_page}
    for name, title, body, bank in pages:
        body = body.replace(SCORE_NEEDS_A_KERNEL, SCORE_WORDS[flavour])
        if flavour == "teacher":
            body = show_every_answer(body, name)
        else:
            body = live_quizzes(body, name, bank)
        files[name] = page_html(f"{title} · {COURSE_TITLE}", body, flavour)
    if flavour == "teacher":
        files[ANSWER_KEY_PAGE] = answer_key_page()
    return files


# --- writing ------------------------------------------------------------------------------------------------

def zip_name(flavour: str) -> str:
    return f"miscarriage-course-handouts-{flavour}.zip"


def write_zip(folder: Path, zip_path: Path) -> None:
    """A zip of the folder under one top folder, entries sorted and dated ZIP_DATE, so it is the same every time."""
    top = zip_path.stem
    with zipfile.ZipFile(zip_path, "w") as archive:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(f"{top}/{file.relative_to(folder).as_posix()}", date_time=ZIP_DATE)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, file.read_bytes())


def check_output(output: Path) -> None:
    """Refuse an output path that is a file, or flavour folders that hold something other than handouts."""
    if output.exists() and not output.is_dir():
        raise HandoutError(f"{display_path(output)} is a file, not a folder; choose a folder for the handouts")
    for flavour in FLAVOURS:
        folder = output / flavour
        if not folder.exists():
            continue
        if not folder.is_dir():
            raise HandoutError(f"{display_path(folder)} is a file, not a folder; move it or choose another --output")
        index = folder / "index.html"
        ours = index.is_file() and GENERATOR in index.read_text(encoding="utf-8", errors="replace")
        if any(folder.iterdir()) and not ours:
            raise HandoutError(f"{display_path(folder)} already holds files that are not handouts; "
                               "choose another --output folder")


def build_handouts(output: Path = DEFAULT_OUTPUT, notebook_paths=None) -> list:
    """Build both flavours into output/learner and output/teacher, with a zip of each beside them.

    An earlier build there is replaced. Returns [(flavour, folder, zip path, number of pages)]. Raises HandoutError
    for anything a teacher must fix.
    """
    output = Path(output)
    notebook_paths = list(course_notebooks() if notebook_paths is None else notebook_paths)
    if not notebook_paths:
        raise HandoutError("no notebooks to build handouts from")
    try:
        check_output(output)
    except OSError as err:
        raise HandoutError(f"cannot use {display_path(output)} for the handouts: {err.strerror or err}") from None
    # Everything is rendered before anything is written or removed: a broken notebook leaves the old build alone.
    pages = course_pages(notebook_paths)
    indexes = index_pages({path.stem for path in notebook_paths})
    contents = {flavour: flavour_files(flavour, pages, indexes[flavour]) for flavour in FLAVOURS}
    built = []
    try:
        output.mkdir(parents=True, exist_ok=True)
        for flavour, files in contents.items():
            folder = output / flavour
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            for name, html in files.items():
                (folder / name).write_bytes(html.encode("utf-8"))
            zip_path = output / zip_name(flavour)
            write_zip(folder, zip_path)
            built.append((flavour, folder, zip_path, len(files)))
    except OSError as err:
        raise HandoutError(f"cannot write the handouts to {display_path(output)}: {err.strerror or err}") from None
    return built


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build the offline handouts: the course as web pages that need no "
                                                 "network, in a learner's and a teacher's copy, with a zip of each.")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"folder to write into (default: {display_path(DEFAULT_OUTPUT)})")
    args = parser.parse_args(argv)
    try:
        built = build_handouts(args.output)
    except HandoutError as err:
        print(f"course-handouts: {err}", file=sys.stderr)
        return 1
    for flavour, folder, zip_path, count in built:
        print(f"{flavour}: {display_path(folder)}/ ({count} pages, {folder_size(folder) / 1e6:.1f} MB) "
              f"and {display_path(zip_path)} ({zip_path.stat().st_size / 1e6:.1f} MB)")
    print(f"Open {display_path(args.output / 'learner' / 'index.html')} in a browser; no network is needed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
