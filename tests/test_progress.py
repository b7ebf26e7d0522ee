"""The learner's progress file: locked, merged, atomic; never written over when unreadable; every fault a message."""

import json
import multiprocessing
import os

import pytest
from filelock import FileLock

from miscarriage_course.quiz import Quiz, progress
from miscarriage_course.quiz.bank import bank_names, load_bank
from miscarriage_course.quiz.progress import FORMAT_VERSION, ProgressStore, default_progress_path, main


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".progress-"))


# --- where the file lives ------------------------------------------------------------------------------------


def test_the_override_and_xdg_data_home_are_honoured(monkeypatch, tmp_path):
    monkeypatch.setenv("MISCARRIAGE_COURSE_PROGRESS", str(tmp_path / "mine.json"))
    assert default_progress_path() == tmp_path / "mine.json"
    monkeypatch.delenv("MISCARRIAGE_COURSE_PROGRESS")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_progress_path() == tmp_path / "miscarriage-course" / "progress.json"


def test_otherwise_the_systems_data_folder_from_platformdirs(monkeypatch, tmp_path):
    monkeypatch.delenv("MISCARRIAGE_COURSE_PROGRESS")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    system_folder = tmp_path / "Library" / "Application Support" / "miscarriage-course"
    monkeypatch.setattr(progress, "user_data_path",
                        lambda name, appauthor: tmp_path / "Library" / "Application Support" / name)
    assert default_progress_path() == system_folder / "progress.json"
    # A file an earlier version kept in ~/.local/share goes on being used, until one exists in the system's folder.
    legacy = tmp_path / "home" / ".local" / "share" / "miscarriage-course" / "progress.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text("{}")
    assert default_progress_path() == legacy
    system_folder.mkdir(parents=True)
    (system_folder / "progress.json").write_text("{}")
    assert default_progress_path() == system_folder / "progress.json"


# --- saving ----------------------------------------------------------------------------------------------------


def test_save_read_and_reset(progress_file):
    store = ProgressStore()
    assert store.save("00_how_common", "denominator", {"attempts": 1}) == progress.SaveStatus(True, "")
    store.save("01_genetic_causes", "q", {"attempts": 2})
    assert ProgressStore().answers("00_how_common") == {"denominator": {"attempts": 1}}
    store.reset("00_how_common")
    assert ProgressStore().answers("00_how_common") == {}
    assert ProgressStore().answers("01_genetic_causes") == {"q": {"attempts": 2}}
    assert store.reset().ok
    assert json.loads(progress_file.read_text()) == {"banks": {}, "version": FORMAT_VERSION}
    assert leftovers(progress_file.parent) == []


def _save_many(path, worker, count):
    # This test is about losing nothing, not about how long a save may wait (that has its own test): on a loaded
    # machine four processes can queue for the lock longer than a learner's timeout, so wait as long as it takes.
    progress.LOCK_TIMEOUT = -1
    store = ProgressStore(path)
    failures = []
    for i in range(count):
        status = store.save(f"bank{worker % 2}", f"w{worker}-q{i}", {"attempts": i + 1, "answer": worker})
        if not status.ok:
            failures.append(status.message)
    return failures


def test_concurrent_saves_from_several_processes_lose_nothing(tmp_path):
    path = tmp_path / "progress.json"
    workers, count = 4, 50
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"  # spawn on Windows
    with multiprocessing.get_context(method).Pool(workers) as pool:
        failures = pool.starmap(_save_many, [(path, w, count) for w in range(workers)])
    assert failures == [[]] * workers
    saved = json.loads(path.read_text())["banks"]
    assert sum(len(records) for records in saved.values()) == workers * count
    for w in range(workers):
        for i in range(count):
            assert saved[f"bank{w % 2}"][f"w{w}-q{i}"] == {"attempts": i + 1, "answer": w}
    assert leftovers(tmp_path) == []


def test_a_save_keeps_what_another_notebook_wrote_since_this_one_read(progress_file):
    first, second = ProgressStore(), ProgressStore()
    assert first.answers("b") == {} and second.answers("b") == {}
    first.save("b", "q1", {"attempts": 1})
    second.save("b", "q2", {"attempts": 1})
    assert set(ProgressStore().answers("b")) == {"q1", "q2"}


