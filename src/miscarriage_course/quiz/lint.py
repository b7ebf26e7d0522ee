"""The bank linter: cues that let a learner who has read nothing score well, measured on what learners SEE.

Everything is measured after the display order (``question.options`` is already in the order learners see, see
:func:`miscarriage_course.quiz.bank.display_order`). Per bank it reports:

- where the key of each single-answer question is shown (A, B, C, D): no letter above 40% (none twice in a bank with
  fewer than five single-answer questions);
- the share of single-answer questions whose key is the longest option: at most 35%; and the median ratio of the
  key's length to the typical distractor's length (reported);
- the share of true/false questions keyed True: 35% to 65% (judged over the whole course when a bank has fewer than
  three true/false questions; with three, one or two True, the nearest split to half, is accepted);
- how often absolute words (always, never, must, ...) appear in keys and in distractors (reported for review);
- the skill mix (``skill:`` recall, interpret, apply; untagged counted as neither): at least 60% interpret or apply;
- TODO or placeholder text anywhere a learner could see it: none;
- every figure in a question (a percentage, a decimal, a count such as 1,119) found in the snippets or data rows of
  the sources that question cites;
- near-duplicate stems across banks (listed for review).

:func:`lint` returns the figures of every bank and a list of :class:`Finding`; ``course-check-bank`` prints them.
"""

import collections
import csv
import itertools
import math
import re
import statistics
from dataclasses import dataclass, field

from miscarriage_course.paths import data_dir, display_path
from miscarriage_course.quiz.bank import key_position_cap
from miscarriage_course.vocabulary import option_letter

ABSOLUTE_WORDS = ("always", "never", "must", "proves", "certain", "all", "none", "only")
KEY_LONGEST_MAX = 0.35
TRUE_SHARE_RANGE = (0.35, 0.65)
FEWEST_TRUEFALSE_PER_BANK = 3  # below this, the True share is judged over the whole course
HIGHER_SKILLS_MIN = 0.60  # interpret + apply, of all questions in a bank
DUPLICATE_SIMILARITY = 0.5  # cosine similarity of the stems' rare words (see near_duplicates)

# Text a converter or an author leaves to be replaced; the jupyterquiz importer's placeholders all start "TODO".
PLACEHOLDER = re.compile(r"\bTODO\b|\bFIXME\b|\bTBD\b|\bXXX\b|lorem ipsum|\bplaceholder\b", re.IGNORECASE)
OLD_IMPORTER_PLACEHOLDERS = {"This is not right.", "This is one of the right answers.", "Correct.", "Too low.",
                             "Too high."}

# A figure in a question: a number followed by %, a decimal (12.8, 15·3 as the Lancet writes it, 1,5 is not read as a
# decimal), or a whole number written with thousands separators (1,119). Other whole numbers (an age in a vignette,
# weeks, years, "three") are not checked.
FIGURE = re.compile(r"(?<![\w.,·])(\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.·]\d+)?)(\s?%)?")
ANY_NUMBER = re.compile(r"(?<![\d.,·])(\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:[.·]\d+)?)")
CONVENTIONAL = re.compile(r"95\s?%\s*(CI|confidence|credible|of the confidence)", re.IGNORECASE)
ALWAYS_ALLOWED = {0.0, 100.0, 1000.0}  # 0%, 100% and a round denominator ("of 1,000 women") need no source

STOP_WORDS = set(
    "a an and are as at be by can could did do does for from had has have how in is it its not of on or say says "
    "should than that the their there these they this those to true false was were what when which who why will "
    "with would select all apply notebook section according".split()
)


@dataclass(frozen=True)
class Finding:
    """One thing to fix (``blocking``) or to look at (not blocking), in plain words."""

    path: str  # the bank file as shown to a teacher ("" when the finding is about the whole course)
    question: str  # the question id, "" when it is about the whole bank
    # key-position, key-longest, true-share, skill-mix, placeholder, unsourced-figure, near-duplicate, absolute-words
    check: str
    message: str
    blocking: bool = True
    other: str = ""  # for a near-duplicate: the other bank's file

    def __str__(self):
        where = self.path or "the whole course"
        if self.question:
            where += f", question '{self.question}'"
        return f"{where}: {self.message}"


