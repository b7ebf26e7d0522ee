"""A class's quiz results, with the learners' consent and no server.

A learner saves their own results for one notebook, when they choose to, as a small JSON file they can open and
read (``my-results-00_how_common.json``, next to the notebook). A teacher collects such files in a folder (an
assignment upload in the learning platform, or a shared folder) and reads them with
``notebooks/teacher/class_results.ipynb``, which uses the functions here:

    document = results_document(quiz.bank, quiz.records(), learner="Sam")   # what the file holds
    write_results(document, folder)                                          # my-results-<notebook>.json
    results = read_results_folder("data/example_class_results")              # every file, with messages
    summary = summarise(results)                                             # one row per question
    most_worth_discussing(summary)                                           # the three to talk about

A results file holds, per question the learner answered: right at the first try or not, the number of attempts,
solved or not, answer shown or not, and the first answer (the option letter(s) the learner saw, or the number typed).
It holds the notebook's name, the course version and the day it was saved, and a name only if the learner typed one.

Reading a folder never stops at a bad file: each file that is not a results file, or cannot be read, gets a
message naming it, and the others are still counted. The same named learner's file for one notebook, saved twice,
counts once (the newest). Files saved by another version of the course are counted for the questions whose ids
the current banks still have.

    python -m miscarriage_course.results make-example    # rewrite data/example_class_results/ (seeded)
    python -m miscarriage_course.results make-example --execute   # ... and re-run the teacher's notebook on it
    python -m miscarriage_course.results summary FOLDER   # print the summary of a folder of results files
"""

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from miscarriage_course.errors import CourseDataError
from miscarriage_course.paths import REPO_DIR, display_path
from miscarriage_course.vocabulary import option_letter

FORMAT_NAME = "miscarriage-course-results"
FORMAT_VERSION = 1
FILE_PREFIX = "my-results-"
LARGEST_FILE = 1_000_000  # bytes; a results file is well under a thousand
EXAMPLE_DIR = REPO_DIR / "data" / "example_class_results"
TEACHER_NOTEBOOK = REPO_DIR / "notebooks" / "teacher" / "class_results.ipynb"
# The source row (data/sources.csv) that the teacher's charts cite: the class's own files, not a publication.
CLASS_RESULTS_SOURCE = "class-own-results"


def course_version() -> str:
    """The version of the course that is running (from the installed package), or 'unknown'."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("miscarriage-course")
    except PackageNotFoundError:
        return "unknown"


def results_file_name(notebook: str) -> str:
    """The file a learner's results for one notebook are saved in: ``my-results-00_how_common.json``."""
    return f"{FILE_PREFIX}{notebook}.json"


# --- answers as the learner saw them -----------------------------------------------------------------------
def answer_label(question, given):
    """An answer as the learner saw it: option letter(s) ('B', 'A, C'), 'True'/'False', or the number typed.

    None when there is no answer, or when it does not fit the question (a record from an older bank).
    """
    try:
        if given is None:
            return None
        if question.type == "single":
            index = int(given)
            return option_letter(index) if 0 <= index < len(question.options) else None
        if question.type == "multiple":
            indices = sorted({int(i) for i in given})
            if not indices or not all(0 <= i < len(question.options) for i in indices):
                return None
            return ", ".join(option_letter(i) for i in indices)
        if question.type == "truefalse":
            return "True" if given is True else "False" if given is False else None
        text = str(given).strip()
        return text or None
    except (TypeError, ValueError):
        return None


def correct_label(question):
    """The right answer as a label (numeric questions: the bank's answer)."""
    if question.type == "single":
        return next(option_letter(i) for i, o in enumerate(question.options) if o.correct)
    if question.type == "multiple":
        return ", ".join(option_letter(i) for i, o in enumerate(question.options) if o.correct)
    if question.type == "truefalse":
        return "True" if question.answer else "False"
    return f"{question.answer:g}"


def label_text(question, label) -> str:
    """What an answer label stands for: the option text(s), or the number with its units."""
    if label is None:
        return ""
    if question.type in ("single", "multiple"):
        texts = []
        for letter in str(label).split(","):
            index = ord(letter.strip()[:1] or "?") - 65
            if not 0 <= index < len(question.options):
                return ""
            texts.append(question.options[index].text)
        return " + ".join(texts)
    if question.type == "numeric":
        return f"{label}%" if question.units.strip() == "%" else f"{label} {question.units}".strip()
    return ""


