"""The live quiz widgets' Python side, driven through their traits as the page (quiz_widget.js) drives them.

The page grades and draws; these tests check what Python does with what the page sends: save it, acknowledge it,
keep the score, restore it in a new kernel, reset it. The page itself is tested in Chromium (tests/browser) and its
grading against grading.py in test_grading_differential.py.
"""

import json

import pytest
from ipywidgets.widgets.widget import _instances as widget_models

from miscarriage_course.quiz import ProgressStore, Quiz, grading
from miscarriage_course.quiz.widgets import FRONT_END, FRONT_END_CSS, REVEAL_AFTER_WRONG, QuestionWidget, ScorePanel


@pytest.fixture
def quiz(progress_file):
    return Quiz("00_how_common")


def page_checks(qw, answer):
    """What the page sends after Check with this answer (a new answer: one more attempt)."""
    result = grading.grade(qw.bank_question, set(answer) if isinstance(answer, list) else answer, qw.attempts + 1)
    assert result.counts_as_attempt
    attempts = qw.attempts + 1
    with qw.hold_sync():
        qw.answer, qw.attempts, qw.locked = answer, attempts, result.is_correct
        if result.is_correct:
            qw.solved, qw.first_try = True, qw.first_try or attempts == 1
        qw.actions += 1
    return result


def saved(progress_file, question_id):
    return json.loads(progress_file.read_text())["banks"]["00_how_common"][question_id]


def test_the_page_gets_everything_it_grades_with(quiz):
    single = quiz.widget("when-losses-happen").question
    assert single["heading"] == "Question 3 of 7 · choose one answer" and single["reveal_after"] == REVEAL_AFTER_WRONG
    assert [o["correct"] for o in single["options"]] == [o.correct for o in quiz.bank.question("when-losses-happen").options]
    numeric = quiz.widget("age-chart-magnus").question
    assert (numeric["low"], numeric["high"]) == grading.accepted_range(quiz.bank.question("age-chart-magnus"))
    assert set(numeric["feedback"]) == {"correct", "too_low", "too_high"} and numeric["units"] == "%"
    assert json.loads(json.dumps(numeric)) == numeric  # plain JSON, as the comm sends it


def test_the_front_end_ships_with_the_package():
    assert FRONT_END.is_file() and FRONT_END_CSS.is_file()
    text = FRONT_END.read_text(encoding="utf-8")
    assert "export default" in text and "http://" not in text and "https://" not in text
    assert "import " not in text.split("export")[0], "the module imports nothing, so it fetches nothing"


def test_one_question_costs_two_widget_models(quiz):
    before = set(widget_models)
    quiz.widget("denominator")
    assert len(set(widget_models) - before) == 2  # the widget and its layout


def test_an_answer_from_the_page_is_saved_and_acknowledged(quiz, progress_file):
    qw = quiz.widget("when-losses-happen")
    wrong = next(i for i, o in enumerate(qw.bank_question.options) if not o.correct)
    page_checks(qw, wrong)
    assert saved(progress_file, "when-losses-happen") == {
        "answer": wrong, "attempts": 1, "solved": False, "first_try": False, "revealed": False, "locked": False}
    assert qw.saved_actions == qw.actions == 1 and qw.save_message == ""


def test_every_action_is_saved_even_when_the_values_repeat(quiz, progress_file):
    qw = quiz.widget("denominator")
    page_checks(qw, 1)
    progress_file.unlink()
    qw.actions += 1  # the page says the same thing again (e.g. Check twice): only the counter changes
    assert saved(progress_file, "denominator")["answer"] == 1 and qw.saved_actions == 2


