"""The course as a learner uses it: JupyterLab in headless Chromium, every notebook run, every quiz answered.

For each notebook: open it, Run All, wait for the kernel; no cell shows an error; every chart is visible with alt
text; every quiz is a live widget. Every question is answered with the keyboard alone (see
learner_actions.keyboard_run for the exact key sequences: one Tab stop per option group, arrows move the choice and
never the notebook's active cell, focus on an enabled control after every button, the live region's text changes,
a wrong answer gets the bank's feedback for it): the first of each type on the long path, ending with Show answer,
every other one wrong and then right (the score panel counts it). Then the kernel is restarted and everything run
again: the earlier answers must still be there. One question is then answered with the mouse (wrong, its feedback,
right). Last, the kernel is shut down: that question still gives feedback and says the answer is not saved.
Screenshots go to screenshots/.
"""

import time

import nbformat
import pytest

from miscarriage_course.notebooks import course_notebooks
from miscarriage_course.quiz.bank import load_bank

from conftest import FIGURES, SCREENSHOTS, axe_violations
from learner_actions import feedback_of, give_answer, keyboard_run, mouse_run, quiz_box

NOTEBOOKS = course_notebooks()
TIMEOUT = 60_000


# How many links axe's link-in-text-block rule passed inside the elements matching a selector (axe already loaded).
LINK_IN_TEXT_BLOCK_PASSES = """async include => {
    const r = await axe.run(include, { runOnly: { type: 'rule', values: ['link-in-text-block'] } });
    return r.passes.reduce((n, rule) => n + rule.nodes.length, 0); }"""


# JupyterLab's page has a <body> of height 0 with overflow hidden (the app is positioned over it), so axe-core takes
# everything in the notebook for hidden and skips every check that needs it on screen (colour contrast, links in
# text). Giving <html> and <body> the window's height changes nothing a learner sees and lets axe check it.
LET_AXE_SEE_THE_NOTEBOOK = ("() => { document.documentElement.style.height = '100%';"
                            " document.body.style.height = '100%'; }")


def stored_chart_count(path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(str(o.get("data", {}).get("text/html", "")).count('class="course-chart"')
               for c in nb.cells for o in c.get("outputs", []))


def wait_idle(page):
    """Wait until the open notebook's kernel is idle."""
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                           " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
                           timeout=TIMEOUT)


def active_cell(page) -> int:
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex")


