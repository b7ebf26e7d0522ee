"""Quiz banks: every bank is valid and fits its notebook; broken banks get messages naming file, question, field;
options are shown in a stable order that carries no cue; jupyterquiz banks convert question by question."""

import collections
import os
import re
import subprocess
import sys

import nbformat
import pytest

from miscarriage_course import CourseDataError
from miscarriage_course.course_map import notebook_objectives
from miscarriage_course.notebooks import course_notebooks
from miscarriage_course.quiz import Quiz
from miscarriage_course.quiz.answer_key import answer_key_html, answer_key_markdown
from miscarriage_course.quiz.bank import bank_names, key_position_cap, load_bank, load_bank_file
from miscarriage_course.quiz.grading import correct_answer_text
from miscarriage_course.quiz.jupyterquiz_import import ImportProblem, convert
from miscarriage_course.quiz.jupyterquiz_import import main as import_main
from miscarriage_course.quiz.lint import lint
from miscarriage_course.quiz.static import static_question_html

from bank_samples import good_bank, write_bank

NOTEBOOKS = course_notebooks()


def test_every_notebook_has_a_bank_and_every_bank_a_notebook():
    assert sorted(p.stem for p in NOTEBOOKS) == bank_names()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_bank_matches_the_notebook_objectives_and_covers_each(path):
    bank = load_bank(path.stem)
    nb = nbformat.read(path, as_version=4)
    assert notebook_objectives(nb) == bank.objectives, \
        "the notebook's 'What you will learn' and the bank's objectives differ"
    assert len(bank.questions) >= 5
    covered = {q.objective for q in bank.questions}
    assert covered == set(range(1, len(bank.objectives) + 1)), \
        f"objectives without a question: {set(range(1, len(bank.objectives) + 1)) - covered}"


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


def bank_error(tmp_path, mutate):
    raw = good_bank()
    mutate(raw)
    with pytest.raises(CourseDataError) as caught:
        load_bank_file(write_bank(tmp_path, raw))
    return str(caught.value)


def test_duplicate_ids(tmp_path):
    message = bank_error(tmp_path, lambda b: b["questions"][1].update(id="two-figures"))
    assert "sample_bank.yaml" in message
    assert "question 'two-figures', field 'id': used by an earlier question" in message


def test_no_correct_option(tmp_path):
    def mutate(bank):
        for option in bank["questions"][0]["options"]:
            option["correct"] = False
    assert "question 'two-figures', field 'options': no option is marked correct: true" in bank_error(tmp_path, mutate)


def test_missing_feedback_on_an_option_names_its_place_in_the_file(tmp_path):
    message = bank_error(tmp_path, lambda b: b["questions"][0]["options"][2].pop("feedback"))
    assert "question 'two-figures', option 3 in the file, field 'feedback': expected feedback" in message


def test_bad_numeric_tolerance_and_range(tmp_path):
    def negative(bank):
        bank["questions"][7].pop("range")
        bank["questions"][7]["tolerance"] = -1
    assert "field 'tolerance': expected a number of zero or more, found -1" in bank_error(tmp_path, negative)
    def both(bank):
        bank["questions"][7]["range"] = [20, 10]
        bank["questions"][7]["tolerance"] = 1
    message = bank_error(tmp_path, both)
    assert "give one or the other" in message and "lowest ≤ highest" in message


def test_unknown_source_objective_type_and_field(tmp_path):
    assert "unknown source id 'nobody2020'" in bank_error(
        tmp_path, lambda b: b["questions"][0].update(sources=["nobody2020"]))
    assert "field 'objective': expected the number of one of the bank's objectives (1 to 2), found 9" in bank_error(
        tmp_path, lambda b: b["questions"][0].update(objective=9))
    assert "field 'type': 'essay' is not one of" in bank_error(
        tmp_path, lambda b: b["questions"][0].update(type="essay"))
    assert "unknown field(s) feedbak" in bank_error(tmp_path, lambda b: b["questions"][0].update(feedbak="x"))
    assert "field 'skill': 'remember' is not one of recall, interpret, apply" in bank_error(
        tmp_path, lambda b: b["questions"][0].update(skill="remember"))


