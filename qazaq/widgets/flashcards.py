"""Flashcards: Kazakh front, translation back, self-rated Again / Hard / Good / Easy."""
from __future__ import annotations

import html
from datetime import datetime, timezone
from typing import Mapping, Sequence

import ipywidgets as widgets

from qazaq import progress
from qazaq.content import vocabulary
from qazaq.i18n import t
from qazaq.widgets import shared
from qazaq.widgets.base import Activity, Text, kk_html, text_html, when_progress_arrives
from qazaq.widgets.typed import _audio_widget

RATING_KEYS = ("again", "hard", "good", "easy")
_GLOSS_LANGS = ("en", "ru", "tr")


def _card(raw, i: int) -> dict:
    if isinstance(raw, Mapping):
        card = dict(raw)
    else:
        kk, gloss = raw
        card = {"kk": kk, "gloss": gloss}
    if not card.get("kk") or card.get("gloss") is None:
        raise ValueError(f"Flashcard {i + 1} needs a Kazakh front (kk) and a back (gloss).")
    return card


class Flashcards(Activity):
    """``Flashcards(cards, *, audio=False, key=None, lesson="")``.

    ``cards``: ``(kk, gloss)`` pairs or dicts with ``kk``, ``gloss`` (Kazakh str or translation
    mapping) and optionally ``id`` (vocabulary id: card key ``vocab:<id>``, audio),
    ``example_kk``, ``example`` (mapping), ``key``. Build a deck from the course vocabulary
    with ``Flashcards.from_vocabulary(lesson=..., topic=..., level=..., limit=...)`` (active
    entries only unless ``load=None``: passive words are for recognition, not drilled).
    """

    family = "Flashcards"
    instruction_key = "cards.instruction"

    def __init__(self, cards: Sequence, *, audio: bool = False, key: str | None = None, lesson: str = "") -> None:
        self.cards = [_card(c, i) for i, c in enumerate(cards)]
        if not self.cards:
            raise ValueError("A flashcard deck needs at least one card.")
        self.audio, self.index, self.revealed = audio, 0, False
        super().__init__(key=key, lesson=lesson, args={"cards": self.cards, "audio": audio})
        self._resume()
        when_progress_arrives(self._resume)

    def _resume(self) -> None:
        """Start at the first card not rated yet or due again: a reload keeps the learner's place."""
        if self.answered or self.index or self.revealed:  # the learner is already at work here
            self._load_audio()
            return
        store, now = progress.store(), datetime.now(timezone.utc)
        first = next((i for i in range(len(self.cards))
                      if (card := store.card(self.item_key(i))) is None or card.due <= now), len(self.cards))
        self.index = first
        self._relabel()
        self._load_audio()
        if first >= len(self.cards):
            self.say("cards.done", total=len(self.cards))

    @classmethod
    def from_vocabulary(cls, *, lesson=None, topic=None, level=None, limit: int | None = None,
                        audio: bool = False, key: str | None = None, load: str | None = "active") -> "Flashcards":
        df = vocabulary()
        for column, wanted in (("lesson", lesson), ("topic", topic), ("level", level), ("load", load)):
            if wanted is not None:
                df = df[df[column].astype(str) == str(wanted)]
        if limit:
            df = df.head(limit)
        cards = [{"id": str(r["id"]), "kk": r["kk"], "gloss": {g: str(r[g]) for g in _GLOSS_LANGS if r.get(g)},
                  "example_kk": r.get("example_kk") or None,
                  "example": {g: str(r[f"example_{g}"]) for g in _GLOSS_LANGS if r.get(f"example_{g}")} or None}
                 for r in df.to_dict("records")]
        return cls(cards, audio=audio, key=key, lesson=str(lesson or ""))

    def item_key(self, i: int) -> str:
        card = self.cards[i]
        if card.get("key"):
            return card["key"]
        if card.get("id"):
            return f"vocab:{card['id']}"
        return f"{self.key}:{i}"

    def _build(self):
        self.counter = shared.html()
        self.front = shared.html()
        self.back = shared.html()
        self.player = widgets.Box()
        self.show_button = self.button("cards.show", self.reveal, layout=widgets.Layout())  # own: it hides
        self.rating_buttons = [self.button(f"rating.{r}", lambda r=r: self.rate(r)) for r in RATING_KEYS]
        self.ratings = widgets.HBox(self.rating_buttons)
        return [self.counter, self.front, self.player, self.back, self.show_button, self.ratings]

    def _relabel(self):
        finished = self.index >= len(self.cards)
        single = len(self.cards) == 1  # one card (e.g. inside a review session): no "Card 1 of 1"
        self.counter.value = "" if finished or single else f"<small>{html.escape(t('cards.counter', n=self.index + 1, total=len(self.cards)))}</small>"
        self.show_button.layout.display = "none" if finished or self.revealed else None
        self.ratings.layout.display = None if self.revealed and not finished else "none"
        if finished:
            self.front.value = self.back.value = ""
            return
        card = self.cards[self.index]
        self.front.value = f'<div class="qz-card-front" style="font-size:1.6em">{kk_html(card["kk"])}</div>'
        self.back.value = self._back_html(card) if self.revealed else ""

    def _back_html(self, card: dict) -> str:
        parts = [f'<div class="qz-card-back">{text_html(card["gloss"])}</div>']
        if card.get("example_kk"):
            example = f' — {text_html(card["example"])}' if card.get("example") else ""
            parts.append(f"<div><i>{kk_html(card['example_kk'])}</i>{example}</div>")
        return "".join(parts)

    def _load_audio(self) -> None:
        card = self.cards[self.index] if self.index < len(self.cards) else None
        if not (self.audio and card and card.get("id")):
            self.player.children = []
            return
        self.player.children = [_audio_widget(card["id"], card["kk"])]

    def reveal(self) -> None:
        self.revealed = True
        self._relabel()

    def rate(self, rating: str) -> None:
        """Self-rating of the current card: again / hard / good / easy."""
        if self.index >= len(self.cards):
            return
        if not self.revealed:
            self.reveal()
        card = self.cards[self.index]
        self.record(rating, item=self.item_key(self.index),
                    spec={"family": "Flashcards", "args": {"cards": [{**card, "key": self.item_key(self.index)}]}})
        self.index += 1
        self.revealed = False
        self._relabel()
        self._load_audio()
        if self.index >= len(self.cards):
            self.say("cards.done", total=len(self.cards))
            self.done()
