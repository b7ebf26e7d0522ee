"""Timings and sizes of the course, printed as figures (a benchmark, not a test: it never fails).

Each figure with a target is printed beside it, "met" or "NOT met"; the machine's load moves every timing.

- the whole nbval run, against a floor measured in the same run: one fresh kernel per notebook nbval runs, which
  imports pandas and matplotlib and does nothing else (target: within 1.5 times the floor), and each notebook's
  share of that run (its cells' setup, run and teardown in pytest's durations, its kernel's start included);
- each course notebook in JupyterLab in headless Chromium: Run All, from a fresh kernel with every output cleared,
  to every quiz live (median of 3; target: 2.5 s or less each);
- each course notebook in the no-code view (Voila inside a Jupyter server, as `make voila` and Binder serve it) in
  headless Chromium: from the start of the page's navigation to its first live quiz widget (not the static form),
  and to every quiz live (median of 3 loads, each with a new kernel; target for the first quiz: 5 s or less each);
- each stored notebook's size on disk (target: under 300 KB);
- the virtual environment's size;
- the quizzes: widget models per question, bytes per stored quiz cell, and click on Check to feedback in the page
  (median, in headless Chromium on the learner's handout page, which runs the same quiz module as JupyterLab and
  Voila; the browser suite prints the same figure inside JupyterLab and Voila, and Run All to every quiz live);
- the quizzes beside jupyterquiz (a test-only requirement) on the same questions, both run in JupyterLab in headless
  Chromium from two throw-away notebooks the bench writes: click to feedback (median), Run All to every quiz live,
  widget models per question (comms the kernel opened) and bytes per quiz cell as JupyterLab saves it.

The browser figures use the browser suite's JupyterLab and no-code view servers and Chromium flags
(tests/browser/conftest.py). The whole run takes 10 to 12 minutes on a busy two-core machine (the browser
figures take most of it); its time, and each part's, is printed at the end.

    python scripts/bench.py             # everything (make bench)
    python scripts/bench.py --quizzes   # only the quiz figures (about a minute)
    python scripts/bench.py --browser   # only the course in JupyterLab and in the no-code view
"""

import argparse
import importlib.metadata
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from miscarriage_course.notebooks import KERNEL_NAME, course_notebooks
from miscarriage_course.paths import REPO_DIR

sys.path.insert(0, str(REPO_DIR / "tests" / "browser"))  # the browser suite's JupyterLab server and Chromium flags

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

# --- beside jupyterquiz ---------------------------------------------------------------------------------------

RUN_ALL_REPEATS = 3
CLICK_ROUNDS = 5
OURS, THEIRS = "ours", "jupyterquiz"
# What marks a quiz drawn live, and its feedback, in each notebook.
LIVE_QUIZ = {OURS: ".course-quiz", THEIRS: ".Quiz"}
FEEDBACK = {OURS: ".course-quiz-feedback", THEIRS: ".Feedback"}
# Set before an action: the time from the event reaching the page (capture phase, before any handler) to the next
# frame, and the feedback's text then. The quiz grades inside the handler in both libraries.
ARM_TIMER = """([feedback, type]) => { window.benchDone = new Promise(done => {
    document.addEventListener(type, () => { const t = performance.now();
        requestAnimationFrame(() => done([performance.now() - t, feedback.textContent])); },
        {capture: true, once: true}); }); }"""


def jupyterquiz_question(question) -> dict:
    """One of our questions in jupyterquiz's JSON (multiple_choice, many_choice or numeric), options in our order."""
    from miscarriage_course.quiz import grading

    if question.type in ("single", "multiple"):
        return {"question": question.prompt, "type": "multiple_choice" if question.type == "single" else "many_choice",
                "answers": [{"answer": o.text, "correct": o.correct, "feedback": o.feedback} for o in question.options]}
    if question.type == "truefalse":
        return {"question": question.prompt, "type": "multiple_choice",
                "answers": [{"answer": str(value), "correct": question.answer is value,
                             "feedback": question.feedback[str(value).lower()]} for value in (True, False)]}
    low, high = grading.accepted_range(question)
    # jupyterquiz's ranges leave out their upper end; a hair above ours accepts the same answers.
    return {"question": question.prompt, "type": "numeric", "answers": [
        {"type": "range", "range": [low, high + 1e-9 * max(1.0, abs(high))], "correct": True,
         "feedback": question.feedback["correct"]},
        {"type": "range", "range": [low - 1e12, low], "correct": False, "feedback": question.feedback["too_low"]},
        {"type": "default", "feedback": question.feedback["too_high"]}]}


