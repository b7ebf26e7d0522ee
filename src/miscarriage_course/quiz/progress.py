"""A learner's answers, kept in one small JSON file on their own computer, never sent anywhere.

Where: ``$MISCARRIAGE_COURSE_PROGRESS`` if set; else the course's folder in the user's data folder as platformdirs
names it on each system (Linux: ``$XDG_DATA_HOME/miscarriage-course/progress.json``, by default
``~/.local/share/...``; macOS: ``~/Library/Application Support/miscarriage-course/``; Windows:
``%LOCALAPPDATA%\\miscarriage-course\\``). A file kept by an earlier version of the course in
``~/.local/share/miscarriage-course/`` on macOS or Windows goes on being used.

How a save works, so that no answer is ever lost:

- Several notebooks (kernels) may save at the same moment. Each save takes a lock (``progress.json.lock``), reads
  the file as it is now, puts in the one answer it saves, and writes the whole file to a temporary file that then
  replaces the old one; so each kernel keeps what the others wrote, and an interrupted write never leaves half a
  file. A temporary file left by a save that failed is removed.
- A file that cannot be read is never written over. Broken content (not JSON, or not laid out as expected) is set
  aside under a new name (``progress.json.unreadable-<time>``) and the course starts afresh; a file the system will
  not let us read, or one written by a newer version of the course, is left exactly as it is and nothing is saved
  into it this session. Every such problem gives a message.
- A file in an older format is read and brought up to date (a copy of the old file is kept as
  ``progress.json.format-<n>``).

For the widgets: :meth:`ProgressStore.save` returns a :class:`SaveStatus`; when ``status.ok`` is false,
``status.message`` says in plain words what happened (show it next to the question). :meth:`ProgressStore.answers`
never raises; what it had to leave out is said in ``store.message``.

Reset from a terminal with ``python -m miscarriage_course.quiz.progress --reset`` (or ``make reset-progress``).
"""

import argparse
import json
import math
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

FORMAT_VERSION = 2
# Version 1 kept a choice question's answer as the option's place in the bank file; version 2 keeps its place in
# the display order (see quiz.bank.display_order). Version-1 choice answers are dropped when the file is read (the
# attempts and the score are kept), because the places no longer match.
APP_NAME = "miscarriage-course"
LOCK_TIMEOUT = 10  # seconds to wait for another notebook to finish saving
KEPT_FOR_NOW = "Your answer is kept while this notebook stays open, but it was not saved"


def _legacy_progress_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / APP_NAME / "progress.json"


def default_progress_path() -> Path:
    if os.environ.get("MISCARRIAGE_COURSE_PROGRESS"):
        return Path(os.environ["MISCARRIAGE_COURSE_PROGRESS"])
    if os.environ.get("XDG_DATA_HOME"):  # honoured on every system, as before
        return _legacy_progress_path()
    path = user_data_path(APP_NAME, appauthor=False) / "progress.json"
    legacy = _legacy_progress_path()
    if path != legacy and not path.exists() and legacy.exists():
        return legacy
    return path


@dataclass(frozen=True)
class SaveStatus:
    """What became of a save: ``ok`` is true when the answer is in the file; ``message`` says what went wrong."""

    ok: bool
    message: str = ""

    def __bool__(self):
        return self.ok


class _Unwritable(Exception):
    """The file must not be written this time; the message says why."""


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9


def clean_record(record):
    """A saved record a widget can use safely, or None; and what had to be left out of it.

    Wrong-typed fields (an attempt count of Infinity, -1, "x" or 1e300; a flag that is not true or false) are left
    out, not guessed; the rest of the record is kept.
    """
    if not isinstance(record, dict):
        return None, ["it is not a record"]
    cleaned, dropped = {}, []
    for key, value in record.items():
        if key == "attempts" and not _is_count(value):
            dropped.append(f"the number of attempts ({value!r})")
        elif key in ("solved", "first_try", "revealed", "locked") and not isinstance(value, bool):
            dropped.append(f"'{key}' ({value!r})")
        elif isinstance(value, float) and not math.isfinite(value):
            dropped.append(f"'{key}' ({value!r})")
        else:
            cleaned[key] = value
    return cleaned, dropped


