"""Results files: what a learner's file holds, and how a teacher's folder of them is read and summarised.

Letters are worked out from the loaded bank (its display order), never written in, so the tests hold whatever
order the options are shown in.
"""

import filecmp
import json
import os
import random
import time
from datetime import date

import pytest

from miscarriage_course import results as r
from miscarriage_course.notebooks import course_notebooks
from miscarriage_course.paths import REPO_DIR
from miscarriage_course.quiz import Quiz
from miscarriage_course.quiz.bank import load_bank
from miscarriage_course.quiz.progress import ProgressStore
from miscarriage_course.quiz.results_saver import ResultsSaver, what_the_file_holds

BANK = load_bank("00_how_common")


def question_of_type(kind, bank=BANK):
    return next(q for q in bank.questions if q.type == kind)


def key_index(question):
    return next(i for i, o in enumerate(question.options) if o.correct)


def wrong_index(question, which=0):
    return [i for i, o in enumerate(question.options) if not o.correct][which]


def record(answer, attempts=1, first_try=False, solved=False, revealed=False, **extra):
    return {"answer": answer, "attempts": attempts, "solved": solved, "first_try": first_try,
            "revealed": revealed, "locked": True, **extra}


@pytest.fixture(scope="module")
def banks():
    return r._banks()


def save(folder, document, file_name=None):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (file_name or r.results_file_name(document["notebook"]))
    path.write_text(r.results_json(document), encoding="utf-8")
    return path


def doc(records, learner="", saved_on=date(2026, 12, 1), version="0.1.0", bank=BANK):
    return r.results_document(bank, records, learner=learner, saved_on=saved_on, version=version)


# --- the learner's file -------------------------------------------------------------------------------------
def test_the_file_holds_exactly_what_the_sentence_says():
    single = question_of_type("single")
    document = doc({single.id: record(wrong_index(single), attempts=2, solved=True)})
    assert set(document) == {"format", "format_version", "course_version", "notebook", "saved_on", "questions"}
    assert "learner" not in document, "no name unless the learner types one"
    assert document["saved_on"] == "2026-12-01", "the day only, no time"
    assert set(document["questions"][single.id]) == {"first_try_right", "attempts", "solved", "revealed",
                                                     "first_answer"}
    sentence = what_the_file_holds("00_how_common")
    for words in ("first try", "how many tries", "Show answer", "first answer", "course version", "today's date",
                  "only if you type one", "Nothing is sent anywhere", "my-results-00_how_common.json"):
        assert words in sentence


def test_a_typed_name_is_kept_and_a_blank_one_is_not():
    single = question_of_type("single")
    records = {single.id: record(key_index(single), first_try=True, solved=True)}
    assert doc(records, learner="  Sam   Jones ")["learner"] == "Sam Jones"
    assert "learner" not in doc(records, learner="   ")


def test_questions_not_tried_are_left_out():
    single = question_of_type("single")
    document = doc({single.id: record(None, attempts=0)})
    assert document["questions"] == {}


def test_first_answers_are_the_letters_or_number_the_learner_gave():
    single, multiple = question_of_type("single"), question_of_type("multiple")
    truefalse, numeric = question_of_type("truefalse"), question_of_type("numeric")
    wrong = wrong_index(single)
    picked = sorted([key_index(multiple), wrong_index(multiple)])
    document = doc({
        single.id: record(key_index(single), attempts=2, solved=True, first_answer=wrong),
        multiple.id: record(picked, attempts=1),
        truefalse.id: record(not truefalse.answer, attempts=1),
        numeric.id: record(" 7,5 ", attempts=1),
    })["questions"]
    assert document[single.id]["first_answer"] == chr(65 + wrong), "first_answer in the record wins"
    assert document[multiple.id]["first_answer"] == ", ".join(chr(65 + i) for i in picked)
    assert document[truefalse.id]["first_answer"] == str(not truefalse.answer)
    assert document[numeric.id]["first_answer"] == "7,5"


