"""The evidence and testing tables every cause notebook shows: words and a symbol for each level, sources by name."""

import pandas as pd
import pytest

from miscarriage_course import evidence, load_sources, load_table
from miscarriage_course.evidence import LabelledTable, evidence_table, source_names
from miscarriage_course.vocabulary import ADVICE, EVIDENCE


def test_each_evidence_level_is_shown_in_words_with_its_symbol():
    frame = pd.DataFrame({"factor": [f"factor {n}" for n in range(len(EVIDENCE))],
                          "evidence": [level.key for level in EVIDENCE],
                          "what_is_known": ["x"] * len(EVIDENCE), "source_id": ["quenby2021"] * len(EVIDENCE)})
    table = evidence_table(frame)
    assert table.header == ["Factor", "Strength of evidence", "What is known", "Source"]
    shown = [row[1] for row in table.rows]
    assert shown == [f"{level.symbol} {level.words}" for level in EVIDENCE]
    assert len({level.symbol for level in EVIDENCE}) == len(EVIDENCE), "levels differ in symbol, not only in words"
    assert "Established cause" in shown[0] and "cause not shown" in shown[1], "association kept apart from cause"


def test_each_advice_level_is_shown_in_words_with_its_symbol():
    frame = pd.DataFrame({"test": ["a", "b", "c"], "advice": [level.key for level in ADVICE],
                          "guideline_says": ["x", "y", "z"], "source_id": ["rcog2023-apl"] * 3})
    shown = [row[1] for row in evidence.testing_table(frame, caption="What they say").rows]
    assert shown == [f"{level.symbol} {level.words}" for level in ADVICE]
    assert len({level.symbol for level in ADVICE}) == len(ADVICE)


def test_a_real_table_names_each_publication_once_not_its_row_ids():
    frame = load_table("father_evidence")
    sources = load_sources()
    table = evidence_table(frame)
    for row, cell in zip(table.rows, frame["source_id"]):
        ids = [s.strip() for s in cell.split(";")]
        names = list(dict.fromkeys(sources.loc[s, "short"] for s in ids))
        assert row[3] == "; ".join(names)
        assert not any(s in row[3] for s in ids if s not in names), "ids are not shown as names"
    assert source_names("quenby2021; quenby2021; no-such-id") == sources.loc["quenby2021", "short"]


def test_html_is_escaped_and_the_text_form_has_every_row():
    table = LabelledTable(["Factor", "Note"], [["<b>bold</b>", "A & B"], ["second", 3]], caption="Cap <1>")
    html = table._repr_html_()
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "A &amp; B" in html and "<b>" not in html
    assert '<caption style="text-align:left;font-weight:bold">Cap &lt;1&gt;</caption>' in html
    assert html.count("<tr>") == 3  # the header and two rows
    assert repr(table).splitlines() == ["Cap <1>", "Factor | Note", "<b>bold</b> | A & B", "second | 3"]
    assert "<caption" not in LabelledTable(["a"], [["b"]])._repr_html_()


def test_a_level_the_vocabulary_lacks_is_an_error_not_a_blank():
    frame = pd.DataFrame({"factor": ["f"], "evidence": ["probable"], "what_is_known": ["x"],
                          "source_id": ["quenby2021"]})
    with pytest.raises(KeyError, match="probable"):
        evidence_table(frame)