def bench_notebooks(bank, questions) -> dict:
    """{name: notebook}: the same questions, one per cell, asked by our Quiz and by jupyterquiz's display_quiz."""
    metadata = nbformat.read(course_notebooks()[0], as_version=4).metadata
    cell = nbformat.v4.new_code_cell
    ours = [cell(f"from miscarriage_course.quiz import Quiz\nquiz = Quiz({bank.name!r})")]
    ours += [cell(f"quiz.ask({q.id!r})") for q in questions]
    theirs = [cell("import json\nfrom jupyterquiz import display_quiz")]
    theirs += [cell(f"display_quiz(json.loads({json.dumps([jupyterquiz_question(q)])!r}), shuffle_answers=False)")
               for q in questions]
    return {name: nbformat.v4.new_notebook(cells=cells, metadata=metadata)
            for name, cells in ((OURS, ours), (THEIRS, theirs))}


def timed(page, feedback, event_type, action):
    """(milliseconds from the event to the next frame, the feedback's text then)."""
    feedback.evaluate("(el, type) => (" + ARM_TIMER + ")([el, type])", event_type)
    action()
    return page.evaluate("() => window.benchDone")


def click_wrong_answer(page, name, box, question):
    """Give one wrong answer as a learner would and time it; returns (ms, feedback text)."""
    from learner_actions import give_answer, right_indices

    feedback = box.locator(FEEDBACK[name]).first
    if name == OURS:
        give_answer(box, question, right=False)
        check = box.locator("button", has_text="Check")
        return timed(page, feedback, "click", check.click)
    if question.type == "numeric":
        low, high = jupyterquiz_question(question)["answers"][0]["range"]
        number_box = box.locator("input").first
        number_box.fill(f"{high + max(10.0, abs(high)):g}")
        return timed(page, feedback, "keypress", lambda: number_box.press("Enter"))
    wrong = next(i for i in range(box.locator(".MCButton").count()) if i not in right_indices(question))
    return timed(page, feedback, "click", box.locator(".MCButton").nth(wrong).click)


def run_all_seconds(page, live: str, count: int, repeats: int) -> list:
    """Run All in the notebook open in ``page``, each time from a fresh kernel with every output cleared (as when a
    learner opens the notebook), until ``count`` elements match the CSS selector ``live``: seconds, one per repeat."""
    from test_learner_in_jupyterlab import TIMEOUT, command, wait_idle

    live_count = f"document.querySelectorAll({live!r}).length"
    seconds = []
    for repeat in range(repeats):
        if repeat:  # the notebook was just opened with a new kernel; later repeats restart it
            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()")
            wait_idle(page)
        command(page, "notebook:clear-all-cell-outputs")
        page.wait_for_function(f"() => {live_count} === 0", timeout=TIMEOUT)
        start = time.perf_counter()
        command(page, "notebook:run-all-cells")
        page.wait_for_function(f"() => {live_count} >= {count}", timeout=TIMEOUT)
        seconds.append(time.perf_counter() - start)
        wait_idle(page)
    return seconds


def measure_in_lab(base, token, page, name, count, questions) -> dict:
    from test_learner_in_jupyterlab import TIMEOUT, command, wait_idle

    page.goto(f"{base}/lab/workspaces/bench-{name}/tree/{name}.ipynb?token={token}")
    page.wait_for_selector(".jp-Notebook", timeout=TIMEOUT)
    wait_idle(page)
    run_all = run_all_seconds(page, LIVE_QUIZ[name], count, RUN_ALL_REPEATS)
    models = page.evaluate("() => { const k = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;"
                           " return k._comms ? [...k._comms.values()].filter(c => c.targetName === 'jupyter.widget')"
                           ".length : null; }")
    clicks, said = [], set()
    boxes = page.locator(LIVE_QUIZ[name])
    for _ in range(CLICK_ROUNDS):
        for i, question in enumerate(questions):
            box = boxes.nth(i)
            box.scroll_into_view_if_needed()
            ms, text = click_wrong_answer(page, name, box, question)
            if not text.strip():
                raise RuntimeError(f"{name}: question {question.id} showed no feedback")
            clicks.append(ms)
            said.add(text.strip()[:40])
    command(page, "docmanager:save")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=TIMEOUT)
    return {"run_all": run_all, "clicks": clicks, "models": models}