@dataclass
class BankFigures:
    """What the linter measured in one bank."""

    name: str
    path: str
    questions: int = 0
    single: int = 0
    key_letters: collections.Counter = field(default_factory=collections.Counter)
    key_longest_questions: list = field(default_factory=list)
    length_ratios: list = field(default_factory=list)
    truefalse: int = 0
    true_keyed: int = 0
    keys: int = 0
    keys_absolute: int = 0
    distractors: int = 0
    distractors_absolute: int = 0
    skills: collections.Counter = field(default_factory=collections.Counter)

    @property
    def key_longest(self):
        return len(self.key_longest_questions)

    @property
    def key_longest_share(self):
        return self.key_longest / self.single if self.single else None

    @property
    def median_length_ratio(self):
        return statistics.median(self.length_ratios) if self.length_ratios else None

    @property
    def true_share(self):
        return self.true_keyed / self.truefalse if self.truefalse else None

    @property
    def higher_skill_share(self):
        return (self.skills["interpret"] + self.skills["apply"]) / self.questions if self.questions else None

    def as_row(self) -> dict:
        pct = lambda x: "–" if x is None else f"{100 * x:.0f}%"  # noqa: E731
        letters = " ".join(f"{letter}{self.key_letters[letter]}" for letter in "ABCD")
        extra = " ".join(f"{k}{n}" for k, n in sorted(self.key_letters.items()) if k not in "ABCD")
        return {
            "bank": self.name,
            "single": str(self.single),
            "key letters": (letters + " " + extra).strip(),
            "key longest": f"{self.key_longest}/{self.single} ({pct(self.key_longest_share)})",
            "key/distractor length": "–" if self.median_length_ratio is None else f"{self.median_length_ratio:.2f}",
            "T/F True": f"{self.true_keyed}/{self.truefalse}",
            "absolute words keys/distractors": f"{pct(_share(self.keys_absolute, self.keys))}/"
                                               f"{pct(_share(self.distractors_absolute, self.distractors))}",
            "recall/interpret/apply/untagged": "/".join(str(self.skills[k])
                                                        for k in ("recall", "interpret", "apply", "untagged")),
        }


def _share(n, d):
    return n / d if d else None


def _has_absolute(text: str) -> bool:
    return any(re.search(rf"\b{w}\b", text, re.IGNORECASE) for w in ABSOLUTE_WORDS)


def learner_texts(question):
    """(where, text) for every text a learner can read in a question."""
    yield "the prompt", question.prompt
    for n, option in enumerate(question.options):
        letter = option_letter(n)
        yield f"option {letter} (option {option.number_in_file} in the file)", option.text
        yield f"the feedback on option {letter} (option {option.number_in_file} in the file)", option.feedback
    for key, text in (question.feedback or {}).items():
        yield f"the '{key}' feedback", text
    yield "the explanation", question.explanation


def measure(bank) -> BankFigures:
    figures = BankFigures(bank.name, display_path(bank.path), questions=len(bank.questions))
    for q in bank.questions:
        figures.skills[q.skill or "untagged"] += 1
        if q.type == "truefalse":
            figures.truefalse += 1
            figures.true_keyed += q.answer is True
        if q.type not in ("single", "multiple"):
            continue
        for option in q.options:
            if option.correct:
                figures.keys += 1
                figures.keys_absolute += _has_absolute(option.text)
            else:
                figures.distractors += 1
                figures.distractors_absolute += _has_absolute(option.text)
        if q.type == "single":
            figures.single += 1
            key_at = next(i for i, o in enumerate(q.options) if o.correct)
            figures.key_letters[option_letter(key_at)] += 1
            key = len(q.options[key_at].text)
            others = [len(o.text) for o in q.options if not o.correct]
            if key > max(others):
                figures.key_longest_questions.append(q.id)
            figures.length_ratios.append(key / statistics.median(others))
    return figures