def test_without_first_answer_a_record_gives_what_can_be_known():
    single = question_of_type("single")
    right_first = r.first_answer(single, record(None, first_try=True, solved=True))  # answer cleared by Try again
    assert right_first == chr(65 + key_index(single))
    assert r.first_answer(single, record(wrong_index(single), attempts=3)) == chr(65 + wrong_index(single))
    assert r.first_answer(single, record(key_index(single), attempts=2, solved=True)) is None, \
        "solved at a later try: the first answer is not known"
    assert r.first_answer(single, record(99, attempts=1)) is None, "an option the bank does not have"


def test_the_file_is_small_readable_json(tmp_path):
    single = question_of_type("single")
    path = r.write_results(doc({single.id: record(key_index(single), first_try=True, solved=True)},
                               learner="Sam"), tmp_path)
    assert path.name == "my-results-00_how_common.json"
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["questions"][single.id]["first_try_right"] is True
    assert len(text.splitlines()) == 11 and len(text) < 600  # a line per field, one per question
    assert not list(tmp_path.glob(".*"))


# --- the saving box ---------------------------------------------------------------------------------------------
def test_the_box_saves_the_file_next_to_the_notebook_and_says_where(tmp_path, progress_file):
    single = question_of_type("single")
    ProgressStore().save(BANK.name, single.id, record(wrong_index(single), attempts=1))
    notebook_folder = tmp_path / "notebooks"
    notebook_folder.mkdir()
    saver = ResultsSaver(Quiz(BANK.name), folder=notebook_folder)
    assert saver.save_button.description == "Save my results to a file"
    assert not list(notebook_folder.iterdir()), "nothing is written until the learner asks"
    saver.name_box.value = "Sam"
    saver.save_button.click()
    path = notebook_folder / "my-results-00_how_common.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["learner"] == "Sam"
    assert saved["questions"][single.id]["first_answer"] == chr(65 + wrong_index(single))
    assert str(path) in saver.status.value and "1 question," in saver.status.value
    import base64
    import re

    link = re.search(r"download='([^']+)' href='data:application/json;charset=utf-8;base64,([^']+)'",
                     saver.status.value)
    assert link and link.group(1) == path.name
    assert base64.b64decode(link.group(2)).decode("utf-8") == path.read_text(encoding="utf-8"), \
        "the download link holds the same file, with nothing sent anywhere"


def test_the_box_reports_a_folder_it_cannot_write(tmp_path, progress_file):
    saver = ResultsSaver(Quiz(BANK.name), folder=tmp_path / "no-such-folder")
    assert saver.save() is None
    assert "Not saved" in saver.status.value and "no-such-folder" in saver.status.value


# --- the teacher's folder -----------------------------------------------------------------------------------------
def test_a_class_of_one(tmp_path, banks):
    single = question_of_type("single")
    save(tmp_path, doc({single.id: record(key_index(single), attempts=2, solved=True,
                                          first_answer=wrong_index(single))}))
    results = r.read_results_folder(tmp_path, banks)
    summary = r.summarise(results)
    assert results.messages == []
    row = summary.iloc[0]
    assert (row["n"], row["first_try_rate"], row["wrong_answer"]) == (1, 0.0, chr(65 + wrong_index(single)))
    assert row["wrong_answer_text"] == single.options[wrong_index(single)].text
    assert len(r.discussion_table(summary)) == 1


def random_class(folder, learners, seed, banks):
    """Write one file per learner and notebook; return what the summary must count, tallied independently."""
    rng = random.Random(seed)
    expected = {}
    for learner in range(learners):
        bank = banks[rng.choice(["00_how_common", "01_genetic_causes", "07_lifestyle_and_environment"])]
        records = {}
        for q in bank.questions:
            right = rng.random() < 0.6
            answer = None
            if q.type == "single":
                answer = key_index(q) if right else wrong_index(q)
            elif q.type == "truefalse":
                answer = q.answer if right else not q.answer
            records[q.id] = record(answer, attempts=1 if right else 2, first_try=right, solved=True)
            n, k = expected.get((bank.name, q.id), (0, 0))
            expected[(bank.name, q.id)] = (n + 1, k + right)
        save(folder, doc(records, bank=bank), f"{learner:03d}-{r.results_file_name(bank.name)}")
    return expected


