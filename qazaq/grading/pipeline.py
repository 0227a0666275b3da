"""The teacher's steps: release, collect, autograde (+ verification), feedback, export, report."""
from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from qazaq.assignment import ANSWERS_FILE
from qazaq.grading import autograde as ag
from qazaq.grading.course import Course, GradingError
from qazaq.grading.keys import Key, keys, source_notebook
from qazaq.grading.outcomes import Inspection, inspect


def release(course: Course, assignment: str, force: bool = False) -> Path:
    args = ["generate_assignment", assignment] + (["--force"] if force else [])
    if course.path("release", assignment).exists() and not force:
        raise GradingError(f"{assignment} is already released; use --force to generate it again.")
    course.nbgrader(*args)
    # A teacher who tried the source notebook leaves their own answers.json: never hand it out.
    (course.path("release", assignment) / ANSWERS_FILE).unlink(missing_ok=True)
    return course.path("release", assignment)


def collect(course: Course, assignment: str, downloads: Path) -> tuple[list[str], list[str]]:
    """Collect files named <student_id>__<file> (or zips of them); returns (new, kept as they were)."""
    if not downloads.is_dir():
        raise GradingError(f"{downloads} is not a folder of downloaded submissions.")
    archive = course.path("downloaded", assignment, "archive")
    if archive.exists():
        shutil.rmtree(archive.parent)  # downloaded/ is scratch space; submissions live in submitted/
    shutil.copytree(downloads, archive)
    staging = f".collect-{uuid.uuid4().hex[:8]}"
    try:
        course.nbgrader("zip_collect", assignment, f"--CourseDirectory.submitted_directory={staging}")
        new, kept = [], []
        for folder in sorted(course.root.joinpath(staging).glob(f"*/{assignment}")):
            student = folder.parent.name
            target = course.path("submitted", student, assignment)
            if target.exists():
                kept.append(student)  # never overwrite a submission already collected
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(folder), target)
            new.append(student)
    finally:
        shutil.rmtree(course.root / staging, ignore_errors=True)
    return new, kept


def assignment_keys(course: Course, assignment: str) -> list[Key]:
    return keys(source_notebook(course.source, assignment))


def release_notebook(course: Course, assignment: str) -> Path:
    found = sorted(course.path("release", assignment).glob("*.ipynb"))
    if not found:
        raise GradingError(f"{assignment} has not been released yet: run `qazaq-grade release {assignment}`.")
    return found[0]


def inspect_all(course: Course, assignment: str) -> dict[str, Inspection]:
    k, nb = assignment_keys(course, assignment), release_notebook(course, assignment)
    return {s: inspect(course.path("submitted", s, assignment), nb, k, course.path("autograded", s, assignment))
            for s in course.students(assignment)}


def correct_tampering(course: Course, assignment: str, found: dict[str, Inspection]) -> int:
    """Where the kernel's score differs from the verified one, the verified one wins (manual_score)."""
    k = {key.item: key for key in assignment_keys(course, assignment)}
    notebook = release_notebook(course, assignment).stem
    fixed = 0
    with course.gradebook() as gb:
        for student, ins in found.items():
            for score in ins.scores:
                try:
                    g = gb.find_grade(k[score.item].grade_id, notebook, assignment, student)
                except Exception:  # not autograded (yet): nothing to compare
                    continue
                if g.auto_score is not None and abs(g.auto_score - score.points) > 1e-6:
                    g.manual_score = score.points
                    fixed += 1
                    note = "kernel scores replaced by scores verified from answers.json"
                    if note not in ins.outcomes:
                        ins.outcomes.append(note)
        gb.db.commit()
    return fixed


def autograde(course: Course, assignment: str, *, workers: int = 4, force: bool = False,
              progress: bool = True) -> tuple[list[ag.Result], list[str]]:
    release_notebook(course, assignment)
    students = course.students(assignment)
    todo, skipped = ag.pending(course, assignment, students, force)
    results = ag.autograde(course, assignment, todo, workers=workers, force=force, progress=progress)
    correct_tampering(course, assignment, inspect_all(course, assignment))
    return results, skipped


def feedback(course: Course, assignment: str, force: bool = False) -> Path:
    course.nbgrader("generate_feedback", assignment, *(["--force"] if force else []))
    return course.path("feedback")


def outcomes(course: Course, assignments: list[str]) -> dict[tuple[str, str], str]:
    table = {}
    for a in assignments:
        found = inspect_all(course, a)
        correct_tampering(course, a, found)
        for student, ins in found.items():
            table[(a, student)] = "; ".join(ins.outcomes) or "ok"
    return table


def released(course: Course) -> list[str]:
    return sorted(p.name for p in course.path("release").glob("*") if p.is_dir())
