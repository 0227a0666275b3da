"""Issue 2: Assignment 1 through the real nbgrader command line, with exact scores.

The source notebook graded here is built from assets/assignments/a01-alphabet.yaml by
tools/build_assignments.py (issue 20), so the exact scores below are those of the YAML file.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pandas as pd
import pytest

from qazaq.content.assignments import load
from qazaq.grading.config import DEFAULT_SOURCE
from qazaq.grading.course import nbgrader_env
from qazaq.grading.keys import keys, source_notebook
from qazaq.grading.simulate import answers, make_course
from qazaq.shared import REPO_ROOT

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]
A1 = "a01-alphabet"


def nbgrader(course, *args):
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course.root, env=nbgrader_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def build_from_yaml(assignment: str, source):
    spec = importlib.util.spec_from_file_location("build_assignments", REPO_ROOT / "tools" / "build_assignments.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return build.write(load(assignment), source)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    source = tmp_path_factory.mktemp("yaml") / "source"
    built = build_from_yaml(A1, source)
    # The rebuilt notebook is the committed one, byte for byte: same cells, same keys, same scores.
    assert built.read_bytes() == source_notebook(DEFAULT_SOURCE, A1).read_bytes()
    course = make_course(tmp_path_factory.mktemp("course"), source=source)
    nbgrader(course, "generate_assignment", A1)
    released = course.path("release", A1, f"{A1}.ipynb")
    key = keys(source_notebook(course.source, A1))
    for student, kind in {"all": "correct", "half": "half", "none": "untouched"}.items():
        folder = course.path("submitted", student, A1)
        folder.mkdir(parents=True)
        folder.joinpath(released.name).write_bytes(released.read_bytes())
        if (given := answers(key, kind)) is not None:
            folder.joinpath("answers.json").write_text(json.dumps({"answers": given}, ensure_ascii=False), "utf-8")
    nbgrader(course, "autograde", A1)
    nbgrader(course, "export", "--to", "grades.csv")
    return course, released


def test_student_version_hides_the_keys(graded):
    course, released = graded
    text = released.read_text("utf-8")
    assert "BEGIN HIDDEN TESTS" not in text and "grade(" not in text
    assert "sheet.choice('q1'" in text and "sheet.self_check()" in text


def test_exact_scores_after_autograde_and_export(graded):
    course, _ = graded
    grades = pd.read_csv(course.root / "grades.csv").set_index("student_id")
    assert grades.loc["all", "score"] == 8.0
    assert grades.loc["half", "score"] == 4.0
    assert grades.loc["none", "score"] == 0.0
    assert set(grades["max_score"]) == {8.0}


def test_feedback_is_item_by_item(graded):
    course, _ = graded
    text = course.path("autograded", "half", A1, f"{A1}.ipynb").read_text("utf-8")
    assert "✔ q1: correct — 1/1" in text
    assert "✘ q8: wrong — 0/1; you wrote «x»; expected «дала»" in text
