"""The bank linter: the course's banks meet issue 13's targets, and planted bad banks are caught.

Targets (measured on what learners see, after the display order): no letter holds the key of more than 40% of a
bank's single-answer questions; the key is the longest option in at most 35% of them; 35% to 65% of true/false
questions are keyed True (over the whole course when a bank has fewer than three); at least 60% of each bank's
questions ask to interpret or apply; no TODO or placeholder text; every figure comes from the sources its question
cites.
"""

import pytest

from miscarriage_course.quiz.bank import bank_names, load_bank, load_bank_file
from miscarriage_course.quiz.lint import (
    FEWEST_TRUEFALSE_PER_BANK,
    SourceNumbers,
    figures_in,
    figures_table,
    lint,
    measure,
    near_duplicates,
    unsourced_figures,
)
from miscarriage_course.tables import load_sources

from bank_samples import good_bank, write_bank

TARGETS = ("key-position", "key-longest", "true-share", "skill-mix", "placeholder")


@pytest.fixture(scope="module")
def course():
    banks = [load_bank(name) for name in bank_names()]
    return banks, lint(banks)


@pytest.mark.parametrize("name", bank_names())
def test_each_bank_meets_the_targets(course, name):
    banks, report = course
    path = str(next(f.path for f in report.figures if f.name == name))
    assert [str(f) for f in report.findings if f.path == path and f.check in TARGETS] == []


@pytest.mark.parametrize("name", bank_names())
def test_every_figure_in_a_question_comes_from_the_sources_it_cites(course, name):
    banks, report = course
    path = str(next(f.path for f in report.figures if f.name == name))
    assert [str(f) for f in report.findings if f.path == path and f.check == "unsourced-figure"] == []


def test_true_false_keys_are_balanced_over_the_course(course):
    banks, report = course
    assert [str(f) for f in report.findings if f.path == "" and f.check == "true-share"] == []


def test_the_figures_table_has_a_row_per_bank_and_a_course_total(course):
    banks, report = course
    table = figures_table(report.figures).splitlines()
    assert len(table) == 1 + len(banks) + 1 and table[-1].startswith("whole course")
    print("\n" + "\n".join(table))  # shown with pytest -s: the figures to quote in a review


# --- planted bad banks -----------------------------------------------------------------------------------------


def load(tmp_path, raw, name="sample_bank.yaml"):
    return load_bank_file(write_bank(tmp_path, raw, name))


def findings(bank, check):
    return [f for f in lint([bank], check_figures=False).findings if f.check == check and f.path]


def test_the_sample_bank_passes_every_check(tmp_path):
    bank = load(tmp_path, good_bank())
    report = lint([bank])
    assert [str(f) for f in report.blocking] == []


def test_keys_kept_in_one_written_place_are_caught(tmp_path):
    raw = good_bank()
    template = raw["questions"][0]
    raw["questions"] += [dict(template, id=f"kept-{i}", shuffle=False) for i in range(4)]
    raw["questions"][0]["shuffle"] = False
    bank = load(tmp_path, raw)
    assert measure(bank).key_letters["A"] == 5
    (found,) = findings(bank, "key-position")
    assert ("the key is shown as A in 5 of 6 single-answer questions (83%); no letter may hold more than 2"
            in found.message)


def test_keys_that_are_the_longest_option_are_caught(tmp_path):
    raw = good_bank()
    for q in raw["questions"][:2]:
        key = next(o for o in q["options"] if o["correct"])
        key["text"] += " This longer, carefully hedged wording gives the right answer away."
    bank = load(tmp_path, raw)
    figures = measure(bank)
    assert figures.key_longest == 2 and figures.median_length_ratio > 2
    (found,) = findings(bank, "key-longest")
    assert ("longest option in 2 of 2 single-answer questions (100%; at most 35%): two-figures, first-trimester"
            in found.message)


def test_true_false_keyed_one_way_is_caught_in_the_bank_or_over_the_course(tmp_path):
    raw = good_bank()
    for q in raw["questions"]:
        if q["type"] == "truefalse":
            q["answer"], q["feedback"] = False, {"true": "No.", "false": "Yes."}
    (found,) = findings(load(tmp_path, raw), "true-share")
    assert "0 of 4 true/false questions in this bank are keyed True (0%)" in found.message
    raw["questions"] = [q for q in raw["questions"] if q["id"] != "tf-four"]
    assert findings(load(tmp_path, raw), "true-share") != []  # three, none True
    raw["questions"][3].update(answer=True, feedback={"true": "Yes.", "false": "It is 15.3%."})
    assert findings(load(tmp_path, raw), "true-share") == []  # one of three: as near half as three allows
    raw["questions"] = [q for q in raw["questions"] if q["id"] != "tf-three"]
    raw["questions"][3].update(answer=False, feedback={"true": "No.", "false": "Yes."})
    few = load(tmp_path, raw)  # two true/false questions, both False: judged over the course
    assert measure(few).truefalse < FEWEST_TRUEFALSE_PER_BANK and findings(few, "true-share") == []
    course = [f for f in lint([few], check_figures=False).findings if f.check == "true-share"]
    assert len(course) == 1 and course[0].path == "" and "over the whole course" in course[0].message


def test_a_bank_of_recall_questions_is_caught(tmp_path):
    raw = good_bank()
    for q in raw["questions"][:5]:
        q["skill"] = "recall"
    raw["questions"][5].pop("skill")
    (found,) = findings(load(tmp_path, raw), "skill-mix")
    assert "2 of 8 questions (25%) ask the learner to interpret or apply" in found.message
    assert "Recall: 5, untagged: 1" in found.message


