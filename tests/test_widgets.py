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


def first_of(quiz, kind):
    """The id of the bank's first question of this type (banks change; the tests should not depend on which)."""
    return next(q.id for q in quiz.bank.questions if q.type == kind)


def right_choice(qw):
    return next(i for i, o in enumerate(qw.bank_question.options) if o.correct)


def wrong_choice(qw):
    return next(i for i, o in enumerate(qw.bank_question.options) if not o.correct)


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
    single_id = first_of(quiz, "single")
    single = quiz.widget(single_id).question
    number = quiz.bank.number_of(single_id)
    assert single["heading"] == f"Question {number} of {len(quiz.bank.questions)} · choose one answer"
    assert single["reveal_after"] == REVEAL_AFTER_WRONG
    assert [o["correct"] for o in single["options"]] == [o.correct for o in quiz.bank.question(single_id).options]
    assert [o["text"] for o in single["options"]] == [o.text for o in quiz.bank.question(single_id).options]
    numeric_id = first_of(quiz, "numeric")
    numeric = quiz.widget(numeric_id).question
    assert (numeric["low"], numeric["high"]) == grading.accepted_range(quiz.bank.question(numeric_id))
    assert set(numeric["feedback"]) == {"correct", "too_low", "too_high"}
    assert json.loads(json.dumps(numeric)) == numeric  # plain JSON, as the comm sends it


def test_the_front_end_ships_with_the_package():
    assert FRONT_END.is_file() and FRONT_END_CSS.is_file()
    text = FRONT_END.read_text(encoding="utf-8")
    assert "export default" in text and "http://" not in text and "https://" not in text
    assert "import " not in text.split("export")[0], "the module imports nothing, so it fetches nothing"


def test_one_question_costs_two_widget_models(quiz):
    before = set(widget_models)
    quiz.widget(first_of(quiz, "single"))
    assert len(set(widget_models) - before) == 2  # the widget and its layout


def test_an_answer_from_the_page_is_saved_and_acknowledged(quiz, progress_file):
    qw = quiz.widget(first_of(quiz, "single"))
    wrong = wrong_choice(qw)
    page_checks(qw, wrong)
    assert saved(progress_file, qw.bank_question.id) == {
        "answer": wrong, "attempts": 1, "solved": False, "first_try": False, "revealed": False, "locked": False}
    assert qw.saved_actions == qw.actions == 1 and qw.save_message == ""


def test_every_action_is_saved_even_when_the_values_repeat(quiz, progress_file):
    qw = quiz.widget(first_of(quiz, "single"))
    page_checks(qw, wrong_choice(qw))
    progress_file.unlink()
    qw.actions += 1  # the page says the same thing again (e.g. Check twice): only the counter changes
    assert saved(progress_file, qw.bank_question.id)["answer"] == wrong_choice(qw) and qw.saved_actions == 2


def test_score_counts_first_tries_and_the_page_can_reset(quiz, progress_file):
    total = len(quiz.bank.questions)
    quiz.panel = ScorePanel(quiz)
    assert quiz.panel.text().startswith(f"0 of {total} right on the first try")
    first = quiz.widget(first_of(quiz, "truefalse"))
    page_checks(first, first.bank_question.answer)
    second = quiz.widget(first_of(quiz, "single"))
    page_checks(second, wrong_choice(second))
    page_checks(second, right_choice(second))
    assert quiz.panel.text().startswith(f"1 of {total} right on the first try. 2 of {total} answered correctly so far")
    assert set(quiz.panel.records) == {first.bank_question.id, second.bank_question.id}
    epoch = first.epoch
    quiz.panel.actions += 1  # the page's "Reset my answers", confirmed
    assert quiz.panel.resets_done == 1 and quiz.panel.text().startswith(f"0 of {total} right on the first try")
    assert first.answer is None and first.attempts == 0 and not first.locked and first.epoch == epoch + 1
    assert json.loads(progress_file.read_text())["banks"] == {}


