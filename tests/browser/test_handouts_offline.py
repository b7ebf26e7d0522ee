"""The offline handouts in headless Chromium with every network request blocked, on screen and in print.

Every page of both copies opens from file:// in a context that is offline and aborts any request that is not for a
local file; any such request, failed request, console error, or image that did not load or has no alt text fails
the test. The print checks lay out pages at the printable width of A4 and Letter (nothing may stick out past the
margins), check which answers print in each copy, and print to PDF.
"""

import re

import pytest

from miscarriage_course.course_map import summarise
from miscarriage_course.handouts import ANSWER_KEY_PAGE, FLAVOURS, PRINT_MARGIN_MM, build_handouts
from miscarriage_course.notebooks import course_notebooks
from miscarriage_course.quiz.bank import load_bank

from conftest import SCREENSHOTS, axe_violations

NOTEBOOK_PAGES = [p.stem + ".html" for p in course_notebooks()]
PAGES = [(flavour, page) for flavour in FLAVOURS
         for page in ["index.html", *NOTEBOOK_PAGES, *([ANSWER_KEY_PAGE] if flavour == "teacher" else [])]]
PAPER_WIDTH_MM = {"A4": 210, "Letter": 215.9}
PAPER_POINTS = {"A4": (595.92, 842.88), "Letter": (612, 792)}
PRINTED = [("learner", "01_genetic_causes.html"), ("teacher", "09_recurrent_miscarriage.html")]
LOCAL = ("file:", "data:")
SCREENSHOT_DIR = SCREENSHOTS / "handouts"
WIDER_THAN_THE_PAGE = r"""() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 0.5);
    const describe = e => e.tagName + ' ' + (e.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5).map(describe)};
}"""


@pytest.fixture(scope="session")
def handouts_folder(tmp_path_factory):
    output = tmp_path_factory.mktemp("handouts")
    build_handouts(output)
    return output


@pytest.fixture
def offline_page(chromium):
    """A page in an offline context; returns (page, problems), problems listing everything that went wrong."""
    context = chromium.new_context(offline=True, viewport={"width": 1100, "height": 900})
    problems = []

    def block_network(route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            problems.append(f"blocked request: {route.request.url}")
            route.abort()

    context.route("**/*", block_network)
    page = context.new_page()
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else problems.append(f"request: {r.url}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url} ({r.failure})"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield page, problems
    context.close()


@pytest.mark.parametrize("flavour, name", PAGES, ids=[f"{f}-{n.removesuffix('.html')}" for f, n in PAGES])
def test_the_page_works_with_the_network_blocked(handouts_folder, offline_page, flavour, name):
    page, problems = offline_page
    page.goto((handouts_folder / flavour / name).as_uri(), wait_until="load")
    images = page.evaluate("() => [...document.images].map(i => ({loaded: i.complete && i.naturalWidth > 0,"
                           " alt: (i.getAttribute('alt') || '').trim(), src: i.src.slice(0, 40)}))")
    assert problems == []
    assert [i for i in images if not i["loaded"]] == [], "every image loads"
    assert [i for i in images if not i["alt"]] == [], "every image has alt text"
    if name in NOTEBOOK_PAGES:
        assert images, "a notebook page shows its charts"
        answers = page.locator("details")
        assert answers.count() > 0
        assert answers.evaluate_all("ds => ds.every(d => d.open)") == (flavour == "teacher")


def test_links_work_offline(handouts_folder, offline_page):
    page, problems = offline_page
    page.goto((handouts_folder / "teacher" / "index.html").as_uri())
    page.get_by_role("link", name=summarise(course_notebooks()[1]).title).click()
    page.wait_for_load_state()
    assert page.url.endswith("/teacher/01_genetic_causes.html")
    page.get_by_role("link", name=re.compile("^Next:")).first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/teacher/02_uterus_and_cervix.html")
    page.get_by_role("link", name="Contents").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="answer key").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/teacher/{ANSWER_KEY_PAGE}")
    assert problems == []


def printable_width_px(paper: str) -> int:
    return int((PAPER_WIDTH_MM[paper] - 2 * PRINT_MARGIN_MM) * 96 / 25.4)


def pdf_page_sizes(pdf: bytes) -> list:
    return [tuple(float(n) for n in m) for m in
            re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)]


@pytest.mark.parametrize("paper", PAPER_WIDTH_MM)
@pytest.mark.parametrize("flavour, name", PRINTED, ids=[f"{f}-{n.removesuffix('.html')}" for f, n in PRINTED])
def test_the_page_prints(handouts_folder, offline_page, flavour, name, paper):
    page, problems = offline_page
    page.set_viewport_size({"width": printable_width_px(paper), "height": 1000})
    page.emulate_media(media="print")
    page.goto((handouts_folder / flavour / name).as_uri())
    overflow = page.evaluate(WIDER_THAN_THE_PAGE)
    assert overflow["scrollWidth"] <= overflow["width"], overflow
    assert overflow["wide"] == [], overflow

    # On paper the teacher's copy shows every answer, even one folded on screen; the learner's leaves them out.
    page.evaluate("() => { document.querySelector('details').open = false; }")
    printed_answers = page.locator("details > p").evaluate_all("ps => ps.map(p => p.checkVisibility())")
    assert printed_answers and set(printed_answers) == {flavour == "teacher"}

    pdf = page.pdf(format=paper)
    sizes = pdf_page_sizes(pdf)
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    assert len(sizes) > 2 and all(abs(w - PAPER_POINTS[paper][0]) < 2 and abs(h - PAPER_POINTS[paper][1]) < 2
                                  for w, h in sizes), sizes[:3]
    assert problems == []


