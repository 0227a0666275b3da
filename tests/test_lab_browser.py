"""The learner's JupyterLab (`make lab` = `python -m qazaq.lab`) in real Chromium: one obvious
action starts a lesson, the lesson file stays unchanged on disk, no teacher tools."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, CHROMIUM_ARGS, free_port, wait_for_http  # noqa: F401

pytestmark = pytest.mark.browser

LESSON = "03-questions.ipynb"


@pytest.fixture
def learner_lab(tmp_path):
    """`make lab` as a learner gets it, serving a copy of one lesson (the checkout stays untouched)."""
    from qazaq.lab import lab_command
    from qazaq.shared import REPO_ROOT

    root = tmp_path / "lessons"
    root.mkdir()
    shutil.copy(REPO_ROOT / "lessons" / LESSON, root / LESSON)
    home = tmp_path / "home"
    port = free_port()
    argv, env = lab_command(root, port=port, home=home, open_browser=False)
    env["QAZAQ_HOME"] = str(home)
    log = open(tmp_path / "lab.log", "w+")
    proc = subprocess.Popen(argv + ["--IdentityProvider.token=", "--ServerApp.ip=127.0.0.1"],
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/lab", timeout=120)
    except TimeoutError:
        proc.kill()
        log.seek(0)
        pytest.fail("JupyterLab did not start:\n" + log.read()[-4000:])
    yield base, root / LESSON
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as error:
        return error.code


def test_learner_lab_starts_a_lesson_keeps_it_clean_and_hides_teacher_tools(browser, learner_lab):
    base, lesson = learner_lab
    original = lesson.read_bytes()
    with urllib.request.urlopen(base + "/lab/api/settings/@jupyterlab/docmanager-extension:plugin") as resp:
        assert json.load(resp)["settings"]["autosave"] is False
    assert status(base + "/formgrader") == 404

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{base}/lab/tree/{LESSON}", timeout=120_000)
        start = page.locator(".jp-NotebookPanel-toolbar").get_by_text("▶ Start the lesson")
        expect(start).to_be_visible(timeout=120_000)
        # Teacher tools are not in the learner's way: no Nbgrader menu, Formgrader or Create Assignment.
        menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        assert "Nbgrader" not in menus and "Help" in menus, menus
        assert page.get_by_text("Formgrader").count() == 0
        assert page.locator("[title*='Create Assignment'], [data-id*='nbgrader']").count() == 0

        # The kernel is up (a loaded machine may take a while), then the one obvious action:
        expect(page.get_by_role("button", name=re.compile(r"\| Idle"))).to_be_visible(timeout=180_000)
        start.click()  # every cell runs, the widgets appear
        cloze = page.locator(".qz-cloze").nth(1)
        expect(cloze).to_be_visible(timeout=120_000)
        box = cloze.get_by_role("textbox")
        box.fill("кімсіз")  # "Сіз ___? — Мен Айгүлмін."
        box.press("Enter")
        expect(cloze.locator(".qz-feedback")).to_have_text("Correct!")
        # The language menu switches the whole lesson live, headings and texts included (no re-run).
        page.locator(".qz-settings select").nth(1).select_option(label="Русский")
        expect(page.locator(".qz-lesson-title").first).to_contain_text("Урок 3")
        expect(page.locator("#qz-summary").first).to_have_text("Что вы теперь умеете")
        page.locator(".qz-settings select").nth(1).select_option(label="English")
        expect(page.locator(".qz-lesson-title").first).to_contain_text("Lesson 3")

        running = page.locator(".jp-Notebook .jp-InputPrompt", has_text="[*]")
        expect(running).to_have_count(0, timeout=120_000)
        start.click()  # again, as after a restart: a fresh kernel, fresh widgets, no broken ones
        expect(running.first).to_be_visible(timeout=30_000)
        expect(running).to_have_count(0, timeout=180_000)
        expect(page.locator(".qz-cloze").nth(1)).to_be_visible()
        expect(page.locator(".qz-cloze").nth(1).locator(".qz-live")).to_have_text("")  # a fresh widget
        assert page.get_by_text("model not found").count() == 0
        assert page.get_by_text("Would you like to get notified").count() == 0  # offline: no news pop-up

        page.locator(".jp-Notebook").first.click()
        page.keyboard.press("Control+s")  # even an explicit save leaves the lesson file as it was
        expect(page.locator(".jp-mod-dirty")).to_have_count(0, timeout=30_000)
        page.wait_for_timeout(1000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "learner-lab-lesson03.png"))
    finally:
        context.close()
    assert lesson.read_bytes() == original
