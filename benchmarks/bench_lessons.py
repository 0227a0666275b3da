"""Every lesson notebook run headless, as a learner's kernel runs it: seconds and widgets.

    python benchmarks/bench_lessons.py [--lesson N ...]

Prints one line per lesson (wall seconds of the whole notebook in a fresh kernel, the number of
widget views it displays) and fails (exit 1) if a lesson takes 20 s or more or shows fewer than 3
widgets: the target of issue 15. A private QAZAQ_HOME keeps the learner's own progress out of it.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.content.lessons import notebook_name, numbers  # noqa: E402
from qazaq.shared import REPO_ROOT  # noqa: E402

LIMIT_S, MIN_WIDGETS = 20.0, 3
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def run(number: int) -> tuple[float, int]:
    path = REPO_ROOT / "lessons" / notebook_name(number)
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as work:
        client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": work}})
        start = time.perf_counter()
        client.execute()
        seconds = time.perf_counter() - start
    views = sum(WIDGET_VIEW in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    return seconds, views


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", type=int, action="append")
    args = parser.parse_args(argv)
    os.environ["QAZAQ_HOME"] = tempfile.mkdtemp(prefix="qazaq-bench-")
    slow = []
    for n in args.lesson or numbers():
        seconds, views = run(n)
        ok = seconds < LIMIT_S and views >= MIN_WIDGETS
        slow += [] if ok else [n]
        print(f"lesson {n:2d}  {seconds:5.1f} s  {views:3d} widgets  {'ok' if ok else 'TOO SLOW OR TOO FEW WIDGETS'}")
    print(f"{len(args.lesson or numbers())} lessons; over {LIMIT_S:g} s or under {MIN_WIDGETS} widgets: {slow or 'none'}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