def test_score_counts_first_tries_and_the_page_can_reset(quiz, progress_file):
    quiz.panel = ScorePanel(quiz)
    assert quiz.panel.text().startswith("0 of 7 right on the first try")
    first = quiz.widget("age-one-curve")
    page_checks(first, False)
    second = quiz.widget("when-losses-happen")
    right = next(i for i, o in enumerate(second.bank_question.options) if o.correct)
    page_checks(second, (right + 1) % len(second.bank_question.options))
    page_checks(second, right)
    assert quiz.panel.text().startswith("1 of 7 right on the first try. 2 of 7 answered correctly so far")
    assert set(quiz.panel.records) == {"age-one-curve", "when-losses-happen"}
    epoch = first.epoch
    quiz.panel.actions += 1  # the page's "Reset my answers", confirmed
    assert quiz.panel.resets_done == 1 and quiz.panel.text().startswith("0 of 7 right on the first try")
    assert first.answer is None and first.attempts == 0 and not first.locked and first.epoch == epoch + 1
    assert json.loads(progress_file.read_text())["banks"] == {}


def test_answers_survive_a_new_kernel(progress_file):
    quiz = Quiz("00_how_common")
    qw = quiz.widget("when-losses-happen")
    right = next(i for i, o in enumerate(qw.bank_question.options) if o.correct)
    page_checks(qw, (right + 1) % 3)
    page_checks(qw, right)
    page_checks(quiz.widget("age-chart-magnus"), "60")
    tried = quiz.widget("women-history")
    page_checks(tried, [0])
    with tried.hold_sync():  # Show answer, as the page sends it
        tried.revealed, tried.locked = True, True
        tried.actions += 1

    again = Quiz("00_how_common")  # as after a kernel restart: a new object reading the same file
    restored = again.widget("when-losses-happen")
    assert (restored.answer, restored.attempts, restored.solved, restored.locked) == (right, 2, True, True)
    assert restored.restored and restored.epoch == 1
    wrong = again.widget("age-chart-magnus")
    assert wrong.answer == "60" and not wrong.solved and not wrong.locked and wrong.attempts == 1
    revealed = again.widget("women-history")
    assert revealed.revealed and revealed.locked and revealed.answer == [0]


@pytest.mark.parametrize("record", [{"answer": 99, "attempts": 1}, {"answer": 1, "attempts": "lots"},
                                    {"answer": "A", "attempts": 1}, {"answer": 1, "attempts": float("inf")}])
def test_a_saved_record_that_no_longer_fits_is_ignored(progress_file, record):
    ProgressStore().save("00_how_common", "denominator", record)
    qw = Quiz("00_how_common").widget("denominator")
    assert qw.answer is None and qw.attempts == 0 and not qw.restored


def test_a_failed_save_is_said_beside_the_question(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MISCARRIAGE_COURSE_PROGRESS", str(blocker / "progress.json"))
    qw = Quiz("00_how_common").widget("denominator")
    page_checks(qw, 0)
    assert "could not be saved" in qw.save_message and qw.saved_actions == 1


def test_live_and_static_forms_go_out_in_one_bundle(quiz, monkeypatch):
    shown = []
    monkeypatch.setattr("miscarriage_course.display.display", lambda data, raw: shown.append(data))
    quiz.ask("denominator")
    quiz.show_score()
    question, score = shown
    assert set(question) == {"text/plain", "text/html", "application/vnd.jupyter.widget-view+json"}
    assert question["application/vnd.jupyter.widget-view+json"]["model_id"] == quiz.widget("denominator").model_id
    assert "<details><summary>Show the answer</summary>" in question["text/html"]
    assert "0 of 7" not in score["text/html"]  # the static score never depends on saved progress


def test_a_question_widget_stands_alone(quiz):
    qw = QuestionWidget(quiz.bank, quiz.bank.question("denominator"))
    qw.actions += 1  # no quiz to tell: still acknowledged, so the page does not say "not saved"
    assert qw.saved_actions == 1


def test_the_age_explorer_slider_is_named_and_moves_the_table():
    from miscarriage_course import load_table
    from miscarriage_course.explorers import AgeExplorer

    explorer = AgeExplorer(load_table("age_risk"))
    assert explorer.slider.label == "The woman's age" and explorer.slider.units == "years"
    explorer.slider.value = 44  # as the page sends it when the learner moves the slider
    assert "What each study reports at age 44" in explorer.result.value
