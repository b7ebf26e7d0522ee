"""Timings and sizes of the course, printed as figures (a benchmark, not a test: it never fails).

- each notebook's execution time in a fresh kernel;
- the whole nbval run, against a floor measured in the same run: one fresh kernel per notebook that imports
  pandas and matplotlib and does nothing else (target: within 1.5 times the floor);
- each stored notebook's size on disk (target: under 300 KB);
- the virtual environment's size;
- the quizzes: widget models per question, bytes per stored quiz cell, and click on Check to feedback in the page
  (median, in headless Chromium on the learner's handout page, which runs the same quiz module as JupyterLab and
  Voila; the browser suite prints the same figure inside JupyterLab and Voila, and Run All to every quiz live).
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from miscarriage_course.notebooks import KERNEL_NAME, course_notebooks
from miscarriage_course.paths import REPO_DIR

FLOOR_SOURCE = "import pandas\nimport matplotlib\nimport matplotlib.pyplot"


def run_notebook(nb, cwd) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name=KERNEL_NAME, resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def quiz_figures():
    from ipywidgets.widgets.widget import _instances as widget_models

    from miscarriage_course.quiz import Quiz

    quiz = Quiz(course_notebooks()[0].stem)
    before = set(widget_models)
    for question in quiz.bank.questions:
        quiz.widget(question.id)
    print(f"widget models per question: {len(set(widget_models) - before) / len(quiz.bank.questions):g}")
    sizes = [len(json.dumps(cell.get("outputs", []))) for path in course_notebooks()
             for cell in nbformat.read(path, as_version=4).cells
             if cell.cell_type == "code" and "quiz.ask(" in cell.source]
    print(f"bytes per stored quiz cell: median {statistics.median(sizes):.0f}, largest {max(sizes)} "
          f"({len(sizes)} cells)")
    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("click to feedback: skipped (no Chromium at /usr/bin/chromium)")
        return
    from playwright.sync_api import sync_playwright

    from miscarriage_course.handouts import build_handouts

    folder = Path(tempfile.mkdtemp())
    build_handouts(folder)
    page_path = folder / "learner" / f"{quiz.bank.name}.html"
    timings = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.goto(page_path.as_uri())
        for _ in range(5):
            for box in page.locator(".course-quiz").all():
                first = box.locator("input").first
                if first.get_attribute("type") == "text":
                    first.fill("123456")
                elif not first.is_checked():
                    first.check()
                box.locator("button", has_text="Try again").evaluate("b => b.disabled || b.click()")
                if first.get_attribute("type") == "text":
                    first.fill("123456")
                elif not first.is_checked():
                    first.check()
                # From the click to the feedback in the page and the next frame drawn.
                timings.append(box.locator("button", has_text="Check").evaluate(
                    "b => new Promise(done => { const t = performance.now(); b.click();"
                    " requestAnimationFrame(() => done(performance.now() - t)); })"))
        browser.close()
    print(f"click on Check to feedback drawn (learner handout, {len(timings)} clicks): "
          f"median {statistics.median(timings):.1f} ms")


def main():
    notebooks = course_notebooks()
    os.environ["MISCARRIAGE_COURSE_PROGRESS"] = str(Path(tempfile.mkdtemp()) / "progress.json")
    print(f"{'notebook':44} {'execute (s)':>12} {'stored (KB)':>12}")
    for path in notebooks:
        seconds = run_notebook(nbformat.read(path, as_version=4), path.parent)
        size = path.stat().st_size / 1024
        flag = "" if size < 300 else "  over 300 KB"
        print(f"{path.name:44} {seconds:12.2f} {size:12.1f}{flag}")

    floor = sum(run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)]), REPO_DIR)
                for _ in notebooks)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
         "tests/nbval_sanitize.cfg", "notebooks"], cwd=REPO_DIR, capture_output=True, text=True)
    whole = time.perf_counter() - start
    print()
    print(f"nbval, all {len(notebooks)} notebooks: {whole:.2f} s ({result.stdout.strip().splitlines()[-1]})")
    print(f"floor, {len(notebooks)} fresh kernels importing pandas and matplotlib: {floor:.2f} s")
    ratio = whole / floor
    print(f"ratio: {ratio:.2f} (target 1.5 or less: {'met' if ratio <= 1.5 else 'NOT met'})")
    print()
    quiz_figures()
    venv = REPO_DIR / ".venv"
    if venv.exists():
        print(f"virtual environment (.venv): {folder_size(venv) / 1024 / 1024:.0f} MB")


if __name__ == "__main__":
    main()
