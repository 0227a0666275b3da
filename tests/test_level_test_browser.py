"""Issue 18: the A1 and A2 self-checks taken in real Chromium against a real Voila server."""
import re
import time

import pytest
from playwright.sync_api import expect

from qazaq.lesson import notebook_name
from qazaq.level_test import generate
from tests.conftest import ARTIFACTS, describe_failed_page

pytestmark = pytest.mark.browser



def item_box(page, item_id: str):
    # AnswerSheet draws each item as a VBox of its label (<b>ID.</b> prompt), the widget and "saved"
    return page.locator(".widget-vbox").filter(has=page.locator(".widget-html", has_text=f"{item_id}.")).last


@pytest.mark.parametrize("level", ["A1", "A2"])
def test_take_the_self_check_in_the_browser(page, voila_server, level):
    started = time.monotonic()
    page.goto(f"{voila_server}/voila/render/level-test-{level.lower()}.ipynb")
    button = page.get_by_role("button", name="Check my answers")
    try:
        button.wait_for(state="visible", timeout=90_000)
    except Exception:
        pytest.fail(describe_failed_page(page, f"level-test-{level.lower()}"))
    seed = int(re.search(r"test version (\d+)", page.inner_text("body")).group(1))
    test = generate(level, seed)  # the page's items, made again from the version it shows
    assert page.locator("audio").count() == 8  # four sentences, two dialogues, two dictations
    reading = page.locator(".qz-reading")
    assert [test.stimuli[f"text{n}"].kazakh.split(".")[0] in reading.nth(n - 1).inner_text() for n in (1, 2)] == [True, True]
    wrong_listening = {f"L{n}" for n in range(5, 11)}  # 4 of 10 right: the listening block is not passed
    for item in test.items:
        box = item_box(page, item.id)
        if item.choices:
            answer = next(c for c in item.choices if c != item.key) if item.id in wrong_listening else item.key
            box.get_by_label(answer, exact=True).check()
        else:
            field = box.locator("input[type=text]")
            field.fill(item.key)
            field.press("Enter")
        expect(box).to_contain_text("saved")
    button.click()
    table = page.locator(".qz-test-result")
    expect(table).to_be_visible()
    rows = [r.inner_text() for r in table.locator("tr").all()[1:]]
    assert rows[0].split("\t")[:4] == ["Listening", "4 / 10", "40%", "✘ not yet"]
    assert rows[2].split("\t")[:4] == ["Reading", "10 / 10", "100%", "✔ passed"]
    assert [r.split("\t")[3] for r in rows[1:]] == ["✔ passed"] * 3
    review = page.locator(".qz-review")  # what to review, linked to the lessons
    expect(review).to_contain_text("Listening: Lesson")
    missed = sorted({i.lesson for i in test.block("listening") if i.id in wrong_listening})
    links = review.locator("li", has_text="Listening").locator("a")
    assert [links.nth(k).get_attribute("href") for k in range(links.count())] == [notebook_name(n) for n in missed]
    expect(page.locator("body")).to_contain_text("no certificate")
    print(f"{level} self-check taken by the test in {time.monotonic() - started:.0f} s (seed {seed})")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"level-test-{level.lower()}.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the result table still fits
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"level-test-{level.lower()}-phone.png"))
