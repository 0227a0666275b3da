"""The public site when things go wrong, in real Chromium: a lesson whose kernel is killed says so
in the visitor's language and reopens at the same section in one click, progress intact; two
site processes behind nginx (deploy/nginx-voila.conf), one killed while visitors work."""
from __future__ import annotations

import json
import os
import re
import signal
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, CHROMIUM, PageRecorder, describe_failed_page

pytestmark = pytest.mark.browser

LESSON = "/voila/render/01-alphabet.ipynb"
PROGRESS_KEY = "qazaq-notebooks:progress:v1"
NOTICE = ".qz-lost"
NOTICE_WITHIN_MS = 8_000  # from the visitor's click on a dead lesson to the notice on screen


def kernel_id(page) -> str:
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def open_lesson(page, url: str) -> None:
    page.goto(url, timeout=120_000)
    page.locator(".qz-multiplechoice button").first.wait_for(state="visible", timeout=120_000)
    page.wait_for_function("() => document.body.classList.contains('qz-widgets-ready')", timeout=60_000)


def reopen(page) -> None:
    """The notice's one click, then the lesson again with a new kernel and its widgets live."""
    old = kernel_id(page)
    page.locator(NOTICE).get_by_role("button").click()
    page.wait_for_function("old => { const el = document.getElementById('jupyter-config-data');"
                           " return el && !el.textContent.includes(old); }", arg=old, timeout=120_000)
    page.locator(".qz-multiplechoice button").first.wait_for(state="visible", timeout=120_000)
    page.wait_for_function("() => document.body.classList.contains('qz-widgets-ready')", timeout=60_000)


def progress(page) -> dict:
    return json.loads(page.evaluate(f"() => localStorage.getItem({PROGRESS_KEY!r}) || '{{}}'") or "{}")


def answer_quiz(page) -> None:
    """Answer the first quiz question (right or wrong) and wait for the feedback."""
    quiz = page.locator(".qz-multiplechoice").first
    quiz.get_by_role("button").first.click()
    expect(quiz.locator(".qz-feedback")).not_to_be_empty(timeout=15_000)


def kill_kernel_process(kernel: str) -> None:
    """SIGKILL the kernel's process (a crash): the one started with this kernel's connection file."""
    import psutil

    pids = [p.pid for p in psutil.process_iter(["cmdline"])
            if any(f"kernel-{kernel}.json" in arg for arg in p.info["cmdline"] or [])]
    assert len(pids) == 1, pids
    os.kill(pids[0], signal.SIGKILL)


def section_in_view(page, heading_id: str) -> float:
    """Where the section heading is now, from the top of the window (px)."""
    return page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", heading_id)


def test_lost_kernel_is_said_and_one_click_reopens_the_same_section(page, voila_server):
    open_lesson(page, voila_server + LESSON)
    page.locator(".qz-settings select").nth(1).select_option(label="Русский")  # the visitor's language
    quiz = page.locator(".qz-multiplechoice").first
    answer_quiz(page)
    page.wait_for_function(f"() => (localStorage.getItem({PROGRESS_KEY!r}) || '').includes('\"lang\": \"ru\"')")
    before = progress(page)
    # Read the quiz's section, then the kernel dies (as in a crash, or a cull after lunch).
    heading = page.evaluate("""() => {
        const quiz = document.querySelector('.qz-multiplechoice');
        let found = null;
        for (const h of document.querySelectorAll('#rendered_cells h2[id]')) {
          if (h.compareDocumentPosition(quiz) & Node.DOCUMENT_POSITION_FOLLOWING) found = h;
        }
        found.scrollIntoView();
        return found.id;
    }""")
    kill_kernel_process(kernel_id(page))
    clicked = time.monotonic()
    quiz.get_by_role("button").nth(1).click()
    notice = page.locator(NOTICE)
    try:
        expect(notice).to_be_visible(timeout=NOTICE_WITHIN_MS)
    except AssertionError:
        pytest.fail("no lost-kernel notice\n" + describe_failed_page(page, "kernel-lost"))
    said_after = time.monotonic() - clicked
    expect(notice).to_contain_text("Урок остановлен")
    expect(notice).to_contain_text("прогресс сохранён")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "kernel-lost-ru.png"))
    # A further click on a widget is not swallowed in silence: it points at the notice again.
    quiz.evaluate("el => el.scrollIntoView({block: 'end'})")  # clear of the notice
    quiz.get_by_role("button").last.click(force=True)
    expect(notice).to_have_class(re.compile("qz-lost-again"))
    page.evaluate("id => document.getElementById(id).scrollIntoView()", heading)  # back to reading

    expect(notice.get_by_role("button")).to_have_text("Открыть урок заново")
    reopen(page)  # the one click
    page.wait_for_timeout(500)  # the page keeps the section in place while the last widgets settle
    top = section_in_view(page, heading)
    page.screenshot(path=str(ARTIFACTS / "kernel-lost-reopened.png"))
    assert -5 <= top <= page.viewport_size["height"] / 3, f"section #{heading} at {top}px after reopening"
    expect(page.locator(NOTICE)).to_have_count(0)
    # The new kernel answers, in the visitor's language, with the progress the browser kept.
    answer_quiz(page)
    expect(page.locator(".qz-settings select").nth(1)).to_have_value("Русский")
    after = progress(page)
    assert after["settings"]["lang"] == "ru"
    assert all(review in after["reviews"] for review in before["reviews"])
    assert set(before["cards"]) <= set(after["cards"])
    print(f"notice {said_after:.1f} s after the click; {len(before['reviews'])} reviews kept")


