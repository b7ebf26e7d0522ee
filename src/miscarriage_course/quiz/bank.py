"""Question banks: one YAML file per notebook in ``data/quizzes/``, written and edited by teachers.

A bank has a ``title``, the notebook's ``objectives`` (the same list, in the same order, as the notebook's
"What you will learn") and ``questions``. See ``data/quizzes/README.md`` for every field, with examples.
Loading checks the whole bank and raises :class:`CourseDataError` naming the file, the question and the field.

Display order: the options of a single or multiple question are put in their display order at load time, so
``question.options`` is what learners see, with the letters they see, on every surface (live widget, static form,
answer key). The order is stable: it depends only on the bank's name, the question's id, the options as written and
the questions before it (see :func:`display_order`). Where the author wrote the right answer leaves no cue.
``shuffle: false`` keeps a question's options as written (for options that have a natural order, such as age
bands, or an "All of the above").
"""

import hashlib
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from miscarriage_course.errors import CourseDataError
from miscarriage_course.paths import data_dir, display_path
from miscarriage_course.yaml_text import load_yaml

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
    "single": {"options", "shuffle"},
    "multiple": {"options", "shuffle"},
    "truefalse": {"answer", "feedback"},
    "numeric": {"answer", "tolerance", "range", "units", "feedback"},
}
NUMERIC_FEEDBACK = ("correct", "too_low", "too_high")
# No letter may hold the key of more than this share of a bank's single-answer questions (and, in a bank with fewer
# than five of them, no letter more than once): see display_order().
KEY_POSITION_SHARE = 0.4


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str
    number_in_file: int = 0  # its place (1, 2, ...) in the bank file, which is not the order learners see


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
    shuffle: bool = True
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
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseDataError(where, "quiz bank not found") from None
    except IsADirectoryError:
        raise CourseDataError(where, "is a folder, not a quiz bank file") from None
    except UnicodeDecodeError:
        raise CourseDataError(where, "not UTF-8 text; save the bank as UTF-8") from None
    except OSError as err:
        raise CourseDataError(where, f"could not be read ({err.strerror})") from None
    raw = read_bank_yaml(text, where)
    if known_sources is None:
        from miscarriage_course.tables import load_sources

        known_sources = set(load_sources().index)
    return parse_bank(raw, path, known_sources)


# What a YAML parser's complaint usually means in a bank, and how to fix it: (words in the complaint, advice).
YAML_ADVICE = (
    ("mapping values are not allowed", "This usually means a colon followed by a space inside a text that is not in "
     "quotes, such as 'prompt: True or false: about ...'. Put the whole text in double quotes "
     "(prompt: \"True or false: about ...\"), or write 'prompt: >' and the text on the lines below, indented. "
     "If there is no such colon, check that this line is not indented further than the fields around it."),
    ("'\\t'", "The line is indented with a tab. Indent with spaces only."),
    ("found '<block mapping start>'", "This line is indented differently from the fields around it. The fields of a "
     "question (id, type, prompt, ...) start in the same column, and the fields of an option line up under its "
     "'text'."),
    ("found '?'", "This line is indented differently from the fields around it. The fields of a question (id, type, "
     "prompt, ...) start in the same column, and the fields of an option line up under its 'text'."),
    ("found '<scalar>'", "Text goes on after a closing quote. A text that starts with a quote must end with the same "
     "quote; to quote someone inside a text, put the whole text in the other kind of quotes ('He said \"no\"'), "
     "or do not start the text with a quote."),
    ("could not find expected ':'", "This line, or the one above it, is not 'field: value'. When a text goes on "
     "over several lines, write '>' after the field name (prompt: >) and indent every line of the text further "
     "than the field name, or put the whole text in quotes."),
    ("unexpected end of stream", "A quote opened here is never closed."),
    ("unknown escape character", "A backslash inside double quotes. Put the text in single quotes, or remove the "
     "backslash."),
    ("alias", "A text starts with '*' or '&', which YAML reserves. Put the whole text in quotes."),
    ("cannot start any token", "A text starts with a character YAML reserves (@, ` or %). "
     "Put the whole text in quotes."),
    ("expected ',' or", "A text starts with '[' or '{', which YAML reads as a list or a mapping, and it is not closed. "
     "Put the whole text in quotes."),
)


