"""Question banks: one YAML file per notebook in ``data/quizzes/``, written and edited by teachers.

A bank has a ``title``, the notebook's ``objectives`` (the same list, in the same order, as the notebook's
"What you will learn") and ``questions``. See ``data/quizzes/README.md`` for every field, with examples.
Loading checks the whole bank and raises :class:`CourseDataError` naming the file, the question and the field.
"""

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from miscarriage_course.errors import CourseDataError
from miscarriage_course.paths import data_dir, display_path

QUESTION_TYPES = ("single", "multiple", "numeric", "truefalse")
TYPE_DESCRIPTIONS = {
    "single": "choose one answer",
    "multiple": "select all that apply",
    "numeric": "type a number",
    "truefalse": "true or false",
}
COMMON_FIELDS = {"id", "type", "prompt", "objective", "explanation", "sources", "skill"}
# What a question asks of the learner: to recall a fact, to interpret a figure or a study, or to apply what the
# notebook taught to a new case (a short vignette). The bank linter reports the mix per bank.
SKILLS = ("recall", "interpret", "apply")
TYPE_FIELDS = {
    "single": {"options"},
    "multiple": {"options"},
    "truefalse": {"answer", "feedback"},
    "numeric": {"answer", "tolerance", "range", "units", "feedback"},
}
NUMERIC_FEEDBACK = ("correct", "too_low", "too_high")


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    objective: int
    explanation: str
    sources: tuple
    options: tuple = ()
    skill: str = ""
    answer: object = None
    tolerance: float = 0.0
    range: tuple | None = None
    units: str = ""
    feedback: dict | None = None


@dataclass(frozen=True)
class Bank:
    name: str
    path: Path
    title: str
    objectives: tuple
    questions: tuple

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        known = ", ".join(q.id for q in self.questions)
        raise CourseDataError(display_path(self.path), f"no question with id '{question_id}'; the bank has: {known}")

    def number_of(self, question_id: str) -> int:
        return [q.id for q in self.questions].index(question_id) + 1


def bank_path(name: str) -> Path:
    return data_dir() / "quizzes" / f"{name}.yaml"


def bank_names() -> list:
    return sorted(p.stem for p in (data_dir() / "quizzes").glob("*.yaml"))


def load_bank(name: str, known_sources=None) -> Bank:
    """Load and check the bank ``data/quizzes/<name>.yaml``."""
    return load_bank_file(bank_path(name), known_sources)


def load_bank_file(path, known_sources=None) -> Bank:
    path = Path(path)
    where = display_path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseDataError(where, "quiz bank not found") from None
    except UnicodeDecodeError:
        raise CourseDataError(where, "not UTF-8 text; save the bank as UTF-8") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise CourseDataError(where, f"{at}not valid YAML ({getattr(err, 'problem', None) or err})") from None
    if known_sources is None:
        from miscarriage_course.tables import load_sources

        known_sources = set(load_sources().index)
    return parse_bank(raw, path, known_sources)


def parse_bank(raw, path, known_sources) -> Bank:
    where = display_path(path)
    if not isinstance(raw, dict):
        raise CourseDataError(where, "expected a mapping with 'title', 'objectives' and 'questions'")
    problems = []
    unknown = set(raw) - {"title", "objectives", "questions"}
    if unknown:
        problems.append(f"unknown top-level field(s) {', '.join(sorted(map(str, unknown)))}; expected title, objectives, questions")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append("field 'title': expected the notebook's title as text")
    objectives = raw.get("objectives")
    if not isinstance(objectives, list) or not objectives or not all(isinstance(o, str) and o.strip() for o in objectives):
        problems.append("field 'objectives': expected a list of the notebook's learning objectives, as text")
        objectives = []
    items = raw.get("questions")
    if not isinstance(items, list) or not items:
        problems.append("field 'questions': expected a list of questions")
        items = []
    questions, seen = [], set()
    for position, item in enumerate(items, 1):
        label = f"question {position}"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label = f"question '{item['id']}'"
        found = []
        question = _parse_question(item, found, len(objectives), known_sources)
        problems.extend(f"{label}, {p}" for p in found)
        if question is not None:
            if question.id in seen:
                problems.append(f"{label}, field 'id': used by an earlier question; ids must be unique")
            seen.add(question.id)
            questions.append(question)
    if problems:
        raise CourseDataError(where, problems)
    return Bank(Path(path).stem, Path(path), title.strip(), tuple(o.strip() for o in objectives), tuple(questions))


