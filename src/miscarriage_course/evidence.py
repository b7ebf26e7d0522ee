"""The tables every cause notebook shows: how strong the evidence is, and which tests guidelines offer.

Both read a data table (so each row names its source) and display as an HTML table with words and symbols for each
level, never colour alone, and as plain text.
"""

from html import escape

import pandas as pd

from miscarriage_course import tables
from miscarriage_course.tables import split_source_ids

EVIDENCE_LABELS = {
    "established": "● Established cause",
    "associated": "◐ Associated (cause not shown)",
    "unproven": "○ Unproven (no good evidence of a link)",
    "disproved": "✗ Disproved",
}
ADVICE_LABELS = {
    "offered": "✓ Offered",
    "optional": "? Optional or in some cases",
    "not offered": "✗ Not offered routinely",
}


class LabelledTable:
    """A small table that displays as HTML (with a caption) and as plain text."""

    def __init__(self, header, rows, caption=""):
        self.header, self.rows, self.caption = list(header), [list(r) for r in rows], caption

    def _repr_html_(self):
        head = "".join(f'<th style="text-align:left">{escape(h)}</th>' for h in self.header)
        body = "".join(
            "<tr>" + "".join(f'<td style="text-align:left;vertical-align:top">{escape(str(c))}</td>' for c in row) + "</tr>"
            for row in self.rows
        )
        caption = f'<caption style="text-align:left;font-weight:bold">{escape(self.caption)}</caption>' if self.caption else ""
        return f'<table class="course-table">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def __repr__(self):
        lines = [self.caption] if self.caption else []
        lines.append(" | ".join(self.header))
        lines += [" | ".join(str(c) for c in row) for row in self.rows]
        return "\n".join(lines)


def source_names(cell: str) -> str:
    """The short names of the sources a table cell cites (ids separated by ';'), each publication once."""
    return tables.source_names(split_source_ids(cell))


def evidence_table(frame: pd.DataFrame, caption: str = "How strong is the evidence?") -> LabelledTable:
    """Columns used: factor, evidence (a level), what_is_known, source_id."""
    rows = [(r["factor"], EVIDENCE_LABELS[r["evidence"]], r["what_is_known"], source_names(r["source_id"]))
            for _, r in frame.iterrows()]
    return LabelledTable(["Factor", "Strength of evidence", "What is known", "Source"], rows, caption)


def testing_table(frame: pd.DataFrame, caption: str = "What guidelines say about testing") -> LabelledTable:
    """Columns used: test, advice (a level), guideline_says, source_id."""
    rows = [(r["test"], ADVICE_LABELS[r["advice"]], r["guideline_says"], source_names(r["source_id"]))
            for _, r in frame.iterrows()]
    return LabelledTable(["Test", "Guidelines", "What they say", "Source"], rows, caption)
