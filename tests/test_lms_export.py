"""Banks exported for learning platforms: Moodle XML (with a round trip), QTI 1.2 for Canvas, and GIFT.

No platform runs here, so the tests check each format's documented structure: the XML parses, identifiers are unique,
every question is present with its options, grades and feedback, chart questions carry their chart and alt text, and
a broken bank writes nothing.
"""

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from html import unescape

import pytest

from miscarriage_course.lms_export import (
    CP_NS,
    MOODLE_FRACTIONS,
    QTI_NS,
    charts_before_questions,
    gift_text,
    main,
    moodle_xml,
    qti_zip,
    read_moodle_xml,
)
from miscarriage_course.quiz.bank import bank_names, load_bank, load_bank_file
from miscarriage_course.quiz.grading import accepted_range
from miscarriage_course.tables import load_sources

BANKS = bank_names()
# Every grade Moodle accepts (question_bank::fraction_options_full), in percent.
MOODLE_GRADES = {float(v) for v in MOODLE_FRACTIONS.values()} | {-float(v) for v in MOODLE_FRACTIONS.values()} | {0.0}


def _plain(html_text: str) -> list:
    """The words a learner reads in an exported HTML field."""
    return unescape(re.sub(r"<[^>]+>", " ", html_text or "")).split()


@pytest.mark.parametrize("name", BANKS)
def test_moodle_round_trip_gives_back_the_bank(name):
    bank = load_bank(name)
    charts = charts_before_questions(name)
    exported = {q["idnumber"]: q for q in read_moodle_xml(moodle_xml(bank, charts))}
    assert len(exported) == len(bank.questions)
    for question in bank.questions:
        item = exported[f"{name}/{question.id}"]
        assert _plain(question.prompt) == _plain(item["prompt_html"])[:len(question.prompt.split())]
        assert _plain(question.explanation) == _plain(item["general_feedback_html"])[:len(question.explanation.split())]
        answers = item["answers"]
        assert {a["fraction"] for a in answers} <= MOODLE_GRADES, "Moodle refuses a grade outside its list"
        if question.type in ("single", "multiple"):
            assert item["type"] == "multichoice"
            assert item["single"] == ("true" if question.type == "single" else "false")
            assert [_plain(a["text"]) for a in answers] == [_plain(o.text) for o in question.options]
            assert [_plain(a["feedback"]) for a in answers] == [_plain(o.feedback) for o in question.options]
            assert [a["fraction"] > 0 for a in answers] == [o.correct for o in question.options]
            right = sum(a["fraction"] for a in answers if a["fraction"] > 0)
            assert right == pytest.approx(100, abs=0.001)
            if question.type == "multiple" and not all(o.correct for o in question.options):
                assert sum(a["fraction"] for a in answers) <= 0.001, "ticking every box must not earn credit"
        elif question.type == "truefalse":
            assert {a["text"]: a["fraction"] for a in answers} == {
                "true": 100.0 if question.answer else 0.0, "false": 0.0 if question.answer else 100.0}
            assert {a["text"]: _plain(a["feedback"]) for a in answers} == {
                k: _plain(v) for k, v in question.feedback.items()}
        else:
            low, high = accepted_range(question)
            right = answers[0]
            centre, tolerance = float(right["text"]), float(right["tolerance"])
            assert right["fraction"] == 100
            assert centre - tolerance == pytest.approx(low) and centre + tolerance == pytest.approx(high)
            assert [_plain(a["feedback"]) for a in answers] == [
                _plain(question.feedback[k]) for k in ("correct", "too_low", "too_high")]
        for chart in charts.get(question.id, []) if "chart" in question.prompt.lower() else []:
            assert item["files"][chart.name] == chart.png
            assert f'alt="{chart.alt}"' in unescape(item["prompt_html"])


def test_chart_questions_carry_their_chart():
    bank = load_bank("00_how_common")
    exported = {q["idnumber"]: q for q in read_moodle_xml(moodle_xml(bank))}
    pooled = exported["00_how_common/pooled-per-100"]
    (name, png), = pooled["files"].items()
    assert png.startswith(b"\x89PNG") and name in pooled["prompt_html"]
    assert "Bar chart titled" in pooled["prompt_html"]
    assert exported["00_how_common/denominator"]["files"] == {}