def _text(item, key, problems, what="text"):
    value = item.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"field '{key}': expected {what}")
        return ""
    return value.strip()


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _parse_question(item, problems, n_objectives, known_sources):
    if not isinstance(item, dict):
        problems.append("expected a mapping with id, type, prompt, ...")
        return None
    qid = _text(item, "id", problems, "a short id such as 'denominator'")
    if qid and not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", qid):
        problems.append(f"field 'id': '{qid}' should use lowercase letters, digits, '-' or '_'")
    qtype = item.get("type")
    if qtype not in QUESTION_TYPES:
        problems.append(f"field 'type': '{qtype}' is not one of {', '.join(QUESTION_TYPES)}")
        return None
    allowed = COMMON_FIELDS | TYPE_FIELDS[qtype]
    unknown = set(map(str, item)) - allowed
    if unknown:
        problems.append(f"unknown field(s) {', '.join(sorted(unknown))} for a {qtype} question; allowed: {', '.join(sorted(allowed))}")
    prompt = _text(item, "prompt", problems, "the question as text")
    explanation = _text(item, "explanation", problems, "an explanation shown with the answer")
    objective = item.get("objective")
    if isinstance(objective, bool) or not isinstance(objective, int) or not 1 <= objective <= max(n_objectives, 1):
        problems.append(f"field 'objective': expected the number of one of the bank's objectives (1 to {n_objectives}), found {objective!r}")
        objective = 0
    sources = item.get("sources")
    if not isinstance(sources, list) or not sources:
        problems.append("field 'sources': expected a list of source ids from data/sources.csv")
        sources = []
    for sid in sources:
        if str(sid) not in known_sources:
            problems.append(f"field 'sources': unknown source id '{sid}'; add it to data/sources.csv or fix the id")
    skill = item.get("skill", "")
    if skill and skill not in SKILLS:
        problems.append(f"field 'skill': '{skill}' is not one of {', '.join(SKILLS)}")
        skill = ""
    fields = dict(id=qid, type=qtype, prompt=prompt, objective=objective, explanation=explanation,
                  sources=tuple(str(s) for s in sources), skill=skill)
    if qtype in ("single", "multiple"):
        fields["options"] = _parse_options(item, qtype, problems)
    elif qtype == "truefalse":
        if not isinstance(item.get("answer"), bool):
            problems.append(f"field 'answer': expected true or false, found {item.get('answer')!r}")
        feedback = {str(k).lower(): v for k, v in (item.get("feedback") or {}).items()} if isinstance(item.get("feedback"), dict) else {}
        for key in ("true", "false"):
            if not isinstance(feedback.get(key), str) or not feedback[key].strip():
                problems.append(f"field 'feedback': expected feedback for the answer '{key}'")
        fields["answer"] = item.get("answer")
        fields["feedback"] = {k: str(v).strip() for k, v in feedback.items() if k in ("true", "false")}
    else:
        fields.update(_parse_numeric(item, problems))
    return Question(**fields)


def _parse_options(item, qtype, problems):
    options = item.get("options")
    if not isinstance(options, list) or len(options) < 2:
        problems.append("field 'options': expected a list of at least two options")
        return ()
    parsed = []
    for n, option in enumerate(options, 1):
        letter = chr(64 + n)
        if not isinstance(option, dict):
            problems.append(f"option {letter}: expected text, correct and feedback")
            continue
        extra = set(map(str, option)) - {"text", "correct", "feedback"}
        if extra:
            problems.append(f"option {letter}: unknown field(s) {', '.join(sorted(extra))}; expected text, correct, feedback")
        text = option.get("text")
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"option {letter}, field 'text': expected the option as text")
        if not isinstance(option.get("correct"), bool):
            problems.append(f"option {letter}, field 'correct': expected true or false")
        feedback = option.get("feedback")
        if not isinstance(feedback, str) or not feedback.strip():
            problems.append(f"option {letter}, field 'feedback': expected feedback saying why this option is right or wrong")
        parsed.append(Option(str(text or "").strip(), option.get("correct") is True, str(feedback or "").strip()))
    n_correct = sum(o.correct for o in parsed)
    if n_correct == 0:
        problems.append("field 'options': no option is marked correct: true")
    if qtype == "single" and n_correct > 1:
        problems.append(f"field 'options': a single-choice question needs exactly one correct option, found {n_correct} (use type: multiple)")
    texts = [o.text for o in parsed]
    if len(set(texts)) != len(texts):
        problems.append("field 'options': two options have the same text")
    return tuple(parsed)


def _parse_numeric(item, problems):
    answer = _number(item.get("answer"))
    if answer is None:
        problems.append(f"field 'answer': expected a finite number, found {item.get('answer')!r}")
    has_tol, has_range = "tolerance" in item, "range" in item
    tolerance, value_range = 0.0, None
    if has_tol and has_range:
        problems.append("fields 'tolerance' and 'range': give one or the other, not both")
    if has_tol:
        tolerance = _number(item.get("tolerance"))
        if tolerance is None or tolerance < 0:
            problems.append(f"field 'tolerance': expected a number of zero or more, found {item.get('tolerance')!r}")
            tolerance = 0.0
    if has_range:
        raw = item.get("range")
        bounds = [_number(v) for v in raw] if isinstance(raw, list) and len(raw) == 2 else [None, None]
        if None in bounds or bounds[0] > bounds[1]:
            problems.append(f"field 'range': expected [lowest, highest] with lowest ≤ highest, found {raw!r}")
        else:
            value_range = tuple(bounds)
            if answer is not None and not value_range[0] <= answer <= value_range[1]:
                problems.append(f"field 'answer': {answer:g} lies outside its own range {raw!r}")
    units = item.get("units", "")
    if not isinstance(units, str):
        problems.append(f"field 'units': expected text such as '%' or 'weeks', found {units!r}")
        units = ""
    feedback = item.get("feedback") if isinstance(item.get("feedback"), dict) else {}
    for key in NUMERIC_FEEDBACK:
        if not isinstance(feedback.get(key), str) or not feedback[key].strip():
            problems.append(f"field 'feedback': expected '{key}' feedback (keys: {', '.join(NUMERIC_FEEDBACK)})")
    return dict(answer=answer, tolerance=tolerance or 0.0, range=value_range, units=units.strip(),
                feedback={k: str(feedback.get(k, "")).strip() for k in NUMERIC_FEEDBACK})
