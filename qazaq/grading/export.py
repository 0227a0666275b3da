"""Grades out of the gradebook into a properly quoted UTF-8 CSV.

nbgrader's own CSV export writes fields unquoted, so a last name such as
«Құнанбайұлы, Абай» splits into two columns; pandas quotes every field that needs it.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from qazaq.grading import pipeline
from qazaq.grading.course import Course

COLUMNS = ["assignment", "student_id", "last_name", "first_name", "email",
           "score", "max_score", "percent", "needs_manual_grade", "outcome"]


def grades(course: Course, outcomes: dict[tuple[str, str], str] | None = None) -> pd.DataFrame:
    """One row per learner and assignment with a submission."""
    outcomes = outcomes or {}
    rows = []
    with course.gradebook() as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                st = sub.student
                rows.append({
                    "assignment": assignment.name, "student_id": st.id,
                    "last_name": st.last_name or "", "first_name": st.first_name or "",
                    "email": st.email or "", "score": round(sub.score, 2),
                    "max_score": round(sub.max_score, 2),
                    "percent": round(100 * sub.score / sub.max_score, 1) if sub.max_score else 0.0,
                    "needs_manual_grade": bool(sub.needs_manual_grade),
                    "outcome": outcomes.get((assignment.name, st.id), "ok"),
                })
    return pd.DataFrame(rows, columns=COLUMNS).sort_values(["assignment", "student_id"], ignore_index=True)


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8")  # QUOTE_MINIMAL: commas and quotes are quoted
    return path


def export_grades(course: Course, out: Path | None = None) -> tuple[pd.DataFrame, Path]:
    """Every released assignment's grades with their outcomes, written to ``exports/grades.csv``."""
    frame = grades(course, pipeline.outcomes(course, pipeline.released(course)))
    return frame, write_csv(frame, out or course.path("exports", "grades.csv"))
