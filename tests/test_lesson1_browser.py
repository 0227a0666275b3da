"""Lesson 1 in real Chromium against a real Voila server: choose, check, read the feedback."""
import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

LESSON = "/voila/render/01-alphabet.ipynb"


def test_lesson1_quiz_gives_feedback(page, voila_server):
    page.goto(voila_server + LESSON)
    quiz = page.locator(".qz-multiplechoice").first
    quiz.wait_for(state="visible", timeout=60_000)
    # The first question (back or front vowels?) shows its word; choose the wrong answer, then the right one.
    word = quiz.inner_text().splitlines()[1]
    front = any(v in word for v in "әеөүі")
    wrong, right = ("back", "front") if front else ("front", "back")
    quiz.get_by_role("button", name=wrong, exact=True).click()
    feedback = quiz.locator(".qz-feedback")
    expect(feedback).to_contain_text("Not quite.")
    quiz.get_by_role("button", name=right, exact=True).click()
    expect(feedback).to_contain_text("Correct!")
    # The 9 Kazakh letters are highlighted in the alphabet table.
    assert page.locator(".qz-letter[style*='ffe9a8']").count() == 9
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lesson-01.png"), full_page=True)
    assert not page.recorder.console_errors or all("Failed to load resource" in e for e in page.recorder.console_errors)
