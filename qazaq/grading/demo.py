"""`python -m qazaq.grading demo`: a throwaway course, a simulated class, the whole pipeline."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from qazaq.grading import pipeline
from qazaq.grading.report import print_report
from qazaq.grading.simulate import CLASS, add_learners, make_course, write_download


def build_class(course, learners=CLASS, workers: int = 4, progress: bool = True) -> None:
    assignments = sorted({a for s in learners for a in s.kinds})
    for a in assignments:
        pipeline.release(course, a)
    add_learners(course, learners)
    for a in assignments:
        keys = pipeline.assignment_keys(course, a)
        release_nb = pipeline.release_notebook(course, a)
        downloads = course.root / "inbox" / a
        for s in learners:
            if a in s.kinds:
                write_download(downloads, s.id, release_nb, keys, s.kinds[a])
        new, _ = pipeline.collect(course, a, downloads)
        print(f"{a}: collected {len(new)} submissions")
        results, _ = pipeline.autograde(course, a, workers=workers, progress=progress)
        for r in results:
            if not r.ok:
                print(f"  {r.student}: could not be graded: {r.message}")
        pipeline.feedback(course, a)


def run(workers: int = 4, keep: bool = False, root: Path | None = None) -> int:
    root = root or Path(tempfile.mkdtemp(prefix="qazaq-grade-demo-"))
    course = make_course(root, cell_timeout=10)
    print(f"course: {root}")
    build_class(course, workers=workers)
    files = print_report(course)
    # The CSV is the result of the demo; the rest of the course is removed unless --keep.
    if not keep:
        out = Path(tempfile.mkdtemp(prefix="qazaq-grades-")) / "grades.csv"
        shutil.copy(files["grades"], out)
        shutil.copytree(files["html"].parent, out.parent / "reports")
        shutil.rmtree(root, ignore_errors=True)
        files["grades"] = out
        print(f"report (kept): {out.parent / 'reports' / 'report.html'}")
    print(f"grades: {files['grades']}")
    return 0
