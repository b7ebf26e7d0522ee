"""What a learner does with a quiz in the browser, shared by the JupyterLab, no-code (Voila) and handout suites.

The quiz is the same ES module everywhere (quiz_widget.js), so the same clicks and the same key sequences apply.
"""

from playwright.sync_api import expect

# "button:Check", "radio:2", "checkbox:0", "text": the focused control, if it is an enabled one inside the quiz.
FOCUS_IN_QUIZ = """root => { const a = document.activeElement;
    if (!root.contains(a) || a.disabled) return null;
    if (a.tagName === 'BUTTON') return 'button:' + a.textContent;
    return a.type === 'text' ? 'text' : a.type + ':' + a.value; }"""


def quiz_box(page, bank, question):
    heading = f"Question {bank.number_of(question.id)} of {len(bank.questions)} ·"
    return page.locator(".course-quiz", has_text=heading)


def feedback_of(box):
    return box.locator(".course-quiz-feedback")


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def right_indices(question) -> list:
    if question.type == "truefalse":
        return [0 if question.answer else 1]  # options are True, False
    return [i for i, o in enumerate(question.options) if o.correct]


def give_answer(box, question, right: bool):
    """Set an answer by clicking or typing, as a learner would. Returns the option index of a wrong choice."""
    if question.type in ("single", "truefalse"):
        index = right_indices(question)[0]
        if not right:
            index = next(i for i in range(box.locator("input[type=radio]").count()) if i != index)
        box.locator("input[type=radio]").nth(index).check()
        return index
    if question.type == "multiple":
        boxes = box.locator("input[type=checkbox]")
        wrong = [i for i, o in enumerate(question.options) if not o.correct]
        for i, option in enumerate(question.options):
            wanted = option.correct if right else (i == wrong[0])
            if boxes.nth(i).is_checked() != wanted:
                boxes.nth(i).click()
        return None if right else wrong[0]
    low, high = (question.range if question.range else
                 (question.answer - question.tolerance, question.answer + question.tolerance))
    typed = f"{question.answer:g}" if right else f"{high + max(10.0, abs(high)):g}"
    box.locator("input[type=text]").fill(typed)
    return None


def expected_wrong_feedback(question, index):
    """The words the first wrong answer's feedback must hold (select-all: only counts on a first try)."""
    if question.type == "single":
        return question.options[index].feedback
    if question.type == "multiple":
        return "One you ticked is not right."  # a first try gets counts only, no verdict on each option
    if question.type == "truefalse":
        return question.feedback["true" if index == 0 else "false"]
    return question.feedback["too_high"]


def focused(page, box):
    """What has keyboard focus, if it is an enabled control inside this quiz; else None."""
    return box.evaluate(FOCUS_IN_QUIZ)


def enter_quiz_with_tab(page, box):
    """Put focus just before the quiz (a throw-away button), then press Tab once: focus enters the first control."""
    box.evaluate("root => { const b = document.createElement('button'); b.textContent = 'before the quiz';"
                 " b.className = 'test-start'; root.before(b); b.focus(); }")
    page.keyboard.press("Tab")
    box.evaluate("root => root.parentElement.querySelector('.test-start').remove()")


