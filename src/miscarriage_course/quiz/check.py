"""Check quiz banks after editing them, in plain words: ``course-check-bank [FILE...]`` (or ``make check-banks``).

    course-check-bank                                         # every bank in data/quizzes/
    course-check-bank data/quizzes/03_endocrine_causes.yaml   # one bank (compared with the others)
    course-check-bank --table                                 # and the linter's figures, one bank a row

For each bank file, in order: the YAML syntax (line, column and how to fix it), the fields of every question, the
source ids, the figures (each number must be in the snippets or data rows of the sources the question cites) and the
linter's targets (see :mod:`miscarriage_course.quiz.lint`). Every message names the file and the question.
Exit status 0 when nothing needs fixing, 1 otherwise. Points "to look at" (possible near-duplicates, absolute words)
are printed but do not fail the check.
"""

import argparse
import sys
from pathlib import Path

from miscarriage_course.errors import CourseDataError
from miscarriage_course.paths import data_dir, display_path
from miscarriage_course.quiz.bank import load_bank_file
from miscarriage_course.quiz.lint import FEWEST_TRUEFALSE_PER_BANK, SourceNumbers, figures_table, lint


def _bank_files(arguments) -> tuple:
    """(files to check, problems with the arguments themselves)."""
    if not arguments:
        return sorted((data_dir() / "quizzes").glob("*.yaml")), []
    files, problems = [], []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(path.glob("*.yaml"))
            files += found
            if not found:
                problems.append(f"{argument}: a folder with no .yaml bank files in it")
        elif path.exists():
            files.append(path)
        else:
            problems.append(f"{argument}: no such file")
    return files, problems


def check(arguments=(), table=False) -> tuple:
    """Check bank files; returns (lines to print, True when nothing needs fixing)."""
    from miscarriage_course.tables import load_sources

    files, problems = _bank_files(list(arguments))
    lines = [f"✗ {p}" for p in problems]
    try:
        sources = load_sources()
        numbers = SourceNumbers(sources)
    except CourseDataError as err:
        lines += ["✗ The sources or the data dictionary could not be read, so no bank can be checked:"]
        lines += [f"  {line}" for line in str(err).splitlines()]
        return lines, False
    lines += [f"✗ {p}" for p in numbers.problems]
    ok = not problems and not numbers.problems
    known = set(sources.index)
    checked, broken = [], set()
    for path in files:
        try:
            checked.append(load_bank_file(path, known))
        except CourseDataError as err:
            broken.add(display_path(path))
            lines += [f"✗ {display_path(path)} cannot be loaded; fix these first ({len(err.problems)}):"]
            lines += [f"  - {err.path}: {p}" for p in err.problems]
            ok = False
    # The other banks of the course, to find near-duplicates and to judge the True share over the whole course.
    named = {Path(p).resolve() for p in files}
    others = []
    for path in sorted((data_dir() / "quizzes").glob("*.yaml")):
        if path.resolve() not in named:
            try:
                others.append(load_bank_file(path, known))
            except CourseDataError:
                lines.append(f"  (note: {display_path(path)} is broken, so it was left out of the course-wide checks)")
    report = lint(checked + others, numbers)
    failing = len(broken)
    by_path = {f.path: f for f in report.figures}
    judged_over_course = []  # banks with too few true/false questions to judge their True share alone
    for bank in checked:
        path = display_path(bank.path)
        mine = [f for f in report.findings if f.path == path or f.other == path]
        fix = [f for f in mine if f.blocking]
        look = [f for f in mine if not f.blocking]
        if by_path[path].truefalse < FEWEST_TRUEFALSE_PER_BANK:
            judged_over_course.append(path)
        ok = ok and not fix
        failing += bool(fix)
        row = by_path[path].as_row()
        summary = "; ".join(f"{k} {v}" for k, v in row.items() if k != "bank")
        lines.append(f"{'✗' if fix else '✓'} {path}: {len(bank.questions)} questions; "
                     + (f"{len(fix)} to fix" if fix else "nothing to fix"))
        lines.append(f"  measured: {summary}")
        lines += [f"  - {f}" for f in fix]
        lines += [f"  - to look at: {f}" for f in look]
    course_wide = [f for f in report.findings if f.path == "" and f.blocking]
    if judged_over_course and course_wide:
        ok = False
        lines.append(f"✗ The whole course ({len(report.figures)} banks), which judges the true/false questions of "
                     f"{', '.join(judged_over_course)} (fewer than {FEWEST_TRUEFALSE_PER_BANK} in the bank):")
        lines += [f"  - {f}" for f in course_wide]
    if table and checked:
        shown = [by_path[display_path(bank.path)] for bank in checked]
        lines += ["", "What the linter measured (what learners see):", figures_table(shown), ""]
    total = len(checked) + len(broken)
    if not total:
        lines.append("No bank was checked.")
        return lines, False
    lines.append(f"{total} bank(s) checked: nothing to fix." if ok else
                 f"{failing} of {total} bank(s) checked need changes. The field guide, data/quizzes/README.md, "
                 "explains every field and the usual YAML mistakes.")
    return lines, ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="course-check-bank",
        description="Check quiz banks after editing them: YAML syntax, fields, sources, figures and the linter.")
    parser.add_argument("files", nargs="*", help="bank files or folders (default: every bank in data/quizzes/)")
    parser.add_argument("--table", action="store_true",
                        help="also print the linter's figures as a table, one bank a row")
    args = parser.parse_args(argv)
    try:
        lines, ok = check(args.files, table=args.table)
    except CourseDataError as err:  # a data file the check relies on is broken
        print(err, file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 -- a teacher gets a sentence, never a traceback
        print(f"course-check-bank stopped on an unexpected problem ({type(err).__name__}: {err}). "
              "Nothing was changed; please report this to the course maintainers.", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