def test_a_class_of_300_is_counted_in_full_and_quickly(tmp_path, banks):
    expected = random_class(tmp_path, 300, seed=3, banks=banks)
    started = time.perf_counter()
    results = r.read_results_folder(tmp_path)
    summary = r.summarise(results)
    seconds = time.perf_counter() - started
    assert results.files_read == 300 and len(results.documents) == 300 and results.messages == []
    counted = {(row.notebook, row.question): (row.n, row.first_try_right) for row in summary.itertuples()}
    assert counted == expected
    assert seconds < 10, f"300 files took {seconds:.1f} s"


def test_the_same_learner_saving_twice_counts_once_the_newest(tmp_path, banks):
    single = question_of_type("single")
    save(tmp_path, doc({single.id: record(wrong_index(single), attempts=2)}, learner="Sam",
                       saved_on=date(2026, 12, 2)), "sam-later.json")
    save(tmp_path, doc({single.id: record(key_index(single), first_try=True, solved=True)}, learner="sam",
                       saved_on=date(2026, 12, 1)), "sam-earlier.json")
    save(tmp_path, doc({single.id: record(key_index(single), first_try=True, solved=True)}), "anon-1.json")
    save(tmp_path, doc({single.id: record(key_index(single), first_try=True, solved=True)}), "anon-2.json")
    results = r.read_results_folder(tmp_path, banks)
    assert sorted(name for name, _ in results.documents) == ["anon-1.json", "anon-2.json", "sam-later.json"]
    assert results.messages == ["sam-earlier.json: a second results file from Sam for 00_how_common; only the "
                                "newest (sam-later.json) was counted"]
    row = r.summarise(results).iloc[0]
    assert (row["n"], row["first_try_right"]) == (3, 2)


def test_files_from_an_older_version_count_where_the_question_ids_match(tmp_path, banks):
    single = question_of_type("single")
    older = doc({single.id: record(wrong_index(single), attempts=2)}, version="0.0.9")
    older["questions"]["a-retired-question"] = {"first_try_right": True, "attempts": 1, "solved": True,
                                                "revealed": False, "first_answer": "A"}
    older["questions"][single.id]["first_answer"] = "Z"  # a letter the current bank does not have
    save(tmp_path, older, "older.json")
    results = r.read_results_folder(tmp_path, banks)
    assert len(results.documents) == 1
    assert results.messages == ["older.json: question(s) a-retired-question are not in the current bank (saved by "
                                "course version 0.0.9), so they were not counted; its other questions were counted"]
    summary = r.summarise(results)
    assert list(summary["question"]) == [single.id]
    assert summary.iloc[0]["wrong_answer"] == "" and summary.iloc[0]["wrong_answer_count"] == 0


