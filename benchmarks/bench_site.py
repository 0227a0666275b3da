"""Benchmark of the public site in real Chromium: for every page on the home page, the time to
interactive (navigation -> first widget control visible) cold and preheated, the click-to-feedback
latency, and the server memory held by one open lesson. Prints a table and the medians.

    python benchmarks/bench_site.py [--pages N] [--no-cold]

Memory per open lesson is the PSS (shared pages split fairly) of the kernel process serving that
page, read with psutil. Run on an otherwise idle machine for stable figures.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qazaq.site import voila_command  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, test_env, wait_for_http  # noqa: E402

WIDGET = ".jupyter-widgets"
BUTTONS = ".qz-activity button, .widget-button, .jupyter-widgets button"  # CSS (in-page), visibility checked in JS
# Runs in the page before its own scripts: the browser's clock (ms since navigation start) at the
# first frame in which a widget control is on screen. Polling from outside (Playwright) adds up
# to half a second of its own back-off, so the page times itself; the wall clock is printed too.
FIRST_WIDGET_JS = """
(() => {
  const seen = () => [...document.querySelectorAll('.jupyter-widgets')].some(el => el.offsetParent !== null);
  const obs = new MutationObserver(() => {
    if (window.__qzFirstWidget || !seen()) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__qzFirstWidget = performance.now(); });
  });
  obs.observe(document, {subtree: true, childList: true, attributes: true});
})();
"""
# Runs in the page: click, then resolve when the rendered cells change (the kernel answered).
CLICK_JS = """async (sel) => {
  const root = document.querySelector('#rendered_cells');
  const button = [...document.querySelectorAll(sel)].find(b => b.offsetParent !== null);
  if (!button) return -1;
  const changed = new Promise(resolve => new MutationObserver((_, obs) => { obs.disconnect(); resolve(); })
      .observe(root, {subtree: true, childList: true, characterData: true, attributes: true}));
  const t0 = performance.now();
  button.click();
  await Promise.race([changed, new Promise(r => setTimeout(r, 10000))]);
  return performance.now() - t0;
}"""


def is_kernel(proc: psutil.Process) -> bool:
    try:
        return "ipykernel_launcher" in " ".join(proc.cmdline())
    except psutil.Error:  # exited (or a zombie) while we looked
        return False


def cpu(proc: psutil.Process) -> float:
    try:
        return proc.cpu_percent(interval=None)
    except psutil.Error:
        return 0.0


class Site:
    """The site started exactly as `make serve` starts it, on a free port."""

    def __init__(self, preheat: bool):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.home = tempfile.mkdtemp(prefix="qazaq-bench-")
        self.log = open(Path(self.home) / "voila.log", "w+")
        self.proc = subprocess.Popen(voila_command(self.port, preheat=preheat), env=test_env(Path(self.home)),
                                     stdout=self.log, stderr=subprocess.STDOUT)
        wait_for_http(self.base + "/")

    def pages(self) -> list[str]:
        with urllib.request.urlopen(self.base + "/", timeout=60) as resp:
            return re.findall(r'<a href="(/voila/render/[^"]+)"', resp.read().decode("utf-8"))

    def wait_for_pools(self, expected: int, timeout: float = 600) -> float:
        """Seconds until every notebook's pool kernel has finished pre-rendering (server idle again)."""
        t0 = time.monotonic()
        server = psutil.Process(self.proc.pid)
        seen: dict[int, psutil.Process] = {server.pid: server}  # cpu_percent needs the same objects
        cpu(server)
        primed_pids: set[int] = set()
        while time.monotonic() - t0 < timeout:
            children = [seen.setdefault(p.pid, p) for p in server.children(recursive=True)]
            kernels = [p for p in children if is_kernel(p)]
            busy = sum(cpu(p) for p in children + [server])  # the kernel template included
            primed = all(p.pid in primed_pids for p in children)  # a first reading is always 0
            primed_pids.update(p.pid for p in children)
            if primed and len(kernels) >= expected and busy < 10:
                return time.monotonic() - t0
            time.sleep(1.0)
        return float("nan")

    def kernel_pss_mb(self, kernel_id: str) -> float:
        for proc in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                if any(kernel_id in arg for arg in proc.cmdline()):
                    return proc.memory_full_info().pss / 2**20
            except psutil.Error:
                pass
        return float("nan")

    def leave(self, kernel_id: str) -> None:
        req = urllib.request.Request(f"{self.base}/qazaq/api/leave/{kernel_id}", method="POST", data=b"")
        urllib.request.urlopen(req, timeout=30).close()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def measure(browser, site: Site, path: str, with_click: bool, context=None) -> dict:
    """One page view. Given `context`, its browser cache is reused (a returning learner)."""
    own = context is None
    context = context or browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.add_init_script(FIRST_WIDGET_JS)
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url)
            if urlparse(r.url).hostname not in (None, "127.0.0.1", "localhost") else None)
    t0 = time.perf_counter()
    page.goto(site.base + path, timeout=180_000)
    page.locator(WIDGET).first.wait_for(state="visible", timeout=180_000)
    wall = time.perf_counter() - t0
    page.wait_for_function("() => window.__qzFirstWidget !== undefined", timeout=10_000)
    row = {"tti": page.evaluate("() => window.__qzFirstWidget") / 1000, "wall": wall, "external": len(external)}
    if with_click:
        try:
            page.wait_for_load_state("networkidle", timeout=15_000)
        except Exception:  # noqa: BLE001 - measure the click anyway, and say so
            print(f"  {path}: network not idle after 15 s")
        row["click_ms"] = page.evaluate(CLICK_JS, BUTTONS)
        kernel_id = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
        time.sleep(0.5)
        row["pss_mb"] = site.kernel_pss_mb(kernel_id)
        site.leave(kernel_id)
    page.close()
    if own:
        context.close()
    return row


