"""The Kazakh Cyrillic alphabet as data (assets/alphabet/letters.csv) and its lesson views."""
from __future__ import annotations

import csv
import html
import random
from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
from IPython.display import display

from qazaq import settings
from qazaq.i18n import t
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
    example_ru: str = ""
    example_tr: str = ""
    note_ru: str = ""
    note_tr: str = ""

    def gloss(self, lang: str) -> str:
        """The example's meaning in ``lang`` (English when that language has none)."""
        return getattr(self, f"example_{lang}", "") or self.example_en

    def note_in(self, lang: str) -> str:
        return (getattr(self, f"note_{lang}", "") if lang != "en" else "") or self.note

    @property
    def pair(self) -> str:
        return f"{self.letter} {self.letter.lower()}"


@lru_cache(maxsize=1)
def letters() -> tuple[Letter, ...]:
    with LETTERS_CSV.open(encoding="utf-8", newline="") as f:
        return tuple(
            Letter(r["letter"], r["kind"], r["harmony"], r["kazakh_specific"] == "yes",
                   r["example"], r["example_en"], r["note"], r.get("example_ru", ""), r.get("example_tr", ""),
                   r.get("note_ru", ""), r.get("note_tr", ""))
            for r in csv.DictReader(f)
        )


def kazakh_specific() -> list[Letter]:
    return [x for x in letters() if x.kazakh_specific]


def vowels(harmony: str) -> list[Letter]:
    return [x for x in letters() if x.kind == "vowel" and x.harmony == harmony]


def _kk(text: str) -> str:
    """Kazakh text in the learner's script through the one rendering helper."""
    return kazakh_html(text)


def _lang() -> str:
    return settings.current().lang


def alphabet_html() -> str:
    """All 42 letters as a grid; the 9 Kazakh-specific letters highlighted (in the learner's language)."""
    cells, lang = [], _lang()
    for x in letters():
        style = "background:#ffe9a8;border:2px solid #d08a00" if x.kazakh_specific else "border:1px solid #ccc"
        example = f"<div style='font-size:90%'>{_kk(x.example)}<br><i>{html.escape(x.gloss(lang))}</i></div>" if x.example else ""
        title = html.escape(x.note_in(lang) or x.kind)
        cells.append(
            f"<div class='qz-letter' title='{title}' style='{style};border-radius:6px;padding:6px;"
            f"text-align:center;min-width:88px'><div style='font-size:160%'>{html.escape(x.pair)}</div>{example}</div>"
        )
    specific = ", ".join(x.letter for x in kazakh_specific())
    legend = ("<p><span style='background:#ffe9a8;border:2px solid #d08a00;padding:0 6px'>"
              f"{html.escape(t('alphabet.highlighted'))}</span> "
              f"{html.escape(t('alphabet.legend', n=len(kazakh_specific()), letters=specific))}</p>")
    return legend + "<div style='display:flex;flex-wrap:wrap;gap:6px'>" + "".join(cells) + "</div>"


def vowels_html() -> str:
    """Back and front vowels side by side: the basis of vowel harmony."""
    lang = _lang()

    def column(harmony: str) -> str:
        items = "".join(f"<li><b>{html.escape(v.pair)}</b> — {_kk(v.example)} ({html.escape(v.gloss(lang))})</li>"
                        for v in vowels(harmony))
        return f"<div style='flex:1'><h4>{html.escape(t('alphabet.' + harmony))}</h4><ul>{items}</ul></div>"
    return "<div style='display:flex;gap:24px'>" + column("back") + column("front") + "</div>"


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