def test_files_that_are_not_results_are_named_and_the_rest_still_counted(tmp_path, banks):
    single = question_of_type("single")
    save(tmp_path, doc({single.id: record(key_index(single), first_try=True, solved=True)}), "good.json")
    (tmp_path / "notes.txt").write_text("not results", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"format": ', encoding="utf-8")
    (tmp_path / "other.json").write_text('{"cells": []}', encoding="utf-8")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    newer = doc({}) | {"format_version": r.FORMAT_VERSION + 1}
    save(tmp_path, newer, "newer.json")
    save(tmp_path, doc({}) | {"notebook": "99_no_such"}, "unknown-notebook.json")
    (tmp_path / "sub").mkdir()
    save(tmp_path / "sub", doc({single.id: record(wrong_index(single), attempts=1)}), "nested.json")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    (tmp_path / "submissions.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    (tmp_path / "huge.json").write_text('{"format": "' + "x" * r.LARGEST_FILE + '"}', encoding="utf-8")
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._good.json").write_bytes(b"\x00\x05")
    results = r.read_results_folder(tmp_path, banks)
    assert sorted(name for name, _ in results.documents) == ["good.json", "sub/nested.json"]
    by_file = {m.split(":")[0]: m for m in results.messages}
    assert set(by_file) == {"notes.txt", "broken.json", "other.json", "binary.json", "newer.json",
                            "unknown-notebook.json", "submissions.zip", "huge.json"}
    assert "unzip it into the folder first" in by_file["submissions.zip"]
    assert "far too large" in by_file["huge.json"]
    assert "not valid JSON (line 1" in by_file["broken.json"]
    assert "not a results file from this course" in by_file["other.json"]
    assert "cannot read" in by_file["newer.json"] and "update the course" in by_file["newer.json"]
    assert "'99_no_such' is not one of the course's notebooks" in by_file["unknown-notebook.json"]
    assert all(m.endswith("left out") for m in results.messages)
    assert r.summarise(results).iloc[0]["n"] == 2


def test_a_missing_folder_is_a_clear_message(tmp_path):
    with pytest.raises(r.CourseDataError, match="no such folder"):
        r.read_results_folder(tmp_path / "nothing-here")


def test_most_chosen_wrong_answer_and_ties(tmp_path, banks):
    single = question_of_type("single")
    first, second = wrong_index(single, 0), wrong_index(single, 1)
    for n, answer in enumerate([second, second, first, first, key_index(single)]):
        right = answer == key_index(single)
        save(tmp_path, doc({single.id: record(answer, first_try=right, solved=right)}), f"{n}.json")
    row = r.summarise(r.read_results_folder(tmp_path, banks)).iloc[0]
    assert row["wrong_answer"] == chr(65 + min(first, second)), "a tie goes to the earlier letter"
    assert (row["wrong_answer_count"], row["first_try_rate"]) == (2, 20.0)


def test_questions_most_worth_discussing_lowest_rate_first_ties_by_n():
    import pandas as pd

    summary = pd.DataFrame([
        {"notebook": "00", "number": 1, "question": "a", "first_try_rate": 50.0, "n": 10},
        {"notebook": "00", "number": 2, "question": "b", "first_try_rate": 20.0, "n": 5},
        {"notebook": "00", "number": 3, "question": "c", "first_try_rate": 20.0, "n": 30},
        {"notebook": "01", "number": 1, "question": "d", "first_try_rate": 90.0, "n": 30},
        {"notebook": "01", "number": 2, "question": "e", "first_try_rate": 40.0, "n": 30},
    ])
    assert list(r.most_worth_discussing(summary)["question"]) == ["c", "b", "e"]


# --- the example class and the teacher's notebook ---------------------------------------------------------------
def test_the_shipped_example_is_what_make_example_writes(tmp_path):
    r.make_example(tmp_path)
    shipped = REPO_DIR / "data" / "example_class_results"
    names = sorted(os.listdir(tmp_path))
    assert names == sorted(os.listdir(shipped)), "run: python -m miscarriage_course.results make-example"
    _, mismatch, errors = filecmp.cmpfiles(tmp_path, shipped, names, shallow=False)
    assert mismatch == [] and errors == [], "run: python -m miscarriage_course.results make-example"


def test_the_example_shows_a_duplicate_an_older_file_and_a_stray_file():
    results = r.read_results_folder(r.EXAMPLE_DIR)
    assert len(results.messages) == 3
    assert {m.split(":")[0] for m in results.messages} == {
        "learner-01-my-results-00_how_common.json", "older-version-my-results-00_how_common.json",
        "lecture-notes.txt"}
    assert results.notebooks() == list(r.EXAMPLE_NOTEBOOKS)


def test_the_charts_have_alt_text_with_every_rate_and_cite_the_class_files():
    summary = r.summarise(r.read_results_folder(r.EXAMPLE_DIR))
    rows = summary[summary["notebook"] == "00_how_common"]
    chart = r.first_try_chart(summary, "00_how_common")
    for row in rows.itertuples():
        assert f"Q{row.number} {row.question} (n={row.n}): {row.first_try_rate:g}%" in chart.alt
    assert chart.source_ids == [r.CLASS_RESULTS_SOURCE]
    assert "This class's own results files" in chart.caption_text()
    wrong = r.wrong_answer_chart(summary, "00_how_common")
    assert "most learners gave at their first try" in wrong.alt


def test_the_command_prints_a_summary(capsys):
    assert r.main(["summary", str(r.EXAMPLE_DIR)]) == 0
    out = capsys.readouterr().out
    assert "lecture-notes.txt: not a results file" in out and "files counted of" in out


def test_the_teacher_notebook_is_outside_the_reading_order():
    names = [p.name for p in course_notebooks()]
    assert "class_results.ipynb" not in names
    assert r.TEACHER_NOTEBOOK.exists()


TEACHER_NOTEBOOK = REPO_DIR / "notebooks" / "teacher" / "class_results.ipynb"


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to hyphens."""
    import re

    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def broken_links(text: str, base) -> list:
    """Relative links in Markdown text whose file, or #anchor in a Markdown file, does not exist."""
    import re

    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (base / path).resolve() if path else None
        if file is not None and not file.exists():
            broken.append(target)
        elif anchor and file is not None and file.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", file.read_text(encoding="utf-8"), flags=re.M)
            if anchor not in {github_anchor(h) for h in headings}:
                broken.append(target)
    return broken


def test_the_teacher_notebook_is_stored_tidy_and_its_links_resolve():
    import nbformat

    from miscarriage_course.notebooks import untidy

    assert untidy(TEACHER_NOTEBOOK) == []
    nb = nbformat.read(TEACHER_NOTEBOOK, as_version=4)
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert broken_links(text, TEACHER_NOTEBOOK.parent) == []


def test_the_link_check_notices_a_missing_file_and_anchor(tmp_path):
    (tmp_path / "guide.md").write_text("# Guide\n\n## A class's results, without a server\n", encoding="utf-8")
    text = "[a](guide.md#a-classs-results-without-a-server) [b](guide.md#nowhere) [c](missing.md) [d](https://x.org)"
    assert broken_links(text, tmp_path) == ["guide.md#nowhere", "missing.md"]


def test_a_class_that_got_everything_right_first_time_has_no_wrong_answer_chart(tmp_path, banks):
    single = question_of_type("single")
    save(tmp_path, doc({single.id: record(key_index(single), first_try=True, solved=True)}))
    summary = r.summarise(r.read_results_folder(tmp_path, banks))
    assert r.wrong_answer_chart(summary, BANK.name) is None
    assert "100%" in r.first_try_chart(summary, BANK.name).alt


def test_an_empty_class_gives_an_empty_summary_and_a_clear_report(tmp_path, banks):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    results = r.read_results_folder(tmp_path, banks)
    assert r.reading_report(results).startswith("Read 1 file from the folder; 0 results files counted.")
    assert r.discussion_table(r.summarise(results)).empty


def test_the_teacher_notebook_runs_on_a_class_of_one(tmp_path):
    """The notebook itself, pointed at a folder holding one file, runs to the end without an error."""
    import nbformat
    from nbclient import NotebookClient

    single = question_of_type("single")
    save(tmp_path / "class", doc({single.id: record(wrong_index(single), attempts=2)}, learner="Sam"))
    nb = nbformat.read(TEACHER_NOTEBOOK, as_version=4)
    setup = next(cell for cell in nb.cells if "RESULTS_FOLDER =" in cell.source)
    setup.source = setup.source.replace("results.EXAMPLE_DIR", repr(str(tmp_path / "class")))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(TEACHER_NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in nb.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Read 1 file from the folder; 1 results file counted." in text
    alts = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert f"Q{BANK.number_of(single.id)} {single.id} (n=1): 0%" in alts