def command(page, name):
    """Start a JupyterLab command without waiting for it: some (restart) wait for a dialog the test answers."""
    page.evaluate(f"() => {{ window.jupyterapp.commands.execute('{name}'); }}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_learner_works_through_the_notebook(lab, browser, path):
    from playwright.sync_api import expect

    base, token, _ = lab
    bank = load_bank(path.stem)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        # A workspace of its own, so JupyterLab does not reopen the notebooks of earlier tests beside it.
        page.goto(f"{base}/lab/workspaces/{path.stem}/tree/notebooks/{path.name}?token={token}")
        page.wait_for_selector(".jp-Notebook", timeout=TIMEOUT)
        wait_idle(page)

        # The content note's support links are underlined (jupyter/lab-custom.css; JupyterLab's own style shows
        # them in a blue too close to the text's colour). Checked while the note is on screen: off screen, axe
        # leaves colour checks "incomplete".
        page.evaluate(LET_AXE_SEE_THE_NOTEBOOK)
        note = page.locator(".jp-MarkdownOutput blockquote", has_text="Content note.").first
        note.evaluate("el => { el.dataset.test = 'content-note'; }")
        support = note.locator("a", has_text="Miscarriage Association")
        expect(support).to_be_in_viewport()
        assert "underline" in support.evaluate("a => getComputedStyle(a).textDecorationLine")
        assert axe_violations(page, "[data-test=content-note]") == [], "axe-core: the content note"
        assert page.evaluate(LINK_IN_TEXT_BLOCK_PASSES, "[data-test=content-note]") >= 1, \
            "axe's link-in-text-block rule did not pass on the content note's links"

        start = time.perf_counter()
        command(page, "notebook:run-all-cells")
        page.wait_for_function(f"() => document.querySelectorAll('.course-quiz').length >= {len(bank.questions)}"
                               " && document.querySelectorAll('.course-quiz-score').length >= 1", timeout=TIMEOUT)
        FIGURES.append((path.stem, "Run All to every widget rendered", time.perf_counter() - start))
        wait_idle(page)

        assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0, "a cell shows an error"
        assert page.locator(".jp-OutputArea-output:has-text('Traceback')").count() == 0
        charts = page.locator("figure.course-chart img")
        assert charts.count() == stored_chart_count(path)
        for i in range(charts.count()):
            image = charts.nth(i)
            assert image.get_attribute("alt").strip(), "a chart without alt text"
            assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "a chart that did not load"
        assert page.locator(".course-quiz").count() == len(bank.questions), "every question shows as a live widget"
        assert page.locator(".course-quiz-static").count() == 0, "no question is left in its static form"

        for slider in page.locator(".course-slider input[type=range]").all():  # the age explorer
            slider.scroll_into_view_if_needed()
            assert slider.evaluate("s => s.labels.length === 1 && s.labels[0].textContent.trim().length > 3")
            before_value, before_cell = slider.input_value(), None
            slider.focus()
            before_cell = active_cell(page)
            page.keyboard.press("ArrowRight")
            assert int(slider.input_value()) == int(before_value) + 1 and active_cell(page) == before_cell
            expect(page.locator(".jp-OutputArea-output", has_text="What each study reports at age")).to_contain_text(
                f"at age {int(before_value) + 1}", timeout=10_000)
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{path.stem}-explorer.png"))

        # Every question with the keyboard alone: the first of each type on the long path (ending with Show
        # answer), every other one wrong, then right (it stays answered correctly).
        score = page.locator(".course-quiz-score")
        long_path = {}
        for question in bank.questions:
            long_path.setdefault(question.type, question.id)
        long_path = set(long_path.values())
        SCREENSHOTS.mkdir(exist_ok=True)
        for n, question in enumerate(bank.questions, 1):
            box = quiz_box(page, bank, question)
            box.scroll_into_view_if_needed()
            keyboard_run(page, box, question, active_cell=lambda: active_cell(page),
                         to_the_end=question.id in long_path)
            expect(score).to_contain_text(f"{n} of {len(bank.questions)} answered correctly")
            assert box.locator(".course-quiz-saving").inner_text() == ""
            if n == 2:
                page.screenshot(path=str(SCREENSHOTS / f"{path.stem}-keyboard.png"))

        # Our outputs (prose, charts, tables, quizzes), not JupyterLab's own toolbars.
        assert axe_violations(page, ".jp-MarkdownOutput, .jp-OutputArea-output") == [], "axe-core: WCAG 2.1 AA"
        score.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"{path.stem}.png"))

        # Restart the kernel and run everything again: the answers must come back from the progress file.
        command(page, "notebook:restart-run-all")
        page.locator(".jp-Dialog-button.jp-mod-accept").click(timeout=10_000)
        page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
                               " !== 'idle'", timeout=TIMEOUT)
        wait_idle(page)
        page.wait_for_function(f"() => document.querySelectorAll('.course-quiz').length >= {len(bank.questions)}",
                               timeout=TIMEOUT)
        for question in bank.questions:
            feedback = feedback_of(quiz_box(page, bank, question))
            if question.id in long_path:  # the long keyboard run ends with Show answer
                expect(feedback).to_contain_text("The answer", timeout=10_000)
            else:
                expect(feedback).to_contain_text("Restored from your saved answers", timeout=10_000)
                expect(feedback).to_contain_text("✓ Correct.")
        expect(score).to_contain_text(f"{len(bank.questions)} of {len(bank.questions)} answered correctly")
        score.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"{path.stem}-after-restart.png"))

        # The mouse, on one question: Try again, a wrong answer (its feedback shows), then the right one.
        question = next(q for q in bank.questions if q.id not in long_path and q.type != "multiple")
        box = quiz_box(page, bank, question)
        box.scroll_into_view_if_needed()
        FIGURES.append((path.stem, "click on Check to feedback drawn", mouse_run(box, question) / 1000))
        expect(score).to_contain_text(f"{len(bank.questions)} of {len(bank.questions)} answered correctly")

        # The kernel is gone (as when Binder culls it): feedback still comes, with a note that it is not saved.
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.shutdown()")
        page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.sessionContext.session"
                               " || !window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                               " || window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
                               " === 'dead'",
                               timeout=TIMEOUT)
        box.locator("button", has_text="Try again").click()
        expect(feedback_of(box)).to_contain_text("Answer cleared")
        give_answer(box, question, right=False)
        box.locator("button", has_text="Check").click()
        expect(feedback_of(box)).to_contain_text("Not quite")
        expect(box.locator(".course-quiz-saving")).to_contain_text("not saved", timeout=10_000)
        expect(box.locator(".course-quiz-saving")).to_contain_text("run the notebook again")
        page.screenshot(path=str(SCREENSHOTS / f"{path.stem}-kernel-gone.png"))
    finally:
        page.close()

