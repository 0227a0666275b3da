"""Write the level-test notebooks from assets/level_tests/*.yaml:

    lessons/level-test-a1.ipynb, lessons/level-test-a2.ipynb      self-check (JupyterLab, the public site)
    exercises/source/level-a1/level-a1.ipynb, .../level-a2/...     graded with nbgrader (`qazaq-grade`)

Run after editing a template file: ``python tools/build_level_tests.py``. The graded notebook has
one locked cell per block showing the learner's items and one hidden test cell per block
(``grade_block``): the keys are made again from the learner's seed when grading, so they are not
literal strings in the notebook (``qazaq-grade certificates`` re-scores answers.json the same way).
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.level_test import BLOCK_TITLES, BLOCKS, LEVELS, assignment_id, generate  # noqa: E402
from qazaq.shared import REPO_ROOT  # noqa: E402

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
          "language_info": {"name": "python"}}
FORMAT = ("Four blocks, as in KAZTEST: **Listening** (four sentences and two short dialogues), **Lexis and "
          "grammar**, **Reading** (two short texts) and **Writing** (a dictation and a short free text). You need **60% in every block**. "
          "Every learner gets different words in the same kinds of items.")


def _points(level: str) -> dict[str, float]:
    test = generate(level, 0)
    return {b: sum(i.points for i in test.block(b)) for b in BLOCKS}


def self_check_notebook(level: str) -> nbformat.NotebookNode:
    test = generate(level, 0)
    nb = new_notebook(cells=[
        new_markdown_cell(f"# {test.title} · {level} деңгейінің тесті\n\n**Level {level} · about {test.minutes} "
                          f"minutes** · [Course map](00-course-map.ipynb)\n\n{FORMAT} This self-check shows your "
                          "score in each block and the lessons to review; it gives no certificate."),
        new_code_cell(f"from qazaq.level_test import show_self_check\n\nshow_self_check({level!r})"),
    ], metadata=dict(KERNEL))
    nb.metadata["qazaq"] = {"title_kk": f"{level} деңгейінің тесті", "title_en": test.title, "level": level,
                            "description": "Test your level in the KAZTEST format: listening, lexis and grammar, "
                                           "reading and writing, 60% needed in each block."}
    return nb


def _meta(grade_id: str, *, grade=False, solution=False, locked=True, points=None) -> dict:
    nb = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
          "task": False}
    if points is not None:
        nb["points"] = points
    return {"nbgrader": nb}


def graded_notebook(level: str) -> nbformat.NotebookNode:
    test = generate(level, 0)
    points = _points(level)
    md = lambda src, gid, **kw: new_markdown_cell(src, metadata=_meta(gid, **kw))  # noqa: E731
    code = lambda src, gid, **kw: new_code_cell(src, metadata=_meta(gid, **kw))  # noqa: E731
    cells = [
        md(f"# {test.title}\n\n**About {test.minutes} minutes.** {FORMAT}\n\n**How to answer.** Run all cells "
           "(menu *Run → Run All Cells*), then listen, read, choose and type in the boxes. Every answer is saved "
           "at once in `answers.json` beside this notebook (with the number of your version of the test) and "
           "comes back when you reopen it. Submit the notebook together with `answers.json`.", "instructions"),
        code(f"from qazaq.level_test import TestSheet\n\ntest = TestSheet({level!r})", "sheet"),
    ]
    for block in BLOCKS:
        cells.append(code(f"test.block({block!r})", f"{block}-ask"))
        grade_id = "dictation" if block == "writing" else block
        cells.append(code("# Your teacher's hidden tests grade this block.\n### BEGIN HIDDEN TESTS\n"
                          "from qazaq.level_test import grade_block\n"
                          f"grade_block({level!r}, {block!r})\n### END HIDDEN TESTS",
                          grade_id, grade=True, points=points[block]))
    e = test.essay
    rubric = "\n".join(f"- {line}" for line in e.rubric)
    cells.append(md(f"### {BLOCK_TITLES['writing']}: free text ({e.points:g} points, graded by your teacher)\n\n"
                    f"{e.task}\n\n**Rubric**\n\n{rubric}\n\nDouble-click the cell below and write your text.",
                    "essay-task"))
    cells.append(md(f"### BEGIN SOLUTION\n{e.model}\n### END SOLUTION", "essay", grade=True, solution=True,
                    locked=False, points=e.points))
    cells.append(code("test.self_check()", "self-check"))
    return new_notebook(cells=cells, metadata=dict(KERNEL))


def _write(nb: nbformat.NotebookNode, path: Path, prefix: str) -> Path:
    for i, cell in enumerate(nb.cells):  # stable ids keep diffs small
        cell["id"] = f"{prefix}-{i:02d}"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def write_all(root: Path = REPO_ROOT) -> list[Path]:
    paths = []
    for level in LEVELS:
        name = assignment_id(level)
        paths.append(_write(self_check_notebook(level), root / "lessons" / f"level-test-{level.lower()}.ipynb",
                            f"self-{name}"))
        paths.append(_write(graded_notebook(level), root / "exercises" / "source" / name / f"{name}.ipynb", name))
    return paths


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_ROOT):
        print(p)
