"""The Kazakh Cyrillic alphabet as data (assets/alphabet/letters.csv) and its lesson views."""
from __future__ import annotations

import csv
import html
import random
from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
from IPython.display import display

from qazaq.lesson import show
from qazaq.render import kazakh_html
from qazaq.shared import ASSETS
from qazaq.widgets.choice import MultipleChoice

LETTERS_CSV = ASSETS / "alphabet" / "letters.csv"


@dataclass(frozen=True)
class Letter:
    letter: str
    kind: str          # vowel, consonant, sign
    harmony: str       # back, front, or "" (neutral / not a vowel)
    kazakh_specific: bool
    example: str
    example_en: str
    note: str

    @property
    def pair(self) -> str:
        return f"{self.letter} {self.letter.lower()}"


@lru_cache(maxsize=1)
def letters() -> tuple[Letter, ...]:
    with LETTERS_CSV.open(encoding="utf-8", newline="") as f:
        return tuple(
            Letter(r["letter"], r["kind"], r["harmony"], r["kazakh_specific"] == "yes",
                   r["example"], r["example_en"], r["note"])
            for r in csv.DictReader(f)
        )


def kazakh_specific() -> list[Letter]:
    return [x for x in letters() if x.kazakh_specific]


def vowels(harmony: str) -> list[Letter]:
    return [x for x in letters() if x.kind == "vowel" and x.harmony == harmony]


def _kk(text: str) -> str:
    """Kazakh text in the learner's script through the one rendering helper."""
    return kazakh_html(text)


def alphabet_html() -> str:
    """All 42 letters as a grid; the 9 Kazakh-specific letters highlighted."""
    cells = []
    for x in letters():
        style = "background:#ffe9a8;border:2px solid #d08a00" if x.kazakh_specific else "border:1px solid #ccc"
        example = f"<div style='font-size:90%'>{_kk(x.example)}<br><i>{html.escape(x.example_en)}</i></div>" if x.example else ""
        title = html.escape(x.note or x.kind)
        cells.append(
            f"<div class='qz-letter' title='{title}' style='{style};border-radius:6px;padding:6px;"
            f"text-align:center;min-width:88px'><div style='font-size:160%'>{html.escape(x.pair)}</div>{example}</div>"
        )
    legend = ("<p><span style='background:#ffe9a8;border:2px solid #d08a00;padding:0 6px'>highlighted</span> "
              "= the 9 letters Kazakh adds to the Russian alphabet: "
              + ", ".join(x.letter for x in kazakh_specific()) + ".</p>")
    return legend + "<div style='display:flex;flex-wrap:wrap;gap:6px'>" + "".join(cells) + "</div>"


def vowels_html() -> str:
    """Back and front vowels side by side: the basis of vowel harmony."""
    def column(title: str, harmony: str) -> str:
        items = "".join(f"<li><b>{html.escape(v.pair)}</b> — {_kk(v.example)} ({html.escape(v.example_en)})</li>"
                        for v in vowels(harmony))
        return f"<div style='flex:1'><h4>{title}</h4><ul>{items}</ul></div>"
    return ("<div style='display:flex;gap:24px'>" + column("Back (hard) vowels", "back")
            + column("Front (soft) vowels", "front") + "</div>")


def harmony_quiz_items(n: int = 6, seed: int = 1) -> list[dict]:
    """Items 'Is this word back or front?' from the letter examples (fixed seed: reproducible lessons)."""
    words = [x for x in letters() if x.example and _word_harmony(x.example)]
    rng = random.Random(seed)
    chosen = rng.sample(words, min(n, len(words)))
    return [{"prompt": x.example, "gloss": x.example_en, "options": ["back", "front"],
             "answer": _word_harmony(x.example)} for x in chosen]


def _word_harmony(word: str) -> str:
    front = set("әеөүіэ")
    back = set("аоұы")
    letters_in = set(word.lower())
    if letters_in & front and not letters_in & back:
        return "front"
    if letters_in & back and not letters_in & front:
        return "back"
    return ""


# ---------------------------------------------------------------- lesson calls
HARMONY_LABELS = {
    "back": {"en": "back (hard)", "ru": "твёрдый (задний ряд)", "tr": "kalın (art damak)"},
    "front": {"en": "front (soft)", "ru": "мягкий (передний ряд)", "tr": "ince (ön damak)"},
}


def show_alphabet() -> None:
    show(alphabet_html)


def show_vowels() -> None:
    show(vowels_html)


def harmony_quiz(n: int = 4, seed: int = 1) -> None:
    """A few 'back or front?' multiple-choice questions, shown one under another."""
    quiz = widgets.VBox([
        MultipleChoice(item["prompt"], [HARMONY_LABELS["back"], HARMONY_LABELS["front"]],
                       0 if item["answer"] == "back" else 1, lesson="01-alphabet")
        for item in harmony_quiz_items(n, seed)
    ])
    display(quiz)
