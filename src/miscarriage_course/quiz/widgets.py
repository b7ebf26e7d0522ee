"""Live quiz widgets: a question a learner answers by clicking or typing, and a score panel.

Feedback is written into widget values (``HTML.value``), so it can be read back in tests with no browser and is the
same thing a learner sees. Every state is said in words and a symbol as well as colour.
"""

from html import escape

import ipywidgets as widgets

from miscarriage_course.quiz import grading
from miscarriage_course.quiz.static import question_heading
from miscarriage_course.tables import source_names

REVEAL_AFTER_WRONG = 2  # wrong attempts before "Show answer" is offered

# ipywidgets gives radio and checkbox labels a fixed height, so a long option wraps on top of the next one.
# These rules let options wrap cleanly and give every control a visible keyboard focus ring.
QUIZ_CSS = """<style>
.course-quiz .widget-radio-box label, .course-quiz .widget-checkbox, .course-quiz .widget-checkbox label {
  height: auto !important; line-height: 1.4 !important; white-space: normal !important; align-items: flex-start; }
.course-quiz .widget-radio-box label { margin: 0.2em 0; display: flex !important; flex-wrap: nowrap !important; flex-direction: row-reverse; justify-content: flex-end; gap: 0.4em; }
.course-quiz .widget-radio-box input, .course-quiz .widget-checkbox input { margin-top: 0.25em; flex-shrink: 0; }
.course-quiz input:focus-visible, .course-quiz button:focus-visible, .course-quiz-score button:focus-visible {
  outline: 3px solid #0072B2 !important; outline-offset: 2px; }
</style>"""

STATUS_LOOK = {
    grading.CORRECT: ("✓", "Correct.", "#009E73"),
    grading.PARTLY: ("◐", "Partly right.", "#E69F00"),
    grading.WRONG: ("✗", "Not quite.", "#D55E00"),
    grading.EMPTY: ("⚠", "No answer yet.", "#6b6b6b"),
    grading.INVALID: ("⚠", "That answer can't be checked yet.", "#6b6b6b"),
    "revealed": ("ℹ", "The answer.", "#0072B2"),
}


def feedback_html(status: str, paragraphs, footer: str = "") -> str:
    symbol, words, colour = STATUS_LOOK[status]
    body = "".join(f"<p style='margin:0.3em 0'>{escape(p)}</p>" for p in paragraphs if p)
    foot = f"<p style='margin:0.3em 0;font-size:0.9em'><em>{escape(footer)}</em></p>" if footer else ""
    return (
        f"<div role='status' aria-live='polite' style='border-left:5px solid {colour};padding:0.2em 0.8em;margin-top:0.4em'>"
        f"<p style='margin:0.3em 0'><strong>{symbol} {words}</strong></p>{body}{foot}</div>"
    )


