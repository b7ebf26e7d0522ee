"""The static form of a question and of the score panel: plain HTML with the answer inside a collapsed <details>.

Deterministic (no ids, no dates, nothing from saved progress), so nbval compares it in strict mode. Every bank text
is escaped, so a '<script>' in a question shows as text.
"""

from html import escape

from miscarriage_course.quiz.bank import TYPE_DESCRIPTIONS
from miscarriage_course.quiz.grading import correct_answer_text
from miscarriage_course.tables import source_names
from miscarriage_course.vocabulary import units_phrase

# The static score panel's advice; the handouts put their own words in its place.
SCORE_NEEDS_A_KERNEL = ("Run the notebook to answer them; your score appears here and your answers are kept on your "
                        "own computer.")
BOX_STYLE = "border:1px solid #8a8a8a;border-radius:6px;padding:0.6em 1em;margin:0.8em 0;max-width:48em"


def question_heading(bank, question) -> str:
    return f"Question {bank.number_of(question.id)} of {len(bank.questions)} · {TYPE_DESCRIPTIONS[question.type]}"


def static_question_html(bank, question) -> str:
    parts = [
        f'<div class="course-quiz-static" style="{BOX_STYLE}">',
        f"<p><strong>{escape(question_heading(bank, question))}</strong></p>",
        f"<p>{escape(question.prompt)}</p>",
    ]
    if question.type in ("single", "multiple"):
        items = "".join(f"<li>{escape(o.text)}</li>" for o in question.options)
        parts.append(f'<ol type="A">{items}</ol>')
    elif question.type == "truefalse":
        parts.append('<ol type="A"><li>True</li><li>False</li></ol>')
    else:
        units = units_phrase(question.units)
        parts.append(f"<p>Your answer: a number{' ' + escape(units) if units else ''}.</p>")
    parts += [
        "<details><summary>Show the answer</summary>",
        f"<p><strong>Answer:</strong> {escape(correct_answer_text(question))}</p>",
        f"<p>{escape(question.explanation)}</p>",
        f"<p><em>Sources: {escape(source_names(question.sources))}</em></p>",
        "</details>",
        '<p style="font-size:0.85em;color:#444"><em>Run the notebook to answer this question with feedback.</em></p>',
        "</div>",
    ]
    return "\n".join(parts)


def static_question_text(bank, question) -> str:
    return f"{question_heading(bank, question)}: {question.prompt} (Run the notebook to answer.)"


def static_score_html(bank) -> str:
    return (
        f'<div class="course-quiz-score-static" style="{BOX_STYLE}">'
        f"<p><strong>Your score for this notebook</strong></p>"
        f"<p>This notebook has {len(bank.questions)} questions. {SCORE_NEEDS_A_KERNEL}</p></div>"
    )


def static_results_saver_html(bank) -> str:
    """Where the results-file box appears when the notebook runs: what it would do, and that nothing is sent."""
    return (
        f'<div class="course-results-saver-static" style="{BOX_STYLE}">'
        "<p><strong>Your results file</strong></p>"
        "<p>When this notebook runs, a button here saves your answers to a small file that you can read and, "
        "if you choose, give to your teacher. Nothing is sent anywhere.</p></div>"
    )


def static_score_text(bank) -> str:
    return f"Score panel: {len(bank.questions)} questions. Run the notebook to see your score."
