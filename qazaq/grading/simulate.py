"""Simulated learners for the demo, the tests and the benchmark: a throwaway course and
submissions of every kind a teacher meets, written as downloaded files (<student>__<file>)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

from qazaq.assignment import answers_filename
from qazaq.grading.config import DEFAULT_SOURCE
from qazaq.grading.course import Course
from qazaq.grading.keys import Key

# Russian look-alikes of the Kazakh letters: the commonest near miss of a diaspora learner.
LOOKALIKE = str.maketrans("әғқңөұүһі", "агкноууhи")

KINDS = {
    "correct": "every answer right",
    "half": "first half right, the rest wrong",
    "almost": "Kazakh letters typed as Russian look-alikes",
    "untouched": "notebook without its answers file",
    "tamper": "adds a cell that redefines grade(); every answer wrong",
    "locked": "edits a locked cell; every answer right",
    "loop": "adds a cell that loops forever; first half right",
    "badjson": "the answers file is cut off after the first answer",
}


@dataclass(frozen=True)
class Learner:
    id: str
    first_name: str
    last_name: str
    kinds: dict[str, str]  # assignment -> kind of submission


def answers(keys: list[Key], kind: str) -> dict[str, str] | None:
    if kind in ("untouched", "badjson"):
        return None
    out = {}
    for i, k in enumerate(keys):
        right = k.texts[0]
        if kind in ("half", "loop") and i >= len(keys) // 2 or kind == "tamper":
            out[k.item] = "x"
        elif kind == "almost" and not k.exact:
            out[k.item] = right.translate(LOOKALIKE)
        else:
            out[k.item] = right
    return out


def _insert_after_sheet(nb, source: str) -> None:
    at = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == "sheet")
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(source))


def notebook(release_nb: Path, kind: str):
    nb = nbformat.read(str(release_nb), as_version=4)
    if kind == "tamper":
        _insert_after_sheet(nb, "import qazaq.assignment as qa\nqa.grade = lambda *args, **kwargs: 1.0")
    elif kind == "loop":
        _insert_after_sheet(nb, "while True:\n    pass")
    elif kind == "locked":
        ask = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("-ask"))
        ask.source = "# I changed this cell\n" + ask.source
    if kind in ("correct", "half", "almost"):  # free text for the teacher to grade by hand
        for cell in nb.cells:
            if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
                cell.source = "Менің атым Дана. Мен Германиядан келдім."
    return nb


def write_download(folder: Path, student: str, release_nb: Path, keys: list[Key], kind: str) -> None:
    """The files of one learner as an LMS download: <student>__<file name>."""
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook(release_nb, kind), str(folder / f"{student}__{release_nb.name}"))
    assignment = release_nb.parent.name
    target = folder / f"{student}__{answers_filename(assignment)}"
    if kind == "badjson":
        target.write_text(f'{{"assignment": "{assignment}", "answers": {{"q1": "ө", "q2": ', encoding="utf-8")
    elif (given := answers(keys, kind)) is not None:
        target.write_text(json.dumps({"assignment": assignment, "answers": given}, ensure_ascii=False), encoding="utf-8")


def make_course(root: Path, *, source: Path = DEFAULT_SOURCE, db_url: str | None = None,
                cell_timeout: int = 30) -> Course:
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(
        "from qazaq.grading.config import configure\n\n"
        f"configure(get_config(), {str(root)!r}, source={str(source)!r}, db_url={db_url!r}, "
        f"cell_timeout={cell_timeout})\n", encoding="utf-8")
    return Course(root, db_url=db_url)


def add_learners(course: Course, learners: list[Learner]) -> None:
    with course.gradebook() as gb:
        for s in learners:
            gb.update_or_create_student(s.id, first_name=s.first_name, last_name=s.last_name)


A1, A8 = "a01-alphabet", "a08-abai-winter"
CLASS = [
    Learner("aigerim", "Айгерім", "Сәрсенова", {A1: "correct", A8: "correct"}),
    Learner("abai", "Абай", "Құнанбайұлы, Абай", {A1: "correct", A8: "almost"}),
    Learner("dana", "Дана", "Smith", {A1: "half", A8: "half"}),
    Learner("erlan", "Ерлан", "Omarov", {A1: "almost", A8: "correct"}),
    Learner("madina", "Мәдина", "Müller", {A1: "untouched", A8: "half"}),
    Learner("nurlan", "Нұрлан", "Tamper", {A1: "tamper", A8: "correct"}),
    Learner("saule", "Сәуле", "Lock", {A1: "locked", A8: "half"}),
    Learner("timur", "Тимур", "Loop", {A1: "loop", A8: "correct"}),
    Learner("zhanar", "Жанар", "Json", {A1: "badjson", A8: "almost"}),
    Learner("arman", "Арман", "Late", {A1: "correct", A8: "untouched"}),
    Learner("gulnara", "Гүлнар", "Ivanova", {A1: "half", A8: "badjson"}),
    Learner("bolat", "Болат", "Kim", {A1: "almost", A8: "tamper"}),
]
