"""Live quiz widgets: one widget per question, and a score panel, on anywidget.

The front end is one ES module, ``quiz_widget.js`` (with ``quiz_widget.css``), shipped in the package: no build step,
nothing fetched. It draws the question as a fieldset named by the question (native radios sharing one name, so one
Tab stop and arrow keys between options; checkboxes for select-all; a labelled number box), grades the answer in the
page for instant feedback, and sends the result here through traits. Python keeps the progress file and the score.

The traits a question syncs: ``question`` (the bank data the page grades with), the learner's state (``answer``,
``attempts``, ``solved``, ``first_try``, ``revealed``, ``locked``), ``actions`` (the page adds one for every Check,
Try again or Show answer, since setting an equal value would not reach an observer), ``saved_actions`` (Python's
acknowledgement once saved; without it the page tells the learner the answer is not saved) and ``epoch`` (Python
adds one when it changes the state itself: restore, reset). ``grading.py`` stays the reference for grading;
tests/test_grading_differential.py checks that the page grades every answer the same way.
"""

from pathlib import Path

import anywidget
import traitlets

from miscarriage_course.quiz import grading
from miscarriage_course.quiz.static import question_heading
from miscarriage_course.tables import source_names
from miscarriage_course.vocabulary import units_phrase

REVEAL_AFTER_WRONG = 2  # wrong attempts before "Show answer" is offered
FRONT_END = Path(__file__).with_name("quiz_widget.js")
FRONT_END_CSS = Path(__file__).with_name("quiz_widget.css")


def question_data(bank, question) -> dict:
    """What the page needs to show and grade one question (JSON-ready)."""
    data = {
        "kind": "question", "bank": bank.name, "id": question.id, "type": question.type,
        "heading": question_heading(bank, question), "prompt": question.prompt,
        "explanation": question.explanation, "sources": source_names(question.sources),
        "answer_text": grading.correct_answer_text(question), "reveal_after": REVEAL_AFTER_WRONG,
    }
    if question.type in ("single", "multiple"):
        data["options"] = [{"text": o.text, "correct": o.correct, "feedback": o.feedback} for o in question.options]
    elif question.type == "truefalse":
        data.update(answer=bool(question.answer), feedback=dict(question.feedback))
    else:
        low, high = grading.accepted_range(question)
        data.update(low=float(low), high=float(high), units=question.units, units_phrase=units_phrase(question.units),
                    feedback=dict(question.feedback))
    return data


