"""The teacher's steps: release, collect, autograde (+ verification), feedback, export, report."""
from __future__ import annotations

from pathlib import Path

from qazaq.assignment import ANSWER_FILE_PATTERNS
from qazaq.grading import autograde as ag
from qazaq.grading import collect as gather
from qazaq.grading.check import check
from qazaq.grading.course import Course, GradingError
from qazaq.grading.keys import BadKey, Key, keys, source_notebook
from qazaq.grading.outcomes import Inspection, inspect


def release(course: Course, assignment: str, force: bool = False) -> Path:
    if course.path("release", assignment).exists() and not force:
        raise GradingError(f"{assignment} is already released; use --force to generate it again.")
    course.run_api("generate_assignment", assignment, force=force)
    # A teacher who tried the source notebook leaves their own answers file: never hand it out.
    for pattern in ANSWER_FILE_PATTERNS:
        for stray in course.path("release", assignment).glob(pattern):
            stray.unlink()
    return course.path("release", assignment)


def roster(course: Course) -> list[str]:
    with course.gradebook() as gb:
        return [s.id for s in gb.students]


def collect(course: Course, assignment: str, downloads: Path) -> gather.Result:
    """Collect downloaded files and zips (see qazaq.grading.collect); every doubtful file is named."""
    if not downloads.is_dir():
        raise GradingError(f"{downloads} is not a folder of downloaded submissions.")
    return gather.collect(downloads, course.path("submitted"), assignment, release_notebook(course, assignment),
                          roster(course))


def assignment_keys(course: Course, assignment: str) -> list[Key]:
    return keys(source_notebook(course.source, assignment))


def release_notebook(course: Course, assignment: str) -> Path:
    found = sorted(course.path("release", assignment).glob("*.ipynb"))
    if not found:
        raise GradingError(f"{assignment} has not been released yet: run `qazaq-grade release {assignment}`.")
    return found[0]


def inspect_all(course: Course, assignment: str) -> dict[str, Inspection]:
    k, nb = assignment_keys(course, assignment), release_notebook(course, assignment)
    return {s: inspect(course.path("submitted", s, assignment), nb, k, course.path("autograded", s, assignment),
                       assignment)
            for s in course.students(assignment)}


def keys_problem(course: Course, assignment: str) -> str:
    """'' when the keys of `assignment` can be read, else what to fix (the export carries on)."""
    try:
        assignment_keys(course, assignment)
    except (BadKey, FileNotFoundError) as exc:
        return f"answer keys of {assignment} cannot be read ({exc}); fix them, see `qazaq-grade check {assignment}`"
    return ""


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
                    note = "kernel scores replaced by scores verified from the answers file"
                    if note not in ins.outcomes:
                        ins.outcomes.append(note)
        gb.db.commit()
    return fixed


def autograde(course: Course, assignment: str, *, workers: int = 4, force: bool = False,
              progress: bool = True) -> tuple[list[ag.Result], list[str]]:
    release_nb = release_notebook(course, assignment)
    report = check(course.source, assignment)
    if not report.ok:  # one bad key would otherwise fail or mis-score every learner
        raise GradingError("\n".join(report.lines()) + f"\nFix the source notebook, then `qazaq-grade release "
                           f"{assignment} --force` and autograde again.")
    students = course.students(assignment)
    todo, skipped = ag.pending(course, assignment, students, force)
    for s in todo:  # submissions put in submitted/ by hand get the same care as collected ones
        gather.repair(course.path("submitted", s, assignment), release_nb, assignment)
    results = ag.autograde(course, assignment, todo, workers=workers, force=force, progress=progress)
    correct_tampering(course, assignment, inspect_all(course, assignment))
    return results, skipped


def feedback(course: Course, assignment: str, force: bool = False) -> Path:
    course.run_api("generate_feedback", assignment, force=force)
    return course.path("feedback")


def outcomes(course: Course, assignments: list[str]) -> dict[tuple[str, str], str]:
    table = {}
    for a in assignments:
        problem = keys_problem(course, a)
        if problem:
            table.update({(a, s): problem for s in course.students(a)})
            continue
        found = inspect_all(course, a)
        correct_tampering(course, a, found)
        for student, ins in found.items():
            table[(a, student)] = "; ".join(ins.outcomes) or "ok"
    return table


def released(course: Course) -> list[str]:
    return sorted(p.name for p in course.path("release").glob("*") if p.is_dir())
