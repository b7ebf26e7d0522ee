"""The quiz banks as files a learning platform imports: Moodle XML, QTI 1.2 (Canvas's flavour) and GIFT.

    course-lms-export --format moodle --output build/lms            # every bank, one Moodle XML file each
    course-lms-export --format qti --output build/lms 00_how_common # one bank, as a QTI 1.2 zip for Canvas
    course-lms-export --format all --output build/lms               # all three formats, every bank

What travels with each question: the prompt; every option with its feedback; the explanation and the sources (as the
question's general feedback); numeric answers with their tolerance or range, and the too-low and too-high feedback;
partial credit for "select all that apply" where the format allows it; and, for a question that asks the learner to
read a chart, the chart itself (PNG) with its alt text, taken from the notebook's stored outputs.

Files are written whole or not at all: each file is built in memory, checked (the XML parses; identifiers are unique;
every question of the bank is present) and only then written, through a temporary file that is renamed into place.
A bank that does not load, or a question the format cannot carry, stops the export with a message naming the bank and
the question.
"""

import argparse
import base64
import html
import io
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

from miscarriage_course.errors import CourseDataError
from miscarriage_course.paths import display_path, notebooks_dir
from miscarriage_course.quiz.bank import bank_names, load_bank
from miscarriage_course.quiz.grading import accepted_range
from miscarriage_course.tables import source_names
from miscarriage_course.vocabulary import units_phrase

FORMATS = ("moodle", "qti", "gift")
# Words in a prompt that mean "look at a chart": such a question carries the charts shown before it in the notebook.
CHART_WORDS = re.compile(r"\b(chart|charts|forest plot|icon array|squares|graph)\b", re.I)
# Moodle accepts only these grade fractions (question_bank::fraction_options_full); 100/n for n = 1..10 are all here.
MOODLE_FRACTIONS = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571", 8: "12.5",
                    9: "11.11111", 10: "10"}
# A numeric answer's too-low and too-high feedback in Moodle: a second and third answer covering everything below and
# above the accepted range (Moodle gives the feedback of the first answer whose range holds the learner's number).
FAR = 1_000_000


def export_problem(bank_name: str, problem: str) -> CourseDataError:
    """A bank or question that cannot be exported: the message names the bank's file and the question."""
    return CourseDataError(f"data/quizzes/{bank_name}.yaml", problem)


@dataclass(frozen=True)
class ChartImage:
    """A chart from a notebook's stored outputs: its file name in the export, the PNG bytes and the alt text."""
    name: str
    png: bytes
    alt: str


# ---------------------------------------------------------------------------------------------------------------
# Charts from the stored notebooks