class QuestionWidget(anywidget.AnyWidget):
    """One question: drawn, graded and answered in the page; saved here."""

    _esm = FRONT_END
    _css = FRONT_END_CSS
    kind = traitlets.Unicode("question").tag(sync=True)
    question = traitlets.Dict().tag(sync=True)
    answer = traitlets.Any(None, allow_none=True).tag(sync=True)
    attempts = traitlets.Int(0).tag(sync=True)
    solved = traitlets.Bool(False).tag(sync=True)
    first_try = traitlets.Bool(False).tag(sync=True)
    revealed = traitlets.Bool(False).tag(sync=True)
    locked = traitlets.Bool(False).tag(sync=True)  # after a right answer or Show answer, until Try again
    restored = traitlets.Bool(False).tag(sync=True)  # the state came from the progress file
    actions = traitlets.Int(0).tag(sync=True)
    saved_actions = traitlets.Int(0).tag(sync=True)
    save_message = traitlets.Unicode("").tag(sync=True)
    epoch = traitlets.Int(0).tag(sync=True)

    def __init__(self, bank, question, on_change=None):
        super().__init__(question=question_data(bank, question))
        self.bank, self.bank_question = bank, question
        self.on_change = on_change

    @property
    def box(self):
        """What to display (the widget itself; kept so code that shows ``.box`` works)."""
        return self

    @traitlets.observe("actions")
    def _front_end_acted(self, change):
        if self.on_change:
            self.on_change(self)
        self.saved_actions = self.actions

    def record(self) -> dict:
        given = self.answer
        if self.bank_question.type == "multiple":
            given = sorted({int(i) for i in given or ()})
        return {"answer": given, "attempts": self.attempts, "solved": self.solved,
                "first_try": self.first_try, "revealed": self.revealed, "locked": self.locked}

    def restore(self, record: dict):
        """Put back a saved answer; the page shows its feedback. A record that does not fit this question is ignored."""
        q = self.bank_question
        try:
            attempts = int(record.get("attempts", 0))
            answer = record.get("answer")
            if q.type == "multiple":
                answer = sorted({int(i) for i in answer or () if 0 <= int(i) < len(q.options)})
            elif q.type == "single" and answer is not None:
                if isinstance(answer, bool) or not 0 <= int(answer) < len(q.options):
                    return
                answer = int(answer)
            elif q.type == "truefalse" and answer is not None and not isinstance(answer, bool):
                return
            elif q.type == "numeric" and answer is not None:
                answer = str(answer)
        except (TypeError, ValueError, AttributeError, OverflowError):  # a record written for an older bank
            return
        attempts = max(attempts, 0)
        revealed = bool(record.get("revealed"))
        if revealed and record.get("locked", True):
            locked = True
        else:
            result = grading.grade(q, answer, max(attempts, 1))
            locked = bool(attempts and result.is_correct)
        with self.hold_trait_notifications(), self.hold_sync():
            self.answer, self.attempts, self.locked, self.revealed = answer, attempts, locked, revealed
            self.solved, self.first_try = bool(record.get("solved")), bool(record.get("first_try"))
            self.restored = True
            self.epoch += 1

    def reset(self):
        """Forget everything about this question (the score panel's reset)."""
        with self.hold_sync():
            self.answer = [] if self.bank_question.type == "multiple" else None
            self.attempts, self.solved, self.first_try, self.revealed, self.locked = 0, False, False, False, False
            self.restored = False
            self.epoch += 1


class ScorePanel(anywidget.AnyWidget):
    """'4 of 7 right on the first try', updated as the learner answers, with a reset.

    The page writes the sentence from ``records`` (and from the answers the questions on the page announce, so it
    stays right when the kernel is gone); :meth:`text` is the same sentence, for tests.
    """

    _esm = FRONT_END
    _css = FRONT_END_CSS
    kind = traitlets.Unicode("score").tag(sync=True)
    bank = traitlets.Unicode("").tag(sync=True)
    total = traitlets.Int(0).tag(sync=True)
    records = traitlets.Dict().tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    actions = traitlets.Int(0).tag(sync=True)  # the page adds one for each confirmed "Reset my answers"
    resets_done = traitlets.Int(0).tag(sync=True)

    def __init__(self, quiz):
        super().__init__(bank=quiz.bank.name, total=len(quiz.bank.questions))
        self.quiz = quiz
        self.refresh()

    @property
    def box(self):
        return self

    def counts(self) -> dict:
        records = self.quiz.records()
        return {
            "total": len(self.quiz.bank.questions),
            "first_try": sum(1 for r in records.values() if r.get("first_try")),
            "solved": sum(1 for r in records.values() if r.get("solved")),
            "revealed": sum(1 for r in records.values() if r.get("revealed")),
            "attempted": sum(1 for r in records.values() if r.get("attempts") or r.get("revealed")),
        }

    def text(self) -> str:
        c = self.counts()
        return (f"{c['first_try']} of {c['total']} right on the first try. "
                f"{c['solved']} of {c['total']} answered correctly so far; "
                f"{c['revealed']} shown with Show answer; {c['total'] - c['attempted']} not tried yet.")

    def refresh(self):
        with self.hold_sync():
            self.records = self.quiz.records()
            self.message = self.quiz.store.message

    @traitlets.observe("actions")
    def _reset_confirmed(self, change):
        self.quiz.reset()
        self.resets_done = self.actions