def test_a_save_waits_for_the_lock_and_says_so_when_it_cannot_get_it(progress_file, monkeypatch):
    monkeypatch.setattr(progress, "LOCK_TIMEOUT", 0.05)
    ProgressStore().save("b", "q1", {"attempts": 1})
    with FileLock(str(progress_file) + ".lock"):
        status = ProgressStore().save("b", "q2", {"attempts": 1})
    assert not status.ok and "another notebook" in status.message
    assert "kept while this notebook stays open" in status.message
    assert ProgressStore().answers("b") == {"q1": {"attempts": 1}}


def test_an_interrupted_write_leaves_the_old_file_whole_and_no_temporary_file(progress_file, monkeypatch):
    store = ProgressStore()
    store.save("b", "q", {"attempts": 1})

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store.save("b", "q", {"attempts": 2})
    assert json.loads(progress_file.read_text())["banks"]["b"]["q"] == {"attempts": 1}
    assert leftovers(progress_file.parent) == []


def test_a_failed_write_gives_a_message_and_cleans_up(progress_file, monkeypatch):
    store = ProgressStore()
    store.save("b", "q", {"attempts": 1})

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    status = store.save("b", "q", {"attempts": 2})
    assert not status.ok and "No space left on device" in status.message and status.message == store.message
    assert json.loads(progress_file.read_text())["banks"]["b"]["q"] == {"attempts": 1}
    assert leftovers(progress_file.parent) == []


def test_temporary_files_left_by_a_save_that_died_are_removed(progress_file):
    progress_file.parent.mkdir(exist_ok=True)
    (progress_file.parent / ".progress.json-abc123.tmp").write_text("{half")
    (progress_file.parent / ".progress-old1234.json").write_text("{half")  # the name earlier versions used
    assert ProgressStore().save("b", "q", {}).ok
    assert leftovers(progress_file.parent) == []


def test_an_unwritable_location_gives_a_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    store = ProgressStore(blocker / "progress.json")
    status = store.save("b", "q", {})
    assert not status.ok and "was not saved" in status.message and "a-file" in status.message


# --- files that cannot be read are never written over ------------------------------------------------------------


def test_a_corrupt_file_is_set_aside_unchanged_and_the_answer_saved(progress_file):
    progress_file.write_text("{not json", encoding="utf-8")
    store = ProgressStore()
    assert store.answers("b") == {} and "could not be read" in store.message
    status = store.save("b", "q", {"attempts": 1})
    assert status.ok and "set aside as progress.json.unreadable-" in status.message
    (aside,) = progress_file.parent.glob("progress.json.unreadable-*")
    assert aside.read_text() == "{not json"
    assert ProgressStore().answers("b") == {"q": {"attempts": 1}}
    progress_file.write_text("[]", encoding="utf-8")  # broken again within the same second: a second name
    assert store.save("b", "q", {}).ok
    assert len(list(progress_file.parent.glob("progress.json.unreadable-*"))) == 2


def test_a_file_that_cannot_be_read_is_left_as_it_is(progress_file, monkeypatch):
    ProgressStore().save("b", "q", {"attempts": 1})
    before = progress_file.read_bytes()
    real_read = type(progress_file).read_bytes

    def refused(self):
        if self == progress_file:
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(type(progress_file), "read_bytes", refused)
    store = ProgressStore()
    assert store.answers("b") == {} and "Permission denied" in store.message
    status = store.save("b", "q2", {"attempts": 1})
    assert not status.ok and "left as it is" in status.message
    monkeypatch.undo()
    assert progress_file.read_bytes() == before


def test_a_folder_where_the_file_should_be_is_left_alone(tmp_path):
    path = tmp_path / "progress.json"
    path.mkdir()
    status = ProgressStore(path).save("b", "q", {})
    assert not status.ok and "left as it is" in status.message
    assert path.is_dir()


def test_a_file_from_a_newer_version_is_left_as_it_is(progress_file):
    newer = {"version": FORMAT_VERSION + 1, "banks": {"b": {"q": {"attempts": 1}}}, "more": "things"}
    progress_file.write_text(json.dumps(newer))
    before = progress_file.read_bytes()
    status = ProgressStore().save("b", "q2", {"attempts": 1})
    assert not status.ok and "newer version of the course" in status.message
    assert progress_file.read_bytes() == before