_FIGURE = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"[^>]*?alt="([^"]*)"', re.S)
_ASK = re.compile(r"""quiz\.ask\(([^)]*)\)""")


def charts_before_questions(bank_name: str, notebook_dir=None) -> dict:
    """For each question id, the charts the notebook shows between the previous quiz cell and the one asking it."""
    path = Path(notebook_dir or notebooks_dir()) / f"{bank_name}.ipynb"
    if not path.exists():
        return {}
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError) as err:
        raise CourseDataError(display_path(path), f"could not read the notebook's stored charts ({err})") from None
    found, pending, count = {}, [], 0
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        asked = _ASK.search(source)
        if asked:
            for qid in re.findall(r"""["']([^"']+)["']""", asked.group(1)):
                found[qid] = list(pending)
            pending = []
            continue
        for output in cell.get("outputs", []):
            page = output.get("data", {}).get("text/html", "")
            page = "".join(page) if isinstance(page, list) else page
            for data, alt in _FIGURE.findall(page):
                count += 1
                pending.append(ChartImage(f"{bank_name}-chart-{count}.png", base64.b64decode(data),
                                          html.unescape(alt)))
    return found


def charts_for(question, charts_by_question: dict, bank_name: str) -> list:
    """The charts a question needs: none unless its prompt asks the learner to read a chart."""
    if not CHART_WORDS.search(question.prompt):
        return []
    charts = charts_by_question.get(question.id, [])
    if not charts:
        raise export_problem(bank_name, f"question '{question.id}': the prompt refers to a chart, but the stored "
                          f"notebook shows no chart before this question. Re-run the notebook (make execute) or "
                          f"reword the prompt.")
    return charts


# ---------------------------------------------------------------------------------------------------------------
# Shared text

def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def general_feedback_html(question) -> str:
    return _p(question.explanation) + f"<p><em>Sources: {html.escape(source_names(question.sources))}</em></p>"


def numeric_instructions(question) -> str:
    units = {"%": "as a percentage, without the % sign"}.get(question.units, units_phrase(question.units))
    return f"Type a number{(' ' + units) if units else ''}."


def _check_supported(bank, question):
    if question.type not in ("single", "multiple", "truefalse", "numeric"):
        raise export_problem(bank.name, f"question '{question.id}': the type '{question.type}' has no export.")
    if question.type == "multiple":
        right = sum(o.correct for o in question.options)
        wrong = len(question.options) - right
        for n, what in ((right, "right"), (wrong, "wrong")):
            if n and n not in MOODLE_FRACTIONS:
                raise export_problem(bank.name, f"question '{question.id}': {n} {what} options; partial credit can be "
                                  f"shared among at most 10.")


# ---------------------------------------------------------------------------------------------------------------
# Moodle XML

def _text_el(parent, tag, text, fmt="html", files=()):
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = text
    for chart in files:
        ET.SubElement(el, "file", {"name": chart.name, "path": "/", "encoding": "base64"}).text = \
            base64.b64encode(chart.png).decode("ascii")
    return el


def _question_html(question, charts, image_src) -> str:
    parts = [_p(question.prompt)]
    for chart in charts:
        parts.append(f'<p><img src="{image_src(chart)}" alt="{html.escape(chart.alt)}"></p>')
    if question.type == "numeric":
        parts.append(_p(numeric_instructions(question)))
    return "".join(parts)


def moodle_question(bank, question, charts) -> ET.Element:
    _check_supported(bank, question)
    qtype = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
             "numeric": "numerical"}[question.type]
    q = ET.Element("question", {"type": qtype})
    name = ET.SubElement(q, "name")
    ET.SubElement(name, "text").text = f"{bank.name} · {bank.number_of(question.id)}. {question.id}"
    _text_el(q, "questiontext", _question_html(question, charts, lambda c: f"@@PLUGINFILE@@/{c.name}"), files=charts)
    _text_el(q, "generalfeedback", general_feedback_html(question))
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = f"{bank.name}/{question.id}"
    if question.type in ("single", "multiple"):
        ET.SubElement(q, "single").text = "true" if question.type == "single" else "false"
        ET.SubElement(q, "shuffleanswers").text = "false"  # the bank's order is already free of position cues
        ET.SubElement(q, "answernumbering").text = "ABCD"
        right = sum(o.correct for o in question.options)
        wrong = len(question.options) - right
        for option in question.options:
            if question.type == "single":
                fraction = "100" if option.correct else "0"
            else:  # ticking every box scores nothing: each wrong tick takes away what a right one gives
                fraction = MOODLE_FRACTIONS[right] if option.correct else f"-{MOODLE_FRACTIONS[wrong]}"
            answer = _text_el(q, "answer", _p(option.text))
            answer.set("fraction", fraction)
            _text_el(answer, "feedback", _p(option.feedback))
        for tag, text in (("correctfeedback", "Right."), ("partiallycorrectfeedback", "Partly right."),
                          ("incorrectfeedback", "Not right.")):
            _text_el(q, tag, _p(text))
        if question.type == "multiple":
            ET.SubElement(q, "shownumcorrect")
    elif question.type == "truefalse":
        for value in ("true", "false"):
            answer = ET.SubElement(q, "answer", {"fraction": "100" if question.answer == (value == "true") else "0",
                                                "format": "moodle_auto_format"})
            ET.SubElement(answer, "text").text = value
            _text_el(answer, "feedback", _p(question.feedback[value]))
    else:
        low, high = accepted_range(question)
        middle, half = (low + high) / 2, (high - low) / 2
        for value, tolerance, fraction, key in ((middle, half, "100", "correct"), (low - FAR, FAR, "0", "too_low"),
                                                (high + FAR, FAR, "0", "too_high")):
            answer = ET.SubElement(q, "answer", {"fraction": fraction, "format": "moodle_auto_format"})
            ET.SubElement(answer, "text").text = f"{value:g}"
            ET.SubElement(answer, "tolerance").text = f"{tolerance:g}"
            _text_el(answer, "feedback", _p(question.feedback[key]))
        ET.SubElement(q, "unitgradingtype").text = "0"
        ET.SubElement(q, "unitpenalty").text = "0"
        ET.SubElement(q, "showunits").text = "3"  # no unit box: the prompt says what the number is in
        ET.SubElement(q, "unitsleft").text = "0"
    return q