def first_answer(question, record: dict):
    """The learner's first answer to a question, as a label, when it can be known from the record.

    Records that carry ``first_answer`` (the answer at the first Check) give it directly. Older records do not:
    then a first-try right answer is the right answer; an unsolved question gives the answer last checked (a
    wrong one, the best sign of what misled the learner); a question solved at a later try gives None.
    """
    if "first_answer" in record:
        return answer_label(question, record["first_answer"])
    if not _count(record.get("attempts")):
        return None
    if record.get("first_try"):
        given = answer_label(question, record.get("answer"))
        return given if question.type == "numeric" and given else correct_label(question)
    if not record.get("solved"):
        return answer_label(question, record.get("answer"))
    return None


def _count(value) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


# --- one learner's file ----------------------------------------------------------------------------------
def results_document(bank, records: dict, learner: str = "", saved_on: date | None = None,
                     version: str | None = None) -> dict:
    """The results file's content for one notebook, from ``Quiz.records()``: only questions the learner tried."""
    questions = {}
    for question in bank.questions:
        record = records.get(question.id)
        if not isinstance(record, dict) or not _count(record.get("attempts")) and not record.get("revealed"):
            continue
        questions[question.id] = {
            "first_try_right": bool(record.get("first_try")),
            "attempts": _count(record.get("attempts")),
            "solved": bool(record.get("solved")),
            "revealed": bool(record.get("revealed")),
            "first_answer": first_answer(question, record),
        }
    document = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "course_version": version or course_version(),
        "notebook": bank.name,
        "saved_on": (saved_on or date.today()).isoformat(),
    }
    if learner and learner.strip():
        document["learner"] = " ".join(learner.split())
    document["questions"] = questions
    return document


def results_json(document: dict) -> str:
    """The document as small, readable JSON (one question a line)."""
    head = {k: v for k, v in document.items() if k != "questions"}
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    entries = [f"    {json.dumps(qid)}: {json.dumps(entry, ensure_ascii=False)}"
               for qid, entry in document.get("questions", {}).items()]
    lines.append('  "questions": {' + ("" if entries else "}"))
    if entries:
        lines.append(",\n".join(entries))
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_results(document: dict, folder) -> Path:
    """Write the document to ``folder/my-results-<notebook>.json`` (replacing an earlier save) and return the path."""
    folder = Path(folder)
    path = folder / results_file_name(document["notebook"])
    scratch = path.with_name(f".{path.name}.tmp")
    scratch.write_text(results_json(document), encoding="utf-8")
    scratch.replace(path)
    return path


# --- a folder of files, for the teacher --------------------------------------------------------------------
@dataclass
class ClassResults:
    """What a folder of results files holds: the files counted, and a message for each file left out."""

    folder: Path
    documents: list = field(default_factory=list)  # (file name, document), files counted
    messages: list = field(default_factory=list)   # one sentence each, naming the file
    files_read: int = 0
    banks: dict = field(default_factory=dict, repr=False)  # the course's banks, by notebook, as read

    def learners(self, notebook: str) -> int:
        return sum(1 for _, doc in self.documents if doc["notebook"] == notebook)

    def notebooks(self) -> list:
        return sorted({doc["notebook"] for _, doc in self.documents})


def _banks():
    from miscarriage_course.quiz.bank import bank_names, load_bank

    return {name: load_bank(name) for name in bank_names()}