class _BankLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a field given twice in one place (plain YAML keeps the last one silently)."""


def _mapping_without_repeats(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None,
                    f"the field '{key}' is given twice here (first on line {seen[key]}); keep one of them",
                    key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        except TypeError:  # an unhashable key: let the usual constructor report it
            pass
    return loader.construct_mapping(node, deep=deep)


_BankLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats)


def read_bank_yaml(text: str, where: str):
    """Parse a bank's YAML text; a syntax error becomes a CourseDataError with the line, column, question and a fix."""
    try:
        return load_yaml(text, _BankLoader)  # libyaml when it has it, errors worded by the pure-Python loader
    except yaml.YAMLError as err:
        raise CourseDataError(where, yaml_problem(err, text)) from None


def yaml_problem(err, text: str) -> str:
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    context = str(getattr(err, "context", "") or "")
    if ("quoted scalar" in context or "flow" in context) and getattr(err, "context_mark", None):
        mark = err.context_mark  # where the unclosed quote or bracket opened, not where the parser gave up
    if mark is None:
        return f"not valid YAML ({problem})"
    line = mark.line + 1
    ids = [m.group(1) for m in re.finditer(r"(?m)^\s*(?:-\s+)?id:\s*['\"]?([^'\"\s#]+)",
                                           "\n".join(text.splitlines()[:line]))]
    inside = f" (in question '{ids[-1]}')" if ids else ""
    advice = next((tip for words, tip in YAML_ADVICE if words in problem or words in context), "")
    shown = text.splitlines()[mark.line].strip() if mark.line < len(text.splitlines()) else ""
    quoted = f" The line reads: {shown[:80]}{'…' if len(shown) > 80 else ''}." if shown else ""
    return f"line {line}, column {mark.column + 1}{inside}: not valid YAML ({problem}).{quoted} {advice}".rstrip()


def parse_bank(raw, path, known_sources) -> Bank:
    where = display_path(path)
    if not isinstance(raw, dict):
        raise CourseDataError(where, "expected a mapping with 'title', 'objectives' and 'questions'")
    problems = []
    unknown = set(raw) - {"title", "objectives", "questions"}
    if unknown:
        problems.append(f"unknown top-level field(s) {', '.join(sorted(map(str, unknown)))}; "
                        "expected title, objectives, questions")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append("field 'title': expected the notebook's title as text")
    objectives = raw.get("objectives")
    if (not isinstance(objectives, list) or not objectives
            or not all(isinstance(o, str) and o.strip() for o in objectives)):
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
    name = Path(path).stem
    return Bank(name, Path(path), title.strip(), tuple(o.strip() for o in objectives), display_order(name, questions))


def key_position_cap(n_single: int) -> int:
    """The most single-answer questions whose key one letter may hold, in a bank with ``n_single`` of them."""
    return max(1, math.floor(KEY_POSITION_SHARE * n_single + 1e-9))


