"""environment.yml (Binder, conda) and the requirement files (pip) install the same packages at the same versions,
and those versions satisfy the ranges pyproject.toml declares.

Each file is read by the parser its tool uses: PyYAML for environment.yml, ``packaging.requirements`` (pip's own
grammar) for requirements*.txt, tomllib for pyproject.toml. Only the conda match spec inside each YAML string is
read here, and only the one form the file may use (``name=version``); any other form fails the test.
"""

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
PYTHON = "3.11"
# conda-forge splits some packages; these conda names install what pip calls by the second name.
CONDA_NAME_FOR_PIP = {"matplotlib-base": "matplotlib", "nbconvert-core": "nbconvert"}
# Test tools a teacher needs to validate edited notebooks: in environment.yml and in requirements-test.txt.
TEACHER_TOOLS = {"nbval", "pytest"}
CONDA_SPEC = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)=(?P<version>[0-9][0-9A-Za-z.]*)$")
EVIDENCE = re.compile(r"#\s*(?P<feedstock>[A-Za-z0-9_.-]+)-feedstock (?P<commit>[0-9a-f]{12,40}) \(\d{4}-\d{2}-\d{2}\)")


def read_requirements(path: Path) -> dict:
    """{canonical name: Requirement} for a requirements file, following ``-r other.txt``."""
    found = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            found |= read_requirements(path.parent / line[3:].strip())
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement as err:
            pytest.fail(f"{path.name} line {number}: {err}")
        found[canonicalize_name(requirement.name)] = requirement
    return found


def exact_version(requirement: Requirement, where: str) -> str:
    specifiers = list(requirement.specifier)
    assert len(specifiers) == 1 and specifiers[0].operator == "==", \
        f"{where}: {requirement} must be pinned to one exact version with =="
    return specifiers[0].version


def pip_pins(path: Path) -> dict:
    return {name: exact_version(req, path.name) for name, req in read_requirements(path).items()}


def conda_environment(text: str):
    """(the parsed file, {pip name: version} for its conda packages, its pip: list)."""
    environment = yaml.safe_load(text)
    pins, pip_section = {}, None
    for dependency in environment["dependencies"]:
        if isinstance(dependency, dict):
            pip_section = dependency["pip"]
            continue
        if dependency == "pip":
            continue
        match = CONDA_SPEC.match(dependency)
        assert match, f"environment.yml: '{dependency}' is not of the form name=version"
        name = canonicalize_name(CONDA_NAME_FOR_PIP.get(match["name"], match["name"]))
        pins[name] = match["version"]
    return environment, pins, pip_section


def differences(conda: dict, pip: dict) -> list:
    """What differs between the conda and pip pins, one line per package."""
    problems = []
    for name in sorted(conda.keys() | pip.keys()):
        if name not in pip:
            problems.append(f"{name}: in environment.yml ({conda[name]}) but not in the requirement files")
        elif name not in conda:
            problems.append(f"{name}: in the requirement files ({pip[name]}) but not in environment.yml")
        elif conda[name] != pip[name]:
            problems.append(f"{name}: environment.yml has {conda[name]}, the requirement files have {pip[name]}")
    return problems


def expected_conda_pins() -> dict:
    """What environment.yml must pin: requirements.txt, the teacher's tools from requirements-test.txt, Python."""
    tests = pip_pins(REPO / "requirements-test.txt")
    return pip_pins(REPO / "requirements.txt") | {name: tests[name] for name in TEACHER_TOOLS} | {"python": PYTHON}


