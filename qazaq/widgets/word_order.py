"""WordOrder: build a Kazakh sentence from shuffled word tiles."""
from __future__ import annotations

import random
import re

import ipywidgets as widgets

from qazaq.widgets import shared

from qazaq.widgets.base import Activity, Text, judge, kk_plain, text_html

_FINAL_PUNCT = re.compile(r"[.!?…]+$")


class WordOrder(Activity):
    """``WordOrder(sentence, *, translation=None, key=None, lesson="", seed=None)``.

    Final punctuation is not a tile (it would give the last word away); the built
    sentence is checked by ``qazaq.answers.check`` against the sentence without it.
    """

    family = "WordOrder"
    instruction_key = "order.instruction"

    def __init__(self, sentence: str, *, translation: Text | None = None, key: str | None = None,
                 lesson: str = "", seed: int | None = None) -> None:
        self.sentence, self.translation = sentence.strip(), translation
        self.target = _FINAL_PUNCT.sub("", self.sentence).strip()
        self.words = self.target.split()
        if len(self.words) < 2:
            raise ValueError("WordOrder needs a sentence of at least two words.")
        self.pool = _shuffled(self.words, seed if seed is not None else self.sentence)
        self.built: list[int] = []  # indices into self.pool, in the learner's order
        super().__init__(key=key, lesson=lesson, args={"sentence": sentence, "translation": translation})

    def _build(self):
        self.pool_box = shared.hbox(layout={"flex_flow": "row wrap", "min_height": "2.4em"})
        self.answer_box = shared.hbox(layout={"flex_flow": "row wrap", "min_height": "2.4em",
                                              "border": "1px dashed #999"})
        for box in (self.answer_box, self.pool_box):
            box.add_class("qz-kk-row")  # the sentence grows right to left in Arabic script
        return [self.answer_box, self.pool_box,
                shared.hbox([self.button("button.check", self.check), self.button("button.reset", self.reset)])]

    def _relabel(self):
        self.prompt.value = f'<div class="qz-gloss">{text_html(self.translation)}</div>' if self.translation else ""
        self._tiles()

    def _tiles(self) -> None:
        def tile(i: int, action) -> widgets.Button:
            b = shared.button(description=kk_plain(self.pool[i]), layout={"width": "auto"})
            b.on_click(lambda _b: action(i))
            return b

        self.answer_box.children = [tile(i, self.take_back) for i in self.built]
        self.pool_box.children = [tile(i, self.place) for i in range(len(self.pool)) if i not in self.built]

    def place(self, i: int) -> None:
        """Move pool tile ``i`` to the end of the sentence."""
        if i not in self.built:
            self.built.append(i)
            self._tiles()

    def take_back(self, i: int) -> None:
        if i in self.built:
            self.built.remove(i)
            self._tiles()

    def place_word(self, word: str) -> None:
        """Python API: place the first unused tile showing ``word``."""
        self.place(next(i for i, w in enumerate(self.pool) if w == word and i not in self.built))

    def reset(self) -> None:
        self.built = []
        self._tiles()

    def check(self) -> str | None:
        if len(self.built) < len(self.pool):
            self.say("order.incomplete")
            return None
        response = " ".join(self.pool[i] for i in self.built)
        return self.finish(lambda: [_full(judge(response, [self.target]), self.sentence)])


def _full(outcome, sentence: str):
    outcome.expected = sentence  # show the sentence with its punctuation
    return outcome


def _shuffled(words: list[str], seed) -> list[str]:
    rng = random.Random(str(seed))
    pool = list(words)
    for _ in range(20):  # a shuffle that leaves the sentence as it was teaches nothing
        rng.shuffle(pool)
        if pool != words:
            break
    return pool
