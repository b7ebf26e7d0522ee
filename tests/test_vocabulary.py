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