def beside_jupyterquiz():
    """Our quiz and jupyterquiz on the same questions, in the same JupyterLab and Chromium, in one run."""
    try:
        jupyterquiz_version = importlib.metadata.version("jupyterquiz")
        from playwright.sync_api import sync_playwright

        from conftest import CHROMIUM, CHROMIUM_FLAGS, running_lab
    except (importlib.metadata.PackageNotFoundError, ImportError) as err:
        print(f"beside jupyterquiz: skipped ({err}; pip install -r requirements-test.txt)")
        return
    if not Path(CHROMIUM).exists():
        print(f"beside jupyterquiz: skipped (no Chromium at {CHROMIUM})")
        return
    from miscarriage_course.quiz.bank import load_bank

    bank = load_bank(course_notebooks()[0].stem)
    first_of_each_type = {}
    for question in bank.questions:
        first_of_each_type.setdefault(question.type, question)
    questions = list(first_of_each_type.values())
    home = Path(tempfile.mkdtemp(prefix="bench-jupyterquiz-"))
    served = home / "notebooks"
    served.mkdir()
    for name, nb in bench_notebooks(bank, questions).items():
        nbformat.write(nb, served / f"{name}.ipynb")
    results = {}
    with running_lab(home, served) as (base, token, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name in (OURS, THEIRS):
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            results[name] = measure_in_lab(base, token, page, name, len(questions), questions)
            page.close()
        browser.close()
    for name in (OURS, THEIRS):
        saved = nbformat.read(served / f"{name}.ipynb", as_version=4)
        results[name]["cell_bytes"] = [len(json.dumps(c.get("outputs", []))) for c in saved.cells[1:]]

    ours, theirs = results[OURS], results[THEIRS]
    types = ", ".join(f"{q.id} ({q.type})" for q in questions)
    print(f"beside jupyterquiz {jupyterquiz_version}: the same {len(questions)} questions of {bank.name} ({types}),")
    print(f"one per cell, in JupyterLab in headless Chromium ({RUN_ALL_REPEATS} Run Alls from a fresh kernel, "
          f"{CLICK_ROUNDS} wrong answers per question)")
    print(f"{'':44} {'ours':>12} {'jupyterquiz':>12}")

    def row(label, a, b):
        print(f"{label:44} {a:>12} {b:>12}")

    median = statistics.median
    row("click to feedback drawn, median (ms)", f"{median(ours['clicks']):.1f}", f"{median(theirs['clicks']):.1f}")
    row("click to feedback drawn, slowest (ms)", f"{max(ours['clicks']):.1f}", f"{max(theirs['clicks']):.1f}")
    row("Run All to every quiz live, median (s)", f"{median(ours['run_all']):.2f}", f"{median(theirs['run_all']):.2f}")

    def per_question(models):
        return "n/a" if models is None else f"{models / len(questions):g}"

    row("widget models per question", per_question(ours["models"]), per_question(theirs["models"]))
    row("bytes per quiz cell as saved, median", f"{median(ours['cell_bytes']):.0f}",
        f"{median(theirs['cell_bytes']):.0f}")
    ratio = median(ours["clicks"]) / median(theirs["clicks"])
    print(f"feedback: ours / jupyterquiz = {ratio:.2f} (target 1.5 or less: {'met' if ratio <= 1.5 else 'NOT met'})")


# --- the course in the browser: JupyterLab and the no-code view ------------------------------------------------

COURSE_RUN_ALL_REPEATS = 3
NO_CODE_VIEW_LOADS = 3
RUN_ALL_TARGET = 2.5  # seconds, Run All to every quiz live in JupyterLab
FIRST_QUIZ_TARGET = 5.0  # seconds, the no-code view's navigation start to its first live quiz
# Run in every page before its own scripts: note when the first live quiz widget (.course-quiz, drawn by the quiz's
# front end; the static form is .course-quiz-static) and when every quiz is in the page, in milliseconds from the
# start of the navigation (performance.now()).
WATCH_QUIZZES = """(() => {
  const watch = new MutationObserver(() => {
    const live = document.querySelectorAll('.course-quiz').length;
    if (live && window.benchFirstQuiz === undefined) window.benchFirstQuiz = performance.now();
    if (window.benchExpected && live >= window.benchExpected) {
      window.benchEveryQuiz = performance.now();
      watch.disconnect();
    }
  });
  watch.observe(document, { childList: true, subtree: true });
})();"""


def browser_ready() -> str | None:
    """Why the browser figures cannot be measured here, or None."""
    try:
        import playwright  # noqa: F401

        from conftest import CHROMIUM
    except ImportError as err:
        return f"{err}; pip install -r requirements-test.txt"
    return None if Path(CHROMIUM).exists() else f"no Chromium at {CHROMIUM}"


def quiz_count(path) -> int:
    from miscarriage_course.quiz.bank import load_bank

    return len(load_bank(path.stem).questions)


def course_in_lab(notebooks) -> dict:
    """{notebook: [seconds of each Run All to every quiz live]} in one JupyterLab serving a copy of the notebooks."""
    from playwright.sync_api import sync_playwright
    from test_learner_in_jupyterlab import TIMEOUT, wait_idle

    from conftest import CHROMIUM, CHROMIUM_FLAGS, running_lab

    results = {}
    with running_lab(Path(tempfile.mkdtemp(prefix="bench-lab-"))) as (base, token, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{base}/lab/workspaces/bench-course/tree/notebooks/{notebooks[0].name}?token={token}")
        # JupyterLab's app object exists, and can open documents, only once its page has loaded its plugins.
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands"
                               " && window.jupyterapp.commands.hasCommand('docmanager:open')", timeout=TIMEOUT)
        for path in notebooks:
            served = f"notebooks/{path.name}"
            # One JupyterLab page for every notebook: each is opened there as a learner would open the next one.
            page.evaluate(f"() => {{ window.jupyterapp.commands.execute('docmanager:open', {{ path: {served!r} }}); }}")
            page.wait_for_function(f"() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                                   f" && window.jupyterapp.shell.currentWidget.context"
                                   f" && window.jupyterapp.shell.currentWidget.context.path === {served!r}",
                                   timeout=TIMEOUT)
            page.wait_for_selector(".jp-Notebook", timeout=TIMEOUT)
            wait_idle(page)
            results[path] = run_all_seconds(page, ".course-quiz", quiz_count(path), COURSE_RUN_ALL_REPEATS)
            # Its kernel shut down and its page gone (without the "save changes?" dialog: it must not be saved).
            page.evaluate("async () => { const notebook = window.jupyterapp.shell.currentWidget;"
                          " await notebook.sessionContext.shutdown(); notebook.dispose(); }")
        browser.close()
    return results


def shut_down_kernels(base: str, token: str) -> None:
    """Shut down every kernel of the server (the no-code view starts one per page load)."""
    headers = {"Authorization": f"token {token}"}
    with urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernels", headers=headers)) as answer:
        kernels = json.load(answer)
    for kernel in kernels:
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/kernels/{kernel['id']}", method="DELETE",
                                                      headers=headers)).close()


