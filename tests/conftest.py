"""Shared fixtures: reference data, a real Voila server, real Chromium through Playwright."""
from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

# Tests never read or write the learner's own progress and settings (~/.local/share/qazaq-notebooks):
# a language chosen there would change what every test sees. One private home per test session.
os.environ["QAZAQ_HOME"] = tempfile.mkdtemp(prefix="qazaq-test-home-")

from qazaq.shared import REPO_ROOT, SharedDataMissing, shared_data  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from calling home on a closed network (see docs/ARCHITECTURE.md).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
]
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
SERVER_LOGS: list[Path] = []  # the session server's log, read back when a browser test fails


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    try:
        return shared_data()
    except SharedDataMissing as exc:
        pytest.skip(str(exc))


def load_tool(name: str):
    """A script of tools/ as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_env(tmp_home: Path) -> dict[str, str]:
    """Environment for child processes: the venv's bin first (nbgrader needs alembic), a private QAZAQ_HOME."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["QAZAQ_HOME"] = str(tmp_home)
    return env


test_env.__test__ = False  # a helper, not a test


def wait_for_http(url: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer 200 within {timeout:.0f} s")


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    """A real Voila server serving lessons/ on a free port, started as `make serve` starts it."""
    from qazaq.site import voila_command

    port = free_port()
    home = tmp_path_factory.mktemp("qazaq-home")
    log_path = tmp_path_factory.mktemp("voila-log") / "voila.log"
    SERVER_LOGS.append(log_path)
    log = open(log_path, "w+")
    proc = subprocess.Popen(voila_command(port), cwd=REPO_ROOT, env=test_env(home),
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/")
    except TimeoutError:
        proc.kill()
        log.seek(0)
        pytest.fail("Voila did not start:\n" + log.read()[-4000:])
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def server_log_tail(chars: int = 6000) -> str:
    """The end of the session Voila server's log, for a failing test's message."""
    if not SERVER_LOGS or not SERVER_LOGS[-1].exists():
        return "(no server log)"
    return SERVER_LOGS[-1].read_text(errors="replace")[-chars:]


def describe_failed_page(page, name: str) -> str:
    """What a failing page showed (text, screenshot in tests/artifacts) and what the server logged."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"failed-{name}.png"
    try:
        page.screenshot(path=str(shot), full_page=True)
        text = page.evaluate("() => document.body ? document.body.innerText : ''")[:2000]
    except Exception as exc:  # the page itself may be gone
        text = f"(page unreadable: {exc})"
    return (f"page text:\n{text}\nconsole errors: {page.recorder.console_errors}\n"
            f"screenshot: {shot}\nserver log (end):\n{server_log_tail()}")


class PageRecorder:
    """Collects console errors and requests to hosts other than the server."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.host = urlparse(base_url).hostname
        self.console_errors: list[str] = []
        self.external_requests: list[str] = []
        page.on("console", self._on_console)
        page.on("request", self._on_request)

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            self.console_errors.append(msg.text)

    def _on_request(self, request) -> None:
        host = urlparse(request.url).hostname
        if host and host not in (self.host, "localhost", "127.0.0.1"):
            self.external_requests.append(request.url)


@pytest.fixture
def page(browser, voila_server):
    """A fresh browser context and page; `page.recorder` holds console errors and external requests."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.recorder = PageRecorder(page, voila_server)
    yield page
    try:
        # Leave the page as a visitor does, so its kernel is freed (the template's pagehide beacon):
        # otherwise every test's kernel stays up and a long run ends at the site's kernel limit.
        page.goto("about:blank", timeout=10_000)
    except Exception:  # a page that already failed must not hide the test's own error
        pass
    if page.recorder.external_requests:
        print("requests to other hosts:", *sorted(set(page.recorder.external_requests)), sep="\n  ")
    context.close()


def pytest_collection_modifyitems(config, items):
    # Browser tests are the slowest layer: run them last so quick failures show first.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