@pytest.mark.parametrize("name", BANKS)
def test_qti_package_follows_canvas_structure(name):
    bank = load_bank(name)
    archive = zipfile.ZipFile(io.BytesIO(qti_zip(bank)))
    names = set(archive.namelist())
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.tag == f"{{{CP_NS}}}manifest"
    hrefs = [f.get("href") for f in manifest.iter(f"{{{CP_NS}}}file")]
    assert set(hrefs) == names - {"imsmanifest.xml"}
    (qti_file,) = [h for h in hrefs if h.endswith(".xml")]
    root = ET.fromstring(archive.read(qti_file))
    assert root.tag == f"{{{QTI_NS}}}questestinterop"
    items = list(root.iter(f"{{{QTI_NS}}}item"))
    assert len(items) == len(bank.questions)
    labels = [el.get("ident") for el in root.iter(f"{{{QTI_NS}}}response_label")]
    assert len(labels) == len(set(labels))
    for question, item in zip(bank.questions, items):
        meta = {f.findtext(f"{{{QTI_NS}}}fieldlabel"): f.findtext(f"{{{QTI_NS}}}fieldentry")
                for f in item.iter(f"{{{QTI_NS}}}qtimetadatafield")}
        assert meta["question_type"] in {"multiple_choice_question", "multiple_answers_question",
                                         "true_false_question", "numerical_question"}
        feedback_ids = {fb.get("ident") for fb in item.iter(f"{{{QTI_NS}}}itemfeedback")}
        shown = {d.get("linkrefid") for d in item.iter(f"{{{QTI_NS}}}displayfeedback")}
        assert shown <= feedback_ids, "a feedback link points at no feedback"
        scoring = [c for c in item.iter(f"{{{QTI_NS}}}respcondition") if c.find(f"{{{QTI_NS}}}setvar") is not None]
        assert len(scoring) == 1
        if question.type == "single":
            (chosen,) = [v.text for v in scoring[0].iter(f"{{{QTI_NS}}}varequal")]
            index = int(chosen.rsplit("_", 1)[1])
            assert question.options[index].correct
        for image in re.findall(r"\$IMS-CC-FILEBASE\$/(images/[^\"]+)", ET.tostring(item, encoding="unicode")):
            assert image in names


@pytest.mark.parametrize("name", BANKS)
def test_gift_has_every_question_with_balanced_braces(name):
    bank = load_bank(name)
    text = gift_text(bank)
    assert len(re.findall(r"^::", text, re.M)) == len(bank.questions)
    unescaped = re.sub(r"\\.", "", text)
    assert unescaped.count("{") == unescaped.count("}") == len(bank.questions)


SPECIAL_BANK = """
title: Special characters
objectives: [Read a chart.]
questions:
  - id: special
    type: single
    objective: 1
    prompt: "Ratio {a}: is it = 2 # or ~3? <b>bold</b> & more"
    options:
      - {text: "Yes: {=}", correct: true, feedback: "Right # here"}
      - {text: "No ~ never", correct: false, feedback: "Wrong: see {x}"}
    explanation: "Because a:b"
    sources: [acog2018]
"""


def test_text_with_special_characters_survives_every_format(tmp_path):
    path = tmp_path / "99_special.yaml"
    path.write_text(SPECIAL_BANK, encoding="utf-8")
    bank = load_bank_file(path, known_sources=set(load_sources().index))
    (item,) = read_moodle_xml(moodle_xml(bank, {}))
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in item["prompt_html"]
    gift = gift_text(bank)
    assert r"Ratio \{a\}\: is it \= 2 \# or \~3?" in gift and r"Yes\: \{\=\}" in gift
    assert qti_zip(bank, {})


def test_a_chart_question_without_a_chart_writes_nothing(tmp_path, monkeypatch, capsys):
    import miscarriage_course.lms_export as lms
    monkeypatch.setattr(lms, "charts_before_questions", lambda name, notebook_dir=None: {})
    out = tmp_path / "out"
    assert main(["--format", "moodle", "--output", str(out), "00_how_common"]) == 1
    message = capsys.readouterr().err
    assert "Nothing was written" in message and "00_how_common.yaml" in message and "pooled-per-100" in message
    assert not out.exists() or not any(out.iterdir())


def test_command_line_errors_are_plain(tmp_path, capsys):
    assert main(["--output", str(tmp_path), "no_such_bank"]) == 1
    assert "No such bank: no_such_bank" in capsys.readouterr().err
    afile = tmp_path / "file.txt"
    afile.write_text("x")
    assert main(["--output", str(afile)]) == 1
    assert "is a file" in capsys.readouterr().err


def test_command_writes_every_format_for_one_bank(tmp_path):
    assert main(["--output", str(tmp_path), "00_how_common"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "00_how_common.gift.txt", "00_how_common.moodle.xml", "00_how_common.qti.zip"]
    assert not list(tmp_path.glob(".*.tmp"))
