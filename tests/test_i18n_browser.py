"""Interface languages in real Chromium against the real site: Persian mirrors the interface while
Kazakh follows its script; the site follows Accept-Language, `?lang=` chooses and is remembered."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from qazaq import i18n
from qazaq.content import languages
from tests.conftest import ARTIFACTS, PageRecorder, describe_failed_page

pytestmark = pytest.mark.browser

GALLERY = "/voila/render/practice-gallery.ipynb"
LESSON_LINKS = "a[href^='/voila/render/']"
# A language change re-renders every widget of the page from the kernel: seconds on a busy machine.
RERENDER_MS = 45_000


def open_gallery(page, url: str, lang: str) -> None:
    page.goto(url, timeout=120_000)
    try:
        page.locator(".qz-settings select").nth(1).wait_for(state="visible", timeout=120_000)
        # The kernel hears the browser's choice a moment after the page connects, then re-renders.
        page.wait_for_function(
            "name => document.querySelectorAll('.qz-settings select')[1]?.selectedOptions[0]?.textContent === name",
            arg=languages.language(lang).name, timeout=60_000)
    except Exception:
        pytest.fail(describe_failed_page(page, f"i18n-{lang}"))


def test_persian_interface_is_right_to_left_and_kazakh_follows_its_script(page, voila_server):
    open_gallery(page, voila_server + GALLERY + "?lang=fa", "fa")
    bar, activity = page.locator(".qz-settings").first, page.locator(".qz-typeanswer").first
    expect(activity.get_by_role("button", name="بررسی")).to_be_visible(timeout=RERENDER_MS)
    expect(activity).to_contain_text("پاسخ را به قزاقی بنویسید.", timeout=RERENDER_MS)
    choice = page.locator(".qz-multiplechoice").first
    expect(choice).to_contain_text("پاسخ درست را انتخاب کنید.", timeout=RERENDER_MS)
    expect(choice).to_have_css("direction", "rtl")
    for widget in (bar, activity, page.locator(".qz-dashboard").first):
        expect(widget).to_have_css("direction", "rtl", timeout=RERENDER_MS)
    # Mirrored: the script menu (first in the bar) now stands to the right of the language menu.
    script_box = page.locator(".qz-settings select").nth(0).bounding_box()
    lang_box = page.locator(".qz-settings select").nth(1).bounding_box()
    assert script_box["x"] > lang_box["x"]
    kazakh = page.locator(".qz-activity [lang='kk-Cyrl']").first
    expect(kazakh).to_have_css("direction", "ltr")          # Cyrillic Kazakh reads left to right
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "i18n-fa-desktop.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(ARTIFACTS / "i18n-fa-phone.png"))
    # Arabic-script Kazakh reads right to left inside the Persian interface.
    page.locator(".qz-settings select").nth(0).select_option(label=i18n.t("script.arab", "fa"))
    page.locator(".qz-activity [lang='kk-Arab']").first.wait_for(state="attached", timeout=RERENDER_MS)
    expect(page.locator(".qz-activity [lang='kk-Arab']").first).to_have_css("direction", "rtl")
    page.screenshot(path=str(ARTIFACTS / "i18n-fa-arab-phone.png"))
    # Back to English: the interface reads left to right again.
    page.locator(".qz-settings select").nth(1).select_option(label="English")
    expect(activity.get_by_role("button", name="Check")).to_be_visible(timeout=RERENDER_MS)
    for widget in (bar, activity):
        expect(widget).to_have_css("direction", "ltr", timeout=RERENDER_MS)
    assert page.recorder.console_errors == []


def page_in(browser, base: str, locale: str):
    """A fresh visitor whose browser prefers ``locale`` (Accept-Language and navigator.languages)."""
    context = browser.new_context(locale=locale, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.recorder = PageRecorder(page, base)
    return context, page


def test_site_follows_accept_language_and_remembers_lang(browser, voila_server):
    context, page = page_in(browser, voila_server, "tr-TR")
    try:
        # First visit: the browser's language (Accept-Language: tr-TR).
        page.goto(voila_server + "/")
        assert page.evaluate("document.documentElement.lang") == "tr"
        expect(page.locator(".qz-header p")).to_contain_text("açık bir Kazakça kursu")
        assert page.locator(LESSON_LINKS).first.get_attribute("href").endswith("?lang=tr")
        # ?lang= chooses explicitly, and the page says so in its own direction.
        page.goto(voila_server + "/?lang=fa")
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["fa", "rtl"]
        expect(page.locator(".qz-header h1")).to_have_css("direction", "rtl")
        expect(page.locator("h2").first).to_have_text("از اینجا شروع کنید")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "i18n-home-fa.png"), full_page=True)
        page.get_by_role("link", name="Deutsch").click()
        page.wait_for_url("**/?lang=de")
        # Remembered: the next plain visit is German although the browser asks for Turkish.
        page.goto(voila_server + "/")
        page.wait_for_url("**/?lang=de")
        assert page.evaluate("document.documentElement.lang") == "de"
        expect(page.locator(".qz-header p")).to_contain_text("Ein offener Kasachischkurs")
        # The home page's links keep the choice into the lesson.
        gallery = page.locator(f"a[href^='{GALLERY}']")
        assert gallery.get_attribute("href") == GALLERY + "?lang=de"
        gallery.click()
        open_gallery(page, page.url, "de")
        expect(page.locator(".qz-typeanswer").get_by_role("button", name="Prüfen")).to_be_visible(timeout=RERENDER_MS)
        # A lesson opened directly, with no ?lang, uses the remembered choice too.
        page.goto(voila_server + GALLERY)
        open_gallery(page, page.url, "de")
        assert page.recorder.console_errors == []
    except AssertionError:
        print(describe_failed_page(page, "i18n-site"))
        raise
    finally:
        page.goto("about:blank")  # frees the lesson's kernel (the page's pagehide beacon)
        context.close()


def test_a_lesson_opened_directly_follows_the_browser_language(browser, voila_server):
    context, page = page_in(browser, voila_server, "ru-RU")
    try:
        open_gallery(page, voila_server + GALLERY, "ru")
        expect(page.locator(".qz-typeanswer").get_by_role("button", name="Проверить")).to_be_visible(timeout=RERENDER_MS)
    finally:
        page.goto("about:blank")
        context.close()

