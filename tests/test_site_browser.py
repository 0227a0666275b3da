"""Every page listed on the home page, in real Chromium: opens, no console errors, one working
interaction, no request to any other host. Pages are discovered from `/`, not hard-coded."""
from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, describe_failed_page

pytestmark = pytest.mark.browser

WIDGET = ".jupyter-widgets"
# A button a learner would press: activity buttons first, then any widget button.
BUTTONS = ".qz-activity button:visible, .widget-button:visible, .jupyter-widgets button:visible"


def listed_pages(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/", timeout=60) as resp:
        body = resp.read().decode("utf-8")
    return sorted(set(re.findall(r'<a href="(/voila/render/[^"]+)"', body)))


def pytest_generate_tests(metafunc):
    # Discovery needs the server, which fixtures start later: parametrize by index, resolve in the test.
    if "page_index" in metafunc.fixturenames:
        from qazaq.site.catalogue import entries

        metafunc.parametrize("page_index", range(len(entries())), ids=[e.path for e in entries()])


def rendered_text(page) -> str:
    return page.evaluate("() => document.querySelector('#rendered_cells')?.innerText || ''")


def interact(page) -> str:
    """Press learner-facing buttons in page order until one changes the page (a Refresh that finds
    nothing new changes nothing), or change the script menu; return what changed."""
    buttons = page.locator(BUTTONS)
    for i in range(min(buttons.count(), 4)):
        before = rendered_text(page)
        label = buttons.nth(i).inner_text().strip() or "(icon)"
        buttons.nth(i).click()
        try:
            page.wait_for_function("before => (document.querySelector('#rendered_cells')?.innerText || '') !== before",
                                   arg=before, timeout=15_000 if i == 0 else 5_000)
            return f"clicked {label!r}"
        except Exception:
            continue
    before = rendered_text(page)
    page.locator(".qz-settings select").first.select_option(index=1)
    page.wait_for_function("before => (document.querySelector('#rendered_cells')?.innerText || '') !== before",
                           arg=before, timeout=15_000)
    return "changed the script menu"


def test_home_page_lists_lessons_and_is_offline(page, voila_server):
    page.goto(voila_server + "/")
    expect(page.locator("h1")).to_contain_text("Қазақ тілі")
    links = page.locator("a[href^='/voila/render/']")
    assert links.count() == len(listed_pages(voila_server)) >= 2
    # The bundled font is the one in use (and it loaded from this server).
    assert page.evaluate("() => document.fonts.check('16px \"Qazaq Sans\"', 'әғқңөұүһі')")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-home.png"), full_page=True)
    page.set_viewport_size({"width": 375, "height": 740})  # a phone
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(ARTIFACTS / "site-home-phone.png"), full_page=True)
    assert page.recorder.console_errors == []
    assert page.recorder.external_requests == []


def test_every_listed_page_opens_and_responds(page, voila_server, page_index):
    pages = listed_pages(voila_server)
    from qazaq.site.catalogue import entries

    path = "/voila/render/" + entries()[page_index].path
    assert path in pages, f"{path} is not linked from the home page"
    page.goto(voila_server + path, timeout=120_000)
    try:
        page.locator(WIDGET).first.wait_for(state="visible", timeout=120_000)
    except Exception:
        pytest.fail(f"{path}: no widget within 120 s\n" + describe_failed_page(page, path.rsplit("/", 1)[-1]))
    page.wait_for_load_state("networkidle")  # every widget model fetched before the learner clicks
    action = interact(page)
    assert "Traceback" not in rendered_text(page), action
    if path.endswith("01-alphabet.ipynb"):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "site-lesson-01.png"), full_page=True)
    assert page.recorder.console_errors == [], action
    assert page.recorder.external_requests == []
