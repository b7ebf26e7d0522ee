"""Load the course's data tables by name, checked against the data dictionary (``data/tables.yaml``).

Every table is a small CSV file in ``data/``. Every row that carries a figure names the source it comes from, and
every source is a row of ``data/sources.csv`` with a DOI, PMID or URL and a short verbatim snippet (under 30
words). Loading a table checks it and raises :class:`CourseDataError` naming the file, the line and the column of
anything wrong.
"""

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from miscarriage_course.errors import CourseDataError
from miscarriage_course.paths import data_dir, display_path
from miscarriage_course.vocabulary import ADVICE_LEVELS, EVIDENCE_LEVELS
from miscarriage_course.yaml_text import load_yaml

SOURCES_COLUMNS = ("id", "short", "citation", "doi", "pmid", "url", "snippet", "status")
SOURCE_STATUSES = ("primary", "secondary")
# House rule: a snippet quotes fewer than this many words (counted as str.split() counts them).
SNIPPET_WORD_LIMIT = 30
COLUMN_TYPES = ("text", "number", "unit", "sources", "evidence", "advice")
# Units a figure may carry. "%" values must lie between 0 and 100.
UNITS = ("%", "OR", "aOR", "RR", "percentage points", "count", "weeks", "years")
INTERVAL = ("lower", "value", "upper")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    optional: bool


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple

    @property
    def path(self) -> Path:
        return data_dir() / f"{self.name}.csv"


def _dictionary_path() -> Path:
    return data_dir() / "tables.yaml"


def _file_version(path: Path) -> tuple:
    """What tells one version of a file from the next, for the caches below: (modified time in ns, size), or None
    for a missing file."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def read_dictionary() -> dict:
    """The data dictionary: every table's description and columns, keyed by table name.

    It is read once per version of the file (every ``load_table`` asks for it), so editing it takes effect at once.
    """
    path = _dictionary_path()
    return dict(_read_dictionary_cached(str(path), _file_version(path)))


@lru_cache(maxsize=8)
def _read_dictionary_cached(path_text: str, version) -> dict:
    path = Path(path_text)
    where = display_path(path)
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseDataError(where, "the data dictionary is missing") from None
    except yaml.YAMLError as err:
        raise CourseDataError(where, f"not valid YAML ({err})") from None
    if not isinstance(raw, dict):
        raise CourseDataError(where, "expected a mapping of table names to their descriptions and columns")
    specs, problems = {}, []
    for name, entry in raw.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("columns"), list):
            problems.append(f"table '{name}': expected 'description' and a list of 'columns'")
            continue
        columns = []
        for item in entry["columns"]:
            col_name, _, col_type = str(item).partition(":")
            words = col_type.split()
            optional = bool(words) and words[0] == "optional"
            col_type = (words[1:] if optional else words)[0] if len(words) > optional else "text"
            if col_type not in COLUMN_TYPES:
                problems.append(f"table '{name}', column '{col_name}': type '{col_type}' is not one of "
                                f"{', '.join(COLUMN_TYPES)}")
            columns.append(Column(col_name.strip(), col_type, optional))
        specs[name] = TableSpec(name, str(entry.get("description", "")), tuple(columns))
    if problems:
        raise CourseDataError(where, problems)
    return specs


def _read_csv_rows(path: Path, where: str):
    """The header and the rows of a CSV file, each row with its line number; raises on an unreadable file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseDataError(where, "file not found") from None
    except UnicodeDecodeError as err:
        message = f"not UTF-8 text ({err.reason} at byte {err.start}); save it as UTF-8 CSV"
        raise CourseDataError(where, message) from None
    reader = csv.reader(text.splitlines())
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as err:
        raise CourseDataError(where, f"line {reader.line_num}: not valid CSV ({err})") from None
    rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise CourseDataError(where, "the file is empty; expected a header line and at least one row")
    (_, header), body = rows[0], rows[1:]
    if not body:
        raise CourseDataError(where, "the file has a header but no rows")
    return [h.strip() for h in header], body


def _parse_number(text: str):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _check_header(header, expected, optional, where):
    problems = []
    missing = [c for c in expected if c not in header and c not in optional]
    if missing:
        problems.append(f"line 1 (header): missing column(s) {', '.join(repr(c) for c in missing)}; "
                        f"expected {', '.join(expected)}")
    unknown = [c for c in header if c not in expected]
    if unknown:
        problems.append(f"line 1 (header): unexpected column(s) {', '.join(repr(c) for c in unknown)}; "
                        f"expected {', '.join(expected)}")
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        problems.append(f"line 1 (header): column(s) {', '.join(repr(c) for c in duplicated)} appear more than once")
    if problems:
        raise CourseDataError(where, problems)


