"""The teacher's documents: links that resolve, quoted figures that match their sources, and both plans covered.

The lesson notes and worksheets quote figures learners will have heard; each quote must be found, word for word,
in the passage its source row holds (data/sources.csv), so a figure cannot drift from its source.
"""

import re

import pytest

from miscarriage_course.paths import REPO_DIR
from miscarriage_course.tables import load_sources

from test_results import broken_links

DOCS = REPO_DIR / "docs"
TEACHER_DOCS = [DOCS / "lesson-notes.md", DOCS / "jupyterhub-request.md", DOCS / "instructor-guide.md",
                DOCS / "worksheets" / "denominator.md", DOCS / "worksheets" / "evidence-map.md"]


@pytest.mark.parametrize("path", TEACHER_DOCS, ids=lambda p: p.name)
def test_relative_links_and_anchors_resolve(path):
    assert broken_links(path.read_text(encoding="utf-8"), path.parent) == []


def quoted_rows(text: str) -> list:
    """(quote, source id) for each table row that quotes a passage and names its sources.csv row in backticks."""
    rows = []
    for line in text.splitlines():
        quote = re.search(r'"([^"]{12,})"', line)
        source = re.search(r"\|\s*`([a-z0-9-]+)`\s*\|\s*$", line)
        if line.startswith("|") and quote and source:
            rows.append((quote.group(1), source.group(1)))
    return rows


def normalise(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def quote_problems(text: str, sources) -> list:
    problems = []
    for quote, source_id in quoted_rows(text):
        if source_id not in sources.index:
            problems.append(f"{source_id}: no such row in data/sources.csv")
        elif normalise(quote) not in normalise(sources.loc[source_id]["snippet"]):
            problems.append(f"{source_id}: the quote '{quote}' is not in its snippet")
    return problems


def test_the_exercise_quotes_each_figure_word_for_word_from_its_source():
    text = (DOCS / "lesson-notes.md").read_text(encoding="utf-8")
    rows = quoted_rows(text)
    assert {source for _, source in rows} >= {"ma-background", "nhsggc-miscarriage-all", "nhsggc-miscarriage-known",
                                             "nhschoices-miscarriage-known", "acog2018"}
    assert quote_problems(text, load_sources()) == []


def test_the_quote_check_notices_a_changed_figure():
    sources = load_sources()
    text = '| NHS | "It is estimated that 1 in 4 pregnancies end in miscarriage." | `nhsggc-miscarriage-all` |'
    assert quote_problems(text, sources) == [
        "nhsggc-miscarriage-all: the quote 'It is estimated that 1 in 4 pregnancies end in miscarriage.' is not in its "
        "snippet"]


def test_the_worksheet_quotes_the_same_passages():
    sources = load_sources()
    worksheet = (DOCS / "worksheets" / "denominator.md").read_text(encoding="utf-8")
    ids = re.findall(r"\(`([a-z0-9-]+)`(?:, `([a-z0-9-]+)`)?\)", worksheet)
    cited = [s for pair in ids for s in pair if s]
    assert len(cited) == 5
    snippets = " ".join(normalise(sources.loc[s]["snippet"]) for s in cited)
    for quote in re.findall(r'\| "([^"]+)" \|', worksheet):
        assert normalise(quote) in snippets, quote


def test_every_source_id_named_in_the_lesson_notes_exists():
    text = (DOCS / "lesson-notes.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+\d{4}[a-z-]*)`", text))
    assert named and named <= set(load_sources().index), named - set(load_sources().index)


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def slots(text: str, pattern: str) -> list:
    return re.findall(pattern, text, flags=re.M)


def test_the_lesson_notes_cover_every_slot_of_both_plans_and_every_prompt():
    notes = (DOCS / "lesson-notes.md").read_text(encoding="utf-8")
    guide = (DOCS / "instructor-guide.md").read_text(encoding="utf-8")
    plans = [  # (the plan in the guide, the notes for it)
        (between(guide, "### One 50-minute class", "### A module"),
         between(notes, "### Notes for each slot", "## The three")),
        (between(guide, "**Class 1:", "**Class 2:"), between(notes, "### Class 1", "### Class 2")),
        (between(guide, "**Class 2:", "**Class 3:"), between(notes, "### Class 2", "### Class 3")),
        (between(guide, "**Class 3:", "## Discussion prompts"), between(notes, "### Class 3", "## Class exercise")),
    ]
    for plan, plan_notes in plans:
        planned = slots(plan, r"^\| (\d+–\d+) \|")
        assert planned and slots(plan_notes, r"^\*\*(\d+–\d+) ·") == planned
    prompts = between(guide, "## Discussion prompts", "## Handling the subject with care")
    answers = notes[notes.index("## Model answers to the discussion prompts"):]
    for notebook in slots(prompts, r"^### (\d\d) "):
        asked = prompts.split(f"### {notebook} ")[1].split("\n### ")[0]
        answered = answers.split(f"### {notebook} ")[1].split("\n### ")[0]
        assert len(slots(answered, r"^\d\. \*")) == len(slots(asked, r"^\d\. ")), f"notebook {notebook}"
