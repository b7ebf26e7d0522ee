"""Quiz banks: every bank is valid and fits its notebook; broken banks get messages naming file, question, field."""

import re

import nbformat
import pytest
import yaml

from miscarriage_course import CourseDataError
from miscarriage_course.course_map import notebook_objectives
from miscarriage_course.notebooks import course_notebooks
from miscarriage_course.quiz import Quiz
from miscarriage_course.quiz.bank import bank_names, load_bank, load_bank_file
from miscarriage_course.quiz.jupyterquiz_import import convert
from miscarriage_course.quiz.answer_key import answer_key_html, answer_key_markdown
from miscarriage_course.quiz.static import static_question_html

NOTEBOOKS = course_notebooks()


def test_every_notebook_has_a_bank_and_every_bank_a_notebook():
    assert sorted(p.stem for p in NOTEBOOKS) == bank_names()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_bank_matches_the_notebook_objectives_and_covers_each(path):
    bank = load_bank(path.stem)
    nb = nbformat.read(path, as_version=4)
    assert notebook_objectives(nb) == bank.objectives, "the notebook's 'What you will learn' and the bank's objectives differ"
    assert len(bank.questions) >= 5
    covered = {q.objective for q in bank.questions}
    assert covered == set(range(1, len(bank.objectives) + 1)), f"objectives without a question: {set(range(1, len(bank.objectives) + 1)) - covered}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_question_is_asked_in_its_notebook_and_displays(path, progress_file):
    bank = load_bank(path.stem)
    code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    asked = set(re.findall(r"""["']([a-z0-9][a-z0-9_-]*)["']""", " ".join(re.findall(r"quiz\.ask\(([^)]*)\)", code))))
    assert asked == {q.id for q in bank.questions}
    quiz = Quiz(path.stem)
    for q in bank.questions:
        assert q.prompt[:30] in static_question_html(bank, q).replace("&#x27;", "'").replace("&quot;", '"')
        assert quiz.widget(q.id).question["prompt"] == q.prompt  # what the live widget shows


def write_bank(tmp_path, text):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def bank_error(tmp_path, mutate):
    raw = yaml.safe_load((load_bank("00_how_common").path).read_text(encoding="utf-8"))
    mutate(raw)
    path = write_bank(tmp_path, yaml.safe_dump(raw, sort_keys=False))
    with pytest.raises(CourseDataError) as caught:
        load_bank_file(path)
    return str(caught.value)


def test_duplicate_ids(tmp_path):
    message = bank_error(tmp_path, lambda b: b["questions"][1].update(id="denominator"))
    assert "broken.yaml" in message and "question 'denominator', field 'id': used by an earlier question" in message


def test_no_correct_option(tmp_path):
    def mutate(bank):
        for option in bank["questions"][0]["options"]:
            option["correct"] = False
    assert "question 'denominator', field 'options': no option is marked correct: true" in bank_error(tmp_path, mutate)


def test_missing_feedback_on_an_option(tmp_path):
    message = bank_error(tmp_path, lambda b: b["questions"][0]["options"][2].pop("feedback"))
    assert "question 'denominator', option C, field 'feedback': expected feedback" in message


def test_bad_numeric_tolerance_and_range(tmp_path):
    assert "field 'tolerance': expected a number of zero or more, found -1" in bank_error(
        tmp_path, lambda b: b["questions"][1].update(tolerance=-1))
    def both(bank):
        bank["questions"][1]["range"] = [20, 10]
    message = bank_error(tmp_path, both)
    assert "give one or the other" in message and "lowest ≤ highest" in message


def test_unknown_source_objective_type_and_field(tmp_path):
    assert "unknown source id 'nobody2020'" in bank_error(tmp_path, lambda b: b["questions"][0].update(sources=["nobody2020"]))
    assert "field 'objective': expected the number of one of the bank's objectives (1 to 5), found 9" in bank_error(
        tmp_path, lambda b: b["questions"][0].update(objective=9))
    assert "field 'type': 'essay' is not one of" in bank_error(tmp_path, lambda b: b["questions"][0].update(type="essay"))
    assert "unknown field(s) feedbak" in bank_error(tmp_path, lambda b: b["questions"][0].update(feedbak="x"))


def test_two_correct_options_in_a_single_choice_question(tmp_path):
    message = bank_error(tmp_path, lambda b: b["questions"][0]["options"][1].update(correct=True))
    assert "exactly one correct option, found 2 (use type: multiple)" in message


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = write_bank(tmp_path, "title: x\nquestions:\n  - id: [unclosed\n")
    with pytest.raises(CourseDataError, match=r"broken.yaml: line \d+, column \d+: not valid YAML"):
        load_bank_file(path)


def test_bank_text_is_escaped_in_the_static_form(tmp_path):
    raw = yaml.safe_load(load_bank("00_how_common").path.read_text(encoding="utf-8"))
    raw["questions"][0]["prompt"] = "<script>alert('x')</script> Which?"
    path = write_bank(tmp_path, yaml.safe_dump(raw))
    bank = load_bank_file(path)
    html = static_question_html(bank, bank.questions[0])
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_jupyterquiz_bank_converts_into_a_valid_bank(tmp_path):
    jq = [
        {"question": "Pick one", "type": "multiple_choice", "answers": [
            {"answer": "Yes", "correct": True, "feedback": "Right."}, {"answer": "No", "correct": False}]},
        {"question": "Pick all", "type": "many_choice", "answers": [
            {"answer": "A", "correct": True, "feedback": "ok"}, {"answer": "B", "correct": True, "feedback": "ok"},
            {"answer": "C", "correct": False, "feedback": "no"}]},
        {"question": "Pi?", "type": "numeric", "precision": 3, "answers": [
            {"type": "value", "value": 3.14, "correct": True, "feedback": "Yes."},
            {"type": "range", "range": [-100, 0], "correct": False, "feedback": "Positive, please."},
            {"type": "default", "feedback": "Try again."}]},
    ]
    bank, todo = convert(jq, ["quenby2021"])
    assert [q["type"] for q in bank["questions"]] == ["single", "multiple", "numeric"]
    assert bank["questions"][2]["tolerance"] == pytest.approx(0.005)
    assert bank["questions"][2]["feedback"]["too_low"] == "Positive, please."
    assert any("q1: write feedback for option 'No'" in t for t in todo)
    path = write_bank(tmp_path, yaml.safe_dump(bank))
    loaded = load_bank_file(path)  # valid once converted: a teacher then replaces the placeholders
    assert len(loaded.questions) == 3
    with pytest.raises(ValueError, match="type 'essay' is not one this converter knows"):
        convert([{"question": "x", "type": "essay", "answers": []}])


def test_answer_key_covers_every_question_and_answer():
    banks = [load_bank(n) for n in bank_names()]
    markdown, html = answer_key_markdown(banks), answer_key_html(banks)
    for bank in banks:
        for q in bank.questions:
            assert q.explanation in markdown
            assert f"id `{q.id}`" in markdown
    assert "**Answer:** A. They count different sets of pregnancies" in markdown
    assert html.startswith("<!DOCTYPE html>") and "Answer key" in html