def test_two_correct_options_in_a_single_choice_question(tmp_path):
    message = bank_error(tmp_path, lambda b: b["questions"][0]["options"][1].update(correct=True))
    assert "exactly one correct option, found 2 (use type: multiple)" in message


def test_shuffle_must_be_true_or_false_and_only_on_choice_questions(tmp_path):
    assert "question 'two-figures', field 'shuffle': expected true or false, found 'no'" in bank_error(
        tmp_path, lambda b: b["questions"][0].update(shuffle="no"))
    assert "question 'read-chart', unknown field(s) shuffle" in bank_error(
        tmp_path, lambda b: b["questions"][7].update(shuffle=False))


def test_an_unquoted_yes_or_no_is_explained(tmp_path):
    text = write_bank(tmp_path, good_bank()).read_text().replace("text: 10% (ACOG)", "text: yes")
    with pytest.raises(CourseDataError) as caught:
        load_bank_file(write_bank(tmp_path, text))
    assert "question 'select-sources', option 1 in the file, field 'text': found true" in str(caught.value)
    assert "put the text in quotes" in str(caught.value)


# --- YAML mistakes: the line, the column, the question and the fix -----------------------------------------------

GOOD_TEXT = """title: A bank
objectives:
  - One objective.
questions:
  - id: first
    type: truefalse
    prompt: "True or false: quoted, so fine."
  - id: second
    type: truefalse
    prompt: PROMPT
    explanation: x
"""


@pytest.mark.parametrize("prompt, line, advice", [
    ("True or false: about half of all losses.", 10, "put the whole text in double quotes"),
    ("first line\n    carries on here without a fold", 12, "write '>' after the field name"),
    ('"He said "no" there"', 10, "the other kind of quotes"),
    ("*stars* are reserved", 10, "Put the whole text in quotes"),
    ('"never closed', 10, "never closed"),
])
def test_yaml_mistakes_name_the_line_the_question_and_the_fix(tmp_path, prompt, line, advice):
    path = write_bank(tmp_path, GOOD_TEXT.replace("PROMPT", prompt))
    with pytest.raises(CourseDataError) as caught:
        load_bank_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: line {line}, column ") and "(in question 'second')" in message
    assert "not valid YAML" in message and advice.lower() in message.lower()


def test_yaml_indentation_tabs_and_repeated_fields(tmp_path):
    def message(text):
        with pytest.raises(CourseDataError) as caught:
            load_bank_file(write_bank(tmp_path, text))
        return str(caught.value)
    shifted = GOOD_TEXT.replace("PROMPT", "x").replace("    explanation: x", "   explanation: x")
    assert "line 11" in message(shifted) and "indented differently" in message(shifted)
    tabbed = GOOD_TEXT.replace("PROMPT", "x").replace("    explanation", "\texplanation")
    assert "Indent with spaces only" in message(tabbed)
    repeated = GOOD_TEXT.replace("PROMPT", "x") + "    prompt: y\n"
    assert "line 12" in message(repeated)
    assert "the field 'prompt' is given twice here (first on line 10)" in message(repeated)


def test_bank_text_is_escaped_in_the_static_form(tmp_path):
    raw = good_bank()
    raw["questions"][0]["prompt"] = "<script>alert('x')</script> Which?"
    bank = load_bank_file(write_bank(tmp_path, raw))
    html = static_question_html(bank, bank.questions[0])
    assert "<script>" not in html and "&lt;script&gt;" in html


# --- the display order -------------------------------------------------------------------------------------------


def keys_first_bank(n_single, n_options=4):
    """A bank whose every single-choice question has its right answer written first, as many authors do."""
    raw = good_bank()
    template = raw["questions"][0]
    raw["questions"] = []
    for i in range(n_single):
        q = dict(template, id=f"q{i}", options=[dict(o) for o in template["options"][:n_options]])
        raw["questions"].append(q)
    return raw


def key_letters(bank):
    return collections.Counter(
        "ABCDEFGH"[[o.correct for o in q.options].index(True)] for q in bank.questions if q.type == "single")


