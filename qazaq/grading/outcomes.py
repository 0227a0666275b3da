"""What happened to one submission, in words a teacher can act on, and its verified item scores.

Everything here reads files only (submitted/, release/, autograded/), so the report can be
rebuilt at any time and a broken submission never stops the others.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from qazaq.assignment import ANSWERS_FILE, AnswersUnreadable, Score, load_answers, score_item
from qazaq.grading.keys import Key

# Names a learner-added cell has no business touching.
_GRADING_NAMES = re.compile(r"\b(grade|score_item|load_answers|check|qazaq|Score|AnswerSheet)\b")
_TIMEOUT_ERRORS = {"CellTimeoutError", "KeyboardInterrupt", "TimeoutError"}


@dataclass
class Inspection:
    outcomes: list[str] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)  # verified, item by item
    responses_readable: bool = True

    @property
    def verified_points(self) -> float:
        return round(sum(s.points for s in self.scores), 2)


def _nb(path: Path):
    try:
        return nbformat.read(str(path), as_version=4)
    except Exception:  # a mangled notebook is an outcome, not a crash
        return None


def _by_grade_id(nb) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id")}


def edited_locked_cells(submitted, released) -> list[str]:
    theirs = _by_grade_id(submitted)
    return [gid for gid, cell in _by_grade_id(released).items()
            if cell.metadata["nbgrader"].get("locked") and not cell.metadata["nbgrader"].get("grade")
            and (gid not in theirs or theirs[gid].source != cell.source)]


def tampering_cells(submitted, released) -> int:
    """Learner-added code cells that mention the grading machinery."""
    known = set(_by_grade_id(released))
    return sum(1 for c in submitted.cells if c.cell_type == "code"
               and c.metadata.get("nbgrader", {}).get("grade_id") not in known
               and _GRADING_NAMES.search(c.source))


def timed_out(autograded) -> bool:
    return any(o.get("output_type") == "error" and o.get("ename") in _TIMEOUT_ERRORS
               for c in autograded.cells if c.cell_type == "code" for o in c.get("outputs", []))


def rescore(folder: Path, keys: list[Key]) -> tuple[list[Score], str]:
    """Score answers.json against the keys outside any learner kernel; '' or a problem."""
    if not (folder / ANSWERS_FILE).exists():
        return [score_item(k.item, None, k.accepted, k.points, exact=k.exact) for k in keys], "missing"
    try:
        answers = load_answers(folder)
    except AnswersUnreadable as exc:
        return [score_item(k.item, None, k.accepted, k.points, exact=k.exact) for k in keys], str(exc)
    return [score_item(k.item, answers.get(k.item), k.accepted, k.points, exact=k.exact) for k in keys], ""


def inspect(submitted_dir: Path, release_nb: Path, keys: list[Key], autograded_dir: Path | None = None) -> Inspection:
    found = Inspection()
    found.scores, problem = rescore(submitted_dir, keys)
    if problem == "missing":
        found.outcomes.append(f"no {ANSWERS_FILE} submitted: every autograded item scored 0")
        found.responses_readable = False
    elif problem:
        found.outcomes.append(f"{problem}: every autograded item scored 0")
        found.responses_readable = False
    notebook = submitted_dir / release_nb.name
    submitted = _nb(notebook) if notebook.exists() else None
    released = _nb(release_nb)
    if submitted is None:
        found.outcomes.append(f"notebook {release_nb.name} missing or unreadable; graded from {ANSWERS_FILE} only")
    elif released is not None:
        edited = edited_locked_cells(submitted, released)
        if edited:
            found.outcomes.append(f"edited locked cell(s) {', '.join(edited)}: restored from the source before grading")
        if tampering_cells(submitted, released):
            found.outcomes.append("added code touching the checking functions")
    graded = autograded_dir / release_nb.name if autograded_dir else None
    if graded and graded.exists():
        nb = _nb(graded)
        if nb is not None and timed_out(nb):
            found.outcomes.append("a cell ran past the time limit and was interrupted; the rest was graded")
    return found