def _check_document(raw, name, banks):
    """(document, problem, note): a cleaned document, or why the file is left out; a note if parts were."""
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        return None, (f"{name}: not a results file from this course (it has no \"format\": \"{FORMAT_NAME}\"); "
                      "left out"), None
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        return None, (f"{name}: results format version {version!r}, which this copy of the course cannot read "
                      f"(it reads up to {FORMAT_VERSION}; update the course); left out"), None
    notebook = raw.get("notebook")
    if notebook not in banks:
        return None, f"{name}: notebook {notebook!r} is not one of the course's notebooks; left out", None
    questions = raw.get("questions")
    if not isinstance(questions, dict):
        return None, f"{name}: no \"questions\" mapping (question id to result); left out", None
    bank = banks[notebook]
    known = {q.id: q for q in bank.questions}
    kept, unknown, broken = {}, [], []
    for qid, entry in questions.items():
        if qid not in known:
            unknown.append(str(qid))
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("first_try_right"), bool):
            broken.append(str(qid))
            continue
        answer = entry.get("first_answer")
        answer = str(answer) if answer is not None else None
        if answer is not None and known[qid].type in ("single", "multiple") and not label_text(known[qid], answer):
            answer = None  # a letter the current bank does not have (an older version of the bank)
        kept[qid] = {"first_try_right": entry["first_try_right"], "attempts": _count(entry.get("attempts")),
                     "solved": bool(entry.get("solved")), "revealed": bool(entry.get("revealed")),
                     "first_answer": answer}
    saved_on = raw.get("saved_on")
    try:
        saved_on = date.fromisoformat(str(saved_on)).isoformat()
    except ValueError:
        saved_on = ""
    learner = raw.get("learner")
    document = {"notebook": notebook, "course_version": str(raw.get("course_version", "unknown")),
                "saved_on": saved_on, "learner": " ".join(learner.split()) if isinstance(learner, str) else "",
                "questions": kept}
    notes = []
    if unknown:
        notes.append(f"question(s) {', '.join(unknown)} are not in the current bank (saved by course version "
                     f"{document['course_version']}), so they were not counted")
    if broken:
        notes.append(f"question(s) {', '.join(broken)} have no true/false \"first_try_right\", "
                     "so they were not counted")
    note = f"{name}: {'; '.join(notes)}; its other questions were counted" if notes else None
    return document, None, note


def read_results_folder(folder, banks=None) -> ClassResults:
    """Read every results file in a folder (and its subfolders) for the teacher.

    Never stops at a bad file: each file left out, or counted only in part, gets a message naming it. Hidden
    files (such as .DS_Store) are skipped silently. A named learner's file for a notebook saved more than once
    counts once: the newest (by the day saved, then the file's time).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CourseDataError(display_path(folder), "no such folder; expected a folder of results files")
    banks = banks if banks is not None else _banks()
    results = ClassResults(folder, banks=banks)
    newest = {}  # (learner, notebook) -> (sort key, name, document)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        name = relative.as_posix()
        results.files_read += 1
        if path.suffix.lower() == ".zip":
            results.messages.append(f"{name}: a zip file; unzip it into the folder first, then read the folder "
                                    "again; left out")
            continue
        if path.suffix.lower() != ".json":
            results.messages.append(f"{name}: not a results file (results files are .json files saved by the "
                                    "course); left out")
            continue
        if path.stat().st_size > LARGEST_FILE:
            results.messages.append(f"{name}: {path.stat().st_size:,} bytes, far too large for a results file; "
                                    "left out")
            continue
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            results.messages.append(f"{name}: not text (UTF-8); left out")
            continue
        except json.JSONDecodeError as err:
            results.messages.append(f"{name}: not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}); "
                                    "left out")
            continue
        except OSError as err:
            results.messages.append(f"{name}: could not be read ({err.strerror}); left out")
            continue
        document, problem, note = _check_document(raw, name, banks)
        if problem:
            results.messages.append(problem)
            continue
        if note:
            results.messages.append(note)
        if not document["learner"]:
            results.documents.append((name, document))
            continue
        key = (document["learner"].casefold(), document["notebook"])
        order = (document["saved_on"], path.stat().st_mtime, name)
        if key in newest:
            kept, dropped = sorted([newest[key], (order, name, document)], key=lambda item: item[0])[::-1]
            results.messages.append(f"{dropped[1]}: a second results file from {kept[2]['learner']} for "
                                    f"{document['notebook']}; only the newest ({kept[1]}) was counted")
            newest[key] = kept
        else:
            newest[key] = (order, name, document)
    results.documents.extend((name, document) for _, name, document in newest.values())
    results.documents.sort(key=lambda item: item[0])
    return results


SUMMARY_COLUMNS = ["notebook", "number", "question", "type", "prompt", "n", "first_try_right", "first_try_rate",
                   "wrong_answer", "wrong_answer_text", "wrong_answer_count"]


def summarise(results: ClassResults, banks=None) -> pd.DataFrame:
    """One row per notebook and question answered: n, first-try right (count and %), most chosen wrong answer.

    The most chosen wrong answer is the commonest first answer among learners who were not right at the first
    try (ties: the earlier letter or number); empty when none of their first answers is known.
    """
    banks = banks if banks is not None else results.banks or _banks()
    tallies = {}
    for _, document in results.documents:
        for qid, entry in document["questions"].items():
            tally = tallies.setdefault((document["notebook"], qid), {"n": 0, "right": 0, "wrong": Counter()})
            tally["n"] += 1
            if entry["first_try_right"]:
                tally["right"] += 1
            elif entry["first_answer"] is not None:
                tally["wrong"][entry["first_answer"]] += 1
    rows = []
    for notebook in sorted({nb for nb, _ in tallies}):
        bank = banks[notebook]
        for question in bank.questions:
            tally = tallies.get((notebook, question.id))
            if not tally:
                continue
            wrong, count = "", 0
            if tally["wrong"]:
                wrong, count = min(tally["wrong"].items(), key=lambda item: (-item[1], item[0]))
            rows.append({
                "notebook": notebook, "number": bank.number_of(question.id), "question": question.id,
                "type": question.type, "prompt": question.prompt, "n": tally["n"], "first_try_right": tally["right"],
                "first_try_rate": round(100 * tally["right"] / tally["n"], 1),
                "wrong_answer": wrong, "wrong_answer_text": label_text(question, wrong) if wrong else "",
                "wrong_answer_count": count,
            })
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def most_worth_discussing(summary: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    """The questions most worth discussing: lowest first-try rate first; ties go to the question more learners tried."""
    ordered = summary.sort_values(["first_try_rate", "n", "notebook", "number"],
                                  ascending=[True, False, True, True], kind="mergesort")
    return ordered.head(count).reset_index(drop=True)


# --- charts and tables for the teacher's notebook -----------------------------------------------------------
def answer_shown(row, width: int = 200) -> str:
    """A summary row's most chosen wrong answer as a teacher reads it: 'B: option text', '153 in 100', 'True'."""
    if not row.wrong_answer:
        return "not known"
    if row.type in ("single", "multiple"):
        return f"{row.wrong_answer}: {_short(row.wrong_answer_text, width)}"
    if row.type == "numeric":
        return row.wrong_answer_text or row.wrong_answer
    return row.wrong_answer


