"""Write the nbgrader source notebooks exercises/source/<id>/<id>.ipynb from assets/assignments/*.yaml.

    python tools/build_assignments.py            # rebuild every source notebook
    python tools/build_assignments.py a06-plural # rebuild one

Each assignment becomes: locked instructions, a locked cell creating the answer sheet, then per
item a locked widget cell and an autograder test cell whose grading call is a hidden test,
manually graded free-text answers (markdown solution cells with the rubric in the cell), and a
self-check button. Edit the YAML file, not the notebook: a test fails when a notebook is stale.
The format of the files: docs/teachers.md, "Writing an assignment".
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.content.assignments import Assignment, AssignmentError, Essay, Item, assignments, load  # noqa: E402
from qazaq.shared import REPO_ROOT  # noqa: E402

SOURCE = REPO_ROOT / "exercises" / "source"
CONTENT_LICENSE = "Course content: CC BY-SA 4.0. Abai's original texts: public domain."


# ------------------------------------------------------------------ notebook cells

def _meta(grade_id: str, *, grade=False, solution=False, locked=True, points=None) -> dict:
    nb = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
          "solution": solution, "task": False}
    if points is not None:
        nb["points"] = points
    return {"nbgrader": nb}


def _md(source: str, grade_id: str, **kw):
    return nbformat.v4.new_markdown_cell(source, metadata=_meta(grade_id, **kw))


def _code(source: str, grade_id: str, **kw):
    return nbformat.v4.new_code_cell(source, metadata=_meta(grade_id, **kw))


def _src(text) -> str:
    """A learner-facing text as notebook source: English, or the mapping of every language written."""
    return repr(text.source() if hasattr(text, "source") else str(text))


def _widget_call(item: Item) -> str:
    if item.choices:
        return f"sheet.choice({item.id!r}, {_src(item.prompt)}, {list(item.choices)!r})"
    return f"sheet.text({item.id!r}, {_src(item.prompt)}, script={item.script!r})"


def _test_source(item: Item) -> str:
    args = f"{item.id!r}, {list(item.accepted)!r}, points={item.points:g}"
    if item.exact:
        args += ", exact=True"
    # graded() stays in the learner's copy: it hands grade()'s points to nbgrader, and under
    # `nbgrader validate` it says that only the hidden tests can score (never a false "Success").
    return ("# Your teacher's hidden tests check this answer when grading.\n"
            "from qazaq.assignment import graded\n"
            "### BEGIN HIDDEN TESTS\n"
            "from qazaq.assignment import grade\n"
            f"grade({args})\n"
            "### END HIDDEN TESTS\n"
            f"graded({item.id!r})")


def _essay_cells(essay: Essay) -> list:
    # The English task and rubric stay a markdown cell: formgrader shows it to the teacher above the
    # answer. The cell before it shows the same task in the learner's language (not for English).
    rubric = "\n".join(f"- {line}" for line in essay.rubric)
    task = (f"### {essay.id} ({essay.points:g} points, graded by your teacher)\n\n{essay.task}\n\n"
            f"**Rubric**\n\n{rubric}\n\nDouble-click the cell below and write your answer as plain text.")
    local = (f"sheet.task({essay.id!r}, {_src(essay.task)}, "
             f"[{', '.join(_src(line) for line in essay.rubric)}], points={essay.points:g})")
    answer = f"### BEGIN SOLUTION\n{essay.model}\n### END SOLUTION"
    return [_code(local, f"{essay.id}-task-local"), _md(task, f"{essay.id}-task"),
            _md(answer, essay.id, grade=True, solution=True, locked=False, points=essay.points)]


def notebook(a: Assignment) -> nbformat.NotebookNode:
    """The nbgrader source notebook of one assignment."""
    # Title, lesson and how-to are drawn by code in the learner's language; the markdown cell
    # keeps the English title for teachers browsing files, and the licence.
    cells = [
        _md(f"<small>{a.title} · {CONTENT_LICENSE}</small>", "instructions"),
        _code(f"from qazaq.assignment import AnswerSheet\n\nsheet = AnswerSheet({a.id!r})\n"
              f"sheet.instructions({_src(a.title)}, {_src(a.intro)}, lesson={a.lesson})", "sheet"),
    ]
    for item in a.items:
        cells.append(_code(_widget_call(item), f"{item.id}-ask"))
        cells.append(_code(_test_source(item), f"{item.id}-test", grade=True, points=item.points))
    for essay in a.essays:
        cells.extend(_essay_cells(essay))
    cells.append(_code("sheet.self_check()", "self-check"))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write(a: Assignment, root: Path = SOURCE) -> Path:
    path = root / a.id / f"{a.id}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = notebook(a)
    for i, cell in enumerate(nb.cells):  # stable ids keep diffs small
        cell["id"] = f"{a.id}-{i:02d}"
    nbformat.write(nb, path)
    return path


def write_all(root: Path = SOURCE) -> list[Path]:
    return [write(a, root) for a in assignments()]


def main(argv: list[str]) -> int:
    try:
        paths = [write(load(name)) for name in argv] if argv else write_all()
    except AssignmentError as exc:  # a teacher's typo: say where, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path.relative_to(REPO_ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
