"""Convert a jupyterquiz JSON bank (multiple_choice, many_choice, numeric) into this course's YAML format.

    python -m miscarriage_course.quiz.jupyterquiz_import questions.json data/quizzes/NN_name.yaml [--source ID]

jupyterquiz has no learning objectives or sources and makes feedback optional, so the converter fills what it can
and prints a list of what a teacher must still write. Every placeholder it fills in starts with "TODO", so the bank
linter (``course-check-bank``) points at each one until it is replaced. A question it cannot convert (a type this
course has no widget for, such as ``string``, or a broken question) is left out with a line in the list naming it;
the other questions are still converted. Whatever jupyterquiz content does not fit this format (an extra accepted
value or range, feedback on a wrong value) is listed too, so nothing is dropped silently.
"""

import argparse
import json
import math
import sys
from pathlib import Path

import yaml

PLACEHOLDER_OBJECTIVE = "TODO: write the learning objective this question checks (as in the notebook)."
KNOWN_TYPES = ("multiple_choice", "many_choice", "numeric")


class ImportProblem(ValueError):
    pass


def _tolerance_from_precision(value: float, precision) -> float:
    """jupyterquiz (2.8+) rounds to ``precision`` significant digits; half of that last digit is our tolerance."""
    if not precision or value == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(value))) - int(precision) + 1
    return 0.5 * 10**exponent


def _clip(text, n=40):
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n] + "…"