def test_answers_survive_a_new_kernel(progress_file):
    quiz = Quiz("00_how_common")
    qw = quiz.widget(first_of(quiz, "single"))
    right = right_choice(qw)
    page_checks(qw, wrong_choice(qw))
    page_checks(qw, right)
    numeric = quiz.widget(first_of(quiz, "numeric"))
    too_high = f"{grading.accepted_range(numeric.bank_question)[1] + 50:g}"
    page_checks(numeric, too_high)
    tried = quiz.widget(first_of(quiz, "multiple"))
    page_checks(tried, [wrong_choice(tried)])
    with tried.hold_sync():  # Show answer, as the page sends it
        tried.revealed, tried.locked = True, True
        tried.actions += 1

    again = Quiz("00_how_common")  # as after a kernel restart: a new object reading the same file
    restored = again.widget(qw.bank_question.id)
    assert (restored.answer, restored.attempts, restored.solved, restored.locked) == (right, 2, True, True)
    assert restored.restored and restored.epoch == 1
    wrong = again.widget(numeric.bank_question.id)
    assert wrong.answer == too_high and not wrong.solved and not wrong.locked and wrong.attempts == 1
    revealed = again.widget(tried.bank_question.id)
    assert revealed.revealed and revealed.locked and revealed.answer == [wrong_choice(tried)]


@pytest.mark.parametrize("record", [{"answer": 99, "attempts": 1}, {"answer": 1, "attempts": "lots"},
                                    {"answer": "A", "attempts": 1}, {"answer": 1, "attempts": float("inf")}])
def test_a_saved_record_that_no_longer_fits_is_ignored(progress_file, record):
    quiz = Quiz("00_how_common")
    ProgressStore().save("00_how_common", first_of(quiz, "single"), record)
    qw = Quiz("00_how_common").widget(first_of(quiz, "single"))
    assert qw.attempts == 0 and not qw.locked and qw.answer in (None, 1)  # the store may keep a usable answer


def test_a_failed_save_is_said_beside_the_question(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MISCARRIAGE_COURSE_PROGRESS", str(blocker / "progress.json"))
    quiz = Quiz("00_how_common")
    qw = quiz.widget(first_of(quiz, "single"))
    page_checks(qw, 0)
    assert qw.save_message and qw.save_message == quiz.store.message and qw.saved_actions == 1


def test_live_and_static_forms_go_out_in_one_bundle(quiz, monkeypatch):
    shown = []
    monkeypatch.setattr("miscarriage_course.display.display", lambda data, raw: shown.append(data))
    quiz.ask(first_of(quiz, "single"))
    quiz.show_score()
    question, score, saver = shown
    assert set(question) == {"text/plain", "text/html", "application/vnd.jupyter.widget-view+json"}
    assert (question["application/vnd.jupyter.widget-view+json"]["model_id"]
            == quiz.widget(first_of(quiz, "single")).model_id)
    assert "<details><summary>Show the answer</summary>" in question["text/html"]
    assert "0 of " not in score["text/html"]  # the static score never depends on saved progress
    assert "application/vnd.jupyter.widget-view+json" in saver  # the results-file box, under the score panel
    assert "Nothing is sent anywhere" in saver["text/html"]


def test_a_question_widget_stands_alone(quiz):
    qw = QuestionWidget(quiz.bank, quiz.bank.question(first_of(quiz, "single")))
    qw.actions += 1  # no quiz to tell: still acknowledged, so the page does not say "not saved"
    assert qw.saved_actions == 1


def test_the_age_explorer_slider_is_named_and_moves_the_table():
    from miscarriage_course import load_table
    from miscarriage_course.explorers import AgeExplorer

    explorer = AgeExplorer(load_table("age_risk"))
    assert explorer.slider.label == "The woman's age" and explorer.slider.units == "years"
    explorer.slider.value = 44  # as the page sends it when the learner moves the slider
    assert "What each study reports at age 44" in explorer.result.value


def test_select_all_feedback_does_not_give_the_key_away(quiz):
    """Issue 13's policy, in grading.py and (by the differential test) in the page: ticking every box, or a first
    try, gets counts only; from the second try each ticked option gets its own feedback."""
    question = quiz.bank.question(first_of(quiz, "multiple"))
    everything = set(range(len(question.options)))
    option_feedback = [o.feedback for o in question.options]
    for attempt in (1, 2, 5):
        said = " ".join(grading.grade(question, everything, attempt).messages)
        assert not any(f in said for f in option_feedback) and "ticked every option" in said
    one_wrong = {next(i for i, o in enumerate(question.options) if not o.correct)}
    first = " ".join(grading.grade(question, one_wrong, 1).messages)
    assert not any(f in first for f in option_feedback) and "you ticked is not right" in first.lower()
    second = grading.grade(question, one_wrong, 2).messages
    assert question.options[min(one_wrong)].feedback in " ".join(second)