def bank_findings(bank, figures: BankFigures) -> list:
    """Findings about one bank against the targets of issue 13 (the True share only when the bank has enough)."""
    path, found = figures.path, []
    if figures.single:
        cap = key_position_cap(figures.single)
        for letter, n in sorted(figures.key_letters.items()):
            if n > cap:
                found.append(Finding(path, "", "key-position", (
                    f"the key is shown as {letter} in {n} of {figures.single} single-answer questions "
                    f"({100 * n / figures.single:.0f}%); no letter may hold more than {cap}. "
                    "Remove 'shuffle: false' from questions that do not need their written order.")))
        if figures.key_longest_share > KEY_LONGEST_MAX:
            found.append(Finding(path, "", "key-longest", (
                f"the right answer is the longest option in {figures.key_longest} of {figures.single} single-answer "
                f"questions ({100 * figures.key_longest_share:.0f}%; at most {100 * KEY_LONGEST_MAX:.0f}%): "
                f"{', '.join(figures.key_longest_questions)}. "
                "Make the wrong options as long, specific and hedged as the right one, "
                "or the right one shorter.")))
    if figures.truefalse >= FEWEST_TRUEFALSE_PER_BANK:
        found += _true_share_findings(path, figures.true_keyed, figures.truefalse)
    if figures.questions and figures.higher_skill_share < HIGHER_SKILLS_MIN:
        found.append(Finding(path, "", "skill-mix", (
            f"{figures.skills['interpret'] + figures.skills['apply']} of {figures.questions} questions "
            f"({100 * figures.higher_skill_share:.0f}%) ask the learner to interpret or apply (skill: interpret or "
            f"apply); at least {100 * HIGHER_SKILLS_MIN:.0f}% should. Recall: {figures.skills['recall']}, "
            f"untagged: {figures.skills['untagged']}.")))
    key_rate = _share(figures.keys_absolute, figures.keys)
    distractor_rate = _share(figures.distractors_absolute, figures.distractors)
    if key_rate is not None and distractor_rate is not None and abs(distractor_rate - key_rate) >= 0.2:
        # Either way round it is a cue: absolutes can mark the wrong options, or the right ones.
        marked = "wrong" if distractor_rate > key_rate else "right"
        found.append(Finding(path, "", "absolute-words", (
            f"absolute words ({', '.join(ABSOLUTE_WORDS)}) appear in {100 * distractor_rate:.0f}% of wrong options "
            f"but {100 * key_rate:.0f}% of right ones: a learner can spot the {marked} ones by their wording."),
            blocking=False))
    found += placeholder_findings(bank)
    return found


def _true_share_findings(path, true_keyed, total):
    low, high = TRUE_SHARE_RANGE
    share = true_keyed / total
    # With three questions no whole number falls between 35% and 65%; one or two True is as near half as it gets.
    if low <= share <= high or abs(2 * true_keyed - total) <= 1:
        return []
    where = "in this bank" if path else "over the whole course"
    return [Finding(path, "", "true-share", (
        f"{true_keyed} of {total} true/false questions {where} are keyed True ({100 * share:.0f}%); "
        f"between {100 * low:.0f}% and {100 * high:.0f}% should be, so that guessing one way does not pay."))]


def placeholder_findings(bank) -> list:
    path, found = display_path(bank.path), []
    for where, text in [("the title", bank.title)] + [(f"objective {i}", o) for i, o in enumerate(bank.objectives, 1)]:
        if PLACEHOLDER.search(text):
            found.append(Finding(path, "", "placeholder", f"{where} still holds placeholder text: '{_clip(text)}'"))
    for q in bank.questions:
        for where, text in learner_texts(q):
            if PLACEHOLDER.search(text) or text.strip() in OLD_IMPORTER_PLACEHOLDERS:
                found.append(Finding(path, q.id, "placeholder",
                                     f"{where} still holds placeholder text: '{_clip(text)}'"))
    return found