def _records(header, body, where):
    """Rows as dicts, with a problem for each row whose number of fields does not match the header."""
    records, problems = [], []
    for line, row in body:
        if len(row) != len(header):
            problems.append(
                f"line {line}: expected {len(header)} fields ({', '.join(header)}), found {len(row)}"
                " (is there an unquoted comma in a text field?)"
            )
            continue
        records.append((line, {h: cell.strip() for h, cell in zip(header, row)}))
    return records, problems


@lru_cache(maxsize=8)
def _load_sources_cached(path_text: str, version) -> pd.DataFrame:
    path = Path(path_text)
    where = display_path(path)
    header, body = _read_csv_rows(path, where)
    _check_header(header, SOURCES_COLUMNS, ("doi", "pmid", "url"), where)
    records, problems = _records(header, body, where)
    seen = {}
    for line, rec in records:
        sid = rec.get("id", "")
        if not sid:
            problems.append(f"line {line}, column 'id': empty; every source needs an id")
        elif not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", sid):
            problems.append(f"line {line}, column 'id': '{sid}' should be lowercase letters, digits, '.', '_' or '-'")
        elif sid in seen:
            problems.append(f"line {line}, column 'id': '{sid}' is already used on line {seen[sid]}")
        seen.setdefault(sid, line)
        for col in ("short", "citation", "snippet"):
            if not rec.get(col):
                problems.append(f"line {line}, column '{col}': empty; expected text")
        words = len(rec.get("snippet", "").split())
        if words >= SNIPPET_WORD_LIMIT:
            problems.append(
                f"line {line}, column 'snippet': {words} words; expected fewer than {SNIPPET_WORD_LIMIT}"
                " (keep the passage that holds the figure, or put a second passage in a row of its own)"
            )
        if not (rec.get("doi") or rec.get("pmid") or rec.get("url")):
            problems.append(f"line {line}: source '{sid}' needs a DOI, a PMID or a URL")
        if rec.get("doi") and not rec["doi"].startswith("10."):
            problems.append(f"line {line}, column 'doi': '{rec['doi']}' should start with '10.' "
                            "(no https://doi.org/ prefix)")
        if rec.get("pmid") and not rec["pmid"].isdigit():
            problems.append(f"line {line}, column 'pmid': '{rec['pmid']}' should be digits only")
        if rec.get("url") and not rec["url"].startswith(("https://", "http://")):
            problems.append(f"line {line}, column 'url': '{rec['url']}' should start with https://")
        if rec.get("status") not in SOURCE_STATUSES:
            problems.append(f"line {line}, column 'status': '{rec.get('status')}' should be primary or secondary")
    if problems:
        raise CourseDataError(where, problems)
    frame = pd.DataFrame([rec for _, rec in records], columns=[c for c in SOURCES_COLUMNS if c in header])
    for col in SOURCES_COLUMNS:
        if col not in frame:
            frame[col] = ""
    return frame.set_index("id", drop=False)


def load_sources() -> pd.DataFrame:
    """The source table (``data/sources.csv``), indexed by source id.

    It is read and checked once per version of the file, however many charts, tables and questions cite it.
    """
    path = data_dir() / "sources.csv"
    return _load_sources_cached(str(path), _file_version(path))


