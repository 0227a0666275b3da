"""Load test: N simulated learners on the site for T seconds, on loopback only.

    python benchmarks/load_site.py [--learners 50] [--seconds 120] [--url http://127.0.0.1:PORT]

Each learner behaves like a browser tab without the rendering: it opens a lesson page
(GET /voila/render/..., which gives it a kernel), connects to that kernel's widget channel
exactly as Voila's front end does (the `jupyter.widget.control` comm to learn the widgets),
then answers: presses a random activity button every 2-4 s and times the kernel's first widget
update (click-to-feedback as the server delivers it). Halfway it leaves (freeing its kernel, as
a closing tab does) and opens another lesson. Without --url it starts the site itself.
Reports errors (HTTP, busy pages, websocket, unanswered clicks) and latency percentiles.
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

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from qazaq.site import voila_command  # noqa: E402
from tests.conftest import free_port, test_env, wait_for_http  # noqa: E402

CLICK_TIMEOUT_S = 15
SKIP_BUTTONS = re.compile(r"listen|🔊|audio|тыңда", re.I)  # audio synthesis is not what we measure


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
    def __init__(self, base: str, pages: list[str], stats: dict, rng: random.Random):
        self.base, self.pages, self.stats, self.rng = base, pages, stats, rng
        self.session = uuid.uuid4().hex

    def _msg(self, msg_type: str, content: dict, metadata: dict | None = None) -> tuple[str, str]:
        msg_id = uuid.uuid4().hex
        return msg_id, json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "learner",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": "shell", "buffers": []})

    def error(self, kind: str) -> None:
        self.stats["errors"][kind] += 1

    async def open_lesson(self, path: str):
        t0 = time.perf_counter()
        try:
            resp = await AsyncHTTPClient().fetch(self.base + path, request_timeout=180)
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

    async def buttons(self, ws) -> list[str]:
        """Ask the widget control comm for every model, as the browser's widget manager does."""
        comm_id = uuid.uuid4().hex
        _, opening = self._msg("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
                               {"version": "1.0.0"})  # ipywidgets 8 control protocol
        await ws.write_message(opening)
        _, request = self._msg("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}},
                               {"version": "1.0.0"})
        await ws.write_message(request)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            raw = await asyncio.wait_for(ws.read_message(), 60)
            if raw is None:
                break
            msg = decode(raw)
            data = msg.get("content", {}).get("data", {})
            if msg["header"]["msg_type"] == "comm_msg" and data.get("method") == "update_states":
                return [mid for mid, s in data["states"].items()
                        if s.get("model_name") == "ButtonModel" and not s["state"].get("disabled")
                        and not SKIP_BUTTONS.search(s["state"].get("description", "") + s["state"].get("icon", ""))]
        return []

    async def click(self, ws, model_id: str) -> None:
        msg_id, msg = self._msg("comm_msg", {"comm_id": model_id, "data": {"method": "custom",
                                                                             "content": {"event": "click"}}})
        t0 = time.perf_counter()
        await ws.write_message(msg)
        deadline = t0 + CLICK_TIMEOUT_S
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                self.error("click unanswered")
                return
            raw = await asyncio.wait_for(ws.read_message(), left)
            if raw is None:
                self.error("websocket closed")
                raise ConnectionError("closed")
            reply = decode(raw)
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

    async def visit(self, path: str, until: float) -> None:
        kernel_id = await self.open_lesson(path)
        if kernel_id is None:
            return
        ws_url = self.base.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels?session_id={self.session}"
        try:
            ws = await websocket_connect(ws_url, connect_timeout=60)
        except Exception as exc:  # noqa: BLE001
            self.error(f"websocket: {type(exc).__name__}")
            return
        try:
            buttons = await self.buttons(ws)
            self.stats["opened"] += 1
            while buttons and time.monotonic() < until:
                await self.click(ws, self.rng.choice(buttons))
                await asyncio.sleep(self.rng.uniform(2, 4))
            while time.monotonic() < until:  # a page without buttons: the learner reads
                await asyncio.sleep(1)
        except (asyncio.TimeoutError, ConnectionError):
            self.error("timeout")
        finally:
            ws.close()
            try:  # what the page's pagehide beacon does
                await AsyncHTTPClient().fetch(HTTPRequest(f"{self.base}/qazaq/api/leave/{kernel_id}",
                                                          method="POST", body=b"", request_timeout=30))
            except Exception:  # noqa: BLE001
                self.error("leave failed")

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


async def run_load(base: str, learners: int, seconds: float, ramp: float, seed: int) -> dict:
    AsyncHTTPClient.configure(None, max_clients=learners * 2)
    body = (await AsyncHTTPClient().fetch(base + "/", request_timeout=60)).body.decode("utf-8")
    pages = re.findall(r'<a href="(/voila/render/[^"]+)"', body)
    stats = {"errors": Counter(), "click_ms": [], "open_s": [], "clicks": 0, "opened": 0}
    rng = random.Random(seed)
    now = time.monotonic()
    crowd = [Learner(base, pages, stats, random.Random(rng.random()))
             for _ in range(learners)]
    end = now + seconds
    tasks = [c.run(now + ramp * i / learners, end) for i, c in enumerate(crowd)]
    # Bounded: nothing outlives the run by more than a minute.
    await asyncio.wait_for(asyncio.gather(*tasks), seconds + 240)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--ramp", type=float, default=30, help="seconds over which learners arrive")
    parser.add_argument("--url", help="an already running site (loopback only)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    if args.url and not re.match(r"https?://(127\.0\.0\.1|localhost)(:\d+)?/?$", args.url):
        parser.error("--url must be on loopback (127.0.0.1 or localhost)")

    proc = None
    base = (args.url or "").rstrip("/")
    if not base:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        home = Path(tempfile.mkdtemp(prefix="qazaq-load-"))
        proc = subprocess.Popen(voila_command(port), env=test_env(home), stdout=open(home / "voila.log", "w"),
                                stderr=subprocess.STDOUT)
        wait_for_http(base + "/")
        time.sleep(30)  # let the preheat pools fill, as on a server that has been up a while
    try:
        t0 = time.monotonic()
        stats = asyncio.run(run_load(base, args.learners, args.seconds, args.ramp, args.seed))
        wall = time.monotonic() - t0
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=30)

    clicks = stats["click_ms"]
    print(f"{args.learners} learners for {args.seconds:.0f} s (wall {wall:.0f} s): "
          f"{stats['opened']} lessons opened, {stats['clicks']} answers")
    print(f"lesson open (HTTP, full page): median {statistics.median(stats['open_s']) if stats['open_s'] else float('nan'):.2f} s, "
          f"p95 {percentile(stats['open_s'], 95):.2f} s")
    print(f"click-to-feedback: median {statistics.median(clicks) if clicks else float('nan'):.0f} ms, "
          f"p95 {percentile(clicks, 95):.0f} ms, max {max(clicks) if clicks else float('nan'):.0f} ms")
    errors = sum(stats["errors"].values())
    print(f"errors: {errors}" + "".join(f"\n  {kind}: {n}" for kind, n in stats["errors"].most_common()))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