def test_todo_and_placeholder_text_is_caught_wherever_it_is(tmp_path):
    raw = good_bank()
    raw["title"] = "TODO: the notebook's title"
    raw["questions"][0]["explanation"] = "TODO: explain the answer."
    raw["questions"][1]["options"][2]["feedback"] = "This is not right."  # what the old importer filled in
    raw["questions"][7]["feedback"]["too_low"] = "Placeholder until the chart is final."
    found = {(f.question, f.message.split(" still")[0]) for f in findings(load(tmp_path, raw), "placeholder")}
    assert ("", "the title") in found and ("two-figures", "the explanation") in found
    assert ("read-chart", "the 'too_low' feedback") in found
    assert any(q == "first-trimester" and "option 3 in the file" in where for q, where in found)
    assert len(found) == 4


def test_absolute_words_in_wrong_options_only_are_pointed_at_but_do_not_fail(tmp_path):
    raw = good_bank()
    for q in raw["questions"][:2]:
        for n, o in enumerate(q["options"]):
            if not o["correct"]:
                o["text"] = f"It must always happen, without exception ({n})."
    (found,) = findings(load(tmp_path, raw), "absolute-words")
    assert not found.blocking and "83% of wrong options but 0% of right ones" in found.message  # 5 of 6 wrong options
    assert "spot the wrong ones" in found.message


def test_absolute_words_in_right_options_only_are_pointed_at_too(tmp_path):
    raw = good_bank()
    for q in raw["questions"][:2]:
        for o in q["options"]:
            if o["correct"]:
                o["text"] = "It must always happen, without exception."
    (found,) = findings(load(tmp_path, raw), "absolute-words")
    assert not found.blocking and "but 50% of right ones" in found.message and "spot the right ones" in found.message


def test_near_duplicate_stems_across_banks_are_listed(tmp_path):
    one = load(tmp_path, good_bank(), "01_one.yaml")
    raw = good_bank()
    raw["questions"][0]["prompt"] = ("ACOG gives 10% while a pooled analysis gives 15.3%. "
                                     "What best explains this difference?")
    raw["questions"][2]["prompt"] = "A completely different question about chart axes and their labels."
    for q in raw["questions"]:
        q["id"] = "other-" + q["id"]
    two = load(tmp_path, raw, "02_two.yaml")
    pairs = {(f.question, f.other.rsplit("/", 1)[-1], f.message.split("question '")[1].split("'")[0])
             for f in near_duplicates([one, two])}
    assert ("two-figures", "02_two.yaml", "other-two-figures") in pairs
    assert not any("select-sources" in pair for pair in pairs)
    assert all(not f.blocking for f in near_duplicates([one, two]))
    assert near_duplicates([one]) == []  # within one bank, questions may share words


# --- the figure check ---------------------------------------------------------------------------------------------


def test_figures_are_percentages_decimals_and_counts_but_not_ages_or_confidence_levels():
    found = [written for written, _ in figures_in(
        "At 35 years, 12.8% of 1,119 pregnancies (95% CI 10·3–11·4%), OR 1.54; week 12 of 40; ratio 1,5.")]
    assert found == ["12.8%", "1,119", "10·3", "11·4%", "1.54"]


def test_an_invented_figure_is_caught_naming_the_question_and_where(tmp_path):
    raw = good_bank()
    raw["questions"][0]["options"][1]["text"] = "About 42.42% of pregnancies end in miscarriage."
    (found,) = unsourced_figures(load(tmp_path, raw), SourceNumbers())
    assert found.question == "two-figures" and "'42.42%'" in found.message
    assert "option 2 in the file" in found.message and "(acog2018, quenby2021)" in found.message


def test_a_figure_from_elsewhere_in_the_course_is_not_enough(tmp_path):
    raw = good_bank()  # 25% appears in the course's data, but not in what ACOG's row or snippet says
    raw["questions"][1]["explanation"] = "About 25% of losses happen later."
    numbers = SourceNumbers()
    assert any(25.0 in found for found in numbers.by_source.values())
    (found,) = unsourced_figures(load(tmp_path, raw), numbers)
    assert found.question == "first-trimester" and "'25%' in the explanation" in found.message


def test_figures_in_a_cited_sources_data_rows_count(tmp_path):
    numbers = SourceNumbers()
    sources = load_sources()
    # a decimal that only a data row of one source holds (not its snippet, not the sample bank's own sources)
    sid, value = next((sid, x) for sid in sources.index for x in sorted(numbers.by_source[sid])
                      if x != int(x) and f"{x:g}" not in sources.loc[sid, "snippet"].replace("·", ".")
                      and x not in numbers.allowed(["acog2018", "quenby2021"]))
    raw = good_bank()
    raw["questions"][0]["explanation"] = f"A figure of {value:g} from the data table."
    (found,) = unsourced_figures(load(tmp_path, raw), numbers)
    assert f"'{value:g}'" in found.message
    raw["questions"][0]["sources"].append(sid)
    assert unsourced_figures(load(tmp_path, raw), numbers) == []


def test_a_numeric_answer_must_come_from_the_cited_sources(tmp_path):
    raw = good_bank()
    raw["questions"][7].update(answer=16.2, range=[12.5, 18.7])
    found = unsourced_figures(load(tmp_path, raw), SourceNumbers())
    assert [f.message.split(" is not")[0] for f in found] == ["the answer 16.2"]
