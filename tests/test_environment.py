"""environment.yml (Binder, conda) and requirements.txt (pip) list the same packages at the same versions."""

import re

import yaml

from miscarriage_course.paths import REPO_DIR


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_pins() -> dict:
    pins = {}
    for line in (REPO_DIR / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.txt: '{line}' is not pinned with =="
            pins[_name(name)] = version
    return pins


def conda_pins() -> tuple:
    env = yaml.safe_load((REPO_DIR / "environment.yml").read_text())
    pins, pip_section = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_section += dep.get("pip", [])
            continue
        name, _, version = dep.partition("=")
        pins[_name(name)] = version
    return env, pins, pip_section


def test_same_packages_at_the_same_versions():
    env, conda, pip_section = conda_pins()
    assert "conda-forge" in env["channels"]
    assert conda.pop("python") == "3.11"
    conda.pop("pip")
    assert conda == pip_pins()


def test_binder_installs_our_package():
    _, _, pip_section = conda_pins()
    assert "-e ." in pip_section


def test_package_dependencies_are_all_pinned():
    text = (REPO_DIR / "pyproject.toml").read_text()
    deps = re.search(r"dependencies = \[(.*?)\]", text, re.S).group(1)
    names = {_name(n) for n in re.findall(r'"([A-Za-z0-9_.-]+)', deps)}
    assert names <= set(pip_pins())


def test_the_drift_check_would_notice_a_changed_pin(tmp_path, monkeypatch):
    changed = (REPO_DIR / "environment.yml").read_text().replace("pandas=3.1.1", "pandas=3.0.0")
    assert changed != (REPO_DIR / "environment.yml").read_text()
    env = yaml.safe_load(changed)
    pins = {_name(d.partition("=")[0]): d.partition("=")[2] for d in env["dependencies"] if isinstance(d, str)}
    assert pins["pandas"] != pip_pins()["pandas"]