def _clip(text, n=60):
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


# --- figures come from the sources the question cites -----------------------------------------------------------


def _number(token: str) -> float:
    return round(float(token.replace(",", "").replace("·", ".")), 6)


def numbers_in(text: str) -> set:
    """Every number in a source's snippet or a data row, as a float (1,119 -> 1119.0; 15·3 -> 15.3)."""
    return {_number(m.group(1)) for m in ANY_NUMBER.finditer(str(text))}


def figures_in(text: str) -> list:
    """The figures a question states: (as written, value). Percentages, decimals and 1,000-style counts."""
    text = CONVENTIONAL.sub(" ", re.sub(r"https?://\S+", " ", text))
    found = []
    for m in FIGURE.finditer(text):
        token, percent = m.group(1), m.group(2)
        if percent or any(c in token for c in ",.·"):
            found.append((m.group(0).strip(), _number(token)))
    return found


class SourceNumbers:
    """The numbers each source id vouches for: those in its snippet and in every data row that cites it."""

    def __init__(self, sources=None, tables_dir=None):
        from miscarriage_course.tables import load_sources, read_dictionary, split_source_ids

        self.by_source = collections.defaultdict(set)
        self.problems = []
        sources = load_sources() if sources is None else sources
        for sid, snippet in zip(sources["id"], sources["snippet"]):
            self.by_source[sid] |= numbers_in(snippet)
        folder = tables_dir or data_dir()
        for name, spec in read_dictionary().items():
            source_columns = [c.name for c in spec.columns if c.type == "sources"]
            path = folder / f"{name}.csv"
            try:
                with open(path, encoding="utf-8", newline="") as handle:
                    rows = list(csv.DictReader(handle))
            except (OSError, UnicodeDecodeError, csv.Error) as err:
                self.problems.append(f"{display_path(path)}: could not be read for the figure check ({err})")
                continue
            for row in rows:
                numbers = set().union(*(numbers_in(v) for v in row.values() if isinstance(v, str)))
                for column in source_columns:
                    for sid in split_source_ids(row.get(column) or ""):
                        self.by_source[sid] |= numbers

    def sources_with(self, value: float, limit=4) -> list:
        """Some source ids whose snippet or data rows hold this number (a hint for the teacher)."""
        return sorted(sid for sid, numbers in self.by_source.items() if value in numbers)[:limit]

    def allowed(self, source_ids) -> set:
        return set(ALWAYS_ALLOWED).union(*(self.by_source.get(s, set()) for s in source_ids))


def unsourced_figures(bank, numbers: SourceNumbers) -> list:
    path, found = display_path(bank.path), []
    for q in bank.questions:
        allowed = numbers.allowed(q.sources)
        cited = ", ".join(q.sources)
        for where, text in learner_texts(q):
            for written, value in dict.fromkeys(figures_in(text)):
                if value not in allowed:
                    found.append(Finding(path, q.id, "unsourced-figure", (
                        f"the figure '{written}' in {where} is not in the snippets or data rows of the sources this "
                        f"question cites ({cited}). Add the id of the source that gives it to 'sources' (with a "
                        "snippet in data/sources.csv that shows it), or write it exactly as the source gives it."
                        + _hint(numbers, value))))
        if q.type == "numeric" and q.answer is not None and round(q.answer, 6) not in allowed:
            found.append(Finding(path, q.id, "unsourced-figure", (
                f"the answer {q.answer:g} is not in the snippets or data rows of the sources this question cites "
                f"({cited}). Cite the source (or the data table's source) the learner reads it from."
                + _hint(numbers, round(q.answer, 6)))))
    return found


