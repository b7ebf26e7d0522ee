"""course-check-bank: a teacher who edited a bank gets plain words naming the file and the question, never a
traceback."""

import subprocess
import sys
import tomllib

import pytest

from miscarriage_course.quiz import check
from miscarriage_course.quiz.check import main

from bank_samples import REPO, good_bank, write_bank


def run(capsys, *files):
    status = main([str(f) for f in files])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out + err


def test_a_good_bank_passes(tmp_path, capsys):
    status, out = run(capsys, write_bank(tmp_path, good_bank()))
    assert status == 0 and "sample_bank.yaml: 8 questions; nothing to fix" in out and "nothing to fix." in out
    assert main(["--table", str(tmp_path / "sample_bank.yaml")]) == 0
    table = capsys.readouterr().out.split("What the linter measured (what learners see):\n")[1].splitlines()
    assert table[0].startswith("bank ") and table[1].startswith("sample_bank ") and "1/5/2/0" in table[1]


def test_a_colon_in_a_prompt_names_the_line_the_question_and_the_fix(tmp_path, capsys):
    text = write_bank(tmp_path, good_bank()).read_text().replace(
        "prompt: Which of these figures are given by the sources?",
        "prompt: True or false: about which figures do the sources agree?")
    path = write_bank(tmp_path, text)
    status, out = run(capsys, path)
    assert status == 1
    assert f"{path}: line " in out and "(in question 'select-sources')" in out
    assert "Put the whole text in double quotes" in out


def test_a_schema_problem_names_the_file_and_the_question(tmp_path, capsys):
    raw = good_bank()
    raw["questions"][1]["options"][0]["correct"] = False
    raw["questions"][2]["sources"] = ["nobody2020"]
    status, out = run(capsys, write_bank(tmp_path, raw))
    assert status == 1 and "sample_bank.yaml cannot be loaded; fix these first (2)" in out
    assert "sample_bank.yaml: question 'first-trimester', field 'options': no option is marked correct" in out
    assert "sample_bank.yaml: question 'select-sources', field 'sources': unknown source id 'nobody2020'" in out


def test_an_invented_figure_fails_naming_the_question(tmp_path, capsys):
    raw = good_bank()
    raw["questions"][0]["explanation"] = "About 42.42% of the difference is down to counting."
    status, out = run(capsys, write_bank(tmp_path, raw))
    assert status == 1
    assert "sample_bank.yaml, question 'two-figures': the figure '42.42%' in the explanation is not in" in out


def test_a_linter_target_fails_the_check(tmp_path, capsys):
    raw = good_bank()
    for q in raw["questions"]:
        q["skill"] = "recall"
    status, out = run(capsys, write_bank(tmp_path, raw))
    assert status == 1 and "0 of 8 questions (0%) ask the learner to interpret or apply" in out


def test_several_files_each_get_their_verdict(tmp_path, capsys):
    good = write_bank(tmp_path, good_bank(), "good.yaml")
    broken = write_bank(tmp_path, "title: [unclosed\n", "broken.yaml")
    status, out = run(capsys, good, broken, tmp_path / "missing.yaml")
    assert status == 1
    assert "✓ " + str(good) in out and "✗ " + str(broken) + " cannot be loaded" in out
    assert f"{tmp_path / 'missing.yaml'}: no such file" in out
    assert "1 of 2 bank(s) checked need changes" in out


def test_a_broken_sources_file_is_reported_not_raised(data_copy, capsys):
    with open(data_copy / "sources.csv", "a", encoding="utf-8") as handle:
        handle.write("Bad Id,,,,,,,\n")
    status, out = run(capsys, data_copy / "quizzes" / "00_how_common.yaml")
    assert status == 1 and "sources.csv" in out and "could not be read" in out


def test_an_unexpected_problem_is_a_sentence_not_a_traceback(tmp_path, capsys, monkeypatch):
    def broken_lint(*args, **kwargs):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(check, "lint", broken_lint)
    status, out = run(capsys, write_bank(tmp_path, good_bank()))
    assert status == 1 and "stopped on an unexpected problem (RuntimeError: something nobody expected)" in out


def test_the_command_is_installed_and_runs_as_a_program(tmp_path):
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["course-check-bank"] == "miscarriage_course.quiz.check:main"
    assert "check-banks:" in (REPO / "Makefile").read_text()
    broken = write_bank(tmp_path, "questions:\n  - id: a\n    prompt: True or false: about half\n")
    done = subprocess.run([sys.executable, "-m", "miscarriage_course.quiz.check", str(broken)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert "line 3, column 26 (in question 'a')" in done.stdout


@pytest.mark.parametrize("text", ["", "just text", "- a list\n", "title: x\nquestions: 3\n"])
def test_files_that_are_not_banks_at_all(tmp_path, capsys, text):
    status, out = run(capsys, write_bank(tmp_path, text))
    assert status == 1 and "sample_bank.yaml" in out and "expected" in out