def median(values) -> float:
    values = [v for v in values if v == v and v >= 0]
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages (0 = all)")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold (no preheat) pass")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results: dict[str, dict] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        site = Site(preheat=True)
        try:
            pages = site.pages()[: args.pages or None]
            fill_s = site.wait_for_pools(len(site.pages()))
            print(f"{len(pages)} pages; preheat pools filled {fill_s:.1f} s after the home page answered")
            # Preheated pass as a returning learner: Voila's JavaScript is in the browser cache
            # (visited once before); the cold pass below uses a fresh browser profile per page.
            returning = browser.new_context(viewport={"width": 1200, "height": 900})
            measure(browser, site, pages[0], with_click=False, context=returning)
            site.wait_for_pools(len(site.pages()))
            for path in pages:
                results[path] = {"warm": measure(browser, site, path, with_click=True, context=returning)}
                site.wait_for_pools(len(site.pages()), timeout=60)  # refilled: the next page meets an idle server
        finally:
            site.stop()
        if not args.no_cold:
            site = Site(preheat=False)
            try:
                site.wait_for_pools(0)  # cold = no preheated kernel, but a server that has finished starting
                for path in pages:
                    results[path]["cold"] = measure(browser, site, path, with_click=False)
            finally:
                site.stop()
        browser.close()

    print("\nTTI = navigation start -> first widget control on screen, by the browser's clock;"
          " 'wall' = the same seen from outside by Playwright (adds its polling back-off)")
    print(f"\n{'page':42} {'cold s':>7} {'warm s':>7} {'wall s':>7} {'click ms':>9} {'PSS MB':>7} {'ext':>4}")
    for path, r in results.items():
        cold = r.get("cold", {}).get("tti", float("nan"))
        w = r["warm"]
        print(f"{path.removeprefix('/voila/render/'):42} {cold:7.2f} {w['tti']:7.2f} {w['wall']:7.2f} {w['click_ms']:9.0f} "
              f"{w['pss_mb']:7.0f} {w['external'] + r.get('cold', {}).get('external', 0):4d}")
    print(f"\nmedian TTI preheated: {median(r['warm']['tti'] for r in results.values()):.2f} s"
          f"  (target <= 1.0 s; seen from outside: {median(r['warm']['wall'] for r in results.values()):.2f} s)")
    if not args.no_cold:
        print(f"median TTI cold:      {median(r['cold']['tti'] for r in results.values()):.2f} s  (target <= 2.0 s)")
    print(f"median click-to-feedback: {median(r['warm']['click_ms'] for r in results.values()):.0f} ms"
          f"  (target <= 100 ms)")
    print(f"median memory per open lesson (kernel PSS): "
          f"{median(r['warm']['pss_mb'] for r in results.values()):.0f} MB  (target <= 70 MB)")
    print(f"requests to other hosts: {sum(r['warm']['external'] + r.get('cold', {}).get('external', 0) for r in results.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