def _hint(numbers, value) -> str:
    holders = numbers.sources_with(value)
    if holders:
        return f" It appears in: {', '.join(holders)}."
    return " No source in data/sources.csv or data/*.csv holds it."


# --- near-duplicate stems ----------------------------------------------------------------------------------------


def _words(text: str) -> list:
    return [w for w in re.findall(r"[a-z]+|\d+(?:[.·]\d+)?", text.lower()) if w not in STOP_WORDS]


def near_duplicates(banks, threshold=DUPLICATE_SIMILARITY) -> list:
    """Pairs of questions in different banks whose prompts share most of their rare words.

    Similarity is the cosine of the prompts' word counts, each word weighted by how rare it is across all the
    prompts (log of questions / questions using it), after dropping common words and "true or false", "select all
    that apply". 1 is the same prompt; pairs at or above ``threshold`` are listed for a teacher to look at.
    """
    items = [(bank, q, collections.Counter(_words(q.prompt))) for bank in banks for q in bank.questions]
    used_by = collections.Counter(w for _, _, words in items for w in words)
    total = len(items)
    vectors = [{w: n * math.log(total / used_by[w]) for w, n in words.items()} for _, _, words in items]
    found = []
    for (i, (bank_a, qa, _)), (j, (bank_b, qb, _)) in itertools.combinations(enumerate(items), 2):
        if bank_a.name == bank_b.name:
            continue
        a, b = vectors[i], vectors[j]
        norm = math.sqrt(sum(x * x for x in a.values()) * sum(x * x for x in b.values()))
        similarity = sum(x * b.get(w, 0.0) for w, x in a.items()) / norm if norm else 0.0
        if similarity >= threshold:
            found.append(Finding(display_path(bank_a.path), qa.id, "near-duplicate", (
                f"its prompt is much like that of question '{qb.id}' in {display_path(bank_b.path)} "
                f"(similarity {similarity:.2f}). If both test the same point, replace one with a new question."),
                blocking=False, other=display_path(bank_b.path)))
    return found


# --- everything together -----------------------------------------------------------------------------------------


@dataclass
class LintReport:
    figures: list  # BankFigures, one per bank
    findings: list  # Finding

    @property
    def blocking(self):
        return [f for f in self.findings if f.blocking]


def lint(banks, numbers: SourceNumbers | None = None, check_figures=True) -> LintReport:
    """Lint these banks: each bank's figures and findings, and the course-wide ones (True share, duplicates)."""
    banks = list(banks)
    figures, findings = [], []
    if check_figures and numbers is None:
        numbers = SourceNumbers()
    for bank in banks:
        measured = measure(bank)
        figures.append(measured)
        findings += bank_findings(bank, measured)
        if check_figures:
            findings += unsourced_figures(bank, numbers)
    small = [f for f in figures if f.truefalse < FEWEST_TRUEFALSE_PER_BANK]
    if small:
        findings += _true_share_findings("", sum(f.true_keyed for f in figures), sum(f.truefalse for f in figures)) \
            if sum(f.truefalse for f in figures) else []
    findings += near_duplicates(banks)
    return LintReport(figures, findings)


def figures_table(figures) -> str:
    """The measured figures as a plain-text table, one bank a row, and a course total."""
    rows = [f.as_row() for f in figures]
    if len(figures) > 1:
        total = BankFigures("whole course", "")
        for f in figures:
            for name in ("questions", "single", "truefalse", "true_keyed", "keys", "keys_absolute",
                         "distractors", "distractors_absolute"):
                setattr(total, name, getattr(total, name) + getattr(f, name))
            total.key_longest_questions += f.key_longest_questions
            total.key_letters.update(f.key_letters)
            total.length_ratios += f.length_ratios
            total.skills.update(f.skills)
        rows.append(total.as_row())
    if not rows:
        return ""
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    lines = ["  ".join(c.ljust(widths[c]) for c in columns)]
    lines += ["  ".join(r[c].ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)