@pytest.mark.parametrize("n_single", [2, 3, 4, 5, 7, 10, 23])
def test_no_letter_holds_the_key_too_often_even_when_every_key_is_written_first(tmp_path, n_single):
    bank = load_bank_file(write_bank(tmp_path, keys_first_bank(n_single)))
    letters = key_letters(bank)
    assert max(letters.values()) <= key_position_cap(n_single)
    if n_single >= 5:
        assert max(letters.values()) <= 0.4 * n_single


def test_shuffle_false_keeps_the_written_order(tmp_path):
    raw = keys_first_bank(5)
    raw["questions"][0]["shuffle"] = False
    bank = load_bank_file(write_bank(tmp_path, raw))
    written = [o["text"] for o in raw["questions"][0]["options"]]
    assert [o.text for o in bank.questions[0].options] == written
    assert [o.number_in_file for o in bank.questions[0].options] == [1, 2, 3, 4]
    assert any([o.text for o in q.options] != written for q in bank.questions[1:])


def test_the_display_order_is_stable(tmp_path):
    path = write_bank(tmp_path, keys_first_bank(6))
    first = [[o.text for o in q.options] for q in load_bank_file(path).questions]
    script = ("import sys; from miscarriage_course.quiz.bank import load_bank_file; "
              "print([[o.text for o in q.options] for q in load_bank_file(sys.argv[1]).questions])")
    for seed in ("1", "2"):  # Python's own hash() changes with PYTHONHASHSEED; the display order must not
        out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        assert out.strip() == repr(first)
    raw = keys_first_bank(6)
    raw["questions"].append(dict(raw["questions"][0], id="added-at-the-end"))
    (tmp_path / "longer").mkdir()
    longer = load_bank_file(write_bank(tmp_path / "longer", raw))  # the same bank name, one question more
    assert [[o.text for o in q.options] for q in longer.questions[:6]] == first


def test_every_surface_shows_the_same_letters():
    bank = load_bank(bank_names()[0])
    markdown = answer_key_markdown([bank])
    for q in (q for q in bank.questions if q.type in ("single", "multiple")):
        html = static_question_html(bank, q)
        shown = re.findall(r"<li>(.*?)</li>", html.split('<ol type="A">')[1].split("</ol>")[0])
        assert len(shown) == len(q.options)
        for letter, option in zip("ABCDEFGH", q.options):
            assert f"{letter}. {option.text} — {'✓ right' if option.correct else '✗ not right'}" in markdown
        right = [f"{letter}. {o.text}" for letter, o in zip("ABCDEFGH", q.options) if o.correct]
        assert correct_answer_text(q) == "; ".join([r.rstrip(".") for r in right[:-1]] + right[-1:])


def test_the_course_banks_keys_are_spread_over_the_letters():
    """The display order meets issue 13's target on the real banks: no letter above 40% in any bank or the course."""
    banks = [load_bank(name) for name in bank_names()]
    course = collections.Counter()
    for bank in banks:
        letters = key_letters(bank)
        course.update(letters)
        assert max(letters.values(), default=0) <= key_position_cap(sum(letters.values())), bank.name
    assert max(course.values()) <= 0.4 * sum(course.values())


# --- jupyterquiz banks ---------------------------------------------------------------------------------------------

