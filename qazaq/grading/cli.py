"""`qazaq-grade` (also `python -m qazaq.grading`): the teacher's command around nbgrader."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qazaq.grading import certificates, exchange
from qazaq.grading.course import GradingError, course_of, import_roster


def cmd_release(args) -> int:
    print(f"released: {pipeline().release(course_of(args), args.assignment, force=args.force)}")
    return 0


def cmd_collect(args) -> int:
    if not args.downloads:
        raise GradingError("collect needs the folder of downloaded files (or --exchange on a class hub).")
    got = pipeline().collect(course_of(args), args.assignment, Path(args.downloads))
    print(f"collected {len(got.new)} submission(s): {', '.join(got.new) or '-'}")
    if got.kept:
        print(f"already collected, left untouched: {', '.join(got.kept)}")
    if got.notes:  # every file set aside or read with doubt, and why
        print(f"{len(got.notes)} file(s) to look at:")
        for line in got.notes:
            print(f"  {line}")
    return 0


def cmd_check(args) -> int:
    from qazaq.grading.check import check  # here, not on top: nbformat takes a second; `--help` stays fast

    report = check(course_of(args).source, args.assignment)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def cmd_roster(args) -> int:
    added, updated = import_roster(course_of(args), Path(args.csv))
    print(f"roster: {added} learner(s) added, {updated} updated")
    return 0


def cmd_autograde(args) -> int:
    results, skipped = pipeline().autograde(course_of(args), args.assignment, workers=args.workers,
                                            force=args.force, progress=not args.quiet)
    failed = [r for r in results if not r.ok]
    print(f"autograded {len(results) - len(failed)} of {len(results)} submission(s) with {args.workers} worker(s)")
    if skipped:
        print(f"already autograded, left untouched (use --force to regrade): {', '.join(skipped)}")
    for r in failed:
        print(f"  {r.student}: could not be graded: {r.message}")
    return 0


def cmd_feedback(args) -> int:
    print(f"feedback: {pipeline().feedback(course_of(args), args.assignment, force=args.force)}")
    return 0


def cmd_export(args) -> int:
    from qazaq.grading import export  # here, not on top: pandas only for the commands that make tables

    _, path = export.export_grades(course_of(args), Path(args.output) if args.output else None)
    print(f"grades: {path}")
    return 0


def cmd_report(args) -> int:
    from qazaq.grading import report  # here, not on top: pandas and matplotlib only for this command

    files = report.print_report(course_of(args), Path(args.output) if args.output else None)
    print(f"grades: {files['grades']}")
    return 0


def cmd_demo(args) -> int:
    from qazaq.grading.demo import run  # here, not on top: the demo ends with the report (pandas, matplotlib)

    return run(workers=args.workers, keep=args.keep)


def cmd_certificates(args) -> int:
    for o in certificates.issue(course_of(args), args.assignment):
        print(f"{o.student}: " + (f"certificate {o.code} {o.pdf} ({o.reason})" if o.certified
                                  else f"no certificate: {o.reason}"))
    return 0


def cmd_verify(args) -> int:
    verdict = certificates.verify(course_of(args), args.code)
    print(verdict.message)
    return 0 if verdict.genuine else 2


def pipeline():
    from qazaq.grading import pipeline as p  # here, not on top: nbformat/nbgrader take 1 s; `--help` stays fast

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
    add("check", cmd_check, "check a source notebook's keys, points and ids before releasing it")
    add("roster", cmd_roster, "add or update learners from a CSV (id,first_name,last_name,email)",
        assignment=False).add_argument("csv", help="roster CSV file")
    add("export", cmd_export, "write grades as a quoted UTF-8 CSV", assignment=False).add_argument(
        "-o", "--output", help="CSV path (default: exports/grades.csv in the course)")
    add("report", cmd_report, "tables, charts (PNG) and report.html", assignment=False).add_argument(
        "-o", "--output", help="report folder (default: reports/ in the course)")
    add("certificates", cmd_certificates, "a PDF certificate for each learner who passed every block of a level test")
    add("verify", cmd_verify, "is a certificate code genuine, and whose is it?", assignment=False).add_argument("code")
    p = add("demo", cmd_demo, "run the whole pipeline on a simulated class", assignment=False)
    p.add_argument("-j", "--workers", type=int, default=4)
    p.add_argument("--keep", action="store_true", help="keep the throwaway course folder")
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
