"""Grading a learner's answer: pure functions, no widgets, so every rule is tested directly.

Each function returns a :class:`Result`. ``status`` is one of:

- ``correct``, ``partly`` (select-all questions: some right, not all), ``wrong``: a real attempt, counted;
- ``empty`` or ``invalid``: nothing chosen, or a number box that does not hold a usable number. Not counted as an
  attempt; the message says what to do.
"""

import math
import re
from dataclasses import dataclass, field

from miscarriage_course.vocabulary import option_letter

CORRECT, PARTLY, WRONG, EMPTY, INVALID = "correct", "partly", "wrong", "empty", "invalid"
ATTEMPT_STATUSES = (CORRECT, PARTLY, WRONG)
LONGEST_ECHO = 40  # characters of a learner's text repeated back in a message
# Select-all questions: feedback on each ticked option comes from this attempt on. A first try gets only counts, so
# ticking boxes one by one does not read out the key; ticking every box never gets per-option feedback.
FAIR_TRY = 2


@dataclass(frozen=True)
class Result:
    status: str
    messages: tuple = field(default_factory=tuple)

    @property
    def counts_as_attempt(self) -> bool:
        return self.status in ATTEMPT_STATUSES

    @property
    def is_correct(self) -> bool:
        return self.status == CORRECT


@dataclass(frozen=True)
class ParsedNumber:
    value: float | None
    problem: str = ""
    note: str = ""


