"""The no-code view: the course served by Voila inside a Jupyter server, as `make voila` and Binder's second badge do.

The server gets its Voila settings from `python -m miscarriage_course.jupyter_settings`, run into a throw-away
prefix, so this also checks that command. For every notebook: the page shows prose, charts and live quizzes but
no code and no error; no request leaves the machine; every chart is loaded and has alt text; every question is
answered with the keyboard alone, and one with the mouse. Notebook 00 is also checked with axe-core (before and
after answering) and its answers are reset. In notebook 00 the Contents link (to the contents notebook) and the
Next link are followed.
A screenshot of each notebook is saved to screenshots/no-code-view/.
"""

import time

import pytest

from miscarriage_course.course_map import summarise
from miscarriage_course.notebooks import course_notebooks
from miscarriage_course.quiz.bank import load_bank

from conftest import FIGURES, SCREENSHOTS, _require_browser, axe_violations, running_no_code_view
from learner_actions import keyboard_run, mouse_run, quiz_box

NOTEBOOKS = course_notebooks()
TIMEOUT = 60_000
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def no_code_view(tmp_path_factory):
    """A Jupyter server with Voila, set up by miscarriage_course.jupyter_settings: yields (base_url, token)."""
    _require_browser()
    with running_no_code_view(tmp_path_factory.mktemp("voila-home")) as server:
        yield server


def open_page(chromium, url):
    """A page that records every request leaving the machine and every failed one."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.outside, page.failed = [], []
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else page.outside.append(r.url))
    page.on("requestfailed", lambda r: page.failed.append(r.url))
    started = time.monotonic()
    page.goto(url)
    page.wait_for_selector(".course-quiz", timeout=TIMEOUT)
    page.opened_in = time.monotonic() - started
    return page


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_learner_reads_and_answers_without_seeing_code(no_code_view, chromium, path):
    base, token = no_code_view
    bank = load_bank(path.stem)
    page = open_page(chromium, f"{base}/voila/render/notebooks/{path.name}?token={token}")
    try:
        FIGURES.append((path.stem, "no-code view: page open to first quiz", page.opened_in))
        page.wait_for_function(f"() => document.querySelectorAll('.course-quiz').length === {len(bank.questions)}",
                               timeout=TIMEOUT)
        text = page.locator("body").inner_text()
        assert "from miscarriage_course import" not in text and "quiz.ask(" not in text, "code shows in the view"
        assert "Traceback" not in text and page.locator(".jp-RenderedText[data-mime-type*=stderr]").count() == 0
        assert page.locator(".course-quiz-static").count() == 0, "every question is a live widget"
        charts = page.locator("figure.course-chart img")
        assert charts.count() >= 2
        for i in range(charts.count()):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            assert chart.evaluate("img => img.complete && img.naturalWidth > 0"), f"chart {i + 1} did not load"
            assert (chart.get_attribute("alt") or "").strip(), f"chart {i + 1} has no alt text"

        if path == NOTEBOOKS[0]:
            # At the top of the page, where the content note and its support link are on screen (axe leaves colour
            # checks of content off screen "incomplete").
            assert axe_violations(page) == [], "axe-core: WCAG 2.1 AA violations in the no-code view"

        # Every question with the keyboard alone (learner_actions.keyboard_run has the exact key sequences and what is
        # checked after each): the first of each type on the long path, ending with Show answer, every other one
        # wrong (the bank's feedback for it shows) and then right.
        (SCREENSHOTS / "no-code-view").mkdir(parents=True, exist_ok=True)
        long_path = {}
        for question in bank.questions:
            long_path.setdefault(question.type, question.id)
        long_path = set(long_path.values())
        for n, question in enumerate(bank.questions, 1):
            box = quiz_box(page, bank, question)
            box.scroll_into_view_if_needed()
            keyboard_run(page, box, question, to_the_end=question.id in long_path)
            if n == 2:
                page.screenshot(path=SCREENSHOTS / "no-code-view" / f"{path.stem}-keyboard.png")
        score = page.locator(".course-quiz-score")
        expect_text(score, f"{len(bank.questions)} of {len(bank.questions)} answered correctly")

        # The mouse, on one question: Try again, a wrong answer (its feedback shows), then the right one.
        question = next(q for q in bank.questions if q.id not in long_path and q.type != "multiple")
        box = quiz_box(page, bank, question)
        box.scroll_into_view_if_needed()
        FIGURES.append((path.stem, "no-code view: click on Check to feedback drawn", mouse_run(box, question) / 1000))
        expect_text(score, f"{len(bank.questions)} of {len(bank.questions)} answered correctly")

        page.screenshot(path=SCREENSHOTS / "no-code-view" / f"{path.stem}.png")
        if path == NOTEBOOKS[0]:
            assert axe_violations(page) == [], "axe-core: WCAG 2.1 AA violations in the no-code view, answered"
            score.scroll_into_view_if_needed()
            score.locator("button").click()  # Reset, confirmed by a second press
            expect_text(score, "Select the button again to confirm")
            score.locator("button").click()
            expect_text(score, f"{len(bank.questions)} not tried yet")
            expect_text(score, "Your answers to this notebook are reset")
        assert page.outside == [], f"requests left the machine: {page.outside}"
        assert page.failed == [], f"requests failed: {page.failed}"
    finally:
        page.close()


def test_contents_and_next_links_work_in_the_no_code_view(no_code_view, chromium):
    base, token = no_code_view
    page = open_page(chromium, f"{base}/voila/render/notebooks/{NOTEBOOKS[0].name}?token={token}")
    try:
        page.locator("a", has_text="Contents").first.click()
        page.wait_for_url("**/voila/render/notebooks/contents.ipynb**", timeout=TIMEOUT)
        page.wait_for_selector("h1", timeout=TIMEOUT)
        for summary in map(summarise, NOTEBOOKS):
            link = page.locator(f'a[href="{summary.file}"]')
            assert link.count() == 1 and summary.title in link.inner_text(), f"the contents link {summary.file}"
        page.go_back()
        page.wait_for_selector(".course-quiz", timeout=TIMEOUT)
        page.locator("a", has_text="Next:").first.click()
        page.wait_for_url(f"**/voila/render/notebooks/{NOTEBOOKS[1].name}", timeout=TIMEOUT)
        page.wait_for_selector(".course-quiz", timeout=TIMEOUT)
        assert page.outside == [], f"requests left the machine: {page.outside}"
    finally:
        page.close()


def expect_text(locator, text):
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text, timeout=TIMEOUT)
