"""Execute every lesson notebook headless and print, per lesson: activities (interactive
widgets), vocabulary entries shown, practice families and execution time; then the share of
A1-A2 vocabulary covered by some lesson.

    python tools/evaluate_lessons.py [--data PATH] [--only 3 5 ...]

``--data`` is accepted for symmetry with the other evaluation commands; lessons use no
reference data.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.curriculum import numbers  # noqa: E402
from qazaq.content.lessons import course_vocabulary, lesson_vocabulary, notebook_name  # noqa: E402
from qazaq.shared import REPO_ROOT  # noqa: E402

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def activities(nb) -> Counter:
    """Activity families among the widgets the executed notebook created (CSS class qz-<family>)."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    found = Counter()
    for model in state.values():
        classes = model.get("state", {}).get("_dom_classes", [])
        if "qz-activity" in classes:
            found.update(c[3:] for c in classes if c.startswith("qz-") and c != "qz-activity")
        elif "qz-review" in classes:
            found["reviewsession"] += 1
    return found


def run(path: Path) -> tuple[float, Counter, int]:
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as home:
        os.environ["QAZAQ_HOME"] = home
        client = NotebookClient(nb, timeout=120, kernel_name="python3", store_widget_state=True,
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        client.execute()
        seconds = time.perf_counter() - start
    errors = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                 if o.get("output_type") == "error")
    return seconds, activities(nb), errors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="unused (lessons need no reference data)")
    parser.add_argument("--only", type=int, nargs="*", help="lesson numbers to run")
    args = parser.parse_args(argv)
    chosen = args.only or numbers()
    print(f"{'lesson':<22}{'widgets':>8}{'words':>7}{'seconds':>9}  families")
    worst = 0
    for n in chosen:
        seconds, found, errors = run(REPO_ROOT / "lessons" / notebook_name(n))
        worst = max(worst, errors)
        fams = ", ".join(f"{k}×{v}" for k, v in sorted(found.items()))
        flag = f"  ERRORS: {errors}" if errors else ""
        print(f"{notebook_name(n)[:-6]:<22}{sum(found.values()):>8}{len(lesson_vocabulary(n)):>7}{seconds:>9.1f}  {fams}{flag}")
    vocab = course_vocabulary()
    covered = vocab["lesson"].isin(numbers()).sum()
    print(f"vocabulary covered: {covered}/{len(vocab)} = {100 * covered / len(vocab):.1f}%")
    return 1 if worst else 0


if __name__ == "__main__":
    raise SystemExit(main())
