"""Families where the learner picks: MultipleChoice and Matching."""
from __future__ import annotations

import random
from typing import Sequence

import ipywidgets as widgets

from qazaq.widgets import shared

from qazaq.widgets.base import Activity, Text, exact, kk_html, text_html, text_plain


def _index_of(answer, options: Sequence[Text]) -> int:
    if isinstance(answer, int) and not isinstance(answer, bool):
        index = answer
    elif answer in options:
        index = list(options).index(answer)
    else:
        raise ValueError(f"The answer {answer!r} is not one of the options.")
    if not 0 <= index < len(options):
        raise ValueError(f"Answer index {index} is out of range for {len(options)} options.")
    return index


class MultipleChoice(Activity):
    """``MultipleChoice(prompt, options, answer, *, key=None, lesson="")``.

    ``prompt`` and each option are Kazakh (``str``) or a translation mapping;
    ``answer`` is the index of the right option (or the option itself).
    """

    family = "MultipleChoice"
    instruction_key = "mc.instruction"

    def __init__(self, prompt: Text, options: Sequence[Text], answer: int | Text, *,
                 key: str | None = None, lesson: str = "") -> None:
        if len(options) < 2:
            raise ValueError("A multiple-choice question needs at least two options.")
        self.question, self.options = prompt, list(options)
        self.answer = _index_of(answer, self.options)
        super().__init__(key=key, lesson=lesson,
                         args={"prompt": prompt, "options": self.options, "answer": self.answer})

    def _build(self):
        self.option_buttons = []
        for i in range(len(self.options)):
            b = shared.button(layout={"width": "auto"})
            b.on_click(lambda _b, i=i: self.choose(i))
            self.option_buttons.append(b)
        row = shared.hbox(self.option_buttons, layout={"flex_flow": "row wrap"})
        if all(isinstance(o, str) for o in self.options):
            row.add_class("qz-kk-row")  # Kazakh options: right to left in Arabic script
        return [row]

    def _relabel(self):
        self.prompt.value = f'<div class="qz-prompt">{_html(self.question)}</div>'
        for b, option in zip(self.option_buttons, self.options):
            b.description = text_plain(option)
            b.tooltip = text_plain(option)

    def choose(self, index: int) -> str:
        """Click option ``index`` (0-based)."""
        chosen = self.option_buttons[index]
        chosen.button_style = "success" if index == self.answer else "danger"
        return self.finish([exact(index == self.answer, self.options[self.answer])])


def _html(text: Text) -> str:
    return text_html(text)


class Matching(Activity):
    """``Matching(pairs, *, key=None, lesson="", seed=None)``: pairs of (Kazakh, translation).

    Each Kazakh item gets a dropdown of the shuffled right-hand sides; every pair is its
    own review card (reviewed later as a flashcard).
    """

    family = "Matching"
    instruction_key = "match.instruction"

    def __init__(self, pairs: Sequence[tuple[str, Text]], *, key: str | None = None, lesson: str = "",
                 seed: int | None = None) -> None:
        if len(pairs) < 2:
            raise ValueError("Matching needs at least two pairs.")
        self.pairs = [(str(left), right) for left, right in pairs]
        self.order = list(range(len(self.pairs)))
        random.Random(seed if seed is not None else repr(self.pairs)).shuffle(self.order)
        super().__init__(key=key, lesson=lesson, args={"pairs": [list(p) for p in self.pairs]})

    def _build(self):
        self.dropdowns = [shared.dropdown(description_allow_html=True, layout={"width": "auto"},
                                          style={"description_width": "initial"}) for _ in self.pairs]
        rows = shared.vbox(self.dropdowns)
        rows.add_class("qz-kk-row")
        return [rows, self.button("button.check", self.check)]

    def _relabel(self):
        for dropdown, (left, _right) in zip(self.dropdowns, self.pairs):
            value = dropdown.value
            dropdown.description = kk_html(left)
            dropdown.options = [("—", None)] + [(text_plain(self.pairs[j][1]), j) for j in self.order]
            dropdown.value = value

    def item_key(self, i: int) -> str:
        return f"{self.key}:{self.pairs[i][0]}"

    def select(self, left: str, right: Text) -> None:
        """Choose ``right`` for the Kazakh item ``left`` (Python API for the dropdowns)."""
        i = [p[0] for p in self.pairs].index(left)
        self.dropdowns[i].value = [p[1] for p in self.pairs].index(right)

    def check(self) -> str | None:
        if any(d.value is None for d in self.dropdowns):
            self.say("match.incomplete")
            return None
        outcomes = [exact(d.value == i, right, left) for i, (d, (left, right)) in enumerate(zip(self.dropdowns, self.pairs))]
        if not self.answered:
            for i, outcome in enumerate(outcomes):
                left, right = self.pairs[i]
                card = {"key": self.item_key(i), "kk": left, "gloss": right}
                self.record(outcome.verdict, item=self.item_key(i),
                            spec={"family": "Flashcards", "args": {"cards": [card]}})
        return self.finish(outcomes, record=False)
