"""Kazakh sound classes, vowel harmony and the choice among suffix variants.

A Kazakh suffix has up to six written variants: the vowel follows the harmony of the
word (back а/ы, front е/і) and the first consonant follows the sound before it.
This module is the single place where those choices are made.
"""
from __future__ import annotations

from functools import lru_cache

from .lexicon import exceptions

BACK_VOWELS = frozenset("аоұыяё")
FRONT_VOWELS = frozenset("әеөүіэ")
VOWELS = frozenset("аәеёиоөуұүыіэюя")
VOICELESS = frozenset("пфктқсшхһцчщ")
# б в г д ғ at the end of a (loan) word are pronounced voiceless: клуб -> клубқа.
DEVOICED_AT_END = frozenset("бвгдғ")
NASALS = frozenset("мнң")
SIBILANTS = frozenset("зж")
GLIDES = frozenset("рйуи")  # и and у at the end of a word are glides: су -> судың, ми -> мидың

# Sound classes of the sound before a suffix.
V, GLIDE, L, NASAL, ZH, VL = "V", "S", "L", "N", "Z", "T"


def sound_class(text: str) -> str:
    """Class of the last sound of ``text``: V, S (р й у и ю), L, N (м н ң), Z (з ж), T (voiceless)."""
    last = text[-1]
    if last in "ьъ" and len(text) > 1:
        last = text[-2]
    if last in GLIDES or last == "ю":
        return GLIDE
    if last in VOWELS:
        return V
    if last == "л":
        return L
    if last in NASALS:
        return NASAL
    if last in SIBILANTS:
        return ZH
    return VL


def _natural_harmony(word: str) -> str:
    """Harmony from spelling alone: the last clearly back or front vowel decides.

    и and у are neutral in native words (су, ми are back; келу is front); in loans
    a final-syllable и is front (министр, туризм) and у back (минут, клуб).
    """
    w = word.lower()
    if w.endswith("ь"):
        return "front"  # руль, автомобиль: the soft sign makes the ending front
    if len(w) > 3 and w.endswith("ев") and w[-3] in BACK_VOWELS | {"у"}:
        return "back"  # Назарбаев, Тоқаев: е after a back vowel is a glide [йе]: Тоқаевқа
    vowels = [c for c in w if c in VOWELS]
    if not vowels:
        return "back"
    for i in range(len(vowels) - 1, -1, -1):
        c = vowels[i]
        if c in BACK_VOWELS or c == "ю":
            return "back"
        if c in FRONT_VOWELS:
            return "front"
        if c == "и":
            # мұхит: a Kazakh-only back vowel before и keeps the word back
            earlier = vowels[:i]
            if any(e in "ұы" for e in earlier) or "қ" in w or "ғ" in w:
                return "back"
            return "front"
        # у: look further left; only у/и vowels -> back (су, ту, институт)
        if c == "у":
            for e in reversed(vowels[:i]):
                if e in FRONT_VOWELS:
                    return "front"
                if e in BACK_VOWELS:
                    return "back"
            return "back"
    return "back"


@lru_cache(maxsize=65536)
def harmony(word: str) -> str:
    """"back" or "front": which suffix vowels a word takes (кітап -> back, үй -> front).

    Lexical exceptions (assets/morphology/exceptions.yaml, key ``harmony``) win over
    the spelling rule.
    """
    w = word.lower().strip()
    special = exceptions().harmony.get(w)
    if special:
        return special
    # compounds written with a space or hyphen follow their last part
    for sep in (" ", "-"):
        if sep in w:
            return harmony(w.rsplit(sep, 1)[1])
    return _natural_harmony(w)


def vowel_harmony_of_suffix(text: str) -> str:
    """Harmony of text that ends in a suffix: its last back/front vowel decides."""
    for c in reversed(text):
        if c in BACK_VOWELS:
            return "back"
        if c in FRONT_VOWELS:
            return "front"
    return _natural_harmony(text)


# Archiphonemes in suffix templates: A = а/е, Y = ы/і, Q = қ/к, G = ғ/г.
_BACK = {"A": "а", "Y": "ы", "Q": "қ", "G": "ғ"}
_FRONT = {"A": "е", "Y": "і", "Q": "к", "G": "г"}


def realize(template: str, harm: str) -> str:
    """Fill a suffix template's archiphonemes for the given harmony (Yм -> ым/ім)."""
    table = _BACK if harm == "back" else _FRONT
    return "".join(table.get(c, c) for c in template)