def hashed_permutation(bank_name: str, question_id: str, n: int) -> list:
    """A shuffle of range(n) that depends only on the bank's name and the question's id.

    Fisher-Yates, drawing each swap from SHA-256 of "<bank name>/<question id>/<step>" (not Python's salted hash()
    nor its random module), so the order is the same on every computer and every Python version.
    """
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        digest = hashlib.sha256(f"{bank_name}/{question_id}/{i}".encode("utf-8")).digest()
        j = int.from_bytes(digest[:8], "big") % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def display_order(bank_name: str, questions) -> tuple:
    """Put every single and multiple question's options in the order learners see them.

    The rule, in bank order: each question's options are shuffled by :func:`hashed_permutation`. For a
    single-answer question, if the letter the shuffle gives the key already holds the key of as many of the
    single-answer questions so far as allowed (:func:`key_position_cap` of how many there are so far), the key
    swaps places with the option on the least-used letter (ties broken by the shuffle). So no letter
    holds the key of more than 40% of a bank's single-answer questions (none twice in a bank with fewer than five),
    and adding a question at the end of a bank never changes the order of the questions before it.
    ``shuffle: false`` questions keep their written order and count towards the letters' use.
    """
    used = {}  # letter position -> single-answer questions keyed there so far
    seen_single = 0
    placed = []
    for q in questions:
        if q.type not in ("single", "multiple") or not q.options:
            placed.append(q)
            continue
        n = len(q.options)
        order = hashed_permutation(bank_name, q.id, n) if q.shuffle else list(range(n))
        if q.type == "single":
            seen_single += 1
            key_at = next(i for i, source in enumerate(order) if q.options[source].correct)
            cap = key_position_cap(seen_single)
            if q.shuffle and used.get(key_at, 0) >= cap:
                free = [p for p in range(n) if used.get(p, 0) < cap]
                if free:
                    target = min(free, key=lambda p: (used.get(p, 0), order[p]))
                    order[key_at], order[target] = order[target], order[key_at]
                    key_at = target
            used[key_at] = used.get(key_at, 0) + 1
        placed.append(replace(q, options=tuple(q.options[i] for i in order)))
    return tuple(placed)


BOOLEAN_TEXT = ("YAML reads an unquoted yes, no, true, false, on or off as true or false, not as text; "
                "put the text in quotes")


def _text(item, key, problems, what="text"):
    value = item.get(key)
    if isinstance(value, bool):
        problems.append(f"field '{key}': expected {what}, found {str(value).lower()}: {BOOLEAN_TEXT}")
        return ""
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
        problems.append(f"unknown field(s) {', '.join(sorted(unknown))} for a {qtype} question; "
                        f"allowed: {', '.join(sorted(allowed))}")
    prompt = _text(item, "prompt", problems, "the question as text")
    explanation = _text(item, "explanation", problems, "an explanation shown with the answer")
    objective = item.get("objective")
    if isinstance(objective, bool) or not isinstance(objective, int) or not 1 <= objective <= max(n_objectives, 1):
        problems.append(f"field 'objective': expected the number of one of the bank's objectives "
                        f"(1 to {n_objectives}), found {objective!r}")
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
        shuffle = item.get("shuffle", True)
        if not isinstance(shuffle, bool):
            problems.append(f"field 'shuffle': expected true or false, found {shuffle!r}")
            shuffle = True
        fields["shuffle"] = shuffle
    elif qtype == "truefalse":
        if not isinstance(item.get("answer"), bool):
            problems.append(f"field 'answer': expected true or false, found {item.get('answer')!r}")
        feedback = ({str(k).lower(): v for k, v in (item.get("feedback") or {}).items()}
                    if isinstance(item.get("feedback"), dict) else {})
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
        letter = f"{n} in the file"
        if not isinstance(option, dict):
            problems.append(f"option {letter}: expected text, correct and feedback")
            continue
        extra = set(map(str, option)) - {"text", "correct", "feedback"}
        if extra:
            problems.append(f"option {letter}: unknown field(s) {', '.join(sorted(extra))}; "
                            "expected text, correct, feedback")
        text = option.get("text")
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            text = str(text)
        if isinstance(text, bool):
            problems.append(f"option {letter}, field 'text': found {str(text).lower()}: {BOOLEAN_TEXT}")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"option {letter}, field 'text': expected the option as text")
        if not isinstance(option.get("correct"), bool):
            problems.append(f"option {letter}, field 'correct': expected true or false")
        feedback = option.get("feedback")
        if not isinstance(feedback, str) or not feedback.strip():
            problems.append(f"option {letter}, field 'feedback': "
                            "expected feedback saying why this option is right or wrong")
        parsed.append(Option(str(text or "").strip(), option.get("correct") is True, str(feedback or "").strip(), n))
    n_correct = sum(o.correct for o in parsed)
    if n_correct == 0:
        problems.append("field 'options': no option is marked correct: true")
    if qtype == "single" and n_correct > 1:
        problems.append(f"field 'options': a single-choice question needs exactly one correct option, "
                        f"found {n_correct} (use type: multiple)")
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