def _float(value, what):
    if isinstance(value, bool):
        raise ImportProblem(f"{what} is {value!r}, not a number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ImportProblem(f"{what} is {value!r}, not a number") from None
    if not math.isfinite(number):
        raise ImportProblem(f"{what} is {value!r}, not a finite number")
    return number


def convert(items, source_ids=()) -> tuple:
    """Returns (bank as a dict, list of things the teacher must still do, each naming its question).

    Raises :class:`ImportProblem` only when the file is not a list of questions or no question could be converted.
    """
    if not isinstance(items, list):
        raise ImportProblem("expected a JSON list of questions, as jupyterquiz writes them")
    todo, questions, left_out = [], [], []
    for n, item in enumerate(items, 1):
        qid = f"q{n}"
        name = f"{qid} (question {n}" + (f", '{_clip(item.get('question'))}')"
                                         if isinstance(item, dict) and item.get("question") else ")")
        try:
            question, notes = _convert_question(qid, item, source_ids)
        except ImportProblem as err:
            left_out.append(f"{name}: not converted: {err}")
            continue
        questions.append(question)
        todo += [f"{name}: {note}" for note in notes]
    if not questions:
        raise ImportProblem("no question could be converted:\n  " + "\n  ".join(left_out))
    todo = left_out + todo
    todo.insert(0, "objectives: replace the placeholder with the notebook's objectives, "
                   "and set each question's objective number")
    todo.insert(1, "title: replace the placeholder with the notebook's title")
    bank = {"title": "TODO: the notebook's title", "objectives": [PLACEHOLDER_OBJECTIVE], "questions": questions}
    return bank, todo


def _convert_question(qid, item, source_ids):
    if not isinstance(item, dict) or "question" not in item or "type" not in item:
        raise ImportProblem("expected an object with 'question', 'type' and 'answers'")
    kind = item["type"]
    if kind not in KNOWN_TYPES:
        raise ImportProblem(
            f"its type '{kind}' is not one this converter knows ({', '.join(KNOWN_TYPES)}); "
            + ("this course has no typed-text questions: rewrite it by hand as a single-choice or numeric question"
               if kind == "string" else "write it by hand"))
    answers = item.get("answers") or []
    if not isinstance(answers, list) or not all(isinstance(a, dict) for a in answers):
        raise ImportProblem("'answers' should be a list of objects")
    prompt = str(item["question"]).strip()
    if item.get("code"):
        prompt += "\n\n" + str(item["code"])
    notes = []
    question = {"id": qid, "objective": 1, "prompt": prompt}
    if kind in ("multiple_choice", "many_choice"):
        question.update(_convert_choice(answers, kind, notes))
    else:
        question.update(_convert_numeric(item, answers, notes))
    question["explanation"] = "TODO: explain the answer."
    notes.append("write the explanation shown with the answer")
    question["sources"] = list(source_ids)
    notes.append("set 'skill' (recall, interpret or apply)")
    if not source_ids:
        notes.append("add the ids of the sources (data/sources.csv) for its medical claims")
    return question, notes


def _convert_choice(answers, kind, notes):
    if len(answers) < 2:
        raise ImportProblem(f"a choice question needs at least two answers, found {len(answers)}")
    options = []
    for number, a in enumerate(answers, 1):
        text = str(a.get("answer") or a.get("code") or "").strip()
        if not text:
            raise ImportProblem(f"answer {number} has no text")
        if a.get("answer") and a.get("code"):
            notes.append(f"option '{_clip(text)}': its code ('{_clip(a['code'])}') was dropped; "
                         "add it to the text if needed")
        feedback = str(a.get("feedback") or "").strip()
        if not feedback:
            feedback = ("TODO: say why this option is right." if a.get("correct")
                        else "TODO: say why this option is not right.")
            notes.append(f"write feedback for option '{_clip(text)}' (a placeholder was filled in)")
        options.append({"text": text, "correct": bool(a.get("correct")), "feedback": feedback})
    n_correct = sum(o["correct"] for o in options)
    if n_correct == 0:
        raise ImportProblem("no answer is marked correct")
    if kind == "multiple_choice" and n_correct > 1:
        notes.append(f"jupyterquiz marked {n_correct} answers correct in a choose-one question; "
                     "it became select-all-that-apply")
    return {"type": "single" if kind == "multiple_choice" and n_correct == 1 else "multiple", "options": options}


def _convert_numeric(item, answers, notes):
    values, ranges, defaults = [], [], []
    for number, a in enumerate(answers, 1):
        kind = a.get("type")
        if kind == "value":
            values.append((number, a, _float(a.get("value"), f"answer {number}'s value")))
        elif kind == "range":
            bounds = a.get("range")
            if not isinstance(bounds, list) or len(bounds) != 2:
                raise ImportProblem(f"answer {number}'s range is {bounds!r}, not [lowest, highest]")
            low, high = (_float(x, f"answer {number}'s range") for x in bounds)
            ranges.append((number, a, (min(low, high), max(low, high))))
        elif kind == "default":
            defaults.append((number, a))
        else:
            raise ImportProblem(f"answer {number} has type {kind!r}; expected value, range or default")
    right_values = [v for v in values if v[1].get("correct")]
    right_ranges = [r for r in ranges if r[1].get("correct")]
    out = {"type": "numeric", "units": ""}
    if right_values:
        number, chosen, value = right_values[0]
        out["answer"] = value
        out["tolerance"] = _tolerance_from_precision(value, item.get("precision"))
    elif right_ranges:
        number, chosen, (low, high) = right_ranges[0]
        out["answer"] = (low + high) / 2
        out["range"] = [low, high]
    else:
        raise ImportProblem("a numeric question needs a correct value or range")
    for extra_number, extra, accepted in (right_values + right_ranges)[1:]:
        notes.append(f"answer {extra_number} (also accepted: {accepted!r}) was dropped; this course accepts one value "
                     f"or one range (kept: answer {number}). Widen the range if it should count")
    right = str(chosen.get("feedback") or "").strip()
    low_fb = high_fb = ""
    answer = out["answer"]
    for wrong_number, wrong, (lo, hi) in (r for r in ranges if not r[1].get("correct")):
        feedback = str(wrong.get("feedback") or "").strip()
        side = "too_low" if hi <= answer else "too_high" if lo >= answer else ""
        if not side:
            notes.append(f"answer {wrong_number} (wrong range {[lo, hi]!r}) was dropped: "
                         "it is on both sides of the answer"
                         + (f"; its feedback was '{_clip(feedback, 60)}'" if feedback else ""))
        elif feedback and (low_fb if side == "too_low" else high_fb):
            notes.append(f"answer {wrong_number} (wrong range {[lo, hi]!r}) was dropped: this course has one '{side}' "
                         f"feedback; its feedback was '{_clip(feedback, 60)}'")
        elif feedback:
            if side == "too_low":
                low_fb = feedback
            else:
                high_fb = feedback
    for wrong_number, wrong, value in (v for v in values if not v[1].get("correct")):
        feedback = str(wrong.get("feedback") or "").strip()
        notes.append(f"answer {wrong_number} (wrong value {value:g}) was dropped: this course gives feedback for too "
                     "low and too high, not for single values"
                     + (f"; its feedback was '{_clip(feedback, 60)}'" if feedback else ""))
    default = next((str(a.get("feedback") or "").strip() for _, a in defaults if a.get("feedback")), "")
    if default and low_fb and high_fb:
        notes.append(f"the default feedback ('{_clip(default, 60)}') was dropped: "
                     "too-low and too-high feedback came from ranges")
    low_fb, high_fb = low_fb or default, high_fb or default
    for key, text in (("correct", right), ("too_low", low_fb), ("too_high", high_fb)):
        if not text:
            notes.append(f"write the '{key}' feedback (a placeholder was filled in)")
    out["feedback"] = {"correct": right or "TODO: say why this is right.",
                       "too_low": low_fb or "TODO: say why this is too low.",
                       "too_high": high_fb or "TODO: say why this is too high."}
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json_file", type=Path)
    parser.add_argument("yaml_file", type=Path)
    parser.add_argument("--source", action="append", default=[], help="a source id to cite on every question")
    args = parser.parse_args(argv)
    try:
        items = json.loads(args.json_file.read_text(encoding="utf-8"))
        bank, todo = convert(items, args.source)
        args.yaml_file.write_text(yaml.safe_dump(bank, sort_keys=False, allow_unicode=True, width=100),
                                  encoding="utf-8")
    except OSError as err:
        print(f"{err.filename or args.json_file}: {err.strerror or err}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"{args.json_file}: not UTF-8 text", file=sys.stderr)
        return 2
    except json.JSONDecodeError as err:
        print(f"{args.json_file}: line {err.lineno}, column {err.colno}: not valid JSON ({err.msg})", file=sys.stderr)
        return 2
    except ImportProblem as err:
        print(f"{args.json_file}: {err}", file=sys.stderr)
        return 2
    print(f"Wrote {len(bank['questions'])} questions to {args.yaml_file}. Still to do by hand "
          f"(then check it with: course-check-bank {args.yaml_file}):")
    for line in todo:
        print(f"  - {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
