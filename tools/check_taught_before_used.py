"""Taught before used: analyse every Kazakh word form of every lesson with the morphology engine
and report each form whose grammar point the syllabus introduces in a later lesson.

    python tools/check_taught_before_used.py            # figures per lesson, then every finding
    python tools/check_taught_before_used.py --lesson 2 # one lesson
    python tools/check_taught_before_used.py --summary  # figures only
    python tools/check_taught_before_used.py --planned  # the examples of the words each lesson of
                                                        # the syllabus makes active (the vocabulary's
                                                        # lesson and load columns), lesson file or not

Exit status 1 when there are findings (so CI could gate on it once issue 15's re-sequencing lands).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.syllabus import syllabus  # noqa: E402
from qazaq.taught_before_used import check_course, check_planned_examples  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", type=int, action="append", help="check only this lesson (repeatable)")
    parser.add_argument("--summary", action="store_true", help="figures only, no list of findings")
    parser.add_argument("--planned", action="store_true",
                        help="check the examples of the words each lesson of the syllabus makes active")
    args = parser.parse_args(argv)
    report = check_planned_examples(args.lesson) if args.planned else check_course(args.lesson)
    syl = syllabus()
    print(f"checked {report.forms} word forms ({report.with_grammar} realise a grammar point; "
          f"{sum(report.unanalysed.values())} not in the course lexicon, e.g. names)")
    print(f"{len(report.findings)} forms use a grammar point before its lesson")
    for lesson, count in report.by_lesson().items():
        points = Counter(f.point for f in report.findings if f.lesson == lesson)
        top = ", ".join(f"{p} ({syl.introduced_in(p)}) {c}" for p, c in points.most_common(5))
        print(f"  lesson {lesson:2d}: {count:4d}   {top}")
    if not args.summary:
        for finding in report.findings:
            print(finding)
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
