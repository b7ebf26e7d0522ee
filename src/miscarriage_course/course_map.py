"""The course map, written from the notebooks themselves so it cannot drift from them.

- Every notebook starts and ends with a "previous | contents | next" cell (marked ``<!-- course-nav -->``).
- notebooks/contents.ipynb, the page the "Contents" links open, is written whole: every notebook with its title,
  time to learn, objectives and review date. It is a notebook, not a Markdown file, so that JupyterLab and the
  no-code view (Voila) both show it as a page, and the handouts turn it into their index.
- README.md holds the course index between ``<!-- course-index:start -->`` and ``<!-- course-index:end -->``:
  every notebook in order with its title, time to learn, objectives and the date its content was last reviewed,
  read from the notebook's own cells. docs/instructor-guide.md holds the same table between the same markers.

``course-notebooks nav`` writes both; ``course-notebooks nav --check`` (and a test) says whether they are current.
"""

import re
from dataclasses import dataclass

import nbformat

from miscarriage_course.notebook_files import course_notebooks, normalise
from miscarriage_course.paths import REPO_DIR, notebooks_dir

NAV_MARK = "<!-- course-nav -->"
INDEX_START, INDEX_END = "<!-- course-index:start -->", "<!-- course-index:end -->"
CONTENTS_NOTEBOOK = "contents.ipynb"
CONTENTS_LINK = CONTENTS_NOTEBOOK  # from a notebook in the same folder
# Documents that hold the course index, and the path from each to the notebooks folder.
INDEX_DOCUMENTS = (("README.md", "notebooks"), ("docs/instructor-guide.md", "../notebooks"))


@dataclass(frozen=True)
class NotebookSummary:
    file: str
    title: str
    minutes: int | None
    objectives: tuple
    last_reviewed: str


def _markdown(nb):
    return [c for c in nb.cells if c.cell_type == "markdown" and not c.source.startswith(NAV_MARK)]


def notebook_title(nb) -> str:
    for cell in _markdown(nb):
        match = re.search(r"^# (.+)$", cell.source, re.M)
        if match:
            return match.group(1).strip()
    return ""


def notebook_objectives(nb) -> tuple:
    """The numbered list under the heading 'What you will learn'."""
    for cell in _markdown(nb):
        match = re.search(r"^#+ What you will learn\s*$(.*?)(?=^#|\Z)", cell.source, re.M | re.S)
        if match:
            items = re.findall(r"^\d+\.\s+(.+(?:\n(?!\d+\.|\s*$).+)*)", match.group(1), re.M)
            return tuple(re.sub(r"\s+", " ", m).strip() for m in items)
    return ()


def notebook_minutes(nb):
    for cell in _markdown(nb):
        match = re.search(r"Time to learn:\**\s*(\d+) minutes", cell.source)
        if match:
            return int(match.group(1))
    return None


REVIEWED_PATTERN = re.compile(r"\*\*Content last reviewed:\*\*\s*(\d{1,2} [A-Z][a-z]+ \d{4})")


def notebook_last_reviewed(nb) -> str:
    """The date in the line '**Content last reviewed:** 25 November 2026, ...', as written there."""
    for cell in _markdown(nb):
        match = REVIEWED_PATTERN.search(cell.source)
        if match:
            return match.group(1)
    return ""


def summarise(path) -> NotebookSummary:
    nb = nbformat.read(path, as_version=4)
    return NotebookSummary(path.name, notebook_title(nb), notebook_minutes(nb), notebook_objectives(nb),
                           notebook_last_reviewed(nb))


def nav_markdown(previous, following) -> str:
    parts = [f"[← Previous: {previous.title}]({previous.file})" if previous else "Start of the course"]
    parts.append(f"[Contents]({CONTENTS_LINK})")
    parts.append(f"[Next: {following.title} →]({following.file})" if following else "End of the course")
    return f"{NAV_MARK}\n" + " | ".join(parts)


def index_markdown(summaries, notebooks_folder: str = "notebooks") -> str:
    """The course index: a table of every notebook, linked relative to the file it goes in."""
    lines = [INDEX_START, "", "| # | Notebook | Time to learn | You will be able to | Content last reviewed |",
             "|---|---|---|---|---|"]
    for number, s in enumerate(summaries):
        objectives = "<br>".join(f"{i}. {o}" for i, o in enumerate(s.objectives, 1))
        minutes = f"{s.minutes} min" if s.minutes else ""
        lines.append(f"| {number:02d} | [{s.title}]({notebooks_folder}/{s.file}) | {minutes} | {objectives} "
                     f"| {s.last_reviewed} |")
    total = sum(s.minutes or 0 for s in summaries)
    lines += ["", f"Time to learn, all notebooks: about {total} minutes.", "", INDEX_END]
    return "\n".join(lines)


