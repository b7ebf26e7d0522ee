"""The teacher's answer key: every bank, every question, its answer, feedback for each option and the explanation.

    course-answer-key --format markdown --output answer-key.md
    course-answer-key --format html --output answer-key.html

The markup lives in templates/answer_key.md.j2 and templates/answer_key.html.j2 (its body, answer_key_body.html.j2,
is also the teacher's handouts' answer-key page).
"""

import argparse
import sys
from pathlib import Path

from miscarriage_course.errors import CourseDataError
from miscarriage_course.quiz.bank import TYPE_DESCRIPTIONS, bank_names, load_bank
from miscarriage_course.quiz.grading import correct_answer_text
from miscarriage_course.tables import source_names
from miscarriage_course.templates import render
from miscarriage_course.vocabulary import option_letter


def feedback_lines(q) -> list:
    """What a learner is told for each answer they might give, as plain lines, in the order the key shows them."""
    if q.type in ("single", "multiple"):
        return [f"{option_letter(i)}. {o.text} — {'✓ right' if o.correct else '✗ not right'}. {o.feedback}"
                for i, o in enumerate(q.options)]
    if q.type == "truefalse":
        return [f"If the learner says true: {q.feedback['true']}", f"If the learner says false: {q.feedback['false']}"]
    return [f"Right: {q.feedback['correct']}", f"Too low: {q.feedback['too_low']}",
            f"Too high: {q.feedback['too_high']}"]


def key_banks(banks) -> list:
    """What the answer key's templates print, bank by bank: plain text, worked out here, marked up there."""
    return [{"name": bank.name, "title": bank.title, "objectives": list(bank.objectives),
             "questions": [{"number": number, "id": q.id, "type_description": TYPE_DESCRIPTIONS[q.type],
                            "objective": q.objective, "prompt": q.prompt, "feedback": feedback_lines(q),
                            "answer": correct_answer_text(q), "explanation": q.explanation,
                            "sources": source_names(q.sources)}
                           for number, q in enumerate(bank.questions, 1)]}
            for bank in banks]


def answer_key_markdown(banks) -> str:
    return render("answer_key.md.j2", banks=key_banks(banks))


def answer_key_html(banks) -> str:
    """The answer key as one HTML file; every value is escaped (templates/answer_key_body.html.j2)."""
    return render("answer_key.html.j2", banks=key_banks(banks))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write the teacher's answer key for every quiz bank.")
    parser.add_argument("--format", choices=("markdown", "html"), default="markdown")
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        banks = [load_bank(name) for name in bank_names()]
    except CourseDataError as err:
        print(err, file=sys.stderr)
        return 1
    text = answer_key_markdown(banks) if args.format == "markdown" else answer_key_html(banks)
    args.output.write_text(text, encoding="utf-8")
    print(f"Wrote the answer key for {len(banks)} notebooks ({sum(len(b.questions) for b in banks)} questions) "
          f"to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
