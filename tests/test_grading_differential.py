"""Grading exists twice: grading.py (the reference) and quiz_widget.js (the page, for instant feedback).

The same answers go to both, and any difference in status or message fails: every answer to every question of every
bank, at first and later attempts, and numeric text made up by hypothesis ("1,5", "-1,5", " 53 % ", "1,000", "inf",
Unicode spaces and digits, long strings). The ES module runs in node, one process for the whole module, fed one JSON
line per answer.
"""

import json
import math
import os
import shutil
import subprocess
from itertools import chain, combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from miscarriage_course.quiz import grading
from miscarriage_course.quiz.bank import Question, bank_names, load_bank
from miscarriage_course.quiz.widgets import FRONT_END, question_data

NODE = shutil.which("node")
HARNESS = f"""
import {{ grade, parseNumber }} from {json.dumps(FRONT_END.as_uri())};
import readline from "node:readline";
const lines = readline.createInterface({{ input: process.stdin }});
lines.on("line", (line) => {{
  const ask = JSON.parse(line);
  const out = ask.parse !== undefined ? parseNumber(ask.parse, ask.units)
                                      : grade(ask.question, ask.answer, ask.attempt);
  process.stdout.write(JSON.stringify(out) + "\\n");
}});
"""


@pytest.fixture(scope="module")
def page_grader():
    """Ask the ES module (in node) for a grade or a parsed number."""
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is needed to run the page's grading (apt-get install nodejs)")
        pytest.skip("node is not installed: the page's grading cannot be compared with grading.py")
    node = subprocess.Popen([NODE, "--input-type=module", "-e", HARNESS], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def ask(**request):
        node.stdin.write(json.dumps(request) + "\n")
        node.stdin.flush()
        line = node.stdout.readline()
        assert line, "the node harness stopped"
        return json.loads(line)

    yield ask
    node.stdin.close()
    node.wait(timeout=10)


def both(page_grader, bank, question, answer, attempt=1):
    """(Python's result, the page's result) for one answer, as comparable (status, messages) pairs."""
    python = grading.grade(question, set(answer) if question.type == "multiple" else answer, attempt)
    page = page_grader(question=question_data(bank, question), answer=answer, attempt=attempt)
    return (python.status, list(python.messages)), (page["status"], page["messages"])


def answers_to_try(question) -> list:
    if question.type == "single":
        return [None, *range(len(question.options))]
    if question.type == "truefalse":
        return [None, True, False]
    if question.type == "multiple":
        indices = range(len(question.options))
        return [list(c) for c in chain.from_iterable(combinations(indices, k) for k in range(len(indices) + 1))]
    low, high = grading.accepted_range(question)
    numbers = [question.answer, low, high, low - 1e-12, high + 1e-12, low - 0.01, high + 0.01, low - 100, high + 100]
    texts = [f"{n!r}" for n in numbers] + [f" {n:g} {question.units} " for n in numbers]
    texts += [f"{n:g}".replace(".", ",") for n in numbers] + ["", "  ", "inf", "-inf", "nan", "1,000", "-1,5", "abc"]
    return texts


BANKS = bank_names()


@pytest.mark.parametrize("name", BANKS)
def test_every_answer_to_every_question_is_graded_alike(page_grader, name):
    bank = load_bank(name)
    compared = 0
    for question in bank.questions:
        for answer in answers_to_try(question):
            for attempt in (1, 2, 3):
                python, page = both(page_grader, bank, question, answer, attempt)
                assert page == python, f"{name} / {question.id}: answer {answer!r}, attempt {attempt}"
                compared += 1
    assert compared >= 3 * len(bank.questions)


def numeric_question(units="%", low=12.3, high=13.3):
    return Question(id="q", type="numeric", prompt="p", objective=1, explanation="e", sources=("acog2018",),
                    answer=(low + high) / 2, range=(low, high), units=units,
                    feedback={"correct": "right", "too_low": "low", "too_high": "high"})


class _Bank:  # question_data needs only a name and the question's number
    name = "made-up"
    questions = ()

    @staticmethod
    def number_of(_):
        return 1


SPACES = " \t\n\u00a0\u2003\u3000\u200b\ufeff\x1c\x85"
NUMBERISH = st.text(alphabet="0123456789,.+-eE%" + SPACES + "٣", max_size=14)
UNITS = st.sampled_from(["", "%", "weeks", "kg", "per 100"])


def same_parse(page_grader, text, units):
    python = grading.parse_number(text, units)
    page = page_grader(parse=text, units=units)
    assert (page["problem"], page["note"]) == (python.problem, python.note), repr(text)
    if python.value is None:
        assert page["value"] is None, repr(text)
    else:
        assert page["value"] is not None and math.isclose(page["value"], python.value, rel_tol=0, abs_tol=0), repr(text)


@pytest.mark.parametrize("text", ["1,5", "-1,5", " 53 % ", "1,000", "-1,500", "inf", "-Infinity", "NaN", "1e400",
                                  "9" * 5000, "word " * 2000, ".5", "5.", "+.5e-3", "1_000", "0x10", "١٢", "12 WEEKS",
                                  "\u212a", "53%%", "% 53", "\ufeff53", "5\x1c"])
def test_numbers_people_type_are_read_alike(page_grader, text):
    for units in ("", "%", "weeks"):
        same_parse(page_grader, text, units)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(NUMBERISH, st.text(max_size=60)), units=UNITS)
def test_any_typed_text_is_read_alike(page_grader, text, units):
    same_parse(page_grader, text, units)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(NUMBERISH, st.floats(allow_nan=True, allow_infinity=True).map(repr)),
       low=st.floats(-1e6, 1e6), width=st.floats(0, 1e3), units=UNITS)
def test_any_typed_number_is_graded_alike(page_grader, text, low, width, units):
    question = numeric_question(units, low, low + width)
    python, page = both(page_grader, _Bank, question, text)
    assert page == python, repr(text)
