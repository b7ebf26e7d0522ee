"""Grading is pure: every rule tested directly, numeric reading with property-based tests."""

import math

from hypothesis import given
from hypothesis import strategies as st

from miscarriage_course.quiz import grading
from miscarriage_course.quiz.bank import Option, Question


def numeric(answer=53.0, tolerance=2.0, value_range=None, units="%"):
    return Question(id="q", type="numeric", prompt="p", objective=1, explanation="e", sources=("magnus2019",),
                    answer=answer, tolerance=tolerance, range=value_range, units=units,
                    feedback={"correct": "right", "too_low": "low", "too_high": "high"})


def choice(kind="single", correct=(1,)):
    options = tuple(Option(f"option {i}", i in correct, f"feedback {i}") for i in range(4))
    return Question(id="q", type=kind, prompt="p", objective=1, explanation="e", sources=("acog2018",), options=options)


def test_parse_number_reads_what_learners_type():
    assert grading.parse_number("12.8").value == 12.8
    assert grading.parse_number(" 53 % ").value == 53
    assert grading.parse_number("53 %", "%").value == 53
    assert grading.parse_number("1,5").value == 1.5 and "1.5" in grading.parse_number("1,5").note
    assert grading.parse_number("-3").value == -3
    assert grading.parse_number("2e1").value == 20


def test_parse_number_refuses_with_a_reason():
    assert "Type a number" in grading.parse_number("").problem
    assert "Type a number" in grading.parse_number("   ").problem
    assert "Type a number" in grading.parse_number(None).problem
    assert "finite" in grading.parse_number("inf").problem
    assert "finite" in grading.parse_number("NaN").problem
    assert "finite" in grading.parse_number("1e400").problem
    assert "is not a number" in grading.parse_number("fifty").problem
    assert "thousands" in grading.parse_number("1,000").problem
    long = grading.parse_number("x" * 10_000)
    assert long.value is None and len(long.problem) < 200


def test_numeric_grading_low_high_and_tolerance_edges():
    q = numeric()
    assert grading.grade_numeric(q, "53").status == grading.CORRECT
    assert grading.grade_numeric(q, "51").status == grading.CORRECT
    assert grading.grade_numeric(q, "55").status == grading.CORRECT
    assert grading.grade_numeric(q, "50.9").messages == ("low",)
    assert grading.grade_numeric(q, "55.1").messages == ("high",)
    assert grading.grade_numeric(q, "abc").status == grading.INVALID
    assert not grading.grade_numeric(q, "").counts_as_attempt


def test_numeric_range_answers():
    q = numeric(answer=15.3, tolerance=0, value_range=(12.5, 18.7))
    assert grading.grade_numeric(q, "12.5").is_correct and grading.grade_numeric(q, "18.7").is_correct
    assert grading.grade_numeric(q, "12.4").status == grading.WRONG


@given(answer=st.floats(-1e6, 1e6), tolerance=st.floats(0, 1e3), offset=st.floats(-1, 1))
def test_any_value_within_tolerance_is_correct(answer, tolerance, offset):
    q = numeric(answer=answer, tolerance=tolerance)
    typed = answer + offset * tolerance
    assert grading.grade_numeric(q, repr(typed)).is_correct


@given(answer=st.floats(-1e6, 1e6), tolerance=st.floats(0, 1e3), beyond=st.floats(1.001, 1e3))
def test_values_beyond_tolerance_are_wrong_on_the_right_side(answer, tolerance, beyond):
    q = numeric(answer=answer, tolerance=tolerance)
    gap = tolerance * beyond + 1e-3 * max(1.0, abs(answer))
    assert grading.grade_numeric(q, repr(answer + gap)).messages[-1] == "high"
    assert grading.grade_numeric(q, repr(answer - gap)).messages[-1] == "low"


@given(st.text(max_size=300))
def test_no_text_ever_raises_and_every_result_is_a_known_status(text):
    result = grading.grade_numeric(numeric(), text)
    assert result.status in (grading.CORRECT, grading.WRONG, grading.INVALID)
    if result.status == grading.INVALID:
        assert result.messages and result.messages[0]


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_every_finite_number_written_plainly_is_read_back(value):
    parsed = grading.parse_number(repr(value))
    assert parsed.value is not None and math.isclose(parsed.value, value)


def test_single_choice():
    q = choice()
    assert grading.grade_single(q, 1) == grading.Result(grading.CORRECT, ("feedback 1",))
    assert grading.grade_single(q, 0) == grading.Result(grading.WRONG, ("feedback 0",))
    assert grading.grade_single(q, None).status == grading.EMPTY


def test_multiple_choice_partly_right_is_said_and_each_choice_gets_feedback():
    q = choice("multiple", correct=(0, 2))
    assert grading.grade_multiple(q, {0, 2}).status == grading.CORRECT
    partly = grading.grade_multiple(q, {0, 3}, attempt=2)  # per-option feedback from the second try (FAIR_TRY)
    assert partly.status == grading.PARTLY
    assert "You found 1 of the 2 right options." in partly.messages[0]
    assert "One you ticked is not right." in partly.messages[0]
    assert "One right option is still unticked." in partly.messages[0]
    assert "A: feedback 0" in partly.messages and "D: feedback 3" in partly.messages
    assert grading.grade_multiple(q, {1, 3}).status == grading.WRONG
    assert grading.grade_multiple(q, set()).status == grading.EMPTY


def test_truefalse_and_answer_text():
    q = Question(id="q", type="truefalse", prompt="p", objective=1, explanation="e", sources=("acog2018",),
                 answer=False, feedback={"true": "no", "false": "yes"})
    assert grading.grade_truefalse(q, False).status == grading.CORRECT
    assert grading.grade_truefalse(q, True).messages == ("no",)
    assert grading.grade_truefalse(q, None).status == grading.EMPTY
    assert grading.correct_answer_text(q) == "False"
    assert grading.correct_answer_text(numeric()) == "53% (answers from 51 to 55 count)"
    assert grading.correct_answer_text(choice("multiple", (0, 2))) == "A. option 0; C. option 2"


# --- mistakes that once survived the tests: each test below fails if the mistake is put back ---------------------


def test_ticking_every_box_is_not_correct():
    q = choice("multiple", correct=(0, 2))
    everything = grading.grade_multiple(q, {0, 1, 2, 3})
    assert everything.status == grading.PARTLY and not everything.is_correct
    assert grading.grade(q, [0, 1, 2, 3]).status == grading.PARTLY


def test_a_tolerance_boundary_needs_no_floating_point_luck():
    q = numeric(answer=0.7, tolerance=0.1, units="")  # 0.7 + 0.1 is 0.7999999999999999 in floating point
    assert grading.grade_numeric(q, "0.8").is_correct
    assert grading.grade_numeric(q, "0.6").is_correct
    assert grading.grade_numeric(q, "0,8").is_correct
    assert grading.grade_numeric(q, "0.81").messages[-1] == "high"
    assert grading.grade_numeric(q, "0.59").messages[-1] == "low"
    ranged = numeric(answer=0.75, tolerance=0, value_range=(0.1 + 0.2, 0.9), units="")  # 0.30000000000000004
    assert grading.grade_numeric(ranged, "0.3").is_correct


def test_a_sign_with_a_decimal_comma_is_read():
    assert grading.parse_number("-1,5").value == -1.5
    assert grading.parse_number("+1,5").value == 1.5
    assert "-1.5" in grading.parse_number("-1,5").note
    assert grading.grade_numeric(numeric(answer=-1.5, tolerance=0.1, units=""), "-1,5").is_correct
