"""The course's fixed vocabularies, each in one place: evidence levels, advice levels and option letters.

The data dictionary's ``evidence`` and ``advice`` column types accept the keys below (``tables``), the evidence and
testing tables show their labels (``evidence``), and the advice grid draws them with their colour and hatching
(``charts``). Each level carries a symbol as well as words, so colour is never the only signal.

This module is plain data: it imports nothing from the course, pandas or matplotlib.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    """One level of a vocabulary: the key written in data tables and how it is shown to learners."""

    key: str
    symbol: str
    words: str
    colour: str = ""  # fill colour in charts (advice levels only)
    hatch: str = ""  # matplotlib hatch pattern in charts, so print and colour-blind readers can tell levels apart

    @property
    def label(self) -> str:
        return f"{self.symbol} {self.words}"


# How strong the evidence is that something causes miscarriage (house style: association kept apart from cause).
EVIDENCE = (
    Level("established", "●", "Established cause"),
    Level("associated", "◐", "Associated (cause not shown)"),
    Level("unproven", "○", "Unproven (no good evidence of a link)"),
    Level("disproved", "✗", "Disproved"),
)

# What guidelines say about a test. Colours are from Okabe & Ito's palette (charts.PALETTE: green, orange, vermilion).
ADVICE = (
    Level("offered", "✓", "Offered", colour="#009E73"),
    Level("optional", "?", "Optional or in some cases", colour="#E69F00", hatch="//"),
    Level("not offered", "✗", "Not offered routinely", colour="#D55E00", hatch="xx"),
)
# A blank cell in an optional advice column: no wording from that guideline was checked (not that it is silent).
NO_ADVICE_CHECKED = Level("", "–", "no wording checked", colour="#e6e6e6")

EVIDENCE_LEVELS = tuple(level.key for level in EVIDENCE)
ADVICE_LEVELS = tuple(level.key for level in ADVICE)
EVIDENCE_BY_KEY = {level.key: level for level in EVIDENCE}
ADVICE_BY_KEY = {level.key: level for level in ADVICE}

# Answer options are lettered A, B, C ... wherever they are shown: widgets, static forms, feedback, answer keys,
# results files and the bank linter's report.
OPTION_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def option_letter(index: int) -> str:
    """The letter of the option at this position (0 is A)."""
    index = int(index)
    if not 0 <= index < len(OPTION_LETTERS):
        raise ValueError(f"option index {index} has no letter; expected 0 to {len(OPTION_LETTERS) - 1}")
    return OPTION_LETTERS[index]


def units_phrase(units: str) -> str:
    """How a numeric question's units read after "Your answer" in the number box's label and the printed form.

    "%" -> "(in %)"; "percentage points" -> "(in percentage points)"; units that are already a phrase keep their
    own words: "in 100" -> "(in 100)", "of 100" -> "(of 100)", "(odds ratio)" -> "(odds ratio)"; none -> "".
    """
    units = (units or "").strip()
    if not units:
        return ""
    if units.startswith("(") and units.endswith(")"):
        return units
    if units.split()[0].lower() in ("in", "of", "per"):
        return f"({units})"
    return f"(in {units})"
