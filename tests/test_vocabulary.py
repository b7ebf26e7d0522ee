"""One home for each vocabulary: the levels the data tables accept, and the letters of answer options."""

import re
from pathlib import Path

import pytest

from miscarriage_course import tables
from miscarriage_course.vocabulary import option_letter

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "miscarriage_course"


def test_option_letters():
    assert [option_letter(i) for i in range(4)] == ["A", "B", "C", "D"]
    assert option_letter("2") == "C"  # an index read back from a results file
    for bad in (-1, 26):
        with pytest.raises(ValueError, match=f"option index {bad} has no letter"):
            option_letter(bad)


def test_no_module_writes_option_letters_out_by_hand():
    by_hand = {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
               if re.search(r"chr\(\s*(65|ord\(['\"]A['\"]\))", p.read_text(encoding="utf-8"))}
    assert by_hand == set()


def test_the_loader_accepts_exactly_the_vocabularys_levels(data_copy):
    path = data_copy / "father_evidence.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = ["Something", "probable", "text", "quenby2021"]
    assert header == ["factor", "evidence", "what_is_known", "source_id"]
    path.write_text("\n".join([lines[0], ",".join(row)]) + "\n", encoding="utf-8")
    with pytest.raises(tables.CourseDataError, match="'probable' is not one of established, associated, unproven, "
                                                     "disproved"):
        tables.load_table("father_evidence")


def test_units_read_as_a_phrase_after_your_answer():
    from miscarriage_course.vocabulary import units_phrase

    assert units_phrase("%") == "(in %)"
    assert units_phrase("percentage points") == "(in percentage points)"
    assert units_phrase("in 100") == "(in 100)"  # not "in in 100"
    assert units_phrase("of 100") == "(of 100)"
    assert units_phrase("(odds ratio)") == "(odds ratio)"  # not "((odds ratio))"
    assert units_phrase("") == "" and units_phrase(None) == ""


def test_every_banks_units_read_without_a_doubled_word():
    """The number box's label, the printed form and the LMS prompt all use units_phrase."""
    import re

    from miscarriage_course.lms_export import numeric_instructions
    from miscarriage_course.quiz.bank import bank_names, load_bank
    from miscarriage_course.quiz.static import static_question_html
    from miscarriage_course.quiz.widgets import question_data

    for name in bank_names():
        bank = load_bank(name)
        for question in (q for q in bank.questions if q.type == "numeric"):
            label = f"Your answer {question_data(bank, question)['units_phrase']}"
            printed = static_question_html(bank, question)
            for text in (label, printed, numeric_instructions(question)):
                assert not re.search(r"\b(in in|of of)\b|\(\(", text), (question.id, text)
