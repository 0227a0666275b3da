"""`qazaq-grade` (also `python -m qazaq.grading`): the teacher's command around nbgrader."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from qazaq.grading.course import DEFAULT_COURSE, Course, GradingError


def _course(args) -> Course:
    root = args.course or os.environ.get("QAZAQ_COURSE") or (
        Path.cwd() if (Path.cwd() / "nbgrader_config.py").exists() else DEFAULT_COURSE)
    return Course(Path(root), db_url=args.db_url)


def cmd_release(args) -> int:
    print(f"released: {pipeline().release(_course(args), args.assignment, force=args.force)}")
    return 0


def cmd_collect(args) -> int:
    if not args.downloads:
        raise GradingError("collect needs the folder of downloaded files (or --exchange on a class hub).")
    new, kept = pipeline().collect(_course(args), args.assignment, Path(args.downloads))
    print(f"collected {len(new)} submission(s): {', '.join(new) or '-'}")
    if kept:
        print(f"already collected, left untouched: {', '.join(kept)}")
    return 0


def cmd_autograde(args) -> int:
    results, skipped = pipeline().autograde(_course(args), args.assignment, workers=args.workers,
                                            force=args.force, progress=not args.quiet)
    failed = [r for r in results if not r.ok]
    print(f"autograded {len(results) - len(failed)} of {len(results)} submission(s) with {args.workers} worker(s)")
    if skipped:
        print(f"already autograded, left untouched (use --force to regrade): {', '.join(skipped)}")
    for r in failed:
        print(f"  {r.student}: could not be graded: {r.message}")
    return 0


def cmd_feedback(args) -> int:
    print(f"feedback: {pipeline().feedback(_course(args), args.assignment, force=args.force)}")
    return 0


def export_grades(course: Course, out: Path | None = None):
    from qazaq.grading import export

    p = pipeline()
    frame = export.grades(course, p.outcomes(course, p.released(course)))
    return frame, export.write_csv(frame, out or course.path("exports", "grades.csv"))


def cmd_export(args) -> int:
    _, path = export_grades(_course(args), Path(args.output) if args.output else None)
    print(f"grades: {path}")
    return 0


def print_report(course: Course, out: Path | None = None) -> dict:
    import pandas as pd

    from qazaq.grading import report

    frame, csv = export_grades(course)
    p = pipeline()
    found = {a: p.inspect_all(course, a) for a in p.released(course)}
    files = report.build(frame, found, out or course.path("reports"))
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_colwidth", 60):
        print(frame[["assignment", "student_id", "last_name", "score", "max_score", "outcome"]].to_string(index=False))
    print(f"report: {files['html']}")
    files["grades"] = csv
    return files


def cmd_report(args) -> int:
    files = print_report(_course(args), Path(args.output) if args.output else None)
    print(f"grades: {files['grades']}")
    return 0


def cmd_demo(args) -> int:
    from qazaq.grading.demo import run

    return run(workers=args.workers, keep=args.keep)


def pipeline():
    from qazaq.grading import pipeline as p  # imported late: `--help` stays fast

    return p


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="qazaq-grade", description="Grade Qazaq assignments with nbgrader.")
    ap.add_argument("--course", help="course folder with nbgrader_config.py (default: ./ or the repo's grading/)")
    ap.add_argument("--db-url", help="gradebook URL, e.g. postgresql://teacher@localhost/qazaq (default: SQLite)")
    sub = ap.add_subparsers(dest="command", required=True)

    def add(name, func, help, assignment=True, force=False):
        p = sub.add_parser(name, help=help)
        if assignment:
            p.add_argument("assignment", help="assignment id, e.g. a01-alphabet")
        if force:
            p.add_argument("--force", action="store_true", help="replace existing results")
        p.set_defaults(func=func)
        return p

    add("release", cmd_release, "generate the learners' version in release/", force=True)
    add("collect", cmd_collect, "collect downloaded files named <student_id>__<file>").add_argument(
        "downloads", nargs="?", help="folder of downloaded files or zips (not with --exchange)")
    p = add("autograde", cmd_autograde, "autograde every collected submission", force=True)
    p.add_argument("-j", "--workers", type=int, default=4, help="parallel worker processes (default 4)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    add("feedback", cmd_feedback, "write feedback HTML for each learner", force=True)
    add("export", cmd_export, "write grades as a quoted UTF-8 CSV", assignment=False).add_argument(
        "-o", "--output", help="CSV path (default: exports/grades.csv in the course)")
    add("report", cmd_report, "tables, charts (PNG) and report.html", assignment=False).add_argument(
        "-o", "--output", help="report folder (default: reports/ in the course)")
    p = add("demo", cmd_demo, "run the whole pipeline on a simulated class", assignment=False)
    p.add_argument("-j", "--workers", type=int, default=4)
    p.add_argument("--keep", action="store_true", help="keep the throwaway course folder")
    from qazaq.grading import exchange

    exchange.add_options(sub)  # --exchange: through nbgrader's exchange on a class hub
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except GradingError as exc:
        print(f"qazaq-grade: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("qazaq-grade: interrupted", file=sys.stderr)
        return 130
