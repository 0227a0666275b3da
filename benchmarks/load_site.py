"""Load test: N simulated learners on the site for T seconds, on loopback only.

    python benchmarks/load_site.py [--learners 50] [--seconds 120] [--url http://127.0.0.1:PORT]
    python benchmarks/load_site.py --nginx [--kill-after 60] --learners 100 --seconds 180

Each learner behaves like a browser tab without the rendering: it opens a lesson page
(GET /voila/render/..., which gives it a kernel), connects to that kernel's widget channel
exactly as Voila's front end does (the `jupyter.widget.control` comm to learn the widgets),
answers the page's localStorage bridge as the browser does (its own "localStorage" is kept per
learner, so progress can be followed), then answers: presses a random activity button every
2-4 s and times the kernel's first widget update (click-to-feedback as the server delivers it).
Halfway it leaves (freeing its kernel, as a closing tab does) and opens another lesson.
Cookies are kept per learner, by path, as a browser keeps them (the site's routing cookie for a
page's kernel, which the proxy reads).

Without --url it starts the site itself: one process, or with --nginx two processes behind
Debian's nginx configured by deploy/nginx-voila.conf (tests/site_cluster.py). --kill-after S
kills one of the two (and its kernels) S seconds into the run: a learner whose websocket closes
or whose click goes unanswered asks the page's question (/qazaq/api/kernel/<id>); told the kernel
is gone it "sees the message" and reopens the same lesson, and the reopened kernel's progress is
checked against what its localStorage held (every review kept, or counted as lost progress).
Reports errors, latency percentiles, and the peak memory of the site's processes and kernels.
Bounded: at most 500 learners and 30 minutes; loopback only.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClosedError, websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qazaq.browser_storage import STORAGE_KEY  # noqa: E402
from qazaq.site import voila_command  # noqa: E402
from tests.conftest import free_port, test_env, wait_for_http  # noqa: E402
from tests.site_cluster import SiteCluster, descendants, pss_kb  # noqa: E402

CLICK_TIMEOUT_S = 15
SKIP_BUTTONS = re.compile(r"listen|🔊|audio|тыңда", re.I)  # audio synthesis is not what we measure
MAX_LEARNERS, MAX_SECONDS = 500, 1800
MEMORY_EVERY_S = 2


class KernelGone(Exception):
    """The page's kernel is gone (the site said so): the learner reopens the lesson."""


def decode(raw: str | bytes) -> dict:
    """A kernel message from the (legacy) websocket: JSON text, or binary when it has buffers
    (4-byte big-endian buffer count, 4-byte offsets, then the JSON part first)."""
    if isinstance(raw, str):
        return json.loads(raw)
    count = int.from_bytes(raw[:4], "big")
    offsets = [int.from_bytes(raw[4 * (i + 1): 4 * (i + 2)], "big") for i in range(count)]
    end = offsets[1] if len(offsets) > 1 else len(raw)
    return json.loads(raw[offsets[0]:end].decode("utf-8"))


