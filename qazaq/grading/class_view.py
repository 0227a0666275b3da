"""The teacher's class view: scores per learner and assignment, item difficulty, and each learner's
most frequent mistake types (the answer checker's hint codes) across assignments.

Used by the class view notebook (deploy/classroom/class_view.ipynb, copied into the teacher's course).
Scores come from the gradebook (so rubric points and late penalties count); items and mistakes come
from re-checking each learner's saved answers against the keys, as the report does.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from qazaq.answers import check
from qazaq.grading import pipeline, report
from qazaq.grading.course import Course
from qazaq.grading.export import grades

NO_HINT = "wrong (no hint)"  # a wrong answer the checker could not name a mistake for


def mistake_codes(response: str, accepted: tuple[str, ...], exact: bool) -> list[str]:
    """Hint codes of one wrong or almost-right answer (choices have none: another option was picked)."""
    if exact:
        return ["wrong choice"]
    return check(response, list(accepted)).codes or [NO_HINT]


def mistakes_frame(items: pd.DataFrame, keys: dict[tuple[str, str], object]) -> pd.DataFrame:
    """One row per (learner, assignment, item, hint code) for every wrong or almost answer."""
    rows = []
    for r in items[items["verdict"].isin(["wrong", "almost"])].itertuples():
        key = keys[(r.assignment, r.item)]
        for code in mistake_codes(r.response, key.accepted, key.exact):
            rows.append({"student_id": r.student_id, "assignment": r.assignment, "item": r.item, "code": code})
    return pd.DataFrame(rows, columns=["student_id", "assignment", "item", "code"])


def per_learner_mistakes(mistakes: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """Each learner's commonest mistake types, with counts: what to teach again, and to whom."""
    cols = ["student_id", "mistakes", "most_frequent", "top_codes"]
    if mistakes.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for student, g in mistakes.groupby("student_id"):
        counts = Counter(g["code"]).most_common()
        rows.append({"student_id": student, "mistakes": len(g), "most_frequent": counts[0][0],
                     "top_codes": ", ".join(f"{c} ×{n}" for c, n in counts[:top])})
    return pd.DataFrame(rows, columns=cols)


def with_late_penalties(course: Course, frame: pd.DataFrame) -> pd.DataFrame:
    """Scores after the late policy's penalty (nbgrader keeps the penalty apart from the grades)."""
    penalty = {}
    with course.gradebook() as gb:
        for assignment in gb.assignments:
            for sub in assignment.submissions:
                penalty[(assignment.name, sub.student.id)] = float(sub.late_submission_penalty or 0)
    frame = frame.copy()
    frame["late_penalty"] = [penalty.get((a, s), 0.0) for a, s in zip(frame["assignment"], frame["student_id"])]
    frame["score"] = (frame["score"] - frame["late_penalty"]).clip(lower=0).round(2)
    frame["percent"] = (100 * frame["score"] / frame["max_score"].where(frame["max_score"] > 0)).fillna(0).round(2)
    return frame


@dataclass
class ClassView:
    grades: pd.DataFrame      # one row per learner and assignment (gradebook scores)
    items: pd.DataFrame       # one row per learner, assignment and item (verified re-check)
    mistakes: pd.DataFrame    # one row per hint code of each wrong or almost answer

    @classmethod
    def load(cls, course: Course | str | Path = ".") -> "ClassView":
        course = course if isinstance(course, Course) else Course(Path(course))
        assignments = [a for a in pipeline.released(course) if course.students(a)]
        found = {a: pipeline.inspect_all(course, a) for a in assignments}
        items = report.item_frame(found)
        keys = {(a, k.item): k for a in assignments for k in pipeline.assignment_keys(course, a)}
        return cls(with_late_penalties(course, grades(course)), items, mistakes_frame(items, keys))

    @property
    def scores(self) -> pd.DataFrame:
        """Learners × assignments, percent of the points (with rubric grades, after late penalties)."""
        if self.grades.empty:
            return pd.DataFrame()
        return self.grades.pivot_table(index="student_id", columns="assignment", values="percent", aggfunc="max")

    @property
    def difficulty(self) -> pd.DataFrame:
        return report.per_item(self.items).sort_values("difficulty", ascending=False, ignore_index=True)

    @property
    def learner_mistakes(self) -> pd.DataFrame:
        return per_learner_mistakes(self.mistakes)

    @property
    def mistake_table(self) -> pd.DataFrame:
        """Learners × hint codes, counts across all assignments."""
        if self.mistakes.empty:
            return pd.DataFrame()
        return pd.crosstab(self.mistakes["student_id"], self.mistakes["code"])

    def plot_scores(self):
        ax = self.scores.plot.bar(figsize=(9, 3.5), ylim=(0, 100), ylabel="score (%)", title="Scores per learner")
        ax.legend(fontsize="small", ncols=2)
        return ax

    def plot_difficulty(self, top: int = 15):
        d = self.difficulty.head(top)
        labels = d["assignment"] + " " + d["item"]
        ax = pd.Series(d["difficulty"].values, index=labels).plot.barh(
            figsize=(8, max(3, 0.3 * len(d))), xlim=(0, 1), color="tab:red", title="Hardest items (1 = nobody earned the points)")
        ax.invert_yaxis()
        return ax

    def plot_mistakes(self):
        return self.mistake_table.plot.barh(stacked=True, figsize=(9, max(3, 0.35 * len(self.mistake_table))),
                                            title="Mistake types per learner (hint codes)")
