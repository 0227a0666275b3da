"""Assignments as data: assets/assignments/*.yaml built into the nbgrader source notebooks.

Two tools write exercises/source/, each from its own YAML: tools/build_assignments.py the
assignments (assets/assignments/), tools/build_level_tests.py the level tests
(assets/level_tests/; their rebuild check is in tests/test_level_test.py)."""
from __future__ import annotations

import pytest
import yaml

from qazaq.content.assignments import ASSIGNMENTS_DIR, AssignmentError, assignment_files, assignments, load, parse
from qazaq.grading.config import DEFAULT_SOURCE
from qazaq.level_test import LEVELS, assignment_id
from qazaq.shared import REPO_ROOT
from tests.conftest import load_tool


def _build_tool():
    return load_tool("build_assignments")


def test_every_source_notebook_comes_from_a_yaml_file():
    """No folder of exercises/source/ is written by hand: each is an assignment file's or a level test's."""
    built = [p.stem for p in assignment_files()] + [assignment_id(level) for level in LEVELS]
    assert sorted(built) == sorted(p.name for p in DEFAULT_SOURCE.iterdir() if p.is_dir())
    assert len(assignments()) == 8


def test_source_notebooks_are_exactly_what_the_yaml_builds(tmp_path):
    """A stale notebook would grade with keys the YAML no longer has: rebuilt, they are byte-identical."""
    build = _build_tool()
    for a in assignments():
        built = build.write(a, tmp_path)
        stored = DEFAULT_SOURCE / a.id / f"{a.id}.ipynb"
        assert built.read_bytes() == stored.read_bytes(), f"{a.id}: run python tools/build_assignments.py"


def test_a_file_reads_as_items_keys_points_and_rubric():
    a = load("a02-greetings")
    assert (a.title, a.lesson) == ("Assignment 2: greetings and introductions", 2)
    q1, q5 = a.items[0], a.items[4]
    assert q1.choices == ("Сәлем", "Сәлеметсіз бе", "Сау бол") and q1.accepted == ("Сәлеметсіз бе",) and q1.exact
    assert q5.accepted == ("рақмет", "рахмет") and q5.script == "cyrl" and q5.points == 1 and not q5.exact
    essay = a.essays[0]
    assert essay.points == 4 and len(essay.rubric) == 4 and essay.model == "Сәлеметсіз бе! Менің атым Дана. Мен студентпін."
    assert a.title.in_("ru") == "Задание 2: приветствие и знакомство" and q1.prompt.in_("tr").startswith("Öğretmeninizi")


GOOD = {"title": "T", "lesson": 3, "intro": "I",
        "items": [{"id": "q1", "type": "text", "prompt": "P", "accepted": "балалар"}]}


@pytest.mark.parametrize("change, message", [
    ({"items": [{"id": "q1", "type": "choice", "prompt": "P", "options": ["а", "ә"], "answer": "о"}]},
     "t.yaml, item 1 (q1): 'answer' must be one of the options, got 'о'"),
    ({"items": [{"id": "q1", "type": "text", "prompt": "P"}]}, "t.yaml, item 1 (q1): 'accepted' needs"),
    ({"items": [{"id": "q1", "type": "text", "prompt": "P", "accepted": "а", "script": "latin"}]},
     "'script' must be one of cyrl, latn, arab, any"),
    ({"items": [{"id": "q1", "type": "text", "prompt": "P", "accepted": "а", "points": 0}]},
     "t.yaml, item 1 (q1): 'points' must be a positive number"),
    ({"items": [{"id": "q1", "type": "essay", "prompt": "P"}]}, "'type' must be choice or text"),
    ({"items": [{"id": "q1", "type": "text", "prompt": "P", "acepted": "а"}]}, "unknown field(s) acepted"),
    ({"lesson": "three"}, "'lesson' must be a lesson number"),
    ({"essays": [{"id": "q1", "task": "T", "rubric": ["r"], "model": "m", "points": 2}]}, "repeated: q1"),
    ({"essays": [{"id": "e", "task": "T", "model": "m", "points": 2}]}, "t.yaml, essay 1: missing 'rubric'"),
])
def test_a_mistake_in_a_file_is_named(change, message):
    with pytest.raises(AssignmentError) as error:
        parse("t", {**GOOD, **change}, where="t.yaml")
    assert message in str(error.value)


def test_the_build_tool_says_what_is_wrong_without_a_traceback(tmp_path, capsys):
    bad = tmp_path / "a99-bad.yaml"
    bad.write_text(yaml.safe_dump({**GOOD, "items": [{"id": "q1", "type": "text", "prompt": "P"}]}), "utf-8")
    assert _build_tool().main([str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: a99-bad.yaml, item 1 (q1): 'accepted' needs") and "Traceback" not in err
    assert not (DEFAULT_SOURCE / "a99-bad").exists()


def test_the_files_live_under_assets():
    assert ASSIGNMENTS_DIR == REPO_ROOT / "assets" / "assignments"


def test_the_example_in_the_teachers_guide_builds():
    import re

    guide = (REPO_ROOT / "docs" / "teachers.md").read_text(encoding="utf-8")
    example = re.search(r"## Writing an assignment.*?```yaml\n(.*?)```", guide, re.S).group(1)
    a = parse("a09-food", yaml.safe_load(example), where="a09-food.yaml")
    assert [i.id for i in a.items] == ["q1", "q2", "q3", "q4"] and a.essays[0].points == 3
    nb = _build_tool().notebook(a)
    tests = [c.source for c in nb.cells if c.metadata["nbgrader"].get("grade_id", "").endswith("-test")]
    assert "grade('q2', ['суды'], points=2)" in tests[1] and "exact=True" in tests[3]
