"""A learner's answers, kept in one small JSON file on their own computer, never sent anywhere.

The file lives outside the repository: ``$MISCARRIAGE_COURSE_PROGRESS`` if set, else
``$XDG_DATA_HOME/miscarriage-course/progress.json`` (``~/.local/share/...`` by default). Writes go to a temporary
file that then replaces the old one, so an interrupted write never leaves half a file. A file that cannot be read is
set aside (renamed) with a message, and the course starts afresh.

Reset from a terminal with ``python -m miscarriage_course.quiz.progress --reset`` (or ``make reset-progress``).
"""

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

FORMAT_VERSION = 1


def default_progress_path() -> Path:
    if os.environ.get("MISCARRIAGE_COURSE_PROGRESS"):
        return Path(os.environ["MISCARRIAGE_COURSE_PROGRESS"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "miscarriage-course" / "progress.json"


class ProgressStore:
    """Saved answers, by bank name and question id."""

    def __init__(self, path=None):
        self.path = Path(path) if path else default_progress_path()
        self.message = ""  # set when the file had to be set aside or could not be written

    def _read(self) -> dict:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as err:
            self.message = f"Your saved answers could not be read ({err.strerror}); answers will not be kept this time."
            return {}
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get("banks"), dict):
                raise ValueError("unexpected layout")
            return data["banks"]
        except ValueError:
            aside = self.path.with_name(f"{self.path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                self.path.replace(aside)
                self.message = f"Your saved answers file could not be read, so it was set aside as {aside.name}. Starting afresh."
            except OSError:
                self.message = "Your saved answers file could not be read; starting afresh."
            return {}

    def _write(self, banks: dict) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".progress-", suffix=".json")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"version": FORMAT_VERSION, "banks": banks}, out, indent=1, sort_keys=True)
            os.replace(temporary, self.path)
        except OSError as err:
            self.message = f"Your answers could not be saved ({err.strerror}); they will be lost when the kernel stops."

    def answers(self, bank: str) -> dict:
        """Every saved record for one bank: {question_id: record}."""
        records = self._read().get(bank, {})
        return records if isinstance(records, dict) else {}

    def save(self, bank: str, question_id: str, record: dict) -> None:
        banks = self._read()
        banks.setdefault(bank, {})[question_id] = record
        self._write(banks)

    def reset(self, bank: str | None = None) -> None:
        """Forget the answers of one bank, or of the whole course."""
        banks = self._read()
        if bank is None:
            banks = {}
        else:
            banks.pop(bank, None)
        self._write(banks)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Show or reset the answers the course keeps on this computer.")
    parser.add_argument("--reset", action="store_true", help="forget every saved answer")
    args = parser.parse_args(argv)
    store = ProgressStore()
    if args.reset:
        store.reset()
        print(f"Saved answers cleared ({store.path}).")
    else:
        banks = store._read()
        print(f"Saved answers are kept in {store.path}")
        for bank, records in sorted(banks.items()):
            print(f"  {bank}: {len(records)} question(s) answered")
    if store.message:
        print(store.message)


if __name__ == "__main__":
    main()