def course_in_no_code_view(notebooks) -> dict:
    """{notebook: [(seconds to the first live quiz, seconds to every quiz live) of each page load]}."""
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_FLAGS, running_no_code_view

    timeout = 120_000
    results = {}
    home = Path(tempfile.mkdtemp(prefix="bench-voila-"))
    with running_no_code_view(home) as (base, token), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(WATCH_QUIZZES)
        for path in notebooks:
            results[path] = []
            for _ in range(NO_CODE_VIEW_LOADS):
                page = context.new_page()
                page.add_init_script(f"window.benchExpected = {quiz_count(path)};")
                page.goto(f"{base}/voila/render/notebooks/{path.name}?token={token}", wait_until="commit")
                first = page.wait_for_function("() => window.benchFirstQuiz", timeout=timeout).json_value()
                every = page.wait_for_function("() => window.benchEveryQuiz", timeout=timeout).json_value()
                results[path].append((first / 1000, every / 1000))
                page.close()
                shut_down_kernels(base, token)
        browser.close()
    return results


def against(seconds: float, target: float) -> str:
    return f"{'met' if seconds <= target else 'NOT met'}"


def course_in_the_browser(notebooks):
    """Print each notebook's Run All in JupyterLab and its no-code view's first quiz, against their targets."""
    why_not = browser_ready()
    if why_not:
        print(f"the course in the browser: skipped ({why_not})")
        return
    in_lab = course_in_lab(notebooks)
    in_view = course_in_no_code_view(notebooks)
    median = statistics.median
    print(f"the course in headless Chromium: JupyterLab, Run All from a fresh kernel to every quiz live (median of "
          f"{COURSE_RUN_ALL_REPEATS}, target {RUN_ALL_TARGET:g} s);")
    print(f"no-code view, navigation start to the first live quiz (median of {NO_CODE_VIEW_LOADS} loads, target "
          f"{FIRST_QUIZ_TARGET:g} s) and to every quiz live")
    print(f"{'notebook':40} {'quizzes':>7} {'Run All (s)':>11} {'':7} {'first quiz (s)':>14} {'':7} "
          f"{'every quiz (s)':>14}")
    for path in notebooks:
        run_all = median(in_lab[path])
        first = median(t for t, _ in in_view[path])
        every = median(t for _, t in in_view[path])
        print(f"{path.stem:40} {quiz_count(path):7} {run_all:11.2f} {against(run_all, RUN_ALL_TARGET):7} "
              f"{first:14.2f} {against(first, FIRST_QUIZ_TARGET):7} {every:14.2f}")
    slowest_run_all = max(median(t) for t in in_lab.values())
    slowest_first = max(median(t for t, _ in loads) for loads in in_view.values())
    print(f"Run All, slowest notebook: {slowest_run_all:.2f} s (target {RUN_ALL_TARGET:g} s or less each: "
          f"{against(slowest_run_all, RUN_ALL_TARGET)})")
    print(f"no-code view's first live quiz, slowest notebook: {slowest_first:.2f} s (target {FIRST_QUIZ_TARGET:g} s "
          f"or less each: {against(slowest_first, FIRST_QUIZ_TARGET)})")