class QuestionWidget:
    """One question: its input, Check / Try again / Show answer, and the feedback."""

    def __init__(self, bank, question, on_change=None):
        self.bank, self.question = bank, question
        self.on_change = on_change
        self.attempts = 0
        self.solved = False
        self.first_try = False
        self.revealed = False
        self.locked = False  # after a right answer or Show answer, until Try again
        self._last_checked = None
        self.heading = widgets.HTML(
            QUIZ_CSS + f"<p style='margin:0.2em 0'><strong>{escape(question_heading(bank, question))}</strong></p>"
            f"<p style='margin:0.2em 0'>{escape(question.prompt)}</p>"
        )
        self.input = self._make_input()
        self.check_button = widgets.Button(description="Check", button_style="primary", icon="check",
                                           tooltip="Check your answer")
        self.retry_button = widgets.Button(description="Try again", icon="refresh", disabled=True,
                                           tooltip="Clear your answer and try again")
        self.reveal_button = widgets.Button(description="Show answer", icon="eye", disabled=True,
                                            tooltip=f"Offered after {REVEAL_AFTER_WRONG} tries")
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.try_again())
        self.reveal_button.on_click(lambda _: self.reveal())
        self.feedback = widgets.HTML("")
        self.box = widgets.VBox(
            [self.heading, self.input, widgets.HBox([self.check_button, self.retry_button, self.reveal_button]),
             self.feedback],
            layout=widgets.Layout(border="1px solid #8a8a8a", padding="0.5em 1em", margin="0.8em 0", max_width="52em"),
        )
        self.box.add_class("course-quiz")

    # --- the input, per question type ---------------------------------------------------------------
    def _make_input(self):
        q = self.question
        wide = widgets.Layout(width="auto", max_width="50em")
        if q.type == "single":
            return widgets.RadioButtons(options=[(f"{chr(65 + i)}. {o.text}", i) for i, o in enumerate(q.options)],
                                        value=None, layout=wide)
        if q.type == "truefalse":
            return widgets.RadioButtons(options=[("True", True), ("False", False)], value=None, layout=wide)
        if q.type == "multiple":
            self.checkboxes = [widgets.Checkbox(value=False, description=f"{chr(65 + i)}. {o.text}", indent=False,
                                                layout=wide) for i, o in enumerate(q.options)]
            return widgets.VBox(self.checkboxes)
        self.number_box = widgets.Text(value="", placeholder="type a number", description="Your answer:",
                                       style={"description_width": "initial"}, layout=widgets.Layout(width="18em"))
        return widgets.HBox([self.number_box, widgets.HTML(f"<span style='padding-left:0.4em'>{escape(q.units)}</span>")])

    def answer(self):
        """What the learner has given: an option index, a set of indices, True/False, or the typed text."""
        if self.question.type == "multiple":
            return {i for i, box in enumerate(self.checkboxes) if box.value}
        if self.question.type == "numeric":
            return self.number_box.value
        return self.input.value

    def set_answer(self, value):
        if self.question.type == "multiple":
            for i, box in enumerate(self.checkboxes):
                box.value = i in set(value or ())
        elif self.question.type == "numeric":
            self.number_box.value = "" if value is None else str(value)
        else:
            self.input.value = value

    def _set_input_enabled(self, enabled: bool):
        targets = self.checkboxes if self.question.type == "multiple" else (
            [self.number_box] if self.question.type == "numeric" else [self.input])
        for target in targets:
            target.disabled = not enabled

    # --- actions --------------------------------------------------------------------------------------
    def check(self):
        if self.locked:
            return
        given = self.answer()
        result = grading.grade(self.question, given)
        if not result.counts_as_attempt:
            self.feedback.value = feedback_html(result.status, result.messages)
            return
        key = _comparable(given)
        if key != self._last_checked:  # checking the same answer again is not a new attempt
            self.attempts += 1
            self._last_checked = key
            if result.is_correct:
                self.solved = True
                self.first_try = self.first_try or self.attempts == 1
        self._show_result(result)
        self._changed()

    def _show_result(self, result, restored=False):
        tries = f"Attempt {self.attempts}." if self.attempts else ""
        if restored:
            tries = f"Restored from your saved answers. {tries}"
        if result.is_correct:
            self.locked = True
            self._set_input_enabled(False)
            self.check_button.disabled = True
            self.retry_button.disabled = False
            self.reveal_button.disabled = True
            paragraphs = list(result.messages) + [self.question.explanation, f"Sources: {source_names(self.question.sources)}"]
            self.feedback.value = feedback_html(result.status, paragraphs, tries)
            return
        self.retry_button.disabled = False
        hint = "Change your answer and check again."
        if self.attempts >= REVEAL_AFTER_WRONG:
            self.reveal_button.disabled = False
            hint += " Or choose Show answer to see it with an explanation."
        self.feedback.value = feedback_html(result.status, list(result.messages) + [hint], tries)

    def try_again(self):
        """Clear the answer and the feedback; attempts made and the score already earned still count."""
        self.locked = False
        self._last_checked = None
        self.set_answer(set() if self.question.type == "multiple" else None)
        self._set_input_enabled(True)
        self.check_button.disabled = False
        self.retry_button.disabled = True
        self.reveal_button.disabled = self.attempts < REVEAL_AFTER_WRONG
        self.feedback.value = ""
        self._changed()

    def reveal(self):
        """Show the answer with its explanation (offered after a few wrong tries)."""
        if self.attempts < REVEAL_AFTER_WRONG and not self.revealed:
            return
        self.revealed = True
        self.locked = True
        self._set_input_enabled(False)
        self.check_button.disabled = True
        self.retry_button.disabled = False
        self.reveal_button.disabled = True
        self.feedback.value = feedback_html("revealed", [
            f"The answer: {grading.correct_answer_text(self.question)}",
            self.question.explanation,
            f"Sources: {source_names(self.question.sources)}",
        ])
        self._changed()

    def reset(self):
        """Forget everything about this question (the score panel's reset)."""
        self.attempts = 0
        self.first_try = False
        self.solved = False
        self.revealed = False
        self.try_again()
        self.reveal_button.disabled = True

    # --- saving and restoring -------------------------------------------------------------------------
    def record(self) -> dict:
        given = self.answer()
        if isinstance(given, set):
            given = sorted(given)
        return {"answer": given, "attempts": self.attempts, "solved": self.solved,
                "first_try": self.first_try, "revealed": self.revealed, "locked": self.locked}

    def restore(self, record: dict):
        """Put back a saved answer and its feedback. A record that does not fit this question is ignored."""
        try:
            attempts = int(record.get("attempts", 0))
            answer = record.get("answer")
            if self.question.type == "multiple":
                answer = {int(i) for i in answer or () if 0 <= int(i) < len(self.question.options)}
            elif self.question.type == "single" and answer is not None and not 0 <= int(answer) < len(self.question.options):
                return
            self.set_answer(answer)
        except (TypeError, ValueError, AttributeError):  # a record written for an older version of the bank
            return
        self.attempts = max(attempts, 0)
        self.solved = bool(record.get("solved"))
        self.first_try = bool(record.get("first_try"))
        self.revealed = bool(record.get("revealed"))
        if self.revealed and record.get("locked", True):
            self.reveal()
            return
        result = grading.grade(self.question, self.answer())
        if result.counts_as_attempt and self.attempts:
            self._last_checked = _comparable(self.answer())
            self._show_result(result, restored=True)

    def _changed(self):
        if self.on_change:
            self.on_change(self)


