"""A lesson drills only its ACTIVE words (issue 15): vocab_* items, the flashcards and the review
schedule; the vocabulary view and browser show every entry and mark the passive ones."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from qazaq import lesson_items, progress, settings
from qazaq.content.lessons import active_vocabulary, lesson_vocabulary
from tests.progress_fixtures import home  # noqa: F401


def test_every_lesson_has_20_to_40_active_words_and_the_rest_passive():
    for n in range(1, 25):
        everything, active = lesson_vocabulary(n), active_vocabulary(n)
        assert 20 <= len(active) <= 40, n
        assert set(lesson_vocabulary(n, "passive")["id"]) == set(everything["id"]) - set(active["id"])
    # today: the greetings lesson shows 121 entries and drills 29 (its deck had 93 cards before)
    assert (len(lesson_vocabulary(2)), len(active_vocabulary(2))) == (121, 29)


def test_generated_items_draw_only_active_words(home):
    lesson = SimpleNamespace(number=2, key="02-greetings")
    spec = {"id": "words", "items": [{"type": "vocab_type", "n": 40, "seed": 3},
                                     {"type": "vocab_choice", "n": 40, "seed": 3},
                                     {"type": "vocab_match", "n": 40, "seed": 3}]}
    built = lesson_items.build(spec, lesson)
    active = set(active_vocabulary(2)["kk"])
    typed = [a for a in built if a.family == "TypeAnswer"]
    assert len(typed) == len(active) and {a.accepted[0] for a in typed} == active   # every active word, no other
    assert {a.question for a in built if a.family == "MultipleChoice"} == active
    assert {left for left, _ in built[-1].pairs} <= active


def test_flashcards_hold_the_active_words_and_the_table_marks_the_passive(home, monkeypatch):
    from qazaq import lesson as lessons
    from qazaq.widgets import Flashcards

    shown = []
    monkeypatch.setattr(lessons, "load", lambda n: {"slug": "greetings"})
    monkeypatch.setattr(lessons, "display", shown.append)
    lessons.Lesson(2).vocabulary()
    active, passive = active_vocabulary(2), lesson_vocabulary(2, "passive")
    deck = next(w for w in shown if isinstance(w, Flashcards))
    assert len(deck.cards) == len(active) and f"Card 1 of {len(active)}" in deck.counter.value
    assert {c["id"] for c in deck.cards} == set(active["id"])
    table = next(w for w in shown if "qz-lesson-vocab" in getattr(w, "value", ""))
    assert table.value.count("(for recognition)") == len(passive) > 0
    assert f"{len(active) + len(passive)} words and phrases" in table.value
    monkeypatch.setattr(settings, "current", lambda: settings.Settings(script="cyrl", lang="tr"))
    table.refresh()
    assert table.value.count("(tanımak için)") == len(passive)


def test_the_browser_marks_passive_words(home, monkeypatch):
    from qazaq.content.vocab import vocabulary
    from qazaq.widgets import VocabularyBrowser

    monkeypatch.setattr(settings, "current", lambda: settings.Settings(script="cyrl", lang="ru"))
    lesson_5 = vocabulary()[lambda f: f["lesson"] == 5]
    passive = int((lesson_5["load"] == "passive").sum())
    browser = VocabularyBrowser(lesson=5)
    loads = list(browser.selected()["load"])
    assert loads == sorted(loads) and len(loads) == len(lesson_5)          # every entry, the active first
    few = VocabularyBrowser(lesson_5.sort_values("load", ascending=False).head(passive + 7))
    assert few.table.value.count("(для узнавания)") == passive > 0 and few.table.value.count("<tr>") == passive + 7


def test_review_schedules_only_active_words(home):
    now = datetime(2026, 12, 2, 12, tzinfo=timezone.utc)
    active_id = active_vocabulary(2)["id"].iloc[0]
    passive_id = lesson_vocabulary(2, "passive")["id"].iloc[0]
    for entry in (active_id, passive_id):       # a card from before the entry became passive
        card = {"family": "Flashcards", "args": {"cards": [{"id": entry, "kk": "сәлем", "gloss": {"en": "hi"}}]}}
        progress.store().review(f"vocab:{entry}", "wrong", family="Flashcards", spec=card, now=now - timedelta(days=2))
    from qazaq.widgets import ReviewSession

    session = ReviewSession(now=now)
    assert [a.item_key(0) for a in session.queue] == [f"vocab:{active_id}"]
    assert len(progress.store().records()) == 2                 # the passive card's history stays


def test_example_sentences_are_translated_for_every_learner_language():
    """A Russian or Turkish learner reads the example's translation in their language (issue 16)."""
    from qazaq.lesson import vocabulary_cards
    from qazaq.widgets.flashcards import Flashcards

    cards = vocabulary_cards(lesson_vocabulary(4))
    assert all(set(c["example"]) == {"en", "ru", "tr"} and all(c["example"].values()) for c in cards)
    deck = Flashcards.from_vocabulary(lesson=2)
    hello = next(c for c in deck.cards if c["kk"] == "сәлеметсіз бе")
    assert hello["example"] == {"en": "Hello, ma'am!", "ru": "Здравствуйте, апай!", "tr": "Merhaba, hanımefendi!"}
