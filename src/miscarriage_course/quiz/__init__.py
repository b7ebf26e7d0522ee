"""Quizzes that teach: question banks as data, live widgets with feedback, a score panel and saved progress.

In a notebook::

    quiz = Quiz("00_how_common")   # the bank data/quizzes/00_how_common.yaml
    quiz.ask("denominator")         # one question, where the section ends
    quiz.show_score()               # the score panel, at the end of the notebook
"""

from miscarriage_course.lazy_exports import lazy_exports

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
__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)
