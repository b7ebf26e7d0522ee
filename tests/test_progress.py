"""The learner's progress file: written atomically, kept outside the repository, set aside when unreadable."""

import json
import os

from miscarriage_course.quiz.progress import ProgressStore, default_progress_path, main


def test_default_location_is_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.delenv("MISCARRIAGE_COURSE_PROGRESS")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_progress_path() == tmp_path / "miscarriage-course" / "progress.json"


def test_save_read_and_reset(progress_file):
    store = ProgressStore()
    store.save("00_how_common", "denominator", {"attempts": 1})
    store.save("01_genetic_causes", "q", {"attempts": 2})
    assert ProgressStore().answers("00_how_common") == {"denominator": {"attempts": 1}}
    store.reset("00_how_common")
    assert ProgressStore().answers("00_how_common") == {}
    assert ProgressStore().answers("01_genetic_causes") == {"q": {"attempts": 2}}
    store.reset()
    assert json.loads(progress_file.read_text()) == {"banks": {}, "version": 1}


def test_an_interrupted_write_leaves_the_old_file_whole(progress_file, monkeypatch):
    store = ProgressStore()
    store.save("b", "q", {"attempts": 1})
    def crash(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "replace", crash)
    try:
        store.save("b", "q", {"attempts": 2})
    except KeyboardInterrupt:
        pass
    assert json.loads(progress_file.read_text())["banks"]["b"]["q"] == {"attempts": 1}


def test_a_corrupt_file_is_set_aside_with_a_message(progress_file):
    progress_file.write_text("{not json", encoding="utf-8")
    store = ProgressStore()
    assert store.answers("b") == {}
    assert "could not be read, so it was set aside as progress.json.unreadable-" in store.message
    assert not progress_file.exists()
    assert len(list(progress_file.parent.glob("progress.json.unreadable-*"))) == 1


def test_an_unwritable_location_gives_a_message(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    store = ProgressStore(blocker / "progress.json")
    store.save("b", "q", {})
    assert "could not be saved" in store.message


def test_command_line_reset(progress_file, capsys):
    ProgressStore().save("b", "q", {})
    main(["--reset"])
    assert "Saved answers cleared" in capsys.readouterr().out
    assert ProgressStore().answers("b") == {}
