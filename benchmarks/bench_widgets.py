"""Practice widgets: render time in a real browser (Voila + Chromium) and kernel memory.

    python benchmarks/bench_widgets.py [--runs 3]

Prints: time from navigation until all ten families are visible in the practice gallery,
the click-to-feedback round trip, and the kernel's resident memory before and after the
gallery (every family loaded) ran.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
GALLERY = REPO / "lessons" / "practice-gallery.ipynb"
FAMILIES = ["settings", "multiplechoice", "typeanswer", "matching", "cloze", "suffixbuilder", "wordorder",
            "listening", "flashcards", "review", "dashboard"]
RSS = "int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmRSS')))"


def kernel_memory(home: str) -> tuple[int, int]:
    """(RSS in kB before anything, RSS after the whole gallery) inside a real kernel."""
    import nbclient
    import nbformat

    nb = nbformat.read(GALLERY, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(f"print({RSS})"))
    nb.cells.append(nbformat.v4.new_code_cell(f"print({RSS})"))
    env_home = os.environ.get("QAZAQ_HOME")
    os.environ["QAZAQ_HOME"] = home
    try:
        nbclient.NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(GALLERY.parent)}}).execute()
    finally:
        if env_home is None:
            os.environ.pop("QAZAQ_HOME", None)
        else:
            os.environ["QAZAQ_HOME"] = env_home
    first, last = nb.cells[0].outputs[0]["text"], nb.cells[-1].outputs[0]["text"]
    return int(first), int(last)


def browser_times(home: str, runs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    from qazaq.site import voila_command
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for_http

    port = free_port()
    env = dict(os.environ, QAZAQ_HOME=home, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    proc = subprocess.Popen(voila_command(port), cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    loads, clicks = [], []
    try:
        wait_for_http(base + "/")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                start = time.perf_counter()
                page.goto(base + "/voila/render/practice-gallery.ipynb")
                for family in FAMILIES:
                    page.locator(f".qz-{family}").first.wait_for(state="visible", timeout=120_000)
                loads.append(time.perf_counter() - start)
                mc = page.locator(".qz-multiplechoice")
                start = time.perf_counter()
                mc.get_by_role("button", name="book", exact=True).click()
                mc.locator(".qz-feedback").wait_for(state="visible")
                clicks.append(time.perf_counter() - start)
                context.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    return loads, clicks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        before, after = kernel_memory(home)
        print(f"kernel RSS before imports:          {before / 1024:7.1f} MB")
        print(f"kernel RSS with all families loaded: {after / 1024:7.1f} MB  (+{(after - before) / 1024:.1f} MB)")
    if not Path("/usr/bin/chromium").exists():
        print("browser figures skipped: /usr/bin/chromium is missing")
        return
    with tempfile.TemporaryDirectory() as home:
        loads, clicks = browser_times(home, args.runs)
    print(f"gallery render, navigation -> all {len(FAMILIES)} widgets visible (Voila, Chromium): "
          f"median {statistics.median(loads):.2f} s, runs {', '.join(f'{x:.2f}' for x in loads)}")
    print(f"click -> feedback round trip: median {statistics.median(clicks) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
