"""nbgrader's exchange on a class hub: release to learners, collect their submissions, return feedback.

`qazaq-grade release|collect|feedback --exchange` (run by the teacher, e.g. in a JupyterLab terminal)
do what formgrader's buttons do, with the course's own steps around them: the released folder
never carries the teacher's answers file, autograding stays `qazaq-grade autograde -j N`, and a
learner who submitted again is graded again. Every submission stays in the exchange's inbound/;
collect copies each learner's latest one (`ExchangeCollect.update`).
"""
from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from qazaq.grading.course import Course, GradingError, course_of, nbgrader_env


def api(course: Course):
    # here, not on top: nbgrader takes a second to import; `qazaq-grade --help` never needs it
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    os.environ["PATH"] = nbgrader_env()["PATH"]
    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    if course.db_url:
        cfg.CourseDirectory.db_url = course.url
    if not cfg.Exchange.get("root"):
        raise GradingError(f"{course.root}/nbgrader_config.py sets no exchange (Exchange.root): "
                           "is this the course of a class hub?")
    return NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)


def _check(result: dict, what: str) -> str:
    if not result.get("success"):
        lines = [l for l in (result.get("log", "") + "\n" + (result.get("error") or "")).splitlines() if l.strip()]
        raise GradingError(f"{what} failed:\n" + "\n".join(lines[-6:]))
    return result.get("log", "")


def set_due(course: Course, assignment: str, due: str) -> datetime:
    """Due date (ISO 8601, e.g. 2026-12-09T18:00+05:00) in the gradebook: the late policy counts from it."""
    try:
        when = datetime.fromisoformat(due)
    except ValueError:
        raise GradingError(f"--due {due!r} is not a date and time such as 2026-12-09T18:00+05:00") from None
    if when.tzinfo is not None:  # nbgrader compares naive UTC times
        when = when.astimezone(timezone.utc).replace(tzinfo=None)
    with course.gradebook() as gb:
        gb.update_or_create_assignment(assignment, duedate=when)
    return when


def release(course: Course, assignment: str, *, due: str | None = None, force: bool = False) -> Path:
    """Generate the learners' version (without the teacher's answers) and put it in the exchange."""
    # here, not on top: the pipeline loads nbformat/nbgrader (2 s); `qazaq-grade --help` loads this module
    from qazaq.grading import pipeline

    a = api(course)  # first: a course without an exchange is told so before any work
    if force or not course.path("release", assignment).exists():
        pipeline.release(course, assignment, force=force)
    if due:
        set_due(course, assignment, due)
    if force:
        a.unrelease(assignment)  # nbgrader refuses to overwrite a release otherwise
    _check(a.release_assignment(assignment), f"releasing {assignment} to the exchange")
    return Path(a.config.Exchange.root) / a.coursedir.course_id / "outbound" / assignment


def _timestamp(folder: Path) -> str:
    f = folder / "timestamp.txt"
    return f.read_text().strip() if f.exists() else ""


def collect(course: Course, assignment: str) -> tuple[list[str], list[str]]:
    """Each learner's latest submission into submitted/; returns (collected, submitted again).

    A learner who submitted again has their earlier autograded copy removed, so the next
    `qazaq-grade autograde` grades the new submission."""
    before = {s: _timestamp(course.path("submitted", s, assignment)) for s in course.students(assignment)}
    _check(api(course).collect(assignment, update=True), f"collecting {assignment}")
    new, again = [], []
    for s in course.students(assignment):
        stamp = _timestamp(course.path("submitted", s, assignment))
        if s not in before:
            new.append(s)
        elif stamp != before[s]:
            again.append(s)
            shutil.rmtree(course.path("autograded", s, assignment), ignore_errors=True)
    return new, again


def release_feedback(course: Course, assignment: str, *, force: bool = False) -> Path:
    """Write feedback for every graded learner and put it in the exchange for them to fetch."""
    from qazaq.grading import pipeline  # here, not on top: as in release()

    pipeline.feedback(course, assignment, force=force)
    a = api(course)
    _check(a.release_feedback(assignment), f"releasing feedback of {assignment}")
    return Path(a.config.Exchange.root) / a.coursedir.course_id / "feedback"


# ---------------------------------------------------------------- qazaq-grade --exchange

def add_options(sub) -> None:
    """`--exchange` (and `--due`) on qazaq-grade's release, collect and feedback commands."""
    for name in ("release", "collect", "feedback"):
        p = sub.choices[name]
        p.add_argument("--exchange", action="store_true", help="through nbgrader's exchange on a class hub")
        p.set_defaults(func=_through_exchange(name, p.get_default("func")))
    sub.choices["release"].add_argument("--due", help="with --exchange: due date, e.g. 2026-12-09T18:00+05:00")


def _through_exchange(name: str, plain):
    def run(args) -> int:
        if not getattr(args, "exchange", False):
            return plain(args)
        course = course_of(args)
        if name == "release":
            print(f"released to the exchange: {release(course, args.assignment, due=args.due, force=args.force)}")
        elif name == "collect":
            new, again = collect(course, args.assignment)
            print(f"collected {len(new)} new submission(s): {', '.join(new) or '-'}")
            if again:
                print(f"submitted again (will be graded again): {', '.join(again)}")
        else:
            print(f"feedback released: {release_feedback(course, args.assignment, force=args.force)}")
        return 0
    return run
