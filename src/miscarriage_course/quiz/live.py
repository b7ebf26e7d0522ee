"""The live quiz of one notebook: its question widgets, saved answers, score panel and results file."""

from miscarriage_course.display import show_live_and_static
from miscarriage_course.quiz.bank import load_bank
from miscarriage_course.quiz.progress import ProgressStore
from miscarriage_course.quiz.results_saver import results_saver
from miscarriage_course.quiz.static import (
    static_question_html,
    static_question_text,
    static_results_saver_html,
    static_score_html,
    static_score_text,
)
from miscarriage_course.quiz.widgets import QuestionWidget, ScorePanel


class Quiz:
    """The questions of one notebook, their saved answers and the notebook's score panel."""

    def __init__(self, bank_name: str, store: ProgressStore | None = None):
        self.bank = load_bank(bank_name)
        self.store = store or ProgressStore()
        self._saved = self.store.answers(self.bank.name)
        self.widgets = {}
        self.panel = None

    def widget(self, question_id: str) -> QuestionWidget:
        """The live widget for one question, made once and restored from saved answers."""
        if question_id not in self.widgets:
            question = self.bank.question(question_id)
            qw = QuestionWidget(self.bank, question)
            saved = self._saved.get(question_id)
            if isinstance(saved, dict):
                qw.restore(saved)
            qw.on_change = self._changed
            self.widgets[question_id] = qw
        return self.widgets[question_id]

    def ask(self, *question_ids: str) -> None:
        """Show questions: live where a kernel runs, and a static form (answer folded away) everywhere else."""
        for question_id in question_ids:
            qw = self.widget(question_id)
            show_live_and_static(qw, static_question_html(self.bank, qw.bank_question),
                                 static_question_text(self.bank, qw.bank_question))

    def show_score(self) -> None:
        """Show the score panel for this notebook, and under it the box that saves the learner's results file."""
        if self.panel is None:
            self.panel = ScorePanel(self)
        show_live_and_static(self.panel, static_score_html(self.bank), static_score_text(self.bank))
        show_live_and_static(results_saver(self), static_results_saver_html(self.bank),
                             "Your results file: run the notebook to save your answers to a file.")

    def records(self) -> dict:
        """Every question's record: from its widget where shown, else from saved answers."""
        records = {qid: rec for qid, rec in self._saved.items() if isinstance(rec, dict)}
        records.update({qid: qw.record() for qid, qw in self.widgets.items()})
        return {qid: rec for qid, rec in records.items() if qid in {q.id for q in self.bank.questions}}

    def _changed(self, qw: QuestionWidget) -> None:
        """The page reports an answer: save it, say beside the question if saving failed, update the score."""
        record = qw.record()
        question_id = qw.bank_question.id
        self._saved[question_id] = record
        status = self.store.save(self.bank.name, question_id, record)
        qw.save_message = "" if status else (status.message or self.store.message)
        if self.panel is not None:
            self.panel.refresh()

    def reset(self) -> None:
        """Forget this notebook's answers, on screen and in the saved file."""
        self.store.reset(self.bank.name)
        self._saved = {}
        for qw in self.widgets.values():
            qw.on_change = None
            qw.reset()
            qw.on_change = self._changed
        if self.panel is not None:
            self.panel.refresh()
