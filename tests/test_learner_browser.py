"""What a learner hit (issue 22), replayed in real Chromium against the real Voila site:
answers in the chosen script, right-to-left Arabic, the phone, feedback, focus, the review and
flashcards reading the browser store. Screenshots stay in tests/artifacts/learner-*.png."""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, PageRecorder

pytestmark = pytest.mark.browser

LESSON_03 = "/voila/render/03-questions.ipynb"
LESSON_05 = "/voila/render/05-where.ipynb"
READER = "/voila/render/abai/01-qys.ipynb"
PHONE = {"width": 390, "height": 844}
CYRILLIC = re.compile("[\u0400-\u04ff]")


def open_page(context, base: str, path: str, ready: str):
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.recorder = PageRecorder(page, base)
    page.goto(base + path, timeout=120_000)
    page.locator(ready).first.wait_for(state="visible", timeout=120_000)
    page.wait_for_load_state("networkidle")
    return page


def leave(page) -> None:
    try:  # the template's pagehide beacon frees the kernel
        page.goto("about:blank", timeout=10_000)
    except Exception:
        pass


def pick_script(page, script: str) -> None:
    from qazaq.settings import SCRIPTS

    page.locator(".qz-settings select").first.select_option(index=SCRIPTS.index(script))


def answer(widget, text: str) -> None:
    box = widget.get_by_role("textbox").first
    box.fill(text)
    box.press("Enter")


def no_page_overflow(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


def left_of(page, a, b) -> bool:
    """Element a is drawn to the left of element b."""
    return a.bounding_box()["x"] < b.bounding_box()["x"]


def hyphen_is_right_of_letters(button) -> bool:
    return button.evaluate("""b => {
        const node = [...b.childNodes].find(n => n.nodeType === 3 && n.textContent.includes('-'));
        const text = node.textContent, i = text.indexOf('-');
        const rect = (k) => { const r = document.createRange(); r.setStart(node, k); r.setEnd(node, k + 1);
                              return r.getBoundingClientRect(); };
        return rect(i).left > rect(i + 1).left;
    }""")


def test_phone_lesson_03_latin_answers_and_arabic_right_to_left(browser, voila_server):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = open_page(context, voila_server, LESSON_03, ".qz-cloze")
    try:
        # 1. An answer typed in the chosen script is the answer; hints follow the script.
        pick_script(page, "latn")
        kind = page.locator(".qz-cloze").nth(1)  # "Сіз ___? — Мен Айгүлмін."
        expect(kind).to_contain_text("Aigülmın")
        answer(kind, "kımsız")
        feedback = kind.locator(".qz-feedback")
        expect(feedback).to_have_text("Correct!")
        # Coloured and announced: the persistent feedback widget is a polite live region.
        assert kind.locator(".qz-live").get_attribute("aria-live") == "polite"
        colours = feedback.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
        assert colours[0] != "rgb(0, 0, 0)" and colours[1] not in ("rgba(0, 0, 0, 0)", "transparent"), colours

        doctor = page.locator(".qz-cloze").nth(3)  # "Мен дәрігер ___." (емеспін)
        answer(doctor, "emes")
        expect(doctor.locator(".qz-feedback")).to_contain_text("Answer: emespın")
        assert not CYRILLIC.search(doctor.locator(".qz-feedback").inner_text())

        # 5. A 420-character paste is cut at the box and the echo wraps inside the phone.
        answer(doctor, "ә" * 420)
        assert len(doctor.get_by_role("textbox").input_value()) == 200
        expect(doctor.locator(".qz-feedback")).to_contain_text("Not quite.")
        assert doctor.locator(".qz-feedback").evaluate("e => e.scrollWidth <= e.clientWidth + 1")
        # Punctuation after a gap stays on the gap's line.
        dot, box = doctor.locator(".qz-after"), doctor.get_by_role("textbox")
        expect(dot).to_have_text(".")
        assert abs(dot.bounding_box()["y"] - box.bounding_box()["y"]) < box.bounding_box()["height"]

        # 2. Arabic script: gap sentences, tiles and suffixes run right to left.
        pick_script(page, "arab")
        expect(kind).to_contain_text("ايگۇلمىن")
        first_words = kind.locator(".qz-kk-row .widget-html").first
        assert left_of(page, kind.get_by_role("textbox"), first_words)  # "Сіз" is right of the gap
        suffix = page.locator(".qz-suffixbuilder").first.get_by_role("button").first
        assert hyphen_is_right_of_letters(suffix)
        order = page.locator(".qz-wordorder").first
        tiles = order.locator(".qz-kk-row").nth(1).get_by_role("button")
        first, second = tiles.nth(0).inner_text(), tiles.nth(1).inner_text()
        tiles.nth(0).click()
        expect(order.locator(".qz-kk-row").first.get_by_role("button")).to_have_count(1)
        order.locator(".qz-kk-row").nth(1).get_by_role("button", name=second, exact=True).click()
        built = order.locator(".qz-kk-row").first.get_by_role("button")
        expect(built).to_have_count(2)
        assert left_of(page, built.nth(1), built.nth(0)), (first, second)  # the sentence grows leftwards
        assert page.evaluate("() => document.activeElement !== document.body")  # 6. focus kept

        # 5. Tables scroll sideways instead of being clipped; the page itself never does.
        wide = page.locator(".qz-scroll").evaluate_all(
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length")
        assert wide >= 1
        region = page.locator(".qz-scroll").first
        region.evaluate("e => { e.scrollLeft = 1000; }")
        assert region.evaluate("e => e.scrollLeft > 0 || e.scrollWidth <= e.clientWidth + 1")
        assert no_page_overflow(page)
        clipped = page.locator(".widget-html-content").evaluate_all(
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText.slice(0, 40))")
        assert clipped == []  # no text cut off by its widget: tables and long words scroll or wrap
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "learner-lesson03-arab-phone.png"), full_page=True)
        assert page.recorder.console_errors == []
    finally:
        leave(page)
        context.close()


