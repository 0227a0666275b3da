"""Write the level-test notebooks from assets/level_tests/*.yaml:

    lessons/level-test-a1.ipynb, lessons/level-test-a2.ipynb      self-check (JupyterLab, the public site)
    exercises/source/level-a1/level-a1.ipynb, .../level-a2/...     graded with nbgrader (`qazaq-grade`)

Run after editing a template file: ``python tools/build_level_tests.py``. The graded notebook has
one locked cell per block showing the learner's items and one hidden test cell per block
(``grade_block``): the keys are made again from the learner's seed when grading, so they are not
literal strings in the notebook (``qazaq-grade certificates`` re-scores the answers file the same way).
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

def _points(level: str) -> dict[str, float]:
    test = generate(level, 0)
    return {b: sum(i.points for i in test.block(b)) for b in BLOCKS}


DESCRIPTION = {"en": "Test your level in the KAZTEST format: listening, lexis and grammar, reading and writing, "
                     "60% needed in each block.",
               "ru": "Проверьте свой уровень в формате КАЗТЕСТ: аудирование, лексика и грамматика, чтение и "
                     "письмо, в каждом блоке нужно 60%.",
               "tr": "Seviyenizi KAZTEST biçiminde sınayın: dinleme, kelime ve dil bilgisi, okuma ve yazma; her "
                     "bölümde %60 gerekir."}


def self_check_notebook(level: str) -> nbformat.NotebookNode:
    test = generate(level, 0)
    # The heading is Kazakh; everything in the reader's language is drawn by code (it follows the setting).
    nb = new_notebook(cells=[
        new_markdown_cell(f"# {level} деңгейінің тесті"),
        new_code_cell(f"from qazaq.level_test import show_self_check\n\nshow_self_check({level!r})"),
    ], metadata=dict(KERNEL))
    nb.metadata["qazaq"] = {"title_kk": f"{level} деңгейінің тесті", "title_en": str(test.title),
                            "title": dict(test.title.texts), "level": level,
                            "description": DESCRIPTION}
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
    name = assignment_id(level)  # one answers file per assignment: answers-level-a1.json
    md = lambda src, gid, **kw: new_markdown_cell(src, metadata=_meta(gid, **kw))  # noqa: E731
    code = lambda src, gid, **kw: new_code_cell(src, metadata=_meta(gid, **kw))  # noqa: E731
    # Title, format and how-to are drawn by code in the learner's language (test.instructions()).
    cells = [
        md(f"<small>{test.title} · answers-{name}.json</small>", "instructions"),
        code(f"from qazaq.level_test import TestSheet\n\ntest = TestSheet({level!r})\ntest.instructions()", "sheet"),
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
    local_rubric = ", ".join(repr(r.source()) for r in e.rubric)
    cells.append(code(f"test.sheet.task({e.id!r}, {e.task.source()!r}, [{local_rubric}], points={e.points:g})",
                      "essay-task-local"))
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
