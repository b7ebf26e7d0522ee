"""A small bank that passes every check (schema, figures, linter), for tests to copy and break one thing in.

It cites only acog2018 (10% of clinically recognised pregnancies; 80% of losses in the first trimester) and
quenby2021 (15·3%, 95% CI 12·5–18·7%), so its figures come from the sources each question cites.
"""

import copy

import yaml

GOOD_BANK = {
    "title": "A sample bank",
    "objectives": ["Explain why sources give different miscarriage rates.", "Read a figure off a chart."],
    "questions": [
        {"id": "two-figures", "type": "single", "objective": 1, "skill": "interpret",
         "prompt": "ACOG gives 10% and a pooled analysis gives 15.3%. What best explains the difference?",
         "options": [
             {"text": "They count different sets of pregnancies.", "correct": True,
              "feedback": "Yes: each figure has its own denominator."},
             {"text": "One of the two sources made a counting error.", "correct": False,
              "feedback": "Not needed: different denominators give different figures."},
             {"text": "Miscarriage became more common over the years.", "correct": False,
              "feedback": "Nothing here shows a change over time."},
             {"text": "The pooled figure counts only later losses.", "correct": False,
              "feedback": "No, it counts all recognised pregnancies."}],
         "explanation": "Figures differ with what they count.", "sources": ["acog2018", "quenby2021"]},
        {"id": "first-trimester", "type": "single", "objective": 1, "skill": "apply",
         "prompt": "A friend asks when most losses happen. Using ACOG's figure, what would you tell her?",
         "options": [
             {"text": "About 80% happen in the first trimester.", "correct": True,
              "feedback": "Yes, as ACOG reports."},
             {"text": "About 80% happen after the first trimester.", "correct": False,
              "feedback": "The other way round."},
             {"text": "They are spread evenly over the pregnancy.", "correct": False,
              "feedback": "No, most are early."}],
         "explanation": "ACOG: approximately 80% of losses are in the first trimester.", "sources": ["acog2018"]},
        {"id": "select-sources", "type": "multiple", "objective": 1, "skill": "interpret",
         "prompt": "Which of these figures are given by the sources?",
         "options": [
             {"text": "10% (ACOG)", "correct": True, "feedback": "Yes."},
             {"text": "15.3% (pooled)", "correct": True, "feedback": "Yes."},
             {"text": "Neither gives a figure", "correct": False, "feedback": "Both give one."}],
         "explanation": "Both sources give a figure.", "sources": ["acog2018", "quenby2021"]},
        {"id": "tf-one", "type": "truefalse", "objective": 1, "skill": "interpret",
         "prompt": "True or false: the pooled estimate is 15.3%.", "answer": True,
         "feedback": {"true": "Yes.", "false": "It is 15.3%."},
         "explanation": "The pooled estimate is 15.3% (95% CI 12.5 to 18.7%).", "sources": ["quenby2021"]},
        {"id": "tf-two", "type": "truefalse", "objective": 1, "skill": "recall",
         "prompt": "True or false: ACOG gives 80% for all pregnancies.", "answer": False,
         "feedback": {"true": "80% is the first-trimester share of losses.", "false": "Right."},
         "explanation": "ACOG gives 10% of recognised pregnancies.", "sources": ["acog2018"]},
        {"id": "tf-three", "type": "truefalse", "objective": 2, "skill": "apply",
         "prompt": "True or false: a chart bar at 10% for ACOG matches its text.", "answer": True,
         "feedback": {"true": "Yes.", "false": "ACOG gives 10%."},
         "explanation": "ACOG gives 10%.", "sources": ["acog2018"]},
        {"id": "tf-four", "type": "truefalse", "objective": 2, "skill": "interpret",
         "prompt": "True or false: the interval of the pooled estimate runs from 10% to 80%.", "answer": False,
         "feedback": {"true": "No: from 12.5% to 18.7%.", "false": "Right: from 12.5% to 18.7%."},
         "explanation": "95% CI 12.5 to 18.7%.", "sources": ["quenby2021", "acog2018"]},
        {"id": "read-chart", "type": "numeric", "objective": 2, "skill": "interpret",
         "prompt": "Read the pooled estimate off the chart (in %).", "answer": 15.3, "range": [12.5, 18.7],
         "units": "%",
         "feedback": {"correct": "Yes.", "too_low": "Lower than the bar.", "too_high": "Higher than the bar."},
         "explanation": "15.3%.", "sources": ["quenby2021"]},
    ],
}


def good_bank() -> dict:
    return copy.deepcopy(GOOD_BANK)


def write_bank(folder, raw, name="sample_bank.yaml"):
    """Write a bank (a dict, or YAML text) to folder/name and return its path."""
    path = folder / name
    text = raw if isinstance(raw, str) else yaml.safe_dump(raw, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


REPO = __import__("pathlib").Path(__file__).resolve().parents[1]