# --- two processes behind nginx ---------------------------------------------------------------

LIGHT_PAGE = "/voila/render/abai/02-kuz.ipynb"  # an Abai text: a page with few widgets


@pytest.fixture
def cluster(tmp_path):
    from tests.site_cluster import NGINX, SiteCluster

    if not Path(NGINX).exists():
        pytest.skip("needs Debian's nginx (apt-get install nginx)")
    with SiteCluster(tmp_path / "cluster") as running:
        yield running


def served_by(page) -> str:
    """The process that runs this page's kernel, as the page's cookie names it to the proxy."""
    kernel = kernel_id(page)
    return next(c["value"] for c in page.context.cookies() if c["name"] == "qazaq_node"
                and c["path"] == f"/api/kernels/{kernel}")


def open_on(context, url: str, port: int):
    """A new tab with the lesson, its page request sent to the process on `port` (a cookie scoped to
    page requests: only the test does this; nginx otherwise picks the least busy process)."""
    context.add_cookies([{"name": "qazaq_node", "value": str(port), "domain": "127.0.0.1", "path": "/voila/render/"}])
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.recorder = PageRecorder(page, url)
    open_lesson(page, url + LESSON)
    assert served_by(page) == str(port)
    answer_quiz(page)  # its websocket reached the process running its kernel: the kernel answered
    return page


def test_two_processes_behind_nginx_one_killed_mid_lesson(browser, cluster):
    url = cluster.url
    alive_port, dying_port = cluster.ports
    first, second = browser.new_context(), browser.new_context()
    try:
        hit = open_on(first, url, dying_port)
        calm = open_on(second, url, alive_port)
        # The first visitor opens another tab, on the other process: each tab keeps its own process.
        other_tab = open_on(first, url, alive_port)
        before = progress(hit)
        cluster.kill(dying_port)
        # Visitors and tabs on the other process notice nothing.
        for page in (calm, other_tab):
            page.locator(".qz-multiplechoice").first.get_by_role("button").nth(1).click()
            expect(page.locator(".qz-multiplechoice .qz-feedback").first).not_to_be_empty()
        # The tab on the dead one is told at its next click, and reopens on the live one.
        hit.locator(".qz-multiplechoice").first.get_by_role("button").nth(1).click()
        expect(hit.locator(NOTICE)).to_be_visible(timeout=NOTICE_WITHIN_MS)
        # The test's routing cookie names no process any more: the reopened page goes where nginx sends it.
        first.add_cookies([{"name": "qazaq_node", "value": "none", "domain": "127.0.0.1", "path": "/voila/render/"}])
        reopen(hit)
        assert served_by(hit) == str(alive_port)
        answer_quiz(hit)
        after = progress(hit)
        assert all(review in after["reviews"] for review in before["reviews"])
        for page in (calm, other_tab):
            expect(page.locator(NOTICE)).to_have_count(0)
        # New visitors go to the live process only (nginx passes over the dead one).
        newcomer = browser.new_context()
        try:
            fresh = newcomer.new_page()
            open_lesson(fresh, url + LESSON)
            assert served_by(fresh) == str(alive_port)
            answer_quiz(fresh)
        finally:
            newcomer.close()
    finally:
        first.close()
        second.close()


# --- overload ---------------------------------------------------------------------------------

def test_busy_page_lets_the_visitor_in_by_itself_when_a_kernel_frees(browser, tmp_path):
    """Past the kernel cap a visitor sees the busy page (in their language), and is let in
    without doing anything once another visitor leaves."""
    import subprocess

    from qazaq.site import voila_command
    from tests.conftest import free_port, test_env, wait_for_http

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(voila_command(port, preheat=False, max_kernels=1), env=test_env(tmp_path),
                            stdout=open(tmp_path / "voila.log", "w"), stderr=subprocess.STDOUT)
    contexts = []
    try:
        wait_for_http(base + "/")
        first_ctx = browser.new_context()
        waiting_ctx = browser.new_context(locale="tr-TR")
        contexts += [first_ctx, waiting_ctx]
        first = first_ctx.new_page()
        first.goto(base + LIGHT_PAGE)
        first.locator(".jupyter-widgets").first.wait_for(state="visible", timeout=120_000)
        waiting = waiting_ctx.new_page()
        response = waiting.goto(base + LIGHT_PAGE)
        assert response.status == 503
        expect(waiting.locator(".qz-busy")).to_contain_text("Lütfen biraz bekleyin")
        waiting.screenshot(path=str(ARTIFACTS / "busy-tr.png"))
        first.goto("about:blank")  # the first visitor leaves: the tab's beacon frees its kernel
        started = time.monotonic()
        waiting.locator(".jupyter-widgets").first.wait_for(state="visible", timeout=60_000)
        print(f"let in {time.monotonic() - started:.1f} s after a kernel freed")
    finally:
        for context in contexts:
            context.close()
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