class ProgressStore:
    """Saved answers, by bank name and question id."""

    def __init__(self, path=None):
        self.path = Path(path) if path else default_progress_path()
        self.message = ""  # the latest problem with reading or saving, in plain words ("" when all is well)
        self._old_format = None

    # --- reading -------------------------------------------------------------------------------------------
    def _aside_name(self, why: str) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        n = 0
        while True:
            candidate = self.path.with_name(f"{self.path.name}.{why}-{stamp}" + (f"-{n}" if n else ""))
            if not candidate.exists():
                return candidate
            n += 1

    def _load(self, set_aside=True) -> tuple:
        """(banks, whether the file may be written). Never raises; problems go to self.message."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}, True
        except OSError as err:
            self.message = (f"Your saved answers ({self.path}) could not be read ({err.strerror or err}). The file is "
                            "left as it is; answers you give now are kept only while the notebook is open.")
            return {}, False
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("banks"), dict):
                raise ValueError("unexpected layout")
            version = data.get("version", 1)
            if not _is_count(version):
                raise ValueError(f"format version {version!r}")
        except (ValueError, UnicodeDecodeError, RecursionError):
            if not set_aside:
                self.message = (f"Your saved answers file ({self.path}) could not be read. It will be set aside, "
                                "unchanged, when you next answer a question.")
                return {}, False
            aside = self._aside_name("unreadable")
            try:
                self.path.replace(aside)
            except OSError as err:
                self.message = (f"Your saved answers file ({self.path}) could not be read, and it could not be set "
                                f"aside ({err.strerror or err}). It is left as it is; answers you give now are kept "
                                "only while the notebook is open.")
                return {}, False
            self.message = (f"Your saved answers file could not be read, so it was set aside as {aside.name} "
                            f"(in {aside.parent}) and nothing in it was changed. Starting afresh.")
            return {}, True
        if version > FORMAT_VERSION:
            self.message = (f"Your saved answers ({self.path}) were written by a newer version of the course (format "
                            f"{version}; this one reads format {FORMAT_VERSION}). The file is left as it is; answers "
                            "you give now are kept only while the notebook is open. Update the course to keep them.")
            return data["banks"], False
        banks = data["banks"]
        if version < FORMAT_VERSION:
            banks = _upgrade(banks, version)
            self._old_format = version
        return banks, True

    def answers(self, bank: str) -> dict:
        """Every saved record for one bank that a widget can use: {question_id: record}. Never raises."""
        records = self._load(set_aside=False)[0].get(bank, {})
        if not isinstance(records, dict):
            self.message = f"The saved answers for {bank} are not laid out as expected, so they were not used."
            return {}
        usable, notes = {}, []
        for qid, record in records.items():
            cleaned, dropped = clean_record(record)
            if cleaned is None:
                notes.append(f"question {qid}")
                continue
            if dropped:
                notes.append(f"question {qid}: {', '.join(dropped)}")
            usable[qid] = cleaned
        if notes:
            self.message = ("Some saved answers could not be used and were left out (they stay in the file): "
                            + "; ".join(notes) + ".")
        return usable

    # --- writing -------------------------------------------------------------------------------------------
    def _change(self, change, not_done=KEPT_FOR_NOW) -> SaveStatus:
        """Read the file under the lock, apply ``change(banks)``, write it back. Returns what happened."""
        # filelock is imported on the first change, not with the module: a notebook that is only run (as nbval and
        # Run All do) never writes, and the import took about 20 ms of every notebook's first cell.
        from filelock import FileLock, Timeout

        self._old_format = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # A lock made for each change, not kept on the store: a kept one is finalised at interpreter exit,
            # when filelock's own module is half torn down, and prints an ignored TypeError.
            with FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT):
                self._remove_stale_temporary_files()
                banks, writable = self._load()
                if not writable:
                    raise _Unwritable(self.message)
                backup = change(banks)
                if self._old_format is not None:
                    self._keep_copy(f"format-{self._old_format}")
                if backup:
                    kept = self._keep_copy("before-repair")
                    self.message = f"{backup} A copy of the file as it was is kept as {kept.name}."
                self._write(banks)
        except _Unwritable as err:
            self.message = f"{not_done}: {err}"
            return SaveStatus(False, self.message)
        except Timeout:
            self.message = (f"{not_done}: another notebook held the saved-answers file for over {LOCK_TIMEOUT} "
                            "seconds. Try again in a moment.")
            return SaveStatus(False, self.message)
        except OSError as err:
            self.message = f"{not_done} ({err.strerror or err}: {getattr(err, 'filename', None) or self.path})."
            return SaveStatus(False, self.message)
        return SaveStatus(True, self.message)

    def _keep_copy(self, why: str) -> Path:
        copy = self._aside_name(why)
        shutil.copy2(self.path, copy)
        return copy

    def _remove_stale_temporary_files(self):
        """A temporary file is only there while a save holds the lock; any found now was left by a save that died."""
        for pattern in (f".{self.path.name}-*.tmp", ".progress-*.json"):
            for leftover in self.path.parent.glob(pattern):
                try:
                    leftover.unlink()
                except OSError:
                    pass

    def _write(self, banks: dict) -> None:
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"version": FORMAT_VERSION, "banks": banks}, out, indent=1, sort_keys=True)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise

    def save(self, bank: str, question_id: str, record: dict) -> SaveStatus:
        """Save one question's record, keeping everything else in the file (also what other notebooks wrote)."""

        def put(banks):
            repaired = ""
            if not isinstance(banks.get(bank, {}), dict):
                repaired = f"The saved answers for {bank} were not laid out as expected and were replaced."
                banks[bank] = {}
            banks.setdefault(bank, {})[question_id] = record
            return repaired

        self.message = ""
        return self._change(put)

    def reset(self, bank: str | None = None) -> SaveStatus:
        """Forget the answers of one bank, or of the whole course."""

        def forget(banks):
            if bank is None:
                banks.clear()
            else:
                banks.pop(bank, None)

        self.message = ""
        return self._change(forget, "Nothing was cleared")


def _upgrade(banks: dict, version: int) -> dict:
    """Bring banks saved in an older format up to FORMAT_VERSION."""
    if version < 2:  # choice answers were places in the bank file; they are now places in the display order
        for records in banks.values():
            if isinstance(records, dict):
                for record in records.values():
                    if isinstance(record, dict) and (isinstance(record.get("answer"), list) or (
                            isinstance(record.get("answer"), int) and not isinstance(record.get("answer"), bool))):
                        record.pop("answer")
    return banks


def main(argv=None):
    parser = argparse.ArgumentParser(description="Show or reset the answers the course keeps on this computer.")
    parser.add_argument("--reset", action="store_true", help="forget every saved answer")
    args = parser.parse_args(argv)
    store = ProgressStore()
    if args.reset:
        status = store.reset()
        if status.ok:
            print(f"Saved answers cleared ({store.path}).")
    else:
        banks, _ = store._load(set_aside=False)
        print(f"Saved answers are kept in {store.path}")
        for bank, records in sorted(banks.items()):
            count = len(records) if isinstance(records, dict) else 0
            print(f"  {bank}: {count} question(s) answered")
    if store.message:
        print(store.message)
    return 0 if not store.message else 1


if __name__ == "__main__":
    raise SystemExit(main())
