"""The teacher's answer key: every bank, every question, its answer, feedback for each option and the explanation.

    course-answer-key --format markdown --output answer-key.md
    course-answer-key --format html --output answer-key.html
"""

import argparse
import sys
from html import escape
from pathlib import Path

from miscarriage_course.errors import CourseDataError
from miscarriage_course.quiz.bank import TYPE_DESCRIPTIONS, bank_names, load_bank
from miscarriage_course.quiz.grading import correct_answer_text
from miscarriage_course.tables import source_names
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


def answer_key_markdown(banks) -> str:
    lines = ["# Answer key", "", "Every question of every notebook, with its answer, the feedback learners see, and "
             "the explanation. Generated from the quiz banks in `data/quizzes/` by `make answer-key`.", ""]
    for bank in banks:
        lines += [f"## {bank.name}: {bank.title}", "", "Objectives:", ""]
        lines += [f"{i}. {o}" for i, o in enumerate(bank.objectives, 1)] + [""]
        for number, q in enumerate(bank.questions, 1):
            lines += [f"### Question {number} ({TYPE_DESCRIPTIONS[q.type]}; objective {q.objective}; id `{q.id}`)", "",
                      q.prompt, ""]
            lines += [f"- {line}" for line in feedback_lines(q)] + [""]
            lines += [f"**Answer:** {correct_answer_text(q)}", "", f"**Explanation:** {q.explanation}", "",
                      f"*Sources: {source_names(q.sources)}*", ""]
    return "\n".join(lines)


def answer_key_html(banks) -> str:
    parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Answer key</title>',
             "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.45}</style></head><body>",
             "<h1>Answer key</h1>"]
    for bank in banks:
        parts.append(f"<h2>{escape(bank.name)}: {escape(bank.title)}</h2><ol>")
        parts += [f"<li>{escape(o)}</li>" for o in bank.objectives]
        parts.append("</ol>")
        for number, q in enumerate(bank.questions, 1):
            parts.append(f"<h3>Question {number} ({escape(TYPE_DESCRIPTIONS[q.type])}; objective {q.objective})</h3>")
            parts.append(f"<p>{escape(q.prompt)}</p>")
            parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in feedback_lines(q)) + "</ul>")
            parts.append(f"<p><strong>Answer:</strong> {escape(correct_answer_text(q))}</p>")
            parts.append(f"<p><strong>Explanation:</strong> {escape(q.explanation)}</p>")
            parts.append(f"<p><em>Sources: {escape(source_names(q.sources))}</em></p>")
    parts.append("</body></html>")
    return "\n".join(parts)


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
