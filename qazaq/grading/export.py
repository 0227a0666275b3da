"""Grades out of the gradebook into a properly quoted UTF-8 CSV.

nbgrader's own CSV export writes fields unquoted, so a last name such as
«Құнанбайұлы, Абай» splits into two columns; pandas quotes every field that needs it.
Every learner on the roster gets a row for every assignment, with 0 when nothing was handed in.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from qazaq.grading import pipeline
from qazaq.grading.course import Course

COLUMNS = ["assignment", "student_id", "last_name", "first_name", "email",
           "score", "max_score", "percent", "needs_manual_grade", "outcome"]
ITEM_COLUMNS = ["assignment", "student_id", "item", "response", "verdict", "points", "max_points"]
PENDING = "free-text answer waiting for the teacher's grade (formgrader)"


def _outcome(course: Course, assignment: str, student: str, sub, given: str | None) -> str:
    if sub is None:
        if course.path("submitted", student, assignment).exists():
            return "collected but not autograded yet: run `qazaq-grade autograde`"
        return "nothing handed in"
    parts = [] if given in (None, "ok") else [given]
    if sub.needs_manual_grade:
        parts.append(PENDING)
    return "; ".join(parts) or "ok"


def grades(course: Course, outcomes: dict[tuple[str, str], str] | None = None) -> pd.DataFrame:
    """One row per learner on the roster and assignment released."""
    outcomes = outcomes or {}
    rows = []
    with course.gradebook() as gb:
        students = sorted(gb.students, key=lambda s: s.id)
        for assignment in gb.assignments:
            subs = {sub.student.id: sub for sub in assignment.submissions}
            for st in students:
                sub = subs.get(st.id)
                score = sub.score if sub else 0.0
                top = sub.max_score if sub else assignment.max_score
                rows.append({
                    "assignment": assignment.name, "student_id": st.id,
                    "last_name": st.last_name or "", "first_name": st.first_name or "",
                    "email": st.email or "", "score": round(score, 2), "max_score": round(top, 2),
                    "percent": round(100 * score / top, 1) if top else 0.0,
                    "needs_manual_grade": bool(sub and sub.needs_manual_grade),
                    "outcome": _outcome(course, assignment.name, st.id, sub, outcomes.get((assignment.name, st.id))),
                })
    return pd.DataFrame(rows, columns=COLUMNS).sort_values(["assignment", "student_id"], ignore_index=True)


def manual_items(course: Course) -> pd.DataFrame:
    """Free-text (hand-graded) items, one row per learner: graded with points, or pending."""
    rows = []
    with course.gradebook() as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                for nb in sub.notebooks:
                    for g in nb.grades:
                        if g.cell_type != "markdown":
                            continue
                        pending = bool(g.needs_manual_grade)
                        verdict = ("pending" if pending else
                                   "missing" if g.manual_score is None and not g.auto_score else "graded")
                        rows.append({"assignment": assignment.name, "student_id": sub.student.id, "item": g.name,
                                     "response": "", "verdict": verdict,
                                     "points": None if pending else float(g.score), "max_points": float(g.max_score)})
    return pd.DataFrame(rows, columns=ITEM_COLUMNS).astype({"points": float, "max_points": float})


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8")  # QUOTE_MINIMAL: commas and quotes are quoted
    return path


def export_grades(course: Course, out: Path | None = None) -> tuple[pd.DataFrame, Path]:
    """Every released assignment's grades with their outcomes, written to ``exports/grades.csv``."""
    frame = grades(course, pipeline.outcomes(course, pipeline.released(course)))
    return frame, write_csv(frame, out or course.path("exports", "grades.csv"))