def keyboard_run(page, box, question, active_cell=None, to_the_end=True):
    """Answer with the keyboard alone: wrong, Check, fix, Check, Try again, Show answer, checking after every key
    that matters where focus is, what the live region says (the bank's feedback for that wrong answer, then
    "Correct"), and (in JupyterLab) that the active cell never moves. With `to_the_end=False` the run stops at the
    right answer (focus on Try again), so the question stays answered correctly.

    `active_cell` is a function returning the notebook's active cell index, or None where there is no notebook.
    """
    status = feedback_of(box)
    status.evaluate("el => { el.dataset.testMark = 'same-node'; }")  # the region must be kept, not re-created
    cell_before = None
    right = right_indices(question) if question.type != "numeric" else None
    said = []

    def region_changed():
        text = status.inner_text()
        assert not said or text != said[-1], f"the live region did not change: {text!r}"
        said.append(text)
        assert status.get_attribute("data-test-mark") == "same-node" and status.get_attribute("role") == "status"
        return text

    def press(key, times=1):
        for _ in range(times):
            page.keyboard.press(key)
        if active_cell:
            assert active_cell() == cell_before, f"{key} moved the notebook's active cell"

    enter_quiz_with_tab(page, box)
    cell_before = active_cell() if active_cell else None  # focus in an output makes its cell the active one
    first = focused(page, box)
    if question.type in ("single", "truefalse"):
        radios = box.locator("input[type=radio]")
        group_size = "r => document.querySelectorAll(`input[name='${r.name}']`).length"
        assert radios.first.evaluate(group_size) == radios.count(), \
            "the question's radios are one group of their own: their name is unique on the page"
        assert first == "radio:0", first
        wrong = next(i for i in range(radios.count()) if i not in right)
        press("ArrowDown", wrong)  # arrows move the choice within the group (from the first option)
        if wrong == 0:
            press("Space")
        assert radios.nth(wrong).is_checked() and focused(page, box) == f"radio:{wrong}"
        press("Tab")  # one Tab stop for the whole group: the next stop is Check
        assert focused(page, box) == "button:Check"
        press("Enter")
        expect(status).to_contain_text("Not quite")
        expect(status).to_contain_text(first_words(expected_wrong_feedback(question, wrong)))
        region_changed()
        assert focused(page, box) == "button:Check", "focus stays on Check after a wrong answer"
        press("Shift+Tab")  # back to the group: to its chosen option
        assert focused(page, box) == f"radio:{wrong}"
        press("ArrowUp" if right[0] < wrong else "ArrowDown", abs(right[0] - wrong))
        assert radios.nth(right[0]).is_checked()
        press("Tab")
    elif question.type == "multiple":
        boxes = box.locator("input[type=checkbox]")
        assert first == "checkbox:0", first
        wrong = next(i for i, o in enumerate(question.options) if not o.correct)
        for i in range(boxes.count()):  # each checkbox is its own Tab stop; Space ticks
            if i == wrong:
                press("Space")
            press("Tab")
        assert focused(page, box) == "button:Check"
        press("Enter")
        expect(status).to_contain_text("Not quite")
        expect(status).to_contain_text(expected_wrong_feedback(question, wrong))
        # the ticked option's own feedback waits for a second try
        assert first_words(question.options[wrong].feedback) not in status.inner_text()
        region_changed()
        assert focused(page, box) == "button:Check"
        press("Shift+Tab", boxes.count())  # back to the first option, then set each box on the way to Check
        assert focused(page, box) == "checkbox:0"
        for i in range(boxes.count()):
            if boxes.nth(i).is_checked() != (i in right):
                press("Space")
            press("Tab")
    else:
        assert first == "text", first
        low, high = (question.range if question.range else
                     (question.answer - question.tolerance, question.answer + question.tolerance))
        page.keyboard.type(f"{high + max(10.0, abs(high)):g}")
        press("Enter")  # Enter in the number box checks
        expect(status).to_contain_text("Not quite")
        expect(status).to_contain_text(first_words(expected_wrong_feedback(question, None)))
        region_changed()
        assert focused(page, box) == "text", "focus stays in the number box"
        press("Control+a")
        typed = f"{question.answer:g}"
        if "." in typed and len(typed.split(".")[1]) != 3:
            typed = typed.replace(".", ",")  # a decimal comma is understood
        page.keyboard.type(typed)
        press("Tab")
    assert focused(page, box) == "button:Check"
    press("Enter")
    expect(status).to_contain_text("Correct")
    region_changed()
    assert focused(page, box) == "button:Try again", "after a right answer focus moves to Try again"
    if not to_the_end:
        return said
    press("Enter")
    expect(status).to_contain_text("Answer cleared")
    region_changed()
    now = focused(page, box)
    assert now and not now.startswith("button:"), f"after Try again focus is on the answer, not {now}"
    press("Tab", box.locator("input[type=checkbox]").count() if question.type == "multiple" else 1)
    assert focused(page, box) == "button:Check"
    press("Tab")  # Try again is disabled now: the next stop is Show answer (two tries made)
    assert focused(page, box) == "button:Show answer"
    press("Enter")
    expect(status).to_contain_text("The answer")
    region_changed()
    assert focused(page, box) == "button:Try again", "after Show answer focus moves to Try again"
    return said


