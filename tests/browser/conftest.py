"""A JupyterLab server and a headless Chromium for the browser suite.

The server runs from our environment on a free loopback port with a random token, its own throw-away settings and
home folder, and is stopped by its process id. Where Chromium is not installed the suite is skipped with a message
saying how to install it; under CI (CI=true) that skip is a failure.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # Render every cell, not only those near the screen, so the suite can find every chart and quiz.
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    # The suite runs and answers notebooks; it must never write them back.
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}
FIGURES = []  # (notebook, what, seconds): printed at the end of the run
# axe-core from npm (package.json at the top of the repository: `npm ci`), injected into pages by the tests.
AXE_CORE = Path(os.environ.get("AXE_CORE_JS", REPO / "node_modules" / "axe-core" / "axe.min.js"))
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The suite takes a few minutes, so a plain `pytest` leaves it out; `make test` and CI (CI=true) run it.
BROWSER_SUITE_ON = os.environ.get("COURSE_BROWSER") == "1" or os.environ.get("CI") == "true"
collect_ignore_glob = [] if BROWSER_SUITE_ON else ["test_*.py"]
SCREENSHOTS = REPO / "screenshots"


def _require_browser():
    if Path(CHROMIUM).exists():
        try:
            import playwright  # noqa: F401
            return
        except ImportError:
            reason = "Playwright is not installed (pip install -r requirements-test.txt)"
    else:
        reason = "Chromium is not installed: apt-get install chromium (never 'playwright install')"
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser suite cannot run under CI: {reason}")
    pytest.skip(f"browser suite skipped: {reason}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def served_course(home: Path) -> Path:
    """A throw-away copy of the notebooks to serve, so nothing a suite does can change the stored ones."""
    served = home / "course"
    shutil.copytree(REPO / "notebooks", served / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return served


@contextlib.contextmanager
def jupyter_server(module: str, home: Path, served: Path, extra_env: dict, extra_args: list):
    """Run a Jupyter server (``python -m jupyterlab`` or ``jupyter_server``) in its own HOME and Jupyter folders, on a
    free loopback port with a random token, until the block ends; it is stopped by its process group id.

    It starts from a folder that is not the repository: notebooks must find their data through the package.
    Yields (base_url, token).
    """
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), JUPYTER_DATA_DIR=str(home / "data"), **extra_env)
    command = [sys.executable, "-m", module, "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={served}", *extra_args]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = home / f"{module}.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"the Jupyter server did not start; see {log_path}")
                    time.sleep(0.5)
            yield base, token
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """A running JupyterLab: yields (base_url, token, progress_file)."""
    _require_browser()
    with running_lab(tmp_path_factory.mktemp("lab-home")) as running:
        yield running


@contextlib.contextmanager
def running_lab(home: Path, served: Path | None = None):
    """JupyterLab with the suite's settings (no news pop-up, every cell rendered, no autosave), serving ``served``
    (default: a copy of the notebooks) until the block ends. Yields (base_url, token, progress_file).
    Also used by scripts/bench.py."""
    settings = home / "lab-settings"
    (settings / "overrides").mkdir(parents=True)
    (home / "app-settings").mkdir()
    (home / "app-settings" / "overrides.json").write_text(json.dumps(LAB_SETTINGS))
    progress = home / "progress.json"
    env = dict(JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               MISCARRIAGE_COURSE_PROGRESS=str(progress))
    args = [f"--LabApp.app_settings_dir={home / 'app-settings'}", "--LabApp.expose_app_in_browser=True"]
    with jupyter_server("jupyterlab", home, served or served_course(home), env, args) as (base, token):
        yield base, token, progress


@contextlib.contextmanager
def running_no_code_view(home: Path):
    """The no-code view as `make voila` and Binder serve it: a Jupyter server with Voila, its settings put in place by
    ``python -m miscarriage_course.jupyter_settings`` into a throw-away prefix (so this also checks that command),
    serving a copy of the notebooks until the block ends. Yields (base_url, token). Also used by scripts/bench.py."""
    prefix = home / "prefix"
    subprocess.run([sys.executable, "-m", "miscarriage_course.jupyter_settings", str(prefix)], check=True,
                   stdout=subprocess.DEVNULL)
    env = dict(JUPYTER_CONFIG_PATH=str(prefix / "etc" / "jupyter"), JUPYTER_PATH=str(prefix / "share" / "jupyter"),
               MISCARRIAGE_COURSE_PROGRESS=str(home / "progress.json"))
    with jupyter_server("jupyter_server", home, served_course(home), env, []) as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium, launched once per session; needs no server (the handout pages open from files)."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def browser(lab, chromium):
    """Chromium, with JupyterLab running for it."""
    return chromium


def axe_violations(page, include: str = "body") -> list:
    """axe-core's WCAG 2.1 A and AA violations inside the elements matching ``include``: [(rule, impact, where)]."""
    if not AXE_CORE.is_file():
        reason = f"axe-core is not installed at {AXE_CORE}: run `npm ci` at the top of the repository"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_CORE.read_text(encoding="utf-8"))  # evaluate, not a script tag: a page's CSP cannot refuse it
    found = page.evaluate(
        """async ([include, tags]) => {
            const result = await axe.run(include,
                                         { runOnly: { type: 'tag', values: tags } });
            return result.violations.map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target.join(' '))]);
        }""", [include, WCAG_AA])
    return [tuple(v) for v in found]


def pytest_report_header(config):
    return f"browser: {CHROMIUM} (never a Playwright download)" if BROWSER_SUITE_ON else None


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    terminalreporter.section("browser figures (this machine)")
    for notebook, what, seconds in FIGURES:
        terminalreporter.write_line(f"{notebook:40} {what:42} {seconds * 1000:8.0f} ms")
    if SCREENSHOTS.exists():
        terminalreporter.write_line(f"screenshots of every notebook after answering: {SCREENSHOTS}")
