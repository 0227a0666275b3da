"""Write lessons/NN-slug.ipynb and lessons/00-course-map.ipynb from assets/lessons/*.yaml.

The notebooks are thin and generated: one short call per cell (each call shows its own heading in
the learner's language), stored without outputs. Run after editing a lesson file: ``python tools/build_lessons.py``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.curriculum import MAP_NOTEBOOK, numbers  # noqa: E402
from qazaq.lesson import load, notebook_name  # noqa: E402
from qazaq.shared import REPO_ROOT  # noqa: E402

LESSONS = REPO_ROOT / "lessons"
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
          "language_info": {"name": "python"}}


def lesson_notebook(n: int) -> nbformat.NotebookNode:
    """Code cells only: every heading is rendered by the call below it in the learner's language,
    so the whole page switches language live (a markdown heading would stay English)."""
    d = load(n)
    cells = [new_code_cell(f"from qazaq.lesson import Lesson\n\nlesson = Lesson({n})\nlesson.header()")]
    for s in d.get("sections", []):
        cells.append(new_code_cell(f"lesson.explain({s['id']!r})"))
        if s.get("code"):
            cells.append(new_code_cell(s["code"].strip()))
    cells += [new_code_cell("lesson.vocabulary()"), new_code_cell('lesson.heading("practice")')]
    for p in d.get("practice", []):
        cells.append(new_code_cell(f"lesson.practice({p['id']!r})"))
        if p.get("code"):
            cells.append(new_code_cell(p["code"].strip()))
    cells.append(new_code_cell("lesson.review()"))
    cells.append(new_code_cell("lesson.culture()"))
    if d.get("self_check"):
        cells.append(new_code_cell("lesson.self_check()"))
    cells.append(new_code_cell("lesson.summary()"))
    return new_notebook(cells=cells, metadata=KERNEL)


# What the site's home page lists for the course map (its cell has no heading to read it from).
MAP_META = {"title_kk": "Курс картасы",
            "title": {"en": "The course map", "ru": "Карта курса", "tr": "Kurs haritası"},
            "description": {"en": "Every lesson with its level, its new grammar and its words.",
                            "ru": "Все уроки: уровень, новая грамматика и слова каждого урока.",
                            "tr": "Bütün dersler: her dersin seviyesi, yeni dil bilgisi ve kelimeleri."}}


def map_notebook() -> nbformat.NotebookNode:
    return new_notebook(metadata={**KERNEL, "qazaq": MAP_META}, cells=[
        new_code_cell("from qazaq.lesson import start\nfrom qazaq.curriculum import show_course_map\n\n"
                      "start()\nshow_course_map()"),
        new_code_cell("from qazaq.curriculum import show_progress\n\nshow_progress()"),
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