CONTENTS_OPENING = """# What causes miscarriage? Course contents

> **Content note.** This course is about pregnancy loss. If you have lived through a miscarriage, parts of it may be
> hard to read. You can stop at any point, skip a section, or come back later. Nothing here suggests that anyone
> could have prevented a loss. If you would like to talk to someone, your doctor or midwife can help, and
> pregnancy-loss charities offer support; in the UK, for example, the
> [Miscarriage Association](https://www.miscarriageassociation.org.uk/) runs a helpline. The course teaches what
> the evidence says. It does not give medical advice about anyone's own care.

There are ten notebooks. Start with 00, which shows how to read the figures, and 01, on the commonest cause of
early miscarriage. Notebooks 02 to 08 each take one group of possible causes and can be read in any order after
those two. Notebook 09, on recurrent miscarriage, brings the course together and is best read last.

Each notebook has short quizzes that explain every answer, and a score at the end. Your answers stay on the
computer that runs the notebook."""

CONTENTS_CLOSING = """\
Miscarriage is common, and most early miscarriages come from chance chromosome errors that nobody could have
prevented. If the course brings up something personal, your doctor or midwife can help, and pregnancy-loss
charities offer support; in the UK, for example, the [Miscarriage Association](https://www.miscarriageassociation.org.uk/)
runs a helpline."""


def contents_cells(summaries) -> list:
    """The cells of the contents notebook: an opening, one cell per notebook, a closing note on support."""
    cells = [CONTENTS_OPENING]
    for number, s in enumerate(summaries):
        objectives = "\n".join(f"{i}. {o}" for i, o in enumerate(s.objectives, 1))
        cells.append(f"## {number:02d} · [{s.title}]({s.file})\n\n"
                     f"*Time to learn: {s.minutes} minutes. Content last reviewed: {s.last_reviewed}.*\n\n"
                     f"You will be able to:\n\n{objectives}")
    total = sum(s.minutes or 0 for s in summaries)
    cells.append(f"Time to learn, all notebooks: about {total} minutes.\n\n{CONTENTS_CLOSING}")
    return cells


def write_navigation(check_only: bool = False) -> list:
    """Write (or with ``check_only``, compare) the nav cells, the contents notebook and the course indexes in README.md
    and the instructor guide. Returns what was out of date."""
    paths = course_notebooks()
    summaries = [summarise(p) for p in paths]
    changed = []
    for i, path in enumerate(paths):
        nb = nbformat.read(path, as_version=4)
        nav = nav_markdown(summaries[i - 1] if i else None, summaries[i + 1] if i + 1 < len(paths) else None)
        cells = [c for c in nb.cells if not (c.cell_type == "markdown" and c.source.startswith(NAV_MARK))]
        new_cells = [nbformat.v4.new_markdown_cell(nav)] + cells + [nbformat.v4.new_markdown_cell(nav)]
        if [c.source for c in new_cells] != [c.source for c in nb.cells]:
            changed.append(path.name)
            if not check_only:
                nb.cells = new_cells
                nbformat.write(normalise(nb), path)
    contents_path = notebooks_dir() / CONTENTS_NOTEBOOK
    wanted = contents_cells(summaries)
    stored = nbformat.read(contents_path, as_version=4) if contents_path.exists() else None
    if stored is None or [c.source for c in stored.cells] != wanted:
        changed.append(CONTENTS_NOTEBOOK)
        if not check_only:
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text) for text in wanted])
            nbformat.write(normalise(nb), contents_path)
    for document, notebooks_folder in INDEX_DOCUMENTS:
        path = REPO_DIR / document
        text = path.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(INDEX_START) + ".*?" + re.escape(INDEX_END), re.S)
        if not pattern.search(text):
            raise ValueError(f"{document} has no {INDEX_START} ... {INDEX_END} block for the course index")
        new_text = pattern.sub(lambda _: index_markdown(summaries, notebooks_folder), text)
        if new_text != text:
            changed.append(document)
            if not check_only:
                path.write_text(new_text, encoding="utf-8")
    return changed
