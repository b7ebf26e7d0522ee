"""The offline handouts (course-handouts): what the built pages hold, that they need no network, and that every
link works. The same pages are opened in a browser with the network blocked in tests/browser/test_handouts_offline.py.
"""

import base64
import hashlib
import html
import re
import shutil
import zipfile
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import jinja2
import nbformat
import pytest

from miscarriage_course import handouts
from miscarriage_course.course_map import summarise
from miscarriage_course.handouts import (
    ANSWER_FOLDED,
    ANSWER_KEY_PAGE,
    FLAVOURS,
    QUESTION_CLASS,
    HandoutError,
    build_handouts,
    main,
    zip_name,
)
from miscarriage_course.notebooks import course_notebooks
from miscarriage_course.quiz.answer_key import answer_key_html
from miscarriage_course.quiz.bank import bank_names, load_bank
from miscarriage_course.quiz.static import static_question_html
from miscarriage_course.templates import render

NOTEBOOKS = course_notebooks()
NETWORK_URL = re.compile(r"^\s*(https?:)?//", re.I)
RESOURCE_TAGS = {"link", "script", "img", "iframe", "source", "embed", "object", "audio", "video", "track", "input"}
RESOURCE_ATTRIBUTES = {"src", "href", "srcset", "data", "poster"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    output = tmp_path_factory.mktemp("handouts")
    build_handouts(output)
    return output


class Page(HTMLParser):
    """The parts of a page the tests look at: every start tag with its attributes, every id, and all CSS."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.ids, self.css = [], set(), []
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if attributes.get("style"):
            self.css.append(attributes["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css.append(data)

    def all(self, tag):
        return [attributes for name, attributes in self.tags if name == tag]


@lru_cache(maxsize=None)
def parse(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def pages(folder: Path) -> list:
    return sorted(folder.glob("*.html"))


def network_references(page: Page) -> list:
    """Every URL a browser would fetch from a network: in resource tags, @import and url() in CSS."""
    found = [f"<{tag} {name}={value}>" for tag, attributes in page.tags if tag in RESOURCE_TAGS
             for name, value in attributes.items() if name in RESOURCE_ATTRIBUTES and value
             and (NETWORK_URL.match(value) or tag == "link")]
    for css in page.css:
        found += [f"@import {m}" for m in re.findall(r"@import\s+([^;]+)", css)]
        found += [f"url({m})" for m in re.findall(r"url\(\s*['\"]?([^'\")]*)", css) if not m.startswith("data:")]
    return found


def broken_links(folder: Path) -> list:
    """Every relative link (href or src) in the folder's pages whose file, or #fragment on that page, is missing."""
    broken = []
    for path in pages(folder):
        for tag, attributes in parse(path).tags:
            for name in ("href", "src"):
                target = attributes.get(name)
                if not target or re.match(r"^(https?:|mailto:|data:)", target):
                    continue
                file, _, fragment = target.partition("#")
                destination = folder / unquote(file) if file else path
                if not destination.is_file():
                    broken.append(f"{path.name}: {target} (no such file)")
                elif fragment and not {fragment, unquote(fragment)} & parse(destination).ids:  # as browsers look
                    broken.append(f"{path.name}: {target} (no such place on {destination.name})")
    return broken


def stored_count(path, marker: str) -> int:
    """How many stored HTML outputs of a notebook contain the marker."""
    nb = nbformat.read(path, as_version=4)
    return sum(marker in str(o.get("data", {}).get("text/html", "")) for c in nb.cells for o in c.get("outputs", []))


# --- what is built ----------------------------------------------------------------------------------------

def test_one_page_per_notebook_and_an_index(built):
    notebook_pages = {p.stem + ".html" for p in NOTEBOOKS}
    assert {p.name for p in pages(built / "learner")} == notebook_pages | {"index.html"}
    assert {p.name for p in pages(built / "teacher")} == notebook_pages | {"index.html", ANSWER_KEY_PAGE}
    assert {p.name for p in built.iterdir()} == set(FLAVOURS) | {zip_name(f) for f in FLAVOURS}


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_nothing_is_fetched_from_a_network(built, flavour):
    for path in pages(built / flavour):
        page = parse(path)
        scripts = page.all("script")
        assert all("src" not in s for s in scripts), f"{path.name}: a script from a file or the network"
        if flavour == "teacher" or "course-quiz-live" not in path.read_text(encoding="utf-8"):
            assert scripts == [], f"{path.name}: only the learner's quiz pages run a script"
        else:  # the quiz module, inline, allowed by its hash; the rest are JSON data blocks, never run
            assert [s.get("type") for s in scripts].count("module") == 1, path.name
            assert {s.get("type") for s in scripts} == {"module", "application/json"}, path.name
            assert f"script-src '{handouts.QUIZ_SCRIPT_HASH}'" in path.read_text(encoding="utf-8"), path.name
        assert network_references(page) == [], path.name


def test_the_network_check_would_notice_a_cdn():
    page = Page('<script src="https://cdn.example/require.js"></script><link rel="stylesheet" href="x.css">'
                '<style>@import "https://fonts.example/f.css"; body{background:url(//example.org/b.png)}</style>'
                '<img src="http://example.org/a.png" alt="a"><p style="background:url(data:image/png;base64,AA)">')
    assert len(network_references(page)) == 5


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_every_relative_link_resolves(built, flavour):
    assert broken_links(built / flavour) == []
    index = parse(built / flavour / "index.html")
    linked = {a["href"] for a in index.all("a") if not a["href"].startswith("http")}
    assert {p.stem + ".html" for p in NOTEBOOKS} <= linked, "the index links every notebook"


def test_the_link_check_would_notice_a_broken_link(tmp_path):
    (tmp_path / "index.html").write_text('<h1 id="top">x</h1><a href="#top">ok</a><a href="index.html#top">ok</a>'
                                         '<a href="00_gone.html">gone</a><a href="index.html#nowhere">x</a>'
                                         '<a href="https://example.org/">web</a>')
    assert broken_links(tmp_path) == ["index.html: 00_gone.html (no such file)",
                                      "index.html: index.html#nowhere (no such place on index.html)"]


def test_notebook_links_point_at_pages_and_contents_at_the_index(built):
    page = parse(built / "learner" / "01_genetic_causes.html")
    targets = {a.get("href") for a in page.all("a")}
    assert {"00_how_common.html", "02_uterus_and_cervix.html", "index.html"} <= targets
    assert not [t for t in targets if t and (".ipynb" in t or "README" in t)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_answers_folded_for_learners_and_shown_for_teachers(built, path):
    questions = stored_count(path, QUESTION_CLASS)
    assert questions == len(load_bank(path.stem).questions) > 0
    learner = parse(built / "learner" / f"{path.stem}.html").all("details")
    teacher = parse(built / "teacher" / f"{path.stem}.html").all("details")
    assert [d for d in learner if "open" not in d] == learner and len(learner) == questions
    assert [d for d in teacher if "open" in d] == teacher and len(teacher) == questions


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_charts_keep_their_alt_text_and_code_is_hidden(built, path):
    text = (built / "learner" / f"{path.stem}.html").read_text(encoding="utf-8")
    images = parse(built / "learner" / f"{path.stem}.html").all("img")
    assert len(images) == stored_count(path, 'class="course-chart"') > 0
    assert all(i["src"].startswith("data:image/png;base64,") and i.get("alt", "").strip() for i in images)
    code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    assert all(line not in text for source in code for line in source.splitlines() if len(line) > 20)
    assert 'class="input' not in text and "## Setup" not in text


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_the_index_lists_every_notebook_and_says_which_copy_it_is(built, flavour):
    page = (built / flavour / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    for path in NOTEBOOKS:
        summary = summarise(path)
        assert summary.title in text and f"{summary.minutes} minutes" in text and summary.last_reviewed in text
        assert all(objective in text for objective in summary.objectives)
    assert f"{flavour}'s copy" in text
    assert "Content note." in text and "miscarriageassociation.org.uk" in page


def test_the_answer_key_is_only_in_the_teacher_copy(built):
    assert not (built / "learner" / ANSWER_KEY_PAGE).exists()
    assert all(ANSWER_KEY_PAGE not in p.read_text(encoding="utf-8") for p in pages(built / "learner"))
    assert ANSWER_KEY_PAGE in {a["href"] for a in parse(built / "teacher" / "index.html").all("a")}
    key = html.unescape(re.sub(r"<[^>]+>", "", (built / "teacher" / ANSWER_KEY_PAGE).read_text(encoding="utf-8")))
    for name in bank_names():
        assert all(q.explanation in key for q in load_bank(name).questions)


def test_the_static_quiz_markup_is_what_the_handouts_rely_on():
    bank = load_bank(bank_names()[0])
    assert QUESTION_CLASS in static_question_html(bank, bank.questions[0])
    assert static_question_html(bank, bank.questions[0]).count(ANSWER_FOLDED) == 1


def test_the_reading_copy_keeps_what_a_reader_sees():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## Setup\n\nThis cell loads the course's shared code."),
        nbformat.v4.new_code_cell("import x"),
        nbformat.v4.new_code_cell("chart()", outputs=[
            nbformat.v4.new_output("display_data", {"text/plain": "Chart: ...", "text/html": "<figure>chart</figure>"}),
            nbformat.v4.new_output("display_data", {"text/plain": "only text"}),
            nbformat.v4.new_output("display_data", {handouts.WIDGET_VIEW: {"model_id": "abc"}}),
            nbformat.v4.new_output("stream", name="stdout", text="printed"),
        ]),
        nbformat.v4.new_markdown_cell("Prose."),
    ])
    kept = handouts.reading_copy(nb).cells
    assert [c.cell_type for c in kept] == ["code", "markdown"]
    assert [o["data"] for o in kept[0].outputs] == [{"text/html": "<figure>chart</figure>"}]


# --- the page templates (templates/handout_*.j2) ------------------------------------------------------------

def test_the_policy_allows_exactly_the_script_each_page_runs(built):
    """The Content-Security-Policy's hash is the hash of the module script's text as it stands in the page."""
    checked = 0
    for path in pages(built / "learner"):
        text = path.read_text(encoding="utf-8")
        scripts = re.findall(r'<script type="module">(.*?)</script>', text, flags=re.S)
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text).group(1)
        allowed = re.findall(r"script-src '([^']*)'", policy)
        hashes = ["sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in scripts]
        assert allowed == hashes, path.name
        checked += len(scripts)
    assert checked == len(NOTEBOOKS), "every notebook's learner page runs the quiz module"


def test_the_page_shell_escapes_what_it_prints_and_keeps_the_body_as_built():
    page = handouts.page_html('Risk <b>& "odds"</b>', "<p>Body <em>kept</em></p>", "teacher")
    assert "<title>Risk &lt;b&gt;&amp; &#34;odds&#34;&lt;/b&gt;</title>" in page
    assert "<main>\n<p>Body <em>kept</em></p>\n</main>" in page
    assert "<script" not in page and "script-src" not in page, "a teacher's page runs no script"


def test_the_live_quiz_data_cannot_end_its_script_element():
    holder = render("handout_live_quiz.html.j2", data={"kind": "score", "bank": "</script><b>x</b> & 'y'"},
                    static_form="<div>static</div>")
    assert holder == ('<div class="course-quiz-live"><script type="application/json" class="course-quiz-data">'
                      '{"bank": "\\u003c/script\\u003e\\u003cb\\u003ex\\u003c/b\\u003e \\u0026 \\u0027y\\u0027", '
                      '"kind": "score"}</script><div>static</div></div>')


def test_a_quiz_module_that_would_end_its_script_early_is_refused(monkeypatch):
    monkeypatch.setattr(handouts, "QUIZ_SCRIPT", handouts.QUIZ_SCRIPT + "\n// </SCRIPT><p>")
    with pytest.raises(HandoutError, match="quiz_widget.js holds '</script'"):
        handouts.page_html("A page", '<div class="course-quiz-live"></div>', "learner")


def test_a_value_a_template_names_but_is_not_given_is_an_error():
    values = handouts.page_values("A page", "teacher", live=False)
    del values["licence_note"]
    with pytest.raises(jinja2.UndefinedError, match="licence_note"):
        render("handout_page.html.j2", body="", **values)


def test_the_answer_key_page_has_the_answer_keys_own_body(built):
    standalone = answer_key_html([load_bank(name) for name in bank_names()])
    body = standalone.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    assert f"<main>\n{body}\n</main>" in (built / "teacher" / ANSWER_KEY_PAGE).read_text(encoding="utf-8")


# --- deterministic builds and zips --------------------------------------------------------------------------

def files_of(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_rebuild_replaces_the_old_one_with_the_same_bytes(built, tmp_path):
    again = tmp_path / "again"
    shutil.copytree(built, again)
    (again / "learner" / "left-over.html").write_text("from an earlier build")
    build_handouts(again)
    first, second = files_of(built), files_of(again)
    assert sorted(first) == sorted(second), "the rebuild holds the same files, and nothing left over"
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_each_zip_holds_its_folder(built, flavour):
    with zipfile.ZipFile(built / zip_name(flavour)) as archive:
        top = zip_name(flavour).removesuffix(".zip")
        assert {i.filename: archive.read(i) for i in archive.infolist()} == {
            f"{top}/{name}": data for name, data in files_of(built / flavour).items()}
        assert {i.date_time for i in archive.infolist()} == {handouts.ZIP_DATE}


# --- bad input gets a message, not a traceback ----------------------------------------------------------------

def test_an_output_path_that_is_a_file_is_refused_clearly(tmp_path, capsys):
    target = tmp_path / "handouts"
    target.write_text("not a folder")
    assert main(["--output", str(target)]) == 1
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "Traceback" not in err
    assert target.read_text() == "not a folder"


def test_a_folder_that_is_not_handouts_is_left_alone(tmp_path, capsys):
    (tmp_path / "teacher").mkdir()
    (tmp_path / "teacher" / "thesis.docx").write_text("precious")
    assert main(["--output", str(tmp_path)]) == 1
    assert "already holds files that are not handouts" in capsys.readouterr().err
    assert (tmp_path / "teacher" / "thesis.docx").read_text() == "precious"


def test_an_unreadable_notebook_is_named(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "03_endocrine_causes.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    monkeypatch.setattr(handouts, "course_notebooks", lambda: [broken] + NOTEBOOKS[1:])
    assert main(["--output", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "03_endocrine_causes.ipynb cannot be read as a notebook" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists(), "nothing is written when a notebook is broken"


def test_a_link_with_no_page_is_named(tmp_path):
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("See [the data](../data/how_common.csv)."))
    copy = tmp_path / NOTEBOOKS[0].name
    nbformat.write(nb, copy)
    with pytest.raises(HandoutError, match=r"the link '\.\./data/how_common\.csv' has no page"):
        build_handouts(tmp_path / "out", [copy] + NOTEBOOKS[1:])


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_no_advice_a_handout_reader_cannot_follow(built, flavour):
    """No page asks its reader to run the notebook or a cell, nor offers a button that needs a running notebook.
    (The learner's quiz script holds such words for a notebook whose kernel has gone; a handout never shows them.)"""
    advice = re.compile(r"run the notebook|when this notebook runs|Shift\+Enter|run (this|each|the) cell", re.I)
    for path in pages(built / flavour):
        text = re.sub(r"<script\b.*?</script>", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert [m.group(0) for m in advice.finditer(text)] == [], path.name


def test_the_age_explorer_says_why_there_is_no_slider(built):
    for flavour in FLAVOURS:
        text = (built / flavour / f"{NOTEBOOKS[0].stem}.html").read_text(encoding="utf-8")
        assert "<strong>Age explorer.</strong> The slider works only while the notebook runs" in text, flavour