def moodle_xml(bank, charts_by_question=None) -> bytes:
    """One bank as a Moodle XML question file, in a category named after the notebook."""
    charts_by_question = charts_by_question if charts_by_question is not None else charts_before_questions(bank.name)
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", {"type": "category"})
    cat = ET.SubElement(category, "category")
    ET.SubElement(cat, "text").text = f"$course$/top/What causes miscarriage/{bank.name}"
    info = ET.SubElement(category, "info", {"format": "html"})
    ET.SubElement(info, "text").text = _p(bank.title)
    for question in bank.questions:
        quiz.append(moodle_question(bank, question, charts_for(question, charts_by_question, bank.name)))
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"


def read_moodle_xml(data: bytes) -> list:
    """Parse a Moodle XML file back into plain dicts (for the round-trip test and for checking an export)."""
    root = ET.fromstring(data)
    questions = []
    for q in root.findall("question"):
        if q.get("type") == "category":
            continue
        item = {"type": q.get("type"), "idnumber": q.findtext("idnumber"),
                "prompt_html": q.findtext("questiontext/text"),
                "files": {f.get("name"): base64.b64decode(f.text or "") for f in q.findall("questiontext/file")},
                "general_feedback_html": q.findtext("generalfeedback/text"),
                "single": q.findtext("single"), "answers": []}
        for a in q.findall("answer"):
            item["answers"].append({"fraction": float(a.get("fraction")), "text": a.findtext("text"),
                                    "tolerance": a.findtext("tolerance"), "feedback": a.findtext("feedback/text")})
        questions.append(item)
    return questions


# ---------------------------------------------------------------------------------------------------------------
# QTI 1.2, as Canvas documents and imports it (a zip: imsmanifest.xml, the assessment, and its images)

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_TYPES = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
                "truefalse": "true_false_question", "numeric": "numerical_question"}


def _ident(*parts) -> str:
    """An XML identifier (NCName) from a bank name and a question id."""
    return "i" + re.sub(r"[^A-Za-z0-9_.-]", "_", "_".join(parts))


def _mattext(parent, text_html):
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", {"texttype": "text/html"}).text = text_html
    return material


def _metadata(item, fields):
    meta = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    for label, entry in fields:
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _feedback(item, ident, text_html):
    fb = ET.SubElement(item, "itemfeedback", {"ident": ident})
    _mattext(ET.SubElement(fb, "flow_mat"), text_html)


