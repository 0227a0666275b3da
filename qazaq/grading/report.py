"""Class analytics with pandas: per-student and per-item tables, difficulty, common wrong answers,
charts as PNG and one self-contained HTML page."""
from __future__ import annotations

import base64
from collections import Counter
from pathlib import Path

import pandas as pd

from qazaq.grading import pipeline
from qazaq.grading.course import Course
from qazaq.grading.export import export_grades
from qazaq.grading.outcomes import Inspection


def item_frame(found: dict[str, dict[str, Inspection]]) -> pd.DataFrame:
    """One row per (assignment, learner, item) from the verified re-scoring."""
    rows = [{"assignment": a, "student_id": s, "item": sc.item, "response": sc.response,
             "verdict": sc.verdict, "points": sc.points, "max_points": sc.max_points}
            for a, by_student in found.items() for s, ins in by_student.items() for sc in ins.scores]
    return pd.DataFrame(rows, columns=["assignment", "student_id", "item", "response", "verdict", "points", "max_points"])


def _common_wrong(responses: pd.Series, top: int = 3) -> str:
    counts = Counter(r.strip() for r in responses if r and r.strip())
    return ", ".join(f"«{r}» ×{n}" for r, n in counts.most_common(top))


def per_item(items: pd.DataFrame) -> pd.DataFrame:
    """Difficulty = 1 − mean share of the points earned (0 easy … 1 nobody got it)."""
    if items.empty:
        return pd.DataFrame(columns=["assignment", "item", "learners", "mean_points", "max_points",
                                     "difficulty", "correct", "almost", "wrong", "missing", "common_wrong_answers"])
    g = items.groupby(["assignment", "item"], sort=False)
    table = g.agg(learners=("student_id", "nunique"), mean_points=("points", "mean"), max_points=("max_points", "first"))
    table["difficulty"] = (1 - table["mean_points"] / table["max_points"]).round(2)
    table["mean_points"] = table["mean_points"].round(2)
    verdicts = items.pivot_table(index=["assignment", "item"], columns="verdict", values="points",
                                 aggfunc="count", fill_value=0)
    for v in ("correct", "almost", "wrong", "missing"):
        table[v] = verdicts[v] if v in verdicts else 0
    wrong = items[items["verdict"].isin(["wrong", "almost"])]
    table["common_wrong_answers"] = wrong.groupby(["assignment", "item"])["response"].agg(_common_wrong)
    table["common_wrong_answers"] = table["common_wrong_answers"].fillna("")
    return table.reset_index()


def per_student(grades: pd.DataFrame) -> pd.DataFrame:
    wide = grades.pivot_table(index=["student_id", "last_name", "first_name"], columns="assignment",
                              values="score", aggfunc="sum")
    wide["total"] = wide.sum(axis=1)
    return wide.reset_index()


def charts(grades: pd.DataFrame, items: pd.DataFrame, out: Path) -> list[Path]:
    import matplotlib  # here, not on top: matplotlib only when charts are drawn

    matplotlib.use("Agg")  # files only, no display (before pyplot is imported)
    import matplotlib.pyplot as plt  # after use("Agg")

    out.mkdir(parents=True, exist_ok=True)
    paths = []
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for name, g in grades.groupby("assignment"):
        ax.hist(g["percent"], bins=range(0, 110, 10), alpha=0.6, label=name)
    ax.set(xlabel="score (%)", ylabel="learners", title="Score distribution")
    ax.legend(fontsize="small")
    paths.append(_save(fig, out / "scores.png"))
    if not items.empty:
        fig, ax = plt.subplots(figsize=(7, max(3.0, 0.22 * len(items))))
        labels = items["assignment"] + " " + items["item"]
        ax.barh(labels, items["difficulty"], color="tab:red")
        ax.invert_yaxis()
        ax.set(xlabel="difficulty (1 = nobody earned the points)", xlim=(0, 1), title="Item difficulty")
        paths.append(_save(fig, out / "difficulty.png"))
    plt.close("all")
    return paths


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return path


def html(grades: pd.DataFrame, students: pd.DataFrame, items: pd.DataFrame, pngs: list[Path], path: Path) -> Path:
    imgs = "".join(f'<img alt="{p.stem}" src="data:image/png;base64,{base64.b64encode(p.read_bytes()).decode()}">'
                   for p in pngs)
    page = ("<!doctype html><html lang='en'><meta charset='utf-8'><title>Qazaq course report</title>"
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:90%}"
            "td,th{border:1px solid #ccc;padding:.2em .5em}img{max-width:100%;display:block;margin:1em 0}</style>"
            "<h1>Course report</h1>" + imgs +
            "<h2>Per learner</h2>" + students.to_html(index=False, na_rep="–") +
            "<h2>Submissions</h2>" + grades.to_html(index=False) +
            "<h2>Per item</h2>" + items.to_html(index=False) + "</html>")
    path.write_text(page, encoding="utf-8")
    return path


def build(grades: pd.DataFrame, found: dict[str, dict[str, Inspection]], out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    items = per_item(item_frame(found))
    students = per_student(grades) if not grades.empty else pd.DataFrame()
    files = {"students": out / "students.csv", "items": out / "items.csv"}
    students.to_csv(files["students"], index=False, encoding="utf-8")
    items.to_csv(files["items"], index=False, encoding="utf-8")
    pngs = charts(grades, items, out)
    files["html"] = html(grades, students, items, pngs, out / "report.html")
    files.update({p.stem: p for p in pngs})
    return files


def print_report(course: Course, out: Path | None = None) -> dict:
    """Grades CSV, the class report (``reports/report.html``) and a grades table on stdout."""
    frame, csv = export_grades(course)
    found = {a: pipeline.inspect_all(course, a) for a in pipeline.released(course)}
    files = build(frame, found, out or course.path("reports"))
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_colwidth", 60):
        print(frame[["assignment", "student_id", "last_name", "score", "max_score", "outcome"]].to_string(index=False))
    print(f"report: {files['html']}")
    files["grades"] = csv
    return files