def _comparable(given):
    if isinstance(given, set):
        return tuple(sorted(given))
    if isinstance(given, str):
        return given.strip()
    return given


class ScorePanel:
    """'4 of 6 right on the first try', updated as the learner answers, with a reset."""

    def __init__(self, quiz):
        self.quiz = quiz
        self.summary = widgets.HTML("")
        self.reset_button = widgets.Button(description="Reset my answers", icon="trash",
                                           tooltip="Forget every answer to this notebook's questions",
                                           layout=widgets.Layout(width="auto"))
        self.reset_button.on_click(lambda _: self._reset_clicked())
        self._confirming = False
        self.box = widgets.VBox([self.summary, self.reset_button],
                                layout=widgets.Layout(border="2px solid #0072B2", padding="0.5em 1em", max_width="52em"))
        self.box.add_class("course-quiz-score")
        self.refresh()

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
        message = f"<p style='margin:0.3em 0'>{escape(self.quiz.store.message)}</p>" if self.quiz.store.message else ""
        self.summary.value = (
            "<div role='status' aria-live='polite'><p style='margin:0.3em 0'><strong>Your score for this notebook</strong></p>"
            f"<p style='margin:0.3em 0'>{escape(self.text())}</p>{message}</div>"
        )

    def _reset_clicked(self):
        if not self._confirming:
            self._confirming = True
            self.reset_button.description = "Click again to confirm"
            self.reset_button.button_style = "warning"
            return
        self._confirming = False
        self.reset_button.description = "Reset my answers"
        self.reset_button.button_style = ""
        self.quiz.reset()