def keyboard_answer(page, box, question):
    """The shortest keyboard path to a right answer: Tab into the quiz, arrows or Space to choose, Tab to Check,
    Enter. Checks that an option group is one Tab stop (its next stop is Check), that focus after Check is on an
    enabled control (Try again), and that the live region (the same node, kept) says something new."""
    status = feedback_of(box)
    before = status.evaluate("el => { el.dataset.testMark = 'same-node'; return el.innerText; }")
    enter_quiz_with_tab(page, box)
    first = focused(page, box)
    if question.type in ("single", "truefalse"):
        assert first == "radio:0", first
        target = right_indices(question)[0]
        page.keyboard.press("Space" if target == 0 else "ArrowDown")
        for _ in range(target - 1):
            page.keyboard.press("ArrowDown")
        assert focused(page, box) == f"radio:{target}"
    elif question.type == "multiple":
        assert first == "checkbox:0", first
        for i in range(box.locator("input[type=checkbox]").count()):
            if i != 0:
                page.keyboard.press("Tab")
            if i in right_indices(question):
                page.keyboard.press("Space")
    else:
        assert first == "text", first
        page.keyboard.type(f"{question.answer:g}")
    page.keyboard.press("Tab")  # from the option group (or the last checkbox, or the number box) to Check
    assert focused(page, box) == "button:Check", f"{question.id}: the next Tab stop is not Check"
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Correct")
    after = box.evaluate("root => { const s = root.querySelector('.course-quiz-feedback');"
                         " return [s.innerText, s.dataset.testMark, s.getAttribute('role'),"
                         f" ({FOCUS_IN_QUIZ})(root), [...root.querySelectorAll('input')].map(i => i.checked)]; }}")
    text, mark, role, focus, checked = after
    assert text != before and mark == "same-node" and role == "status", f"{question.id}: the live region {after}"
    assert focus == "button:Try again", f"{question.id}: after a right answer focus moves to Try again, not {focus}"
    if question.type != "numeric":
        assert [i for i, c in enumerate(checked) if c] == right_indices(question), f"{question.id}: chosen {checked}"


def mouse_run(box, question):
    """With the mouse, on a question answered right: Try again, a wrong answer, Check (the bank's feedback for that
    answer shows), the right answer, Check ("✓ Correct."). Not for select-all questions, whose wording for a wrong
    answer depends on the try. Returns the milliseconds from the click on Check to the wrong answer's feedback drawn
    in the next frame (graded in the page: no kernel)."""
    assert question.type != "multiple"
    status = feedback_of(box)
    box.locator("button", has_text="Try again").click()
    expect(status).to_contain_text("Answer cleared")
    index = give_answer(box, question, right=False)
    in_page_ms = box.locator("button", has_text="Check").evaluate(
        "b => new Promise(done => { const t = performance.now(); b.click();"
        " requestAnimationFrame(() => done(performance.now() - t)); })")
    expect(status).to_contain_text("Not quite")
    expect(status).to_contain_text(first_words(expected_wrong_feedback(question, index)))
    give_answer(box, question, right=True)
    box.locator("button", has_text="Check").click()
    expect(status).to_contain_text("✓ Correct.")
    return in_page_ms