def _echo(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LONGEST_ECHO else text[:LONGEST_ECHO] + "…"


def parse_number(text, units: str = "") -> ParsedNumber:
    """Read a number typed by a learner: '12.8', ' 12.8 % ', '1,5' (a decimal comma), '-3', '2e1'.

    Returns the value, or a problem saying what to type instead. Never raises. Digits are ASCII 0-9 only, as in the
    page's grading (quiz_widget.js), which must agree with this function on every text.
    """
    if text is None:
        return ParsedNumber(None, "Type a number in the box first.")
    raw = str(text)
    cleaned = raw.strip()
    if units and cleaned.lower().endswith(units.lower()):
        cleaned = cleaned[: -len(units)].strip()
    cleaned = cleaned.rstrip("%").strip()
    if not cleaned:
        return ParsedNumber(None, "Type a number in the box first.")
    note = ""
    if re.fullmatch(r"[+-]?[0-9]+,[0-9]+", cleaned):
        if re.fullmatch(r"[+-]?[0-9]{1,3},[0-9]{3}", cleaned):
            return ParsedNumber(
                None,
                f"'{_echo(raw)}' could mean a decimal or a thousands separator. "
                "Please write it with a decimal point (for example 1.5) and no commas.",
            )
        cleaned = cleaned.replace(",", ".")
        note = f"Read '{_echo(raw)}' as {cleaned}."
    if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", cleaned):
        if cleaned.lower().lstrip("+-") in {"inf", "infinity", "nan"}:
            return ParsedNumber(None, "Please enter an ordinary finite number, such as 12.5.")
        return ParsedNumber(None, f"'{_echo(raw)}' is not a number. Type digits only, for example 12.5.")
    value = float(cleaned)
    if not math.isfinite(value):
        return ParsedNumber(None, "Please enter an ordinary finite number, such as 12.5.")
    return ParsedNumber(value, note=note)


def accepted_range(question) -> tuple:
    """The lowest and highest answers graded correct for a numeric question."""
    if question.range is not None:
        return tuple(question.range)
    return (question.answer - question.tolerance, question.answer + question.tolerance)


def grade_numeric(question, text) -> Result:
    parsed = parse_number(text, question.units)
    if parsed.value is None:
        return Result(INVALID, (parsed.problem,))
    low, high = accepted_range(question)
    # A tiny allowance so that 12.8 - 0.5 typed as 12.3 is not lost to floating-point rounding.
    slack = 1e-9 * max(1.0, abs(low), abs(high))
    notes = (parsed.note,) if parsed.note else ()
    if low - slack <= parsed.value <= high + slack:
        return Result(CORRECT, notes + (question.feedback["correct"],))
    key = "too_low" if parsed.value < low else "too_high"
    return Result(WRONG, notes + (question.feedback[key],))


def grade_single(question, chosen) -> Result:
    """``chosen`` is the index of the chosen option, or None."""
    if chosen is None:
        return Result(EMPTY, ("Choose one of the options first.",))
    option = question.options[chosen]
    return Result(CORRECT if option.correct else WRONG, (option.feedback,))


def grade_truefalse(question, chosen) -> Result:
    """``chosen`` is True, False or None."""
    if chosen is None:
        return Result(EMPTY, ("Choose True or False first.",))
    feedback = question.feedback["true" if chosen else "false"]
    return Result(CORRECT if chosen == question.answer else WRONG, (feedback,))


def grade_multiple(question, chosen, attempt: int = 1) -> Result:
    """``chosen`` is a collection of option indices; ``attempt`` is this attempt's number (1 for the first).

    A right answer gets feedback on each option. A wrong one gets counts (right options found, wrong ones ticked,
    right ones missed), and from attempt FAIR_TRY on also the feedback on each ticked option. Ticking every option
    gets neither, so it cannot read out the key.
    """
    chosen = sorted(set(chosen or ()))
    if not chosen:
        return Result(EMPTY, ("Tick at least one option first.",))
    correct = {i for i, option in enumerate(question.options) if option.correct}
    verdicts = tuple(f"{option_letter(i)}: {question.options[i].feedback}" for i in chosen)
    right = correct.intersection(chosen)
    extra = set(chosen) - correct
    missed = correct - set(chosen)
    if not extra and not missed:
        return Result(CORRECT, verdicts)
    status = PARTLY if right else WRONG
    if len(chosen) == len(question.options):
        return Result(status, ("You ticked every option, and not every option is right. "
                               "Tick only the ones you think are right.",))
    summary = []
    if right:
        summary.append(f"You found {len(right)} of the {len(correct)} right options.")
    if extra:
        summary.append(f"{_count(len(extra))} you ticked {_is_are(len(extra))} not right.")
    if missed:
        summary.append(f"{_count(len(missed))} right option{'s' if len(missed) > 1 else ''} "
                       f"{_is_are(len(missed))} still unticked.")
    if attempt < FAIR_TRY:
        return Result(status, (" ".join(summary), "Think again about each option; from your next try, each option "
                                                  "you tick gets its own feedback."))
    return Result(status, (" ".join(summary),) + verdicts)


def _count(n: int) -> str:
    return {1: "One", 2: "Two", 3: "Three"}.get(n, str(n))


def _is_are(n: int) -> str:
    return "is" if n == 1 else "are"


def grade(question, answer, attempt: int = 1) -> Result:
    """Grade any question type; ``answer`` is what its widget holds (index, indices, bool or text), ``attempt`` the
    number of this attempt (it matters only to select-all questions; see grade_multiple)."""
    graders = {
        "single": grade_single,
        "multiple": grade_multiple,
        "truefalse": grade_truefalse,
        "numeric": grade_numeric,
    }
    if question.type == "multiple":
        return grade_multiple(question, answer, attempt)
    return graders[question.type](question, answer)


def correct_answer_text(question) -> str:
    """The right answer in words, for the 'Show answer' button, the static form and the answer key."""
    if question.type in ("single", "multiple"):
        right = [f"{option_letter(i)}. {o.text}" for i, o in enumerate(question.options) if o.correct]
        # "A. One thing; D. Another." rather than "A. One thing.; D. Another."
        return "; ".join([text.rstrip(".") for text in right[:-1]] + right[-1:])
    if question.type == "truefalse":
        return "True" if question.answer else "False"
    low, high = accepted_range(question)
    units = f" {question.units}" if question.units and question.units != "%" else question.units
    if question.range is not None:
        return f"between {low:g}{units} and {high:g}{units}"
    if question.tolerance:
        return f"{question.answer:g}{units} (answers from {low:g} to {high:g} count)"
    return f"{question.answer:g}{units}"