def _short(text: str, width: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def first_try_chart(summary: pd.DataFrame, notebook: str):
    """A bar chart of each question's first-try success rate in one notebook, with n in each label."""
    from miscarriage_course.charts import bar_chart

    rows = summary[summary["notebook"] == notebook]
    labels = [f"Q{r.number} {r.question} (n={r.n})" for r in rows.itertuples()]
    return bar_chart(labels, rows["first_try_rate"], title=f"Right at the first try, notebook {notebook[:2]}",
                     value_label="% of learners who tried the question", source_ids=[CLASS_RESULTS_SOURCE],
                     xlim=(0, 115), alt_intro=f"This class's results for notebook {notebook}: the share of "
                     "learners who answered each question right at their first try.")


def wrong_answer_chart(summary: pd.DataFrame, notebook: str):
    """A bar chart of how many learners (%) gave each question's most chosen wrong answer first.

    None when no wrong first answer is known for the notebook (a class that got everything right first time).
    """
    from miscarriage_course.charts import bar_chart

    rows = summary[(summary["notebook"] == notebook) & (summary["wrong_answer_count"] > 0)]
    if rows.empty:
        return None
    labels = [f"Q{r.number} {r.question}: {r.wrong_answer}" for r in rows.itertuples()]
    shares = [round(100 * r.wrong_answer_count / r.n, 1) for r in rows.itertuples()]
    return bar_chart(labels, shares, title=f"Most chosen wrong first answer, notebook {notebook[:2]}",
                     value_label="% of learners who gave it first", source_ids=[CLASS_RESULTS_SOURCE],
                     xlim=(0, 115), alt_intro=f"This class's results for notebook {notebook}: for each question, "
                     "the wrong answer most learners gave at their first try (option letter or number typed), "
                     "and the share of learners who gave it.")


def wrong_answer_table(summary: pd.DataFrame, notebook: str) -> pd.DataFrame:
    """The most chosen wrong answers of one notebook, with what each letter stands for."""
    rows = summary[(summary["notebook"] == notebook) & (summary["wrong_answer_count"] > 0)]
    return pd.DataFrame({
        "Question": [f"Q{r.number} {r.question}" for r in rows.itertuples()],
        "Most chosen wrong first answer": [answer_shown(r) for r in rows.itertuples()],
        "Learners": [f"{r.wrong_answer_count} of {r.n}" for r in rows.itertuples()],
    }).set_index("Question")


def discussion_table(summary: pd.DataFrame, count: int = 3) -> pd.DataFrame:
    """The table of the questions most worth discussing, as the teacher's notebook shows it."""
    top = most_worth_discussing(summary, count)
    return pd.DataFrame({
        "Notebook": top["notebook"].tolist(),
        "Question": [f"Q{r.number} {r.question}: {_short(r.prompt, 90)}" for r in top.itertuples()],
        "Right at first try": [f"{r.first_try_rate:g}% of {r.n}" for r in top.itertuples()],
        "Most chosen wrong first answer": [
            answer_shown(r, 70) + (f" ({r.wrong_answer_count} of {r.n})" if r.wrong_answer else "")
            for r in top.itertuples()],
    }, index=pd.RangeIndex(1, len(top) + 1, name="Rank"))


def reading_report(results: ClassResults) -> str:
    """What was read, in words: files counted, and a line for each file left out or counted in part."""
    counted = len(results.documents)
    lines = [f"Read {results.files_read} file{'s' if results.files_read != 1 else ''} from the folder; "
             f"{counted} results file{'s' if counted != 1 else ''} counted."]
    if results.messages:
        lines.append("")
        lines.extend(f"- {message}" for message in results.messages)
    return "\n".join(lines)


def show_notebook(summary: pd.DataFrame, results: ClassResults, notebook: str) -> None:
    """Show one notebook's results in the teacher's notebook: a heading, both charts and the wrong-answer table."""
    from IPython.display import Markdown, display

    title = results.banks[notebook].title if notebook in results.banks else notebook
    learners = results.learners(notebook)
    display(Markdown(f"### {notebook[:2]} {title}\n\n{learners} learner{'s' if learners != 1 else ''} saved "
                     "results for this notebook. *n* is how many of them tried each question."))
    display(first_try_chart(summary, notebook))
    wrong = wrong_answer_chart(summary, notebook)
    if wrong is None:
        display(Markdown("No wrong first answer is known for this notebook."))
        return
    display(wrong)
    show_table(wrong_answer_table(summary, notebook))


def show_table(table: pd.DataFrame) -> None:
    """Show a table in full (no '...' cut into long option texts)."""
    from IPython.display import display

    with pd.option_context("display.max_colwidth", None):
        display(table)


def show_discussion_table(summary: pd.DataFrame, count: int = 3) -> None:
    """Show the table of the questions most worth discussing, in full."""
    show_table(discussion_table(summary, count))


# --- a made-up class, for trying the teacher's notebook ------------------------------------------------------
EXAMPLE_NOTEBOOKS = ("00_how_common", "01_genetic_causes")
EXAMPLE_LEARNERS = 24
EXAMPLE_SEED = 15
EXAMPLE_DAY = date(2026, 12, 1)
OLDER_VERSION = "0.0.9"


def _example_record(rng, question, skill_level):
    """A made-up learner's record for one question: right first time with a chance set by a made-up difficulty."""
    difficulty = (sum(map(ord, question.id)) % 5) / 10  # 0.0 to 0.4, fixed per question
    if rng.random() < skill_level - difficulty:
        given = ({"single": lambda: next(i for i, o in enumerate(question.options) if o.correct),
                  "multiple": lambda: [i for i, o in enumerate(question.options) if o.correct],
                  "truefalse": lambda: question.answer,
                  "numeric": lambda: f"{question.answer:g}"}[question.type])()
        return {"answer": given, "first_answer": given, "attempts": 1, "solved": True, "first_try": True,
                "revealed": False, "locked": True}
    if question.type == "single":
        wrong = [i for i, o in enumerate(question.options) if not o.correct]
        rng.shuffle(wrong)
        weights = [len(wrong) - k for k in range(len(wrong))]  # one distractor is chosen more often
        given = rng.choices(wrong, weights)[0]
    elif question.type == "multiple":
        right = {i for i, o in enumerate(question.options) if o.correct}
        given = sorted(right - {min(right)}) if len(right) > 1 else sorted(right | {next(
            i for i, o in enumerate(question.options) if not o.correct)})
    elif question.type == "truefalse":
        given = not question.answer
    else:
        given = f"{question.answer * rng.choice([0.5, 2, 10]):g}"
    attempts = rng.choice([2, 2, 3])
    revealed = rng.random() < 0.25
    return {"answer": given, "first_answer": given, "attempts": attempts, "solved": not revealed,
            "first_try": False, "revealed": revealed, "locked": True}


def make_example(folder=EXAMPLE_DIR, learners: int = EXAMPLE_LEARNERS, seed: int = EXAMPLE_SEED) -> list:
    """Write a made-up class's results files (seeded, so the same files every time) and return their paths.

    Learners answer notebooks 00 and 01; some give a name and some do not. Three extra files show what the
    teacher's notebook does with them: one learner saved notebook 00 twice, one file was saved by an older
    version of the course, and one file is not a results file.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
    banks = _banks()
    rng = random.Random(seed)
    version = course_version()
    written = []

    def save(document, file_name):
        path = folder / file_name
        path.write_text(results_json(document), encoding="utf-8")
        written.append(path)

    for learner in range(1, learners + 1):
        skill_level = rng.uniform(0.55, 1.0)
        name = f"Learner {learner:02d}" if learner % 3 else ""
        for notebook in EXAMPLE_NOTEBOOKS:
            bank = banks[notebook]
            if notebook != EXAMPLE_NOTEBOOKS[0] and rng.random() < 0.25:
                continue  # not everyone reaches the second notebook
            records = {q.id: _example_record(rng, q, skill_level) for q in bank.questions if rng.random() < 0.95}
            document = results_document(bank, records, learner=name, saved_on=EXAMPLE_DAY, version=version)
            save(document, f"learner-{learner:02d}-{results_file_name(notebook)}")
    # The same learner saved notebook 00 again the next day: only the newer file counts.
    bank = banks[EXAMPLE_NOTEBOOKS[0]]
    again = {q.id: _example_record(rng, q, 0.95) for q in bank.questions}
    later = date.fromordinal(EXAMPLE_DAY.toordinal() + 1)
    save(results_document(bank, again, learner="Learner 01", saved_on=later, version=version),
         f"learner-01-second-save-{results_file_name(bank.name)}")
    # A file saved by an older version of the course, with a question id the bank no longer has.
    older = results_document(bank, {q.id: _example_record(rng, q, 0.8) for q in bank.questions},
                             saved_on=EXAMPLE_DAY, version=OLDER_VERSION)
    older["questions"]["an-old-question"] = {"first_try_right": False, "attempts": 2, "solved": True,
                                             "revealed": False, "first_answer": "A"}
    save(older, f"older-version-{results_file_name(bank.name)}")
    # Something else handed in by mistake.
    (folder / "lecture-notes.txt").write_text("Notes for the class on 1 December: remember the support slide.\n",
                                              encoding="utf-8")
    written.append(folder / "lecture-notes.txt")
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description="Results files: make the example class, or summarise a folder.")
    sub = parser.add_subparsers(dest="command", required=True)
    example = sub.add_parser("make-example", help="write the made-up class's results files (seeded)")
    example.add_argument("--output", default=str(EXAMPLE_DIR), help="folder to write (default: %(default)s)")
    example.add_argument("--execute", action="store_true",
                         help="then re-run notebooks/teacher/class_results.ipynb and store its outputs (after the "
                              "banks change, both the example and the notebook's stored outputs need refreshing)")
    summary = sub.add_parser("summary", help="print each question's first-try rate and most chosen wrong answer")
    summary.add_argument("folder", help="a folder of results files")
    args = parser.parse_args(argv)
    if args.command == "make-example":
        paths = make_example(args.output)
        print(f"wrote {len(paths)} files to {display_path(Path(args.output))}")
        if args.execute:
            from miscarriage_course.notebooks import execute

            print(f"executing {display_path(TEACHER_NOTEBOOK)} ...", flush=True)
            execute(TEACHER_NOTEBOOK)
        return 0
    started = time.perf_counter()
    try:
        results = read_results_folder(args.folder)
    except CourseDataError as err:
        print(err, file=sys.stderr)
        return 1
    table = summarise(results)
    for message in results.messages:
        print(message)
    with pd.option_context("display.width", 160, "display.max_colwidth", 40):
        print(table.drop(columns=["prompt"]).to_string(index=False))
    print(f"{len(results.documents)} files counted of {results.files_read} read, in "
          f"{time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