def test_a_file_from_an_older_version_is_brought_up_to_date_and_a_copy_kept(progress_file):
    older = {"version": 1, "banks": {"b": {
        "choice": {"answer": 2, "attempts": 1, "solved": True},
        "ticks": {"answer": [0, 2], "attempts": 2},
        "truefalse": {"answer": False, "attempts": 1},
        "number": {"answer": "12.8", "attempts": 1}}}}
    progress_file.write_text(json.dumps(older))
    saved = ProgressStore().answers("b")
    # A choice answer was the option's place in the file; the display order differs, so only the score is kept.
    assert saved["choice"] == {"attempts": 1, "solved": True} and saved["ticks"] == {"attempts": 2}
    assert saved["truefalse"]["answer"] is False and saved["number"]["answer"] == "12.8"
    assert ProgressStore().save("b", "new", {"attempts": 1}).ok
    assert json.loads(progress_file.read_text())["version"] == FORMAT_VERSION
    (copy,) = progress_file.parent.glob("progress.json.format-1-*")
    assert json.loads(copy.read_text()) == older


def test_a_missing_or_broken_version_number(progress_file):
    progress_file.write_text(json.dumps({"banks": {"b": {"q": {"attempts": 1}}}}))  # no version: the first format
    assert ProgressStore().answers("b") == {"q": {"attempts": 1}}
    progress_file.write_text('{"version": "two", "banks": {}}')
    status = ProgressStore().save("b", "q", {})
    assert status.ok and "set aside" in status.message


# --- wrong-typed entries: a message, never TypeError or OverflowError ---------------------------------------------


def test_wrong_typed_entries_give_a_message_not_an_error(progress_file):
    progress_file.write_text(json.dumps({"version": FORMAT_VERSION, "banks": {
        "list-bank": [1, 2], "b": {"text": "x", "ok": {"attempts": 1}}}}))
    store = ProgressStore()
    assert store.answers("list-bank") == {} and "not laid out as expected" in store.message
    assert store.answers("b") == {"ok": {"attempts": 1}} and "question text" in store.message
    status = store.save("list-bank", "q", {"attempts": 1})  # used to raise TypeError
    assert status.ok and "were replaced" in status.message and "A copy of the file as it was is kept" in status.message
    (copy,) = progress_file.parent.glob("progress.json.before-repair-*")
    assert json.loads(copy.read_text())["banks"]["list-bank"] == [1, 2]
    assert ProgressStore().answers("list-bank") == {"q": {"attempts": 1}}


@pytest.mark.parametrize("attempts", ["Infinity", "-Infinity", "NaN", "1e300", "-1", '"three"', "true", "2.5"])
def test_a_wrong_attempt_count_is_left_out_with_a_message(progress_file, attempts):
    progress_file.write_text('{"version": %d, "banks": {"b": {"q": {"attempts": %s, "solved": true}}}}'
                             % (FORMAT_VERSION, attempts))
    store = ProgressStore()
    assert store.answers("b") == {"q": {"solved": True}}
    assert "the number of attempts" in store.message


def test_a_quiz_restores_from_a_file_with_infinite_attempts(progress_file):
    bank = load_bank(bank_names()[0])
    question = bank.questions[0]
    progress_file.write_text('{"version": %d, "banks": {"%s": {"%s": {"attempts": Infinity, "solved": true}}}}'
                             % (FORMAT_VERSION, bank.name, question.id))
    quiz = Quiz(bank.name)  # used to raise OverflowError
    assert quiz.widget(question.id).question["id"] == question.id  # the widget was made
    assert "the number of attempts" in quiz.store.message


def test_command_line_reset(progress_file, capsys):
    ProgressStore().save("b", "q", {})
    assert main(["--reset"]) == 0
    assert "Saved answers cleared" in capsys.readouterr().out
    assert ProgressStore().answers("b") == {}


def test_a_process_that_used_the_progress_file_exits_without_an_ignored_error(tmp_path):
    """A lock kept on the store was finalised at interpreter exit and printed "Exception ignored ... TypeError"."""
    import subprocess
    import sys

    code = ("from miscarriage_course.quiz.progress import ProgressStore\n"
            "store = ProgressStore(__import__('sys').argv[1])\n"
            "store.save('00_how_common', 'denominator', {'attempts': 1})\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "progress.json")], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr, done.stderr