def test_conda_and_pip_install_the_same_packages_at_the_same_versions():
    environment, conda, _ = conda_environment((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert environment["channels"] == ["conda-forge"]
    assert differences(conda, expected_conda_pins()) == []


def test_the_drift_check_names_a_pin_changed_in_the_real_file():
    text = (REPO / "environment.yml").read_text(encoding="utf-8")
    version = pip_pins(REPO / "requirements.txt")["pandas"]
    changed = text.replace(f"- pandas={version} ", "- pandas=2.0.0 ")
    assert changed != text
    _, conda, _ = conda_environment(changed)
    assert differences(conda, expected_conda_pins()) == [
        f"pandas: environment.yml has 2.0.0, the requirement files have {version}"]


def test_every_conda_pin_names_the_feedstock_commit_that_builds_it():
    missing = []
    for line in (REPO / "environment.yml").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*- ([A-Za-z0-9_.-]+)=", line)
        if match and match[1] != "python":
            evidence = EVIDENCE.search(line)
            if not evidence or evidence["feedstock"] != CONDA_NAME_FOR_PIP.get(match[1], match[1]):
                missing.append(line.strip())
    assert missing == [], "each pin needs a comment '# <name>-feedstock <commit> (<date>)'"


def test_binder_installs_our_package_and_nothing_else_from_pypi():
    _, _, pip_section = conda_environment((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert pip_section == ["-e ."]


def test_the_package_dependencies_are_pinned_within_their_ranges():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = pip_pins(REPO / "requirements.txt")
    problems = []
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{name}: declared in pyproject.toml but not pinned in requirements.txt")
        elif Version(pins[name]) not in requirement.specifier:
            problems.append(f"{name}: requirements.txt pins {pins[name]}, outside pyproject's {requirement.specifier}")
    assert problems == []


def test_one_python_version_everywhere():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert Version(PYTHON) in SpecifierSet(pyproject["project"]["requires-python"])
    assert f"python{PYTHON}" in (REPO / "Makefile").read_text(encoding="utf-8")
    assert f"python={PYTHON}" in yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))["dependencies"]


def imported_top_level_names() -> dict:
    """{top-level module: a file importing it} for every absolute import in the package's source."""
    found = {}
    for path in sorted((REPO / "src" / "miscarriage_course").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path.relative_to(REPO).as_posix())
    return found


def test_every_library_the_package_imports_is_declared():
    declared = {canonicalize_name(Requirement(text).name) for text in
                tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]}
    distributions = importlib.metadata.packages_distributions()
    undeclared = []
    for module, where in imported_top_level_names().items():
        if module in sys.stdlib_module_names or module == "miscarriage_course":
            continue
        names = {canonicalize_name(d) for d in distributions.get(module, [module])}
        if not names & declared:
            undeclared.append(f"{where} imports {module} (from {', '.join(sorted(names))}), not in pyproject.toml")
    assert undeclared == []


def sanitize_rules(name: str) -> dict:
    """{section: (regex, replace)} of one of nbval's sanitize files in tests/, read as nbval reads it (configparser)."""
    import configparser

    parser = configparser.ConfigParser()
    parser.read(REPO / "tests" / name, encoding="utf-8")
    return {section: (parser[section]["regex"], parser[section]["replace"]) for section in parser.sections()}


def test_the_conda_nbval_rules_are_the_strict_rules_plus_chart_pixels():
    strict, conda = sanitize_rules("nbval_sanitize.cfg"), sanitize_rules("nbval_sanitize_conda.cfg")
    assert {section: conda[section] for section in strict if section in conda} == strict
    assert set(conda) - set(strict) == {"chart-pixels"}
    for document in ("README.md", "docs/instructor-guide.md"):
        assert "tests/nbval_sanitize_conda.cfg" in (REPO / document).read_text(encoding="utf-8"), document


def nbval_results(rules: str, *notebooks: Path) -> dict:
    """{notebook file name: True if nbval passed it} for one run of nbval with the given sanitize file."""
    import subprocess

    folder = notebooks[0].parent  # its own root folder, so that this repository's pytest settings stay out
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "--rootdir",
                           str(folder), "-c", str(folder / "pytest.ini"), "--nbval", "--nbval-current-env",
                           "--nbval-sanitize-with", str(REPO / "tests" / rules), *[path.name for path in notebooks]],
                          cwd=folder, capture_output=True, text=True, timeout=300)
    results = {}
    for line in done.stdout.splitlines():  # "PASSED a.ipynb::Cell 0" / "FAILED b.ipynb::Cell 0 - ..."
        words = line.split()
        if len(words) >= 2 and words[0] in ("PASSED", "FAILED"):
            results[words[1].split("::")[0]] = words[0] == "PASSED"
    assert set(results) == {path.name for path in notebooks}, done.stdout[:3000] + done.stderr
    return results


def test_the_conda_nbval_check_leaves_out_chart_pixels_and_nothing_else(tmp_path):
    """A chart whose pixels differ passes with the conda rules and fails with the strict ones; a chart whose alt text
    differs fails with both."""
    import nbformat
    from nbclient import NotebookClient

    from miscarriage_course.notebooks import KERNEL_NAME

    source = ('from miscarriage_course import charts\n'
              'charts.bar_chart(["A", "B"], [12.5, 40.0], title="t", value_label="%", source_ids=["quenby2021"])')
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    NotebookClient(notebook, timeout=300, kernel_name=KERNEL_NAME,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    stored = notebook.cells[0].outputs[0]["data"]["text/html"]
    assert "data:image/png;base64," in stored and "A: 12.5%" in stored

    def stored_as(name: str, html: str) -> Path:
        changed = nbformat.from_dict(notebook)
        changed.cells[0].outputs[0]["data"]["text/html"] = html
        nbformat.write(changed, tmp_path / name)
        return tmp_path / name

    as_drawn = stored_as("as_drawn.ipynb", stored)
    other_pixels = stored_as("other_pixels.ipynb", stored.replace("base64,", "base64,AAAA", 1))
    other_alt_text = stored_as("other_alt_text.ipynb", stored.replace("A: 12.5%", "A: 13.5%", 1))
    assert nbval_results("nbval_sanitize.cfg", as_drawn, other_pixels) == {
        "as_drawn.ipynb": True, "other_pixels.ipynb": False}
    assert nbval_results("nbval_sanitize_conda.cfg", other_pixels, other_alt_text) == {
        "other_pixels.ipynb": True, "other_alt_text.ipynb": False}
