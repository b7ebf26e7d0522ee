"""The release workflow (.github/workflows/handouts.yml) cannot run here, so its structure is checked instead:
it builds with the tested `make handouts`, and the release and Pages steps use the files that target writes."""

import re
import shlex

import pytest
import yaml

from miscarriage_course.handouts import FLAVOURS, zip_name
from miscarriage_course.paths import REPO_DIR

WORKFLOW = REPO_DIR / ".github" / "workflows" / "handouts.yml"


def handouts_output_dir(makefile_text: str) -> str:
    """The folder `make handouts` writes, read from the Makefile's recipe (course-handouts --output DIR)."""
    recipe = re.search(r"^handouts:.*\n((?:\t.*\n)+)", makefile_text, flags=re.M)
    assert recipe, "the Makefile has no handouts target"
    words = shlex.split(recipe.group(1))
    assert any(w.endswith("course-handouts") for w in words), "make handouts must run course-handouts"
    return words[words.index("--output") + 1].rstrip("/")


def load_workflow(text: str) -> dict:
    workflow = yaml.safe_load(text)
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # YAML 1.1 reads the key `on` as true
    return workflow


def steps(workflow):
    return [(job_name, step) for job_name, job in workflow["jobs"].items() for step in job.get("steps", [])]


def problems(workflow: dict, output: str) -> list:
    """What is wrong with the workflow; empty when it is right."""
    found = []
    triggers = workflow["on"] or {}
    if "published" not in (triggers.get("release") or {}).get("types", []):
        found.append("not run when a release is published")
    if "workflow_dispatch" not in triggers:
        found.append("cannot be run by hand (workflow_dispatch)")
    all_steps = steps(workflow)
    runs = [(job, step.get("run", "")) for job, step in all_steps]
    pythons = [step for _, step in all_steps if str(step.get("uses", "")).startswith("actions/setup-python@")]
    if not pythons or str(pythons[0].get("with", {}).get("python-version")) != "3.11":
        found.append("does not set up Python 3.11")
    builds = [i for i, (_, run) in enumerate(runs) if re.search(r"(^|\s)make handouts\s*$", run.strip())]
    if len(builds) != 1:
        found.append(f"expected one step running `make handouts`, found {len(builds)}")
    if any(re.search(r"(^|[\s/])course-handouts(\s|$)|miscarriage_course\.handouts", run) for _, run in runs):
        found.append("builds the handouts some other way than `make handouts`")
    build_at = builds[0] if builds else len(runs)
    zips = [f"{output}/{zip_name(flavour)}" for flavour in FLAVOURS]
    uploads = [(i, run) for i, (_, run) in enumerate(runs) if "gh release upload" in run]
    if len(uploads) != 1 or not all(z in uploads[0][1].split() for z in zips):
        found.append(f"the release step does not attach both zips ({', '.join(zips)})")
    elif uploads[0][0] < build_at:
        found.append("the release step runs before the handouts are built")
    pages = [(i, step) for i, (_, step) in enumerate(all_steps)
             if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    if len(pages) != 1 or str(pages[0][1].get("with", {}).get("path", "")).rstrip("/") != f"{output}/learner":
        found.append(f"the Pages artifact is not the learner's copy ({output}/learner)")
    elif pages[0][0] < build_at:
        found.append("the Pages artifact is packed before the handouts are built")
    deploys = [job for job, step in all_steps if str(step.get("uses", "")).startswith("actions/deploy-pages@")]
    build_job = runs[build_at][0] if builds else None
    needs = workflow["jobs"][deploys[0]].get("needs") or [] if len(deploys) == 1 else []
    needs = [needs] if isinstance(needs, str) else needs
    if len(deploys) != 1 or build_job not in needs:
        found.append("no actions/deploy-pages job that waits for the build")
    permissions = workflow.get("permissions", {})
    for scope, level in (("contents", "write"), ("pages", "write"), ("id-token", "write")):
        if permissions.get(scope) != level:
            found.append(f"permission {scope}: {level} is missing")
    return found


def test_the_workflow_builds_with_make_handouts_and_ships_what_it_writes():
    output = handouts_output_dir((REPO_DIR / "Makefile").read_text(encoding="utf-8"))
    assert problems(load_workflow(WORKFLOW.read_text(encoding="utf-8")), output) == []


@pytest.mark.parametrize("mistake, expected", [
    ("run: make handouts", "expected one step running `make handouts`, found 0", ),
    ("\n          build/handouts/miscarriage-course-handouts-teacher.zip\n",
     "the release step does not attach both zips"),
    ("path: build/handouts/learner", "the Pages artifact is not the learner's copy"),
    ("needs: build", "no actions/deploy-pages job that waits for the build"),
    ('python-version: "3.11"', "does not set up Python 3.11"),
    ("  workflow_dispatch:\n", "cannot be run by hand"),
])
def test_the_check_notices_each_mistake(mistake, expected):
    output = handouts_output_dir((REPO_DIR / "Makefile").read_text(encoding="utf-8"))
    text = WORKFLOW.read_text(encoding="utf-8")
    assert mistake in text
    broken = text.replace(mistake, {"run: make handouts": "run: .venv/bin/course-handouts --output build/handouts",
                                    "needs: build": "needs: []",
                                    'python-version: "3.11"': 'python-version: "3.12"',
                                    "  workflow_dispatch:\n": "\n",
                                    "path: build/handouts/learner": "path: build/handouts/teacher"
                                    }.get(mistake, "\n"), 1)
    assert any(p.startswith(expected) for p in problems(load_workflow(broken), output)), \
        problems(load_workflow(broken), output)


def test_the_makefile_output_folder_is_read_from_its_recipe():
    assert handouts_output_dir("handouts: $(STAMP)\n\t$(BIN)/course-handouts --output build/x\n\nclean:\n") == "build/x"
