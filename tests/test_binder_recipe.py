"""Binder's recipe: repo2docker (which Binder and many JupyterHubs use) must build the course from environment.yml,
with our package installed and our Jupyter settings in place.

`jupyter-repo2docker --no-build --debug` prints the Dockerfile it would build. It runs offline and needs no Docker,
so the recipe is checked here on every test run; a real build happens on Binder.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from miscarriage_course.jupyter_settings import INSTALLED

REPO_DIR = Path(__file__).resolve().parents[1]
REPO2DOCKER = Path(sys.executable).parent / "jupyter-repo2docker"
BINDER_USER_ID = "1000"  # Binder runs the course as user 1000, "jovyan"


@pytest.fixture(scope="module")
def dockerfile() -> str:
    result = subprocess.run([str(REPO2DOCKER), "--no-build", "--debug", "--user-id", BINDER_USER_ID,
                             "--user-name", "jovyan", str(REPO_DIR)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, f"repo2docker could not read the repository:\n{result.stderr[-3000:]}"
    return result.stdout + result.stderr


def _position(dockerfile: str, pattern: str) -> int:
    match = re.search(pattern, dockerfile)
    assert match, f"the Dockerfile has no line matching {pattern!r}"
    return match.start()


def test_the_environment_comes_from_environment_yml(dockerfile):
    python = next(d for d in yaml.safe_load((REPO_DIR / "environment.yml").read_text())["dependencies"]
                  if isinstance(d, str) and d.startswith("python="))
    assert f"Building conda environment for {python}" in dockerfile
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile
    assert "requirements.txt" not in dockerfile, "Binder must install from environment.yml alone, not both files"


def test_the_package_is_installed_from_the_copied_repository(dockerfile):
    # environment.yml installs our package with `pip: -e .`, so the repository must be copied in first.
    copied = _position(dockerfile, rf"COPY --chown={BINDER_USER_ID}:{BINDER_USER_ID} src/ \$\{{REPO_DIR\}}/")
    installed = _position(dockerfile, r'env update -p \$\{NB_PYTHON_PREFIX\} --file "environment.yml"')
    assert copied < installed
    environment = yaml.safe_load((REPO_DIR / "environment.yml").read_text())
    pip_lines = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "-e ." in pip_lines


def test_post_build_installs_the_course_settings_after_the_environment(dockerfile):
    installed = _position(dockerfile, r'env update -p \$\{NB_PYTHON_PREFIX\} --file "environment.yml"')
    post_build = _position(dockerfile, r"RUN \./postBuild")
    assert installed < post_build
    commands = [line for line in (REPO_DIR / "postBuild").read_text().splitlines()
                if line.strip() and not line.startswith(("#", "set "))]
    assert commands == ["python -m miscarriage_course.jupyter_settings"]


def _install_settings(*args, cwd=REPO_DIR):
    return subprocess.run([sys.executable, "-m", "miscarriage_course.jupyter_settings", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_settings_command_puts_settings_and_template_where_jupyter_looks(tmp_path):
    result = _install_settings(tmp_path / "env with space")
    assert result.returncode == 0, result.stderr
    prefix = tmp_path / "env with space"
    for path in ("share/jupyter/lab/settings/overrides.json", "etc/jupyter/voila.py",
                 "etc/jupyter/jupyter_server_config.py",
                 "share/jupyter/voila/templates/course/conf.json",
                 "share/jupyter/voila/templates/course/index.html.j2",
                 "share/jupyter/voila/templates/course/tree.html"):
        assert (prefix / path).is_file(), f"{path} was not installed"
    for name, destination in INSTALLED:
        source = REPO_DIR / "jupyter" / name
        if source.is_file():
            assert (prefix / destination).read_bytes() == source.read_bytes()


def test_every_set_up_route_uses_the_same_settings_command():
    command = "miscarriage_course.jupyter_settings"
    assert command in (REPO_DIR / "Makefile").read_text()
    assert command in (REPO_DIR / "postBuild").read_text()
    assert f"python -m {command}" in (REPO_DIR / "README.md").read_text(encoding="utf-8")
    assert "install.sh" not in (REPO_DIR / "README.md").read_text(encoding="utf-8")


def test_readme_has_a_binder_badge_for_each_view_and_each_opens_a_real_notebook():
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    paths = dict(re.findall(r"mybinder\.org/v2/gh/[^)\s]+\?urlpath=(lab/tree|voila/render)/([^)\s]+)\)", readme))
    assert set(paths) == {"lab/tree", "voila/render"}, "one badge for JupyterLab, one for the no-code view"
    for view, path in paths.items():
        assert (REPO_DIR / path).is_file(), f"the {view} badge opens {path}, which does not exist"