def split_source_ids(cell: str) -> list:
    """Source ids from a cell that may list several, separated by ';'."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def source_names(source_ids) -> str:
    """The short names of the sources with these ids, each publication once, in order: "Pylyp 2018; Soler 2017".

    Several rows of sources.csv can quote one publication (one row per passage), so ids are not names.
    """
    sources = load_sources()
    names = []
    for sid in source_ids:
        if sid in sources.index and sources.loc[sid]["short"] not in names:
            names.append(sources.loc[sid]["short"])
    return "; ".join(names)


def _check_record(line, rec, spec, known_sources):
    problems = []
    numbers = {}
    for col in spec.columns:
        cell = rec.get(col.name, "")
        if cell == "":
            if not col.optional:
                problems.append(f"line {line}, column '{col.name}': empty; expected {_expected(col)}")
            continue
        if col.type == "number":
            value = _parse_number(cell)
            if value is None:
                problems.append(f"line {line}, column '{col.name}': expected a number, found '{cell}'")
            else:
                numbers[col.name] = value
        elif col.type == "evidence" and cell not in EVIDENCE_LEVELS:
            problems.append(f"line {line}, column '{col.name}': '{cell}' is not one of {', '.join(EVIDENCE_LEVELS)}")
        elif col.type == "advice" and cell not in ADVICE_LEVELS:
            problems.append(f"line {line}, column '{col.name}': '{cell}' is not one of {', '.join(ADVICE_LEVELS)}")
        elif col.type == "unit" and cell not in UNITS:
            problems.append(f"line {line}, column '{col.name}': unit '{cell}' is not one of {', '.join(UNITS)}")
        elif col.type == "sources":
            for sid in split_source_ids(cell):
                if sid not in known_sources:
                    problems.append(
                        f"line {line}, column '{col.name}': unknown source id '{sid}'; "
                        "add it to data/sources.csv or fix the id"
                    )
    if rec.get("unit") == "%":
        for name in INTERVAL:
            if name in numbers and not 0 <= numbers[name] <= 100:
                problems.append(f"line {line}, column '{name}': {numbers[name]:g} is a percentage, "
                                "so it must lie between 0 and 100")
    present = [(n, numbers[n]) for n in INTERVAL if n in numbers]
    for (a, x), (b, y) in zip(present, present[1:]):
        if x > y:
            problems.append(f"line {line}, columns '{a}' and '{b}': {a} ({x:g}) is greater than {b} ({y:g}); "
                            "expected lower ≤ value ≤ upper")
    return problems


def _expected(col: Column) -> str:
    expected = {"number": "a number", "unit": f"a unit ({', '.join(UNITS)})", "sources": "a source id",
                "evidence": f"one of {', '.join(EVIDENCE_LEVELS)}", "advice": f"one of {', '.join(ADVICE_LEVELS)}"}
    return expected.get(col.type, "text")


def load_table(name: str) -> pd.DataFrame:
    """Read the table ``data/<name>.csv`` and check it against the data dictionary.

    Number columns come back as floats (blank optional numbers as NaN), text columns as strings.
    Raises :class:`CourseDataError` naming the file, line and column of every problem found.
    """
    specs = read_dictionary()
    if name not in specs:
        raise CourseDataError(
            display_path(_dictionary_path()),
            f"no table called '{name}'; known tables: {', '.join(sorted(specs))}",
        )
    spec = specs[name]
    where = display_path(spec.path)
    header, body = _read_csv_rows(spec.path, where)
    expected = [c.name for c in spec.columns]
    _check_header(header, expected, [c.name for c in spec.columns if c.optional], where)
    records, problems = _records(header, body, where)
    known = set(load_sources().index)
    for line, rec in records:
        problems.extend(_check_record(line, rec, spec, known))
    if problems:
        raise CourseDataError(where, problems)
    frame = pd.DataFrame([rec for _, rec in records], columns=expected)
    for col in spec.columns:
        if col.type == "number":
            frame[col.name] = pd.to_numeric(frame[col.name].replace("", None), errors="coerce").astype(float)
        else:
            frame[col.name] = frame[col.name].fillna("").astype(str)
    frame.attrs["table"] = name
    frame.attrs["description"] = spec.description
    return frame


def sources_of(frame: pd.DataFrame, column: str = "source_id") -> list:
    """The distinct source ids a table's rows cite, in the order they first appear."""
    ids = []
    for cell in frame[column]:
        for sid in split_source_ids(cell):
            if sid not in ids:
                ids.append(sid)
    return ids


def source_link(source_id: str) -> str:
    """The best link for a source: its DOI, else its PubMed page, else its URL."""
    row = load_sources().loc[source_id]
    if row["doi"]:
        return f"https://doi.org/{row['doi']}"
    if row["pmid"]:
        return f"https://pubmed.ncbi.nlm.nih.gov/{row['pmid']}/"
    return row["url"]


def reference_list(source_ids) -> "ReferenceList":
    """A numbered reference list for a notebook's closing section, drawn from the source table."""
    sources = load_sources()
    unknown = [s for s in source_ids if s not in sources.index]
    if unknown:
        raise CourseDataError("data/sources.csv", f"no source with id {', '.join(unknown)}")
    rows, seen = [], set()
    for sid in dict.fromkeys(source_ids):
        row = sources.loc[sid]
        key = row["doi"] or row["pmid"] or row["citation"]
        if key not in seen:  # several snippet rows of one publication make one reference
            seen.add(key)
            rows.append(row)
    return ReferenceList(rows)


class ReferenceList:
    """Displays as a numbered HTML list (with DOI or PubMed links) and as plain text."""

    def __init__(self, rows):
        self.rows = rows

    def _repr_html_(self):
        from html import escape

        items = []
        for row in self.rows:
            link = source_link(row["id"])
            ident = f"doi:{row['doi']}" if row["doi"] else (f"PMID {row['pmid']}" if row["pmid"] else link)
            note = " (figures seen only as quoted by a secondary source)" if row["status"] == "secondary" else ""
            items.append(
                f'<li id="ref-{escape(row["id"])}">{escape(row["citation"])}. '
                f'<a href="{escape(link)}">{escape(ident)}</a>{escape(note)}</li>'
            )
        return '<ol class="course-references">\n' + "\n".join(items) + "\n</ol>"

    def __repr__(self):
        lines = []
        for number, row in enumerate(self.rows, 1):
            lines.append(f"{number}. {row['citation']}. {source_link(row['id'])}")
        return "\n".join(lines)
