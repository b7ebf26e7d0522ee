"""Convert a jupyterquiz JSON bank (multiple_choice, many_choice, numeric) into this course's YAML format.

    python -m miscarriage_course.quiz.jupyterquiz_import questions.json data/quizzes/NN_name.yaml [--source ID]

jupyterquiz has no learning objectives or sources and makes feedback optional, so the converter fills what it can
and prints a list of what a teacher must still write. The result is checked by the same validation as every bank
once it is in data/quizzes/.
"""

import argparse
import json
import math
import sys
from pathlib import Path

import yaml

PLACEHOLDER_OBJECTIVE = "TODO: write the learning objective this question checks (as in the notebook)."


class ImportProblem(ValueError):
    pass


def _tolerance_from_precision(value: float, precision) -> float:
    """jupyterquiz (2.8+) rounds to ``precision`` significant digits; half of that last digit is our tolerance."""
    if not precision or value == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(value))) - int(precision) + 1
    return 0.5 * 10**exponent


def convert(items, source_ids=()) -> tuple:
    """Returns (bank as a dict, list of things the teacher must still fill in)."""
    if not isinstance(items, list):
        raise ImportProblem("expected a JSON list of questions, as jupyterquiz writes them")
    todo, questions = [], []
    for n, item in enumerate(items, 1):
        qid = f"q{n}"
        if not isinstance(item, dict) or "question" not in item or "type" not in item:
            raise ImportProblem(f"question {n}: expected an object with 'question', 'type' and 'answers'")
        prompt = str(item["question"]).strip()
        if item.get("code"):
            prompt += "\n\n" + str(item["code"])
        kind = item["type"]
        answers = item.get("answers") or []
        question = {"id": qid, "objective": 1, "prompt": prompt}
        if kind in ("multiple_choice", "many_choice"):
            options = []
            for a in answers:
                text = str(a.get("answer") or a.get("code") or "").strip()
                feedback = str(a.get("feedback") or "").strip()
                if not feedback:
                    feedback = "This is one of the right answers." if a.get("correct") else "This is not right."
                    todo.append(f"{qid}: write feedback for option '{text[:40]}' (a placeholder was filled in)")
                options.append({"text": text, "correct": bool(a.get("correct")), "feedback": feedback})
            n_correct = sum(o["correct"] for o in options)
            question["type"] = "single" if kind == "multiple_choice" and n_correct == 1 else "multiple"
            question["options"] = options
        elif kind == "numeric":
            question.update(_convert_numeric(qid, item, answers, todo))
        else:
            raise ImportProblem(f"question {n}: type '{kind}' is not one this converter knows (multiple_choice, many_choice, numeric)")
        question["explanation"] = "TODO: explain the answer."
        todo.append(f"{qid}: write the explanation shown with the answer")
        question["sources"] = list(source_ids)
        if not source_ids:
            todo.append(f"{qid}: add the ids of the sources (data/sources.csv) for its medical claims")
        questions.append(question)
    todo.insert(0, "objectives: replace the placeholder with the notebook's objectives, and set each question's objective number")
    bank = {"title": "TODO: the notebook's title", "objectives": [PLACEHOLDER_OBJECTIVE], "questions": questions}
    return bank, todo


def _convert_numeric(qid, item, answers, todo):
    correct_values = [a for a in answers if a.get("type") == "value" and a.get("correct")]
    correct_ranges = [a for a in answers if a.get("type") == "range" and a.get("correct")]
    default = next((str(a.get("feedback", "")).strip() for a in answers if a.get("type") == "default"), "")
    out = {"type": "numeric", "units": ""}
    if correct_values:
        value = float(correct_values[0]["value"])
        out["answer"] = value
        out["tolerance"] = _tolerance_from_precision(value, item.get("precision"))
        right = str(correct_values[0].get("feedback") or "").strip()
    elif correct_ranges:
        low, high = (float(x) for x in correct_ranges[0]["range"])
        out["answer"] = (low + high) / 2
        out["range"] = [low, high]
        right = str(correct_ranges[0].get("feedback") or "").strip()
    else:
        raise ImportProblem(f"{qid}: a numeric question needs a correct value or range")
    low_fb = high_fb = default
    for a in answers:  # wrong ranges wholly below or above the answer become our too_low / too_high feedback
        if a.get("type") == "range" and not a.get("correct") and a.get("feedback"):
            lo, hi = (float(x) for x in a["range"])
            if hi <= out["answer"]:
                low_fb = str(a["feedback"]).strip()
            elif lo >= out["answer"]:
                high_fb = str(a["feedback"]).strip()
    for key, text in (("correct", right), ("too_low", low_fb), ("too_high", high_fb)):
        if not text:
            todo.append(f"{qid}: write the '{key}' feedback (a placeholder was filled in)")
    out["feedback"] = {"correct": right or "Correct.", "too_low": low_fb or "Too low.", "too_high": high_fb or "Too high."}
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
    except (OSError, json.JSONDecodeError, ImportProblem, TypeError, ValueError) as err:
        print(f"{args.json_file}: {err}", file=sys.stderr)
        return 2
    args.yaml_file.write_text(yaml.safe_dump(bank, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    print(f"Wrote {len(bank['questions'])} questions to {args.yaml_file}. Still to do by hand:")
    for line in todo:
        print(f"  - {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