JUPYTERQUIZ = [
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


def test_jupyterquiz_bank_converts_into_a_valid_bank(tmp_path):
    bank, todo = convert(JUPYTERQUIZ, ["quenby2021"])
    assert [q["type"] for q in bank["questions"]] == ["single", "multiple", "numeric"]
    assert bank["questions"][2]["tolerance"] == pytest.approx(0.005)
    assert bank["questions"][2]["feedback"]["too_low"] == "Positive, please."
    assert bank["questions"][2]["feedback"]["too_high"] == "Try again."
    assert any("q1 (question 1, 'Pick one'): write feedback for option 'No'" in t for t in todo)
    # Valid once converted: a teacher then replaces the placeholders.
    loaded = load_bank_file(write_bank(tmp_path, bank))
    assert len(loaded.questions) == 3
    placeholders = [f for f in lint([loaded], check_figures=False).findings if f.check == "placeholder"]
    # the title, the objective, three explanations and the one missing feedback are all pointed at
    assert {f.question for f in placeholders} == {"", "q1", "q2", "q3"} and len(placeholders) == 6


def test_jupyterquiz_questions_that_cannot_be_converted_are_reported_one_by_one():
    items = JUPYTERQUIZ + [
        {"question": "Name the gene", "type": "string", "answers": [{"answer": "BRCA", "correct": True}]},
        {"question": "How many?", "type": "numeric", "answers": [{"type": "value", "value": "abc", "correct": True}]},
        {"question": "Bad range", "type": "numeric", "answers": [{"type": "range", "range": [1], "correct": True}]},
        "not a question",
    ]
    bank, todo = convert(items)
    assert len(bank["questions"]) == 3
    assert any(t.startswith("q4 (question 4, 'Name the gene'): not converted: its type 'string'") for t in todo)
    assert any(t.startswith("q5 (question 5, 'How many?'): not converted: answer 1's value is 'abc', not a number")
               for t in todo)
    assert any(t.startswith("q6 (question 6, 'Bad range'): not converted: answer 1's range is [1]") for t in todo)
    assert any(t.startswith("q7 (question 7): not converted: expected an object") for t in todo)
    with pytest.raises(ImportProblem, match="no question could be converted:\n  q1 .*'string'"):
        convert([items[3]])


def test_jupyterquiz_content_that_does_not_fit_is_listed_not_dropped_silently():
    item = {"question": "Weeks?", "type": "numeric", "answers": [
        {"type": "value", "value": 12, "correct": True, "feedback": "Yes."},
        {"type": "value", "value": 13, "correct": True, "feedback": "Also fine."},
        {"type": "range", "range": [11, 14], "correct": True},
        {"type": "value", "value": 20, "correct": False, "feedback": "That is the second trimester."},
        {"type": "range", "range": [0, 5], "correct": False, "feedback": "Far too early."},
        {"type": "range", "range": [5, 10], "correct": False, "feedback": "A little early."},
        {"type": "range", "range": [10, 30], "correct": False, "feedback": "Straddles."},
        {"type": "range", "range": [20, 40], "correct": False, "feedback": "Too late."},
        {"type": "default", "feedback": "Try again."}]}
    bank, todo = convert([item])
    assert bank["questions"][0]["feedback"] == {"correct": "Yes.", "too_low": "Far too early.", "too_high": "Too late."}
    listed = "\n".join(todo)
    assert "answer 2 (also accepted: 13.0) was dropped" in listed
    assert "answer 3 (also accepted: (11.0, 14.0)) was dropped" in listed
    assert "answer 4 (wrong value 20) was dropped" in listed and "That is the second trimester." in listed
    assert "answer 6 (wrong range [5.0, 10.0]) was dropped" in listed and "A little early." in listed
    assert "answer 7 (wrong range [10.0, 30.0]) was dropped: it is on both sides" in listed and "Straddles." in listed
    assert "the default feedback ('Try again.') was dropped" in listed


def test_jupyterquiz_command_reports_a_broken_file_without_a_traceback(tmp_path, capsys):
    broken = tmp_path / "quiz.json"
    broken.write_text('[{"question": "x",', encoding="utf-8")
    assert import_main([str(broken), str(tmp_path / "out.yaml")]) == 2
    assert "quiz.json: line 1, column" in capsys.readouterr().err and not (tmp_path / "out.yaml").exists()
    good = tmp_path / "good.json"
    good.write_text(__import__("json").dumps(JUPYTERQUIZ), encoding="utf-8")
    assert import_main([str(good), str(tmp_path / "out.yaml")]) == 0
    assert "course-check-bank" in capsys.readouterr().out


def test_answer_key_covers_every_question_and_answer():
    banks = [load_bank(n) for n in bank_names()]
    markdown, html = answer_key_markdown(banks), answer_key_html(banks)
    for bank in banks:
        for q in bank.questions:
            assert q.explanation in markdown
            assert f"id `{q.id}`" in markdown
            assert f"**Answer:** {correct_answer_text(q)}" in markdown
    assert html.startswith("<!DOCTYPE html>") and "Answer key" in html