def _condition(resprocessing, test, *, score=None, feedback=None, go_on=True):
    cond = ET.SubElement(resprocessing, "respcondition", {"continue": "Yes" if go_on else "No"})
    test(ET.SubElement(cond, "conditionvar"))
    if score is not None:
        ET.SubElement(cond, "setvar", {"action": "Set", "varname": "SCORE"}).text = score
    if feedback:
        ET.SubElement(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": feedback})


def _varequal(value):
    def test(var):
        ET.SubElement(var, "varequal", {"respident": "response1"}).text = value
    return test


def _other(var):
    ET.SubElement(var, "other")


def qti_item(bank, question, charts) -> ET.Element:
    _check_supported(bank, question)
    item = ET.Element("item", {"ident": _ident(bank.name, question.id),
                               "title": f"{bank.number_of(question.id)}. {question.id}"})
    choices = []
    if question.type in ("single", "multiple"):
        choices = [(f"{_ident(bank.name, question.id)}_{i}", o.text, o.correct, o.feedback)
                   for i, o in enumerate(question.options)]
    elif question.type == "truefalse":
        choices = [(f"{_ident(bank.name, question.id)}_{v}", v.capitalize(), question.answer == (v == "true"),
                    question.feedback[v]) for v in ("true", "false")]
    _metadata(item, [("question_type", CANVAS_TYPES[question.type]), ("points_possible", "1"),
                     ("original_answer_ids", ",".join(c[0] for c in choices)),
                     ("assessment_question_identifierref", _ident(bank.name, question.id, "ref"))])
    presentation = ET.SubElement(item, "presentation")
    _mattext(presentation, _question_html(question, charts, lambda c: f"$IMS-CC-FILEBASE$/images/{c.name}"))
    if choices:
        lid = ET.SubElement(presentation, "response_lid",
                            {"ident": "response1",
                             "rcardinality": "Multiple" if question.type == "multiple" else "Single"})
        render = ET.SubElement(lid, "render_choice")
        for ident, text, _, _ in choices:
            _mattext(ET.SubElement(render, "response_label", {"ident": ident}), _p(text))
    else:
        fib = ET.SubElement(ET.SubElement(presentation, "response_str",
                                          {"ident": "response1", "rcardinality": "Single"}),
                            "render_fib", {"fibtype": "Decimal"})
        ET.SubElement(fib, "response_label", {"ident": f"{_ident(bank.name, question.id)}_answer"})
    processing = ET.SubElement(item, "resprocessing")
    ET.SubElement(ET.SubElement(processing, "outcomes"), "decvar",
                  {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
    _condition(processing, _other, feedback="general_fb")
    for ident, _, _, _ in choices:
        _condition(processing, _varequal(ident), feedback=f"{ident}_fb")
    if question.type in ("single", "truefalse"):
        right = next(c[0] for c in choices if c[2])
        _condition(processing, _varequal(right), score="100", go_on=False)
    elif question.type == "multiple":
        def all_and_only_right(var):
            both = ET.SubElement(var, "and")
            for ident, _, correct, _ in choices:
                parent = both if correct else ET.SubElement(both, "not")
                ET.SubElement(parent, "varequal", {"respident": "response1"}).text = ident
        _condition(processing, all_and_only_right, score="100", go_on=False)
    else:
        low, high = accepted_range(question)

        def within(var):
            ET.SubElement(var, "vargte", {"respident": "response1"}).text = f"{low:g}"
            ET.SubElement(var, "varlte", {"respident": "response1"}).text = f"{high:g}"
        _condition(processing, within, score="100", feedback="correct_fb", go_on=False)
        _condition(processing, _other, feedback="general_incorrect_fb")
    _feedback(item, "general_fb", general_feedback_html(question))
    for ident, _, _, feedback in choices:
        _feedback(item, f"{ident}_fb", _p(feedback))
    if question.type == "numeric":
        _feedback(item, "correct_fb", _p(question.feedback["correct"]))
        _feedback(item, "general_incorrect_fb",
                  _p(f"If your number was too low: {question.feedback['too_low']}")
                  + _p(f"If your number was too high: {question.feedback['too_high']}"))
    return item


def qti_assessment(bank, charts_by_question) -> tuple:
    """The assessment XML of one bank and the chart images it refers to."""
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    assessment = ET.SubElement(root, "assessment", {"ident": _ident(bank.name), "title": bank.title})
    section = ET.SubElement(assessment, "section", {"ident": "root_section"})
    images = {}
    for question in bank.questions:
        charts = charts_for(question, charts_by_question, bank.name)
        images.update({c.name: c for c in charts})
        section.append(qti_item(bank, question, charts))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n", images


def qti_manifest(bank, images) -> bytes:
    ident = _ident(bank.name)
    root = ET.Element("manifest", {"identifier": f"{ident}_manifest", "xmlns": CP_NS})
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    resource = ET.SubElement(resources, "resource", {"identifier": ident, "type": "imsqti_xmlv1p2"})
    ET.SubElement(resource, "file", {"href": f"{ident}/{ident}.xml"})
    for name in sorted(images):
        image = ET.SubElement(resources, "resource", {"identifier": _ident(name), "type": "webcontent",
                                                      "href": f"images/{name}"})
        ET.SubElement(image, "file", {"href": f"images/{name}"})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def qti_zip(bank, charts_by_question=None) -> bytes:
    """One bank as a QTI 1.2 package (zip) for Canvas's "QTI .zip file" import, with fixed timestamps."""
    charts_by_question = charts_by_question if charts_by_question is not None else charts_before_questions(bank.name)
    assessment, images = qti_assessment(bank, charts_by_question)
    ident = _ident(bank.name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        def add(name, data):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        add("imsmanifest.xml", qti_manifest(bank, images))
        add(f"{ident}/{ident}.xml", assessment)
        for name in sorted(images):
            add(f"images/{name}", images[name].png)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# GIFT (Moodle's text format: no images, so chart questions say where the chart is)

def _gift(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(r"([~=#{}:\\])", r"\\\1", text)


def gift_question(bank, question) -> str:
    _check_supported(bank, question)
    prompt = question.prompt
    if CHART_WORDS.search(prompt):
        prompt += f" (The chart is in notebook {bank.name}.)"
    if question.type == "numeric":
        prompt += " " + numeric_instructions(question)
    head = f"::{_gift(bank.name + ' ' + question.id)}::{_gift(prompt)} {{"
    general = f"####{_gift(question.explanation + ' Sources: ' + source_names(question.sources))}"
    lines = [head]
    if question.type in ("single", "multiple"):
        right = sum(o.correct for o in question.options)
        wrong = len(question.options) - right
        for option in question.options:
            if question.type == "single":
                mark = "=" if option.correct else "~"
            else:
                mark = f"~%{MOODLE_FRACTIONS[right]}%" if option.correct else f"~%-{MOODLE_FRACTIONS[wrong]}%"
            lines.append(f"\t{mark}{_gift(option.text)}#{_gift(option.feedback)}")
    elif question.type == "truefalse":
        # GIFT: the first feedback is shown for a wrong answer, the second for a right one.
        right, wrong = ("true", "false") if question.answer else ("false", "true")
        lines.append(f"\t{'TRUE' if question.answer else 'FALSE'}#{_gift(question.feedback[wrong])}"
                     f"#{_gift(question.feedback[right])}")
    else:
        low, high = accepted_range(question)
        lines.append(f"\t#={low:g}..{high:g}#{_gift(question.feedback['correct'])}")
        lines.append(f"\t~#{_gift('If your number was too low: ' + question.feedback['too_low'])} "
                     f"{_gift('If it was too high: ' + question.feedback['too_high'])}")
    lines += [f"\t{general}", "}"]
    return "\n".join(lines)


def gift_text(bank) -> str:
    parts = [f"// {bank.name}: {bank.title}", f"// Written by course-lms-export from data/quizzes/{bank.name}.yaml",
             "", f"$CATEGORY: $course$/top/What causes miscarriage/{bank.name}", ""]
    parts += [gift_question(bank, q) + "\n" for q in bank.questions]
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------------------------
# Checks and writing

def check_moodle(bank, data: bytes):
    questions = read_moodle_xml(data)
    ids = [q["idnumber"] for q in questions]
    if len(set(ids)) != len(ids):
        raise export_problem(bank.name, "the Moodle export has duplicate question ids.")
    missing = {f"{bank.name}/{q.id}" for q in bank.questions} - set(ids)
    if missing:
        raise export_problem(bank.name, f"the Moodle export lacks {', '.join(sorted(missing))}.")


def check_qti(bank, data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        for f in manifest.iter(f"{{{CP_NS}}}file"):
            if f.get("href") not in names:
                raise export_problem(bank.name, f"the QTI manifest lists {f.get('href')}, which is not in the zip.")
        ident = _ident(bank.name)
        root = ET.fromstring(archive.read(f"{ident}/{ident}.xml"))
    # Items and answer choices are identified across the package; feedback blocks within their item.
    scopes = [[el.get("ident") for el in root.iter(f"{{{QTI_NS}}}item")],
              [el.get("ident") for el in root.iter(f"{{{QTI_NS}}}response_label")]]
    scopes += [[fb.get("ident") for fb in item.iter(f"{{{QTI_NS}}}itemfeedback")]
               for item in root.iter(f"{{{QTI_NS}}}item")]
    for idents in scopes:
        if len(set(idents)) != len(idents):
            raise export_problem(bank.name, f"the QTI export repeats an identifier among {sorted(idents)[:5]}...")
    items = {el.get("ident") for el in root.iter(f"{{{QTI_NS}}}item")}
    missing = {_ident(bank.name, q.id) for q in bank.questions} - items
    if missing:
        raise export_problem(bank.name, f"the QTI export lacks {', '.join(sorted(missing))}.")


def export_bank(bank, fmt: str) -> tuple:
    """(file name, bytes) for one bank in one format, checked before anything is written."""
    if fmt == "moodle":
        data = moodle_xml(bank)
        check_moodle(bank, data)
        return f"{bank.name}.moodle.xml", data
    if fmt == "qti":
        data = qti_zip(bank)
        check_qti(bank, data)
        return f"{bank.name}.qti.zip", data
    return f"{bank.name}.gift.txt", gift_text(bank).encode("utf-8")


def write_whole(path: Path, data: bytes):
    """Write a file so that it is either complete or absent: a temporary file in the same folder, then a rename."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes the file private; an export is for sharing
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write the quiz banks in formats that learning platforms import.")
    parser.add_argument("--format", choices=FORMATS + ("all",), default="all")
    parser.add_argument("--output", type=Path, required=True, help="a folder; it is created if it does not exist")
    parser.add_argument("banks", nargs="*", help="bank names such as 00_how_common (default: every bank)")
    args = parser.parse_args(argv)
    formats = FORMATS if args.format == "all" else (args.format,)
    names = args.banks or bank_names()
    unknown = [n for n in names if n not in bank_names()]
    if unknown:
        print(f"No such bank: {', '.join(unknown)}. The banks are: {', '.join(bank_names())}.", file=sys.stderr)
        return 1
    if args.output.exists() and not args.output.is_dir():
        print(f"{args.output} is a file; give a folder for --output.", file=sys.stderr)
        return 1
    try:
        files = [export_bank(load_bank(name), fmt) for name in names for fmt in formats]
    except CourseDataError as err:
        print(f"Nothing was written. {err}", file=sys.stderr)
        return 1
    args.output.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        write_whole(args.output / name, data)
    print(f"Wrote {len(files)} files ({', '.join(formats)}) for {len(names)} banks to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
