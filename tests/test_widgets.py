"""The live quiz widgets, driven as a learner would (set a value, click), with no browser."""

import json

import pytest

from miscarriage_course.quiz import ProgressStore, Quiz
from miscarriage_course.quiz.widgets import REVEAL_AFTER_WRONG


@pytest.fixture
def quiz(progress_file):
    return Quiz("00_how_common")


def feedback(qw):
    return qw.feedback.value


def test_wrong_then_right_single_choice(quiz):
    qw = quiz.widget("when-losses-happen")
    qw.input.value = 0
    qw.check_button.click()
    assert "✗ Not quite." in feedback(qw) and "About 20 in 100 happen later" in feedback(qw)
    assert qw.attempts == 1 and not qw.solved
    qw.input.value = 2
    qw.check_button.click()
    assert "✓ Correct." in feedback(qw) and "ACOG reports that about 80%" in feedback(qw)
    assert "Sources: ACOG Practice Bulletin 200, 2018" in feedback(qw)
    assert qw.attempts == 2 and qw.solved and not qw.first_try
    assert qw.input.disabled and qw.check_button.disabled


def test_nothing_selected_is_not_an_attempt(quiz):
    qw = quiz.widget("denominator")
    qw.check_button.click()
    assert "Choose one of the options first." in feedback(qw) and qw.attempts == 0


def test_many_fast_clicks_on_the_same_answer_count_once(quiz):
    qw = quiz.widget("denominator")
    qw.input.value = 1
    for _ in range(50):
        qw.check_button.click()
    assert qw.attempts == 1


def test_show_answer_is_offered_after_wrong_tries(quiz):
    qw = quiz.widget("denominator")
    assert qw.reveal_button.disabled
    for wrong in (1, 2)[:REVEAL_AFTER_WRONG]:
        qw.input.value = wrong
        qw.check_button.click()
    assert not qw.reveal_button.disabled and "Show answer" in feedback(qw)
    qw.reveal_button.click()
    assert "ℹ The answer." in feedback(qw) and "Every rate needs its denominator" in feedback(qw)
    assert qw.revealed and not qw.first_try


def test_try_again_clears_the_answer_but_keeps_the_count(quiz):
    qw = quiz.widget("denominator")
    qw.input.value = 1
    qw.check_button.click()
    qw.retry_button.click()
    assert qw.input.value is None and feedback(qw) == "" and qw.attempts == 1 and not qw.check_button.disabled


@pytest.mark.parametrize("typed, expected", [
    ("", "Type a number in the box first."),
    ("fifty", "is not a number"),
    ("inf", "finite number"),
    ("nan", "finite number"),
    ("word " * 2000, "is not a number"),
    ("9" * 5000, "finite number"),  # too large for a float: read as infinity
    ("1,000", "thousands separator"),
])
def test_bad_numbers_get_a_message_not_an_attempt(quiz, typed, expected):
    qw = quiz.widget("age-chart-magnus")
    qw.number_box.value = typed
    qw.check_button.click()
    assert expected in feedback(qw) and qw.attempts == 0 and len(feedback(qw)) < 1000


def test_decimal_comma_and_units_are_understood(quiz):
    qw = quiz.widget("age-chart-magnus")
    qw.number_box.value = "53,0 %"
    qw.check_button.click()
    assert "✓ Correct." in feedback(qw)
    qw = quiz.widget("pooled-per-100")
    qw.number_box.value = "15,3"
    qw.check_button.click()
    assert "Read &#x27;15,3&#x27; as 15.3." in feedback(qw) and "✓ Correct." in feedback(qw)


def test_multiple_choice_partly_right(quiz):
    qw = quiz.widget("women-history")
    qw.checkboxes[0].value = True
    qw.check_button.click()
    assert "◐ Partly right." in feedback(qw) and "One right option is still unticked." in feedback(qw)
    qw.checkboxes[1].value = True
    qw.check_button.click()
    assert "✓ Correct." in feedback(qw)


def test_truefalse(quiz):
    qw = quiz.widget("age-one-curve")
    qw.input.value = False
    qw.check_button.click()
    assert "✓ Correct." in feedback(qw) and qw.first_try


def test_score_panel_counts_first_tries_and_resets(quiz, progress_file):
    quiz.panel = None
    from miscarriage_course.quiz.widgets import ScorePanel

    quiz.panel = ScorePanel(quiz)
    assert "0 of 7 right on the first try" in quiz.panel.summary.value
    first = quiz.widget("age-one-curve")
    first.input.value = False
    first.check_button.click()
    second = quiz.widget("when-losses-happen")
    second.input.value = 0
    second.check_button.click()
    second.input.value = 2
    second.check_button.click()
    assert "1 of 7 right on the first try. 2 of 7 answered correctly so far" in quiz.panel.summary.value
    quiz.panel.reset_button.click()  # asks for confirmation first
    assert "1 of 7 right on the first try" in quiz.panel.summary.value
    quiz.panel.reset_button.click()
    assert "0 of 7 right on the first try" in quiz.panel.summary.value
    assert first.input.value is None and not first.input.disabled
    assert json.loads(progress_file.read_text())["banks"] == {}


def test_answers_survive_a_new_kernel(progress_file):
    quiz = Quiz("00_how_common")
    qw = quiz.widget("when-losses-happen")
    qw.input.value = 0
    qw.check_button.click()
    qw.input.value = 2
    qw.check_button.click()
    numeric = quiz.widget("age-chart-magnus")
    numeric.number_box.value = "60"
    numeric.check_button.click()

    again = Quiz("00_how_common")  # as after a kernel restart: a new object reading the same file
    restored = again.widget("when-losses-happen")
    assert restored.input.value == 2 and restored.solved and restored.attempts == 2
    assert "✓ Correct." in restored.feedback.value and "Restored from your saved answers" in restored.feedback.value
    wrong = again.widget("age-chart-magnus")
    assert wrong.number_box.value == "60" and "Too high" in wrong.feedback.value and not wrong.solved


def test_a_saved_record_that_no_longer_fits_is_ignored(progress_file):
    ProgressStore().save("00_how_common", "denominator", {"answer": 99, "attempts": "lots"})
    qw = Quiz("00_how_common").widget("denominator")
    assert qw.input.value is None and qw.attempts == 0


def test_live_and_static_forms_go_out_in_one_bundle(quiz, monkeypatch):
    shown = []
    monkeypatch.setattr("miscarriage_course.display.display", lambda data, raw: shown.append(data))
    quiz.ask("denominator")
    quiz.show_score()
    question, score = shown
    assert set(question) == {"text/plain", "text/html", "application/vnd.jupyter.widget-view+json"}
    assert "<details><summary>Show the answer</summary>" in question["text/html"]
    assert "0 of 7" not in score["text/html"]  # the static score never depends on saved progress