# --- live quizzes in the learner's copy -----------------------------------------------------------------------

LIVE_NOTEBOOK = course_notebooks()[0]


@pytest.mark.parametrize("path", course_notebooks(), ids=lambda p: p.stem)
def test_every_question_works_with_the_keyboard_offline(handouts_folder, offline_page, path):
    """The learner's copy runs the quiz module from an inline script (allowed by its hash). Every question of the page
    is answered with the keyboard alone: the first of each type on the long path (wrong, Check, fix, Check, Try
    again, Show answer), every other on the shortest (choose the right answer, Check). After a reload (of the first
    notebook's page), the answers come back from the browser's storage."""
    from playwright.sync_api import expect

    from learner_actions import keyboard_answer, keyboard_run, quiz_box

    page, problems = offline_page
    bank = load_bank(path.stem)
    total = len(bank.questions)
    page.goto((handouts_folder / "learner" / f"{path.stem}.html").as_uri())
    expect(page.locator(".course-quiz")).to_have_count(total)
    assert page.locator(".course-quiz-static").evaluate_all("els => els.every(e => e.hidden)")
    score = page.locator(".course-quiz-score")
    expect(score).to_contain_text(f"0 of {total} right on the first try")
    long_path = set()
    for question in bank.questions:
        box = quiz_box(page, bank, question)
        if question.type not in {q.type for q in bank.questions if q.id in long_path}:
            long_path.add(question.id)
            box.scroll_into_view_if_needed()
            keyboard_run(page, box, question)
        else:
            keyboard_answer(page, box, question)  # focus scrolls the quiz into view
        assert box.locator(".course-quiz-saving").inner_text() == "", "kept in this browser: no 'not saved' note"
    shown = len(long_path)
    expect(score).to_contain_text(f"{total - shown} of {total} right on the first try. "
                                  f"{total} of {total} answered correctly so far; {shown} shown with Show answer")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"handout-{path.stem}-answered.png"), full_page=False)

    if path != LIVE_NOTEBOOK:
        assert problems == []
        return
    page.reload()
    first = quiz_box(page, bank, bank.questions[0])
    expect(first.locator(".course-quiz-feedback")).to_contain_text("The answer")
    expect(page.locator(".course-quiz-score")).to_contain_text(f"{shown} shown with Show answer")
    assert problems == []


def test_feedback_below_the_window_is_brought_into_sight(handouts_folder, offline_page):
    """Check pressed with the question's last line at the window's bottom edge: the feedback, drawn below it, is
    scrolled into view. The number box's label reads "Your answer (in 100)", never "in in 100"."""
    from playwright.sync_api import expect

    from learner_actions import give_answer, quiz_box

    page, problems = offline_page
    bank = load_bank(LIVE_NOTEBOOK.stem)
    question = next(q for q in bank.questions if q.type == "numeric" and q.units.startswith("in "))
    page.goto((handouts_folder / "learner" / f"{LIVE_NOTEBOOK.stem}.html").as_uri())
    box = quiz_box(page, bank, question)
    expect(box.locator("label.course-quiz-number-label")).to_have_text(f"Your answer ({question.units})")
    give_answer(box, question, right=False)
    check = box.locator("button", has_text="Check")
    # Scroll so that the Check button's bottom sits on the window's bottom edge: the feedback below is out of sight.
    check.evaluate("b => window.scrollBy(0, b.getBoundingClientRect().bottom - window.innerHeight)")
    feedback = box.locator(".course-quiz-feedback")
    assert feedback.evaluate("f => f.getBoundingClientRect().top >= window.innerHeight - 1"), "set-up: not hidden"
    check.press("Enter")
    expect(feedback).to_contain_text("Not quite")
    page.wait_for_function("f => f.getBoundingClientRect().bottom <= window.innerHeight + 1"
                           " && f.getBoundingClientRect().top >= 0", arg=feedback.element_handle())
    assert problems == []


def test_without_scripts_the_static_form_shows(handouts_folder, chromium):
    context = chromium.new_context(offline=True, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((handouts_folder / "learner" / f"{LIVE_NOTEBOOK.stem}.html").as_uri())
        assert page.locator(".course-quiz").count() == 0
        static = page.locator(".course-quiz-static")
        assert static.count() == len(load_bank(LIVE_NOTEBOOK.stem).questions)
        assert static.evaluate_all("els => els.every(e => !e.hidden && e.checkVisibility())")
        assert "run the notebook" not in page.locator("main").inner_text().lower()
    finally:
        context.close()


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_no_accessibility_violations(handouts_folder, chromium, flavour):
    """axe-core (WCAG 2.1 A and AA) finds nothing on the index and notebook 00's page, before and after answering."""
    from learner_actions import give_answer, quiz_box

    context = chromium.new_context(offline=True, bypass_csp=True)  # bypass_csp only so axe can be added
    try:
        page = context.new_page()
        for name in ("index.html", f"{LIVE_NOTEBOOK.stem}.html"):
            page.goto((handouts_folder / flavour / name).as_uri())
            assert axe_violations(page) == [], f"{flavour}/{name}"
        if flavour == "learner":
            bank = load_bank(LIVE_NOTEBOOK.stem)
            for question in bank.questions:
                box = quiz_box(page, bank, question)
                give_answer(box, question, right=False)
                box.locator("button", has_text="Check").click()
            assert axe_violations(page) == [], f"{flavour}: with feedback showing"
    finally:
        context.close()