def due_card_snapshot() -> str:
    """A browser store holding one card due two days ago (what localStorage keeps between visits)."""
    from qazaq.progress import MemoryBackend, Progress

    store = Progress(MemoryBackend())
    spec = {"family": "TypeAnswer", "args": {"prompt": {"en": "house", "ru": "дом", "tr": "ev"}, "accepted": ["үй"]}}
    store.review("test:house", "again", family="TypeAnswer", lesson="03", spec=spec,
                 now=datetime.now(timezone.utc) - timedelta(days=2), duration_ms=4000)
    return json.dumps({"cards": store.backend.cards, "reviews": store.backend.reviews, "settings": {}})


def test_desktop_lesson_05_review_cards_feedback_focus_language(browser, voila_server):
    from qazaq.browser_storage import STORAGE_KEY

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    # A returning learner: their browser already holds a due card (set once, kept across reloads).
    context.add_init_script(f"if (!localStorage.getItem({json.dumps(STORAGE_KEY)})) "
                            f"localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(due_card_snapshot())});")
    page = open_page(context, voila_server, LESSON_05, ".qz-review")
    try:
        # 3. The review reads the browser store: the due card is offered, not "Nothing is due".
        review = page.locator(".qz-review")
        expect(review).to_contain_text("Card 1 of 1", timeout=30_000)
        expect(review).to_contain_text("house")

        # 6. Harmony first, grammar in words, the question with every suffix button.
        suffix = page.locator(".qz-suffixbuilder").first
        expect(suffix.locator(".qz-prompt")).to_have_text("қала + to …")
        front = suffix.get_by_role("button", name="-ге", exact=True)
        assert front.get_attribute("title") == "қала + to …: -ге"  # heard with its question
        front.click()
        feedback = suffix.locator(".qz-feedback")
        expect(feedback).to_contain_text(re.compile(
            r"Not quite\.\s*Answer: қалаға «қалаға», ending at letter 5: -ға, not -ге: "
            r"vowel harmony: the last vowel of «қала» is «а»"))
        expect(feedback).to_contain_text("қала + dative → қалаға")
        assert "letter 5: the Kazakh letter" not in feedback.inner_text() and "N;DAT" not in feedback.inner_text()
        assert page.evaluate("() => document.activeElement !== document.body")

        cloze = page.locator(".qz-cloze").first  # "Мен ___ барамын." (дүкенге)
        answer(cloze, "дүкенгее")
        expect(cloze.locator(".qz-feedback")).to_contain_text(
            re.compile(r"Almost\.\s*Answer: дүкенге «дүкенге», letter 7: «е» typed twice\."))

        # 6. Focus stays with the learner: tile, "Show answer", rating.
        order = page.locator(".qz-wordorder").first
        order.locator(".qz-kk-row").nth(1).get_by_role("button").first.click()
        page.wait_for_function("() => document.activeElement !== document.body && "
                               "document.activeElement.closest('.qz-wordorder')")
        cards = page.locator(".qz-flashcards").first
        cards.get_by_role("button", name="Show answer").click()
        page.wait_for_function("() => document.activeElement.textContent.trim() === 'Again'")
        cards.get_by_role("button", name="Good", exact=True).click()
        page.wait_for_function("() => document.activeElement.textContent.trim() === 'Show answer'")
        expect(cards).to_contain_text("Card 2 of")

        # 4. A reload resumes the deck at the next card; the review still reads the store.
        page.reload()
        page.locator(".qz-flashcards").first.wait_for(state="visible", timeout=120_000)
        page.wait_for_load_state("networkidle")
        expect(page.locator(".qz-flashcards").first).to_contain_text("Card 2 of", timeout=30_000)
        expect(page.locator(".qz-review")).to_contain_text("Card 1 of 1")

        # 6. A skip link is the first Tab stop and lands in the first exercise.
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.classList.contains('qz-skip')")
        page.keyboard.press("Enter")
        assert page.evaluate("() => !!document.activeElement.closest('.qz-activity')")

        # 6/5. Russian: the page says so, and "Показать ответ" is not cut.
        page.locator(".qz-settings select").nth(1).select_option(label="Русский")
        show = page.locator(".qz-flashcards").first.get_by_role("button", name="Показать ответ")
        expect(show).to_be_visible()
        assert page.evaluate("() => document.documentElement.lang") == "ru"
        assert show.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
        assert page.recorder.console_errors == []
    finally:
        leave(page)
        context.close()


def test_abai_reader_on_desktop(page, voila_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(voila_server + READER, timeout=120_000)
    page.locator(".qz-reader").wait_for(state="visible", timeout=120_000)
    page.wait_for_load_state("networkidle")
    reader = page.locator(".qz-reader")
    truncated = reader.locator("button").evaluate_all(
        "bs => bs.filter(b => b.offsetParent && b.scrollWidth > b.clientWidth + 1).map(b => b.textContent)")
    assert truncated == []
    text = page.evaluate("() => document.querySelector('#rendered_cells').innerText")
    assert text.count("Transcribed from web copies") == 1  # the source note once, not twice
    verse = reader.locator(".qz-verse").first
    word = verse.get_by_role("button").first
    assert verse.bounding_box()["height"] < 1.6 * word.bounding_box()["height"]  # one line per verse line
    side = reader.locator(".qz-reader-side")
    assert side.bounding_box()["x"] > verse.bounding_box()["x"] + verse.bounding_box()["width"]  # beside it
    expect(reader.get_by_role("button", name="Translation").first).to_be_visible()
    verse.get_by_role("button", name="киімді").click()
    expect(side).to_contain_text("dressed (in)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "learner-abai-reader-desktop.png"), full_page=True)
    assert page.recorder.console_errors == []
