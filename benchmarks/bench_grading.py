"""Autograde N simulated submissions: serial nbgrader (one `nbgrader autograde` run) versus
`qazaq-grade autograde` with parallel workers. Prints submissions per minute and the speed-up.

    python benchmarks/bench_grading.py [--n 100] [--workers 4]
"""
from __future__ import annotations

import argparse
import itertools
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qazaq.grading import pipeline
from qazaq.grading.course import nbgrader_env
from qazaq.grading.simulate import make_course, write_download

A = "a01-alphabet"
MIX = ["correct", "half", "almost", "untouched", "correct", "half", "locked", "badjson"]


def prepared_course(root: Path, n: int):
    course = make_course(root)
    pipeline.release(course, A)
    keys, nb = pipeline.assignment_keys(course, A), pipeline.release_notebook(course, A)
    inbox = root / "inbox"
    for i, kind in zip(range(n), itertools.cycle(MIX)):
        write_download(inbox, f"learner{i:03d}", nb, keys, kind)
    pipeline.collect(course, A, inbox)
    return course


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--workers", type=int, default=4)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    try:
        serial = prepared_course(tmp / "serial", args.n)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "nbgrader", "autograde", A], cwd=serial.root, env=nbgrader_env(),
                       check=True, capture_output=True)
        t_serial = time.perf_counter() - t

        parallel = prepared_course(tmp / "parallel", args.n)
        t = time.perf_counter()
        results, _ = pipeline.autograde(parallel, A, workers=args.workers, progress=False)
        t_parallel = time.perf_counter() - t
        assert all(r.ok for r in results), [r for r in results if not r.ok]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rate = lambda sec: 60 * args.n / sec  # noqa: E731
    print(f"submissions: {args.n}")
    print(f"serial nbgrader: {t_serial:.1f} s, {t_serial / args.n:.2f} s/submission, {rate(t_serial):.1f} submissions/min")
    print(f"qazaq-grade -j {args.workers}: {t_parallel:.1f} s, {t_parallel / args.n:.2f} s/submission, "
          f"{rate(t_parallel):.1f} submissions/min")
    print(f"speed-up: {t_serial / t_parallel:.2f}x")


if __name__ == "__main__":
    main()