class Learner:
    def __init__(self, base: str, pages: list[str], stats: dict, rng: random.Random, number: int):
        self.base, self.pages, self.stats, self.rng, self.number = base, pages, stats, rng, number
        self.session = uuid.uuid4().hex
        self.cookies: dict[tuple[str, str], str] = {}  # (name, path) -> value, as a browser keeps them
        self.storage = ""        # this learner's localStorage entry for the progress
        self.bridge = None       # the LocalStorage bridge model of the open page
        self.kept: list | None = None  # reviews the storage held when the kernel was lost: must come back

    def _msg(self, msg_type: str, content: dict, metadata: dict | None = None) -> tuple[str, str]:
        msg_id = uuid.uuid4().hex
        return msg_id, json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "learner",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": "shell", "buffers": []})

    def error(self, kind: str) -> None:
        self.stats["errors"][kind] += 1

    def _headers(self, path: str) -> dict[str, str]:
        """The Cookie header a browser sends for `path`: the cookies whose path it falls under,
        the most specific first (the site scopes its routing cookie to a kernel's URLs)."""
        path = urlsplit(path).path
        matching = sorted(((p, n, v) for (n, p), v in self.cookies.items()
                           if path == p or path.startswith(p.rstrip("/") + "/")), key=lambda c: -len(c[0]))
        return {"Cookie": "; ".join(f"{n}={v}" for _, n, v in matching)} if matching else {}

    def _keep_cookies(self, headers) -> None:
        for header in headers.get_list("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                key = (name, morsel["path"] or "/")
                if morsel["expires"] and "1970" in morsel["expires"] or morsel["max-age"] == "0":
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value

    async def fetch(self, path: str, **kwargs):
        try:
            resp = await AsyncHTTPClient().fetch(HTTPRequest(self.base + path, headers=self._headers(path), **kwargs))
        except HTTPClientError as exc:
            if exc.response is not None:
                self._keep_cookies(exc.response.headers)
            raise
        self._keep_cookies(resp.headers)
        return resp

    async def open_lesson(self, path: str):
        t0 = time.perf_counter()
        try:
            resp = await self.fetch(path, request_timeout=180)
        except HTTPClientError as exc:
            self.error("busy page (503)" if exc.code == 503 else f"HTTP {exc.code}")
            return None
        except Exception as exc:  # noqa: BLE001 - a load test counts every failure
            self.error(f"open: {type(exc).__name__}")
            return None
        self.stats["open_s"].append(time.perf_counter() - t0)
        found = re.search(r'"kernelId": "([0-9a-f-]{36})"', resp.body.decode("utf-8", "replace"))
        if not found:
            self.error("page without kernel")
            return None
        return found.group(1)

    async def kernel_alive(self, kernel_id: str) -> bool:
        """The page's own question (kernel-lost.js): does the site still run this kernel?"""
        try:
            resp = await self.fetch(f"/qazaq/api/kernel/{kernel_id}", request_timeout=10)
            return json.loads(resp.body)["alive"]
        except Exception:  # noqa: BLE001 - unreachable twice counts as gone in the page, once here
            return False

    async def read(self, ws, timeout: float) -> dict:
        """The next kernel message; the bridge's writes go to this learner's storage."""
        raw = await asyncio.wait_for(ws.read_message(), timeout)
        if raw is None:
            raise ConnectionError("websocket closed")
        msg = decode(raw)
        content = msg.get("content", {})
        if (msg["header"]["msg_type"] == "comm_msg" and content.get("comm_id") == self.bridge
                and content.get("data", {}).get("method") == "update"
                and "data" in content["data"].get("state", {})):
            self.storage = content["data"]["state"]["data"]
            if self.kept is not None:  # the reopened page's first write: the merged progress
                self.check_progress()
        return msg

    def reviews(self) -> list:
        try:
            return json.loads(self.storage or "{}").get("reviews", [])
        except ValueError:
            return []

    def check_progress(self) -> None:
        """After reopening: the new kernel merged the browser's progress; was every review kept?"""
        have = {json.dumps(r, sort_keys=True) for r in self.reviews()}
        if any(json.dumps(r, sort_keys=True) not in have for r in self.kept):
            self.stats["lost_progress"].add(self.number)
        self.stats["progress_checked"].add(self.number)
        self.stats["reviews_checked"] += len(self.kept)
        self.kept = None

    async def buttons(self, ws) -> list[str]:
        """Ask the widget control comm for every model, as the browser's widget manager does, and
        answer the localStorage bridge as the browser does (with what this learner's storage holds)."""
        comm_id = uuid.uuid4().hex
        _, opening = self._msg("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
                               {"version": "1.0.0"})  # ipywidgets 8 control protocol
        await ws.write_message(opening)
        _, request = self._msg("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}},
                               {"version": "1.0.0"})
        await ws.write_message(request)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            msg = await self.read(ws, 60)
            data = msg.get("content", {}).get("data", {})
            if msg["header"]["msg_type"] == "comm_msg" and data.get("method") == "update_states":
                states = data["states"]
                await self.answer_bridge(ws, states)
                return [mid for mid, s in states.items()
                        if s.get("model_name") == "ButtonModel" and not s["state"].get("disabled")
                        and not SKIP_BUTTONS.search(s["state"].get("description", "") + s["state"].get("icon", ""))]
        return []

    async def answer_bridge(self, ws, states: dict) -> None:
        self.bridge = next((mid for mid, s in states.items() if s["state"].get("key") == STORAGE_KEY), None)
        if self.bridge is None:
            return
        _, update = self._msg("comm_msg", {"comm_id": self.bridge, "data": {
            "method": "update", "state": {"browser_data": self.storage, "loaded": True}, "buffer_paths": []}})
        await ws.write_message(update)

    async def click(self, ws, model_id: str, kernel_id: str) -> None:
        msg_id, msg = self._msg("comm_msg", {"comm_id": model_id, "data": {"method": "custom",
                                                                             "content": {"event": "click"}}})
        t0 = time.perf_counter()
        deadline = t0 + CLICK_TIMEOUT_S
        sent = False
        while True:
            left = deadline - time.perf_counter()
            try:
                if not sent:
                    await ws.write_message(msg)
                    sent = True
                if left <= 0:
                    raise asyncio.TimeoutError
                reply = await self.read(ws, left)
            except (asyncio.TimeoutError, ConnectionError, WebSocketClosedError) as exc:
                if not await self.kernel_alive(kernel_id):
                    raise KernelGone() from exc
                self.error("click unanswered" if isinstance(exc, asyncio.TimeoutError) else "websocket closed")
                raise ConnectionError("gave up") from exc
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = reply["header"]["msg_type"]
            if kind == "comm_msg" or (kind == "status" and reply["content"].get("execution_state") == "idle"):
                self.stats["click_ms"].append((time.perf_counter() - t0) * 1000)
                self.stats["clicks"] += 1
                return
            if kind == "error":
                self.error("kernel error on click")
                return

    async def one_page(self, path: str, until: float) -> str:
        """One open page until `until`: "done"; "lost" when its kernel was lost (the notice: the
        learner reopens it); "failed" when it did not open (the learner tries again, as the busy
        page does by itself and a visitor does with a broken page)."""
        kernel_id = await self.open_lesson(path)
        if kernel_id is None:
            return "failed"
        ws_path = f"/api/kernels/{kernel_id}/channels?session_id={self.session}"
        try:
            ws = await websocket_connect(HTTPRequest(self.base.replace("http", "ws", 1) + ws_path,
                                                     headers=self._headers(ws_path), connect_timeout=60))
        except Exception as exc:  # noqa: BLE001
            self.error(f"websocket: {type(exc).__name__}")
            return "failed"
        try:
            buttons = await self.buttons(ws)
            self.stats["opened"] += 1
            while buttons and time.monotonic() < until:
                await self.click(ws, self.rng.choice(buttons), kernel_id)
                await asyncio.sleep(self.rng.uniform(2, 4))
            while time.monotonic() < until:  # a page without buttons: the learner reads
                await asyncio.sleep(1)
        except KernelGone:
            self.stats["saw_message"].add(self.number)
            self.kept = self.reviews()
            return "lost"
        except (asyncio.TimeoutError, ConnectionError, WebSocketClosedError):
            self.error("timeout")
        finally:
            ws.close()
            try:  # what the page's pagehide beacon does
                await self.fetch(f"/qazaq/api/leave/{kernel_id}", method="POST", body=b"", request_timeout=30)
            except Exception:  # noqa: BLE001
                if kernel_id and await self.kernel_alive(kernel_id):
                    self.error("leave failed")
        return "done"

    async def visit(self, path: str, until: float) -> None:
        while time.monotonic() < until:
            outcome = await self.one_page(path, until)
            if outcome == "done":
                return
            if outcome == "lost":
                self.stats["reopened"] += 1  # the notice's one click: the same lesson again
            else:
                self.stats["retried"] += 1
                await asyncio.sleep(self.rng.uniform(3, 5))

    async def run(self, start: float, end: float) -> None:
        await asyncio.sleep(max(0.0, start - time.monotonic()))
        half = start + (end - start) / 2
        await self.visit(self.rng.choice(self.pages), half)
        await self.visit(self.rng.choice(self.pages), end)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def run_load(base: str, learners: int, seconds: float, ramp: float, seed: int,
                   memory=None, kill=None) -> dict:
    """`memory()` gives the site's memory now (MB), sampled through the run; `kill=(after_s, fn)`
    calls fn() that many seconds in."""
    AsyncHTTPClient.configure(None, max_clients=learners * 3)
    body = (await AsyncHTTPClient().fetch(base + "/", request_timeout=60)).body.decode("utf-8")
    pages = re.findall(r'<a href="(/voila/render/[^"]+)"', body)
    stats = {"errors": Counter(), "click_ms": [], "open_s": [], "clicks": 0, "opened": 0, "reopened": 0, "retried": 0,
             "saw_message": set(), "lost_progress": set(), "progress_checked": set(), "reviews_checked": 0,
             "memory_mb": []}
    rng = random.Random(seed)
    now = time.monotonic()
    crowd = [Learner(base, pages, stats, random.Random(rng.random()), i) for i in range(learners)]
    end = now + seconds
    tasks = [c.run(now + ramp * i / learners, end) for i, c in enumerate(crowd)]
    done = asyncio.Event()

    async def sample_memory():
        while memory and not done.is_set():
            stats["memory_mb"].append(await asyncio.get_running_loop().run_in_executor(None, memory))
            await asyncio.sleep(MEMORY_EVERY_S)

    async def kill_later():
        if kill:
            await asyncio.sleep(kill[0])
            await asyncio.get_running_loop().run_in_executor(None, kill[1])
            stats["killed_at"] = time.monotonic() - now

    helpers = [asyncio.ensure_future(sample_memory()), asyncio.ensure_future(kill_later())]
    try:
        # Bounded: nothing outlives the run by more than four minutes.
        await asyncio.wait_for(asyncio.gather(*tasks), seconds + 240)
    finally:
        done.set()
        for helper in helpers:
            helper.cancel()
    return stats


def process_memory_mb(pid: int) -> float:
    """PSS of a site process and all its kernels, in MB."""
    return sum(pss_kb(p) for p in [pid] + descendants(pid)) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--ramp", type=float, default=30, help="seconds over which learners arrive")
    parser.add_argument("--url", help="an already running site (loopback only)")
    parser.add_argument("--nginx", action="store_true",
                        help="start two site processes behind nginx (deploy/nginx-voila.conf)")
    parser.add_argument("--kill-after", type=float, help="with --nginx: kill one process this many seconds in")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    if args.url and not re.match(r"https?://(127\.0\.0\.1|localhost)(:\d+)?/?$", args.url):
        parser.error("--url must be on loopback (127.0.0.1 or localhost)")
    if not 1 <= args.learners <= MAX_LEARNERS or not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"at most {MAX_LEARNERS} learners and {MAX_SECONDS} seconds")
    if args.kill_after is not None and not args.nginx:
        parser.error("--kill-after needs --nginx (a second process to carry on)")

    proc = cluster = None
    memory = kill = None
    base = (args.url or "").rstrip("/")
    if args.nginx:
        cluster = SiteCluster(Path(tempfile.mkdtemp(prefix="qazaq-load-")), preheat=True).start()
        base, memory = cluster.url, cluster.memory_mb
        if args.kill_after is not None:
            kill = (args.kill_after, lambda: cluster.kill(cluster.ports[0]))
        print(f"preheat pools filled in {cluster.wait_for_pools():.0f} s", flush=True)
    elif not base:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        home = Path(tempfile.mkdtemp(prefix="qazaq-load-"))
        proc = subprocess.Popen(voila_command(port), env=test_env(home), stdout=open(home / "voila.log", "w"),
                                stderr=subprocess.STDOUT)
        memory = lambda: process_memory_mb(proc.pid)  # noqa: E731
        wait_for_http(base + "/")
        time.sleep(30)  # let the preheat pools fill, as on a server that has been up a while
    try:
        t0 = time.monotonic()
        stats = asyncio.run(run_load(base, args.learners, args.seconds, args.ramp, args.seed, memory, kill))
        wall = time.monotonic() - t0
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=30)
        if cluster:
            cluster.stop()

    clicks = stats["click_ms"]
    where = "through nginx, 2 processes" if args.nginx else "one process"
    print(f"{args.learners} learners for {args.seconds:.0f} s, {where} (wall {wall:.0f} s): "
          f"{stats['opened']} lessons opened, {stats['clicks']} answers, {stats['retried']} pages tried again")
    print(f"lesson open (HTTP, full page): median {statistics.median(stats['open_s']) if stats['open_s'] else float('nan'):.2f} s, "
          f"p95 {percentile(stats['open_s'], 95):.2f} s")
    print(f"click-to-feedback: median {statistics.median(clicks) if clicks else float('nan'):.0f} ms, "
          f"p95 {percentile(clicks, 95):.0f} ms, max {max(clicks) if clicks else float('nan'):.0f} ms")
    if stats["memory_mb"]:
        print(f"memory of the site processes and kernels (PSS): peak {max(stats['memory_mb']):.0f} MB, "
              f"at start {stats['memory_mb'][0]:.0f} MB")
    if kill:
        print(f"one process killed {stats.get('killed_at', float('nan')):.0f} s in: "
              f"{len(stats['saw_message'])} learners saw the lost-lesson message, {stats['reopened']} reopened, "
              f"{len(stats['progress_checked'])} progress checks after reopening "
              f"({stats['reviews_checked']} earlier reviews looked for), {len(stats['lost_progress'])} lost progress")
    errors = sum(stats["errors"].values())
    print(f"errors: {errors}" + "".join(f"\n  {kind}: {n}" for kind, n in stats["errors"].most_common()))
    return 1 if errors or stats["lost_progress"] else 0


if __name__ == "__main__":
    sys.exit(main())
