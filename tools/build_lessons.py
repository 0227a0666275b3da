"""Write lessons/NN-slug.ipynb and lessons/00-course-map.ipynb from assets/lessons/*.yaml.

The notebooks are thin and generated: markdown headings plus one short call per cell, stored
without outputs. Run after editing a lesson file: ``python tools/build_lessons.py``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.curriculum import MAP_NOTEBOOK, links_markdown, numbers  # noqa: E402
from qazaq.lesson import load, notebook_name  # noqa: E402
from qazaq.shared import REPO_ROOT  # noqa: E402

LESSONS = REPO_ROOT / "lessons"
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
          "language_info": {"name": "python"}}


def lesson_notebook(n: int) -> nbformat.NotebookNode:
    d = load(n)
    md, code = new_markdown_cell, new_code_cell
    cells = [
        md(f"# Lesson {n} · {d['title_kk']} — {d['title_en']}\n\n"
           f"**Level {d['level']} · about {d['minutes']} minutes** · {links_markdown(n)}"),
        code(f"from qazaq.lesson import Lesson\n\nlesson = Lesson({n})\nlesson.header()"),
    ]
    for s in d.get("sections", []):
        cells.append(md(f"## {s['title']}" + (f"\n\n{s['markdown'].strip()}" if s.get("markdown") else "")))
        if s.get("text") or s.get("examples") or s.get("table"):
            cells.append(code(f"lesson.explain({s['id']!r})"))
        if s.get("code"):
            cells.append(code(s["code"].strip()))
    cells += [md("## Vocabulary\nEvery word and phrase this lesson introduces. Choose one under *Listen* to hear it "
                 "(a synthetic voice), then go through the flashcards and rate yourself honestly."),
              code("lesson.vocabulary()"),
              md("## Practice")]
    for p in d.get("practice", []):
        cells.append(md(f"### {p['title']}"))
        cells.append(code(p["code"].strip() if p.get("code") else f"lesson.practice({p['id']!r})"))
    cells += [md("## Review\nCards that are due today, from every lesson you have practised."),
              code("lesson.review()"),
              md(f"## Culture note: {d['culture_title']}"), code("lesson.culture()"),
              md("## What you can do now"), code("lesson.summary()")]
    return new_notebook(cells=cells, metadata=KERNEL)


def map_notebook() -> nbformat.NotebookNode:
    first = notebook_name(numbers()[0])
    return new_notebook(metadata=KERNEL, cells=[
        new_markdown_cell("# Qazaq Notebooks · the course map\n\nSixteen lessons from the alphabet to A2. "
                          f"Each takes 30–45 minutes. Start with [Lesson 1]({first})."),
        new_code_cell("from qazaq.lesson import start\nfrom qazaq.curriculum import show_course_map\n\n"
                      "start()\nshow_course_map()"),
    ])


def _stable_ids(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Cell ids from the position, so rebuilding an unchanged lesson leaves the file unchanged."""
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:02d}"
    return nb


def main() -> None:
    for n in numbers():
        nbformat.write(_stable_ids(lesson_notebook(n)), LESSONS / notebook_name(n))
    nbformat.write(_stable_ids(map_notebook()), LESSONS / MAP_NOTEBOOK)
    print(f"wrote {len(numbers())} lessons and {MAP_NOTEBOOK}")


if __name__ == "__main__":
    main()
