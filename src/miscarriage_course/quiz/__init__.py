"""Quizzes that teach: question banks as data, live widgets with feedback, a score panel and saved progress.

In a notebook::

    quiz = Quiz("00_how_common")   # the bank data/quizzes/00_how_common.yaml
    quiz.ask("denominator")         # one question, where the section ends
    quiz.show_score()               # the score panel, at the end of the notebook
"""

import importlib

# Names are imported when first used, so that loading a bank or grading an answer never loads the widgets.
_EXPORTS = {
    "Bank": "miscarriage_course.quiz.bank",
    "Question": "miscarriage_course.quiz.bank",
    "load_bank": "miscarriage_course.quiz.bank",
    "ProgressStore": "miscarriage_course.quiz.progress",
    "Quiz": "miscarriage_course.quiz.live",
    "QuestionWidget": "miscarriage_course.quiz.widgets",
    "ScorePanel": "miscarriage_course.quiz.widgets",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