def nbval_notebooks() -> list:
    """The notebooks nbval runs (those with a code cell it collects), as pytest collects them."""
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--collect-only", "--nbval", "--nbval-current-env", "notebooks"],
        cwd=REPO_DIR, capture_output=True, text=True, check=True).stdout
    return sorted({line.split("::")[0] for line in collected.splitlines() if "::" in line})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quizzes", action="store_true", help="only the quiz figures, ours and jupyterquiz's")
    parser.add_argument("--browser", action="store_true",
                        help="only the course in the browser (Run All in JupyterLab, the no-code view's first quiz)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    notebooks = course_notebooks()
    os.environ["MISCARRIAGE_COURSE_PROGRESS"] = str(Path(tempfile.mkdtemp()) / "progress.json")
    if args.quizzes:
        quiz_figures()
        print()
        beside_jupyterquiz()
        print(f"\nbench: {time.perf_counter() - began:.0f} s in all")
        return
    if args.browser:
        course_in_the_browser(notebooks)
        print(f"\nbench: {time.perf_counter() - began:.0f} s in all")
        return
    run_by_nbval = nbval_notebooks()
    floor = sum(run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)]), REPO_DIR)
                for _ in run_by_nbval)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--nbval", "--nbval-current-env", "--nbval-sanitize-with",
         "tests/nbval_sanitize.cfg", "--durations=0", "--durations-min=0", "notebooks"],
        cwd=REPO_DIR, capture_output=True, text=True)
    whole = time.perf_counter() - start
    # Each notebook's share of the run, from pytest's durations (setup, call and teardown of every cell item; the
    # first cell's setup starts the notebook's kernel).
    per_notebook = dict.fromkeys(run_by_nbval, 0.0)
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0].endswith("s") and "::" in parts[2]:  # "0.42s call notebooks/x.ipynb::Cell 3"
            name = parts[2].split("::")[0]
            per_notebook[name] = per_notebook.get(name, 0.0) + float(parts[0][:-1])
    print(f"{'notebook (as nbval runs it)':44} {'in nbval (s)':>12} {'stored (KB)':>12}")
    for name, seconds in per_notebook.items():
        size = (REPO_DIR / name).stat().st_size / 1024
        flag = "" if size < 300 else "  over 300 KB"
        print(f"{name.removeprefix('notebooks/'):44} {seconds:12.2f} {size:12.1f}{flag}")
    print()
    print(f"nbval, {len(run_by_nbval)} notebooks: {whole:.2f} s ({result.stdout.strip().splitlines()[-1].strip('= ')})")
    print(f"floor, {len(run_by_nbval)} fresh kernels (one per notebook nbval runs) importing pandas and matplotlib: "
          f"{floor:.2f} s")
    ratio = whole / floor
    print(f"ratio: {ratio:.2f} (target 1.5 or less: {'met' if ratio <= 1.5 else 'NOT met'})")
    print()
    took = {"nbval and floor": time.perf_counter() - began}
    start = time.perf_counter()
    course_in_the_browser(notebooks)
    took["the course in the browser"] = time.perf_counter() - start
    print()
    start = time.perf_counter()
    quiz_figures()
    print()
    beside_jupyterquiz()
    took["quizzes"] = time.perf_counter() - start
    print()
    venv = REPO_DIR / ".venv"
    if venv.exists():
        print(f"virtual environment (.venv): {folder_size(venv) / 1024 / 1024:.0f} MB")
    parts = ", ".join(f"{what} {seconds:.0f} s" for what, seconds in took.items())
    print(f"bench: {time.perf_counter() - began:.0f} s in all ({parts})")


if __name__ == "__main__":
    main()
