"""The practice gallery in real Chromium under Voila: every family by clicks and typing,
the on-screen Kazakh keys, a reload that keeps progress, and a second visitor who sees none of it."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GALLERY = "/voila/render/practice-gallery.ipynb"
REVIEWS_IN_GALLERY = 11  # 1 MC + 1 typed + 3 pairs + 1 cloze + 1 suffix + 1 order + 1 listening + 2 cards


def open_gallery(page, base):
    page.goto(base + GALLERY)
    page.locator(".qz-dashboard").wait_for(state="visible", timeout=90_000)


def reviews_cell(page):
    return page.locator(".qz-dashboard tr", has_text="Reviews")


def type_and_enter(widget, text_before, key, text_after):
    box = widget.get_by_role("textbox")
    box.click()
    box.press_sequentially(text_before)
    widget.get_by_role("button", name=f"Insert {key}", exact=True).click()  # on-screen Kazakh key
    box.press_sequentially(text_after)
    box.press("Enter")


def test_every_family_reload_and_second_visitor(page, browser, voila_server):
    open_gallery(page, voila_server)
    correct = "Correct!"

    mc = page.locator(".qz-multiplechoice")
    mc.get_by_role("button", name="book", exact=True).click()
    expect(mc.locator(".qz-feedback")).to_contain_text(correct)

    ta = page.locator(".qz-typeanswer")
    type_and_enter(ta, "к", "і", "тап")
    expect(ta.get_by_role("textbox")).to_have_value("кітап")
    expect(ta.locator(".qz-feedback")).to_contain_text(correct)

    matching = page.locator(".qz-matching")
    for i, meaning in enumerate(["water", "bread", "house"]):
        matching.locator("select").nth(i).select_option(label=meaning)
    matching.get_by_role("button", name="Check").click()
    expect(matching.locator(".qz-feedback")).to_contain_text(correct)

    cloze = page.locator(".qz-cloze")
    type_and_enter(cloze, "к", "і", "тап")
    expect(cloze.locator(".qz-feedback")).to_contain_text(correct)

    suffix = page.locator(".qz-suffixbuilder")
    suffix.get_by_role("button", name="-тер", exact=True).click()
    expect(suffix.locator(".qz-feedback")).to_contain_text(correct)

    order = page.locator(".qz-wordorder")
    for word in ["Мен", "қазақ", "тілін", "үйренемін"]:
        order.get_by_role("button", name=word, exact=True).last.click()
        expect(order.get_by_role("button", name=word, exact=True)).to_have_count(1)
    order.get_by_role("button", name="Check").click()
    expect(order.locator(".qz-feedback")).to_contain_text(correct)

    listening = page.locator(".qz-listening")
    expect(listening.locator("audio")).to_have_count(1)
    type_and_enter(listening, "с", "ә", "леметсіз бе")
    expect(listening.locator(".qz-feedback")).to_contain_text(correct)

    cards = page.locator(".qz-flashcards")
    cards.get_by_role("button", name="Show answer").click()
    expect(cards).to_contain_text("hello")
    cards.get_by_role("button", name="Good", exact=True).click()
    cards.get_by_role("button", name="Show answer").click()
    cards.get_by_role("button", name="Easy", exact=True).click()
    expect(cards.locator(".qz-feedback")).to_contain_text("Deck finished: 2 cards reviewed.")

    expect(page.locator(".qz-review")).to_contain_text("Nothing is due for review.")
    dashboard = page.locator(".qz-dashboard")
    dashboard.get_by_role("button", name="Refresh").click()
    expect(reviews_cell(page)).to_contain_text(str(REVIEWS_IN_GALLERY))

    # The same visitor reloads: a new kernel, progress comes back from this browser.
    page.reload()
    open_gallery(page, voila_server)
    expect(reviews_cell(page)).to_contain_text(str(REVIEWS_IN_GALLERY), timeout=30_000)

    # Another visitor (another browser context) sees none of it.
    other = browser.new_context()
    try:
        second = other.new_page()
        open_gallery(second, voila_server)
        second.wait_for_timeout(2000)  # give the browser bridge time to report
        expect(reviews_cell(second)).to_contain_text("0")
        expect(reviews_cell(second)).not_to_contain_text(str(REVIEWS_IN_GALLERY))
    finally:
        other.close()


def test_interface_language_switch_in_the_page(page, voila_server):
    open_gallery(page, voila_server)
    page.locator(".qz-settings select").nth(1).select_option(label="Русский")
    expect(page.locator(".qz-typeanswer").get_by_role("button", name="Проверить")).to_be_visible()
    expect(page.locator(".qz-typeanswer")).to_contain_text("Напишите ответ по-казахски.")
