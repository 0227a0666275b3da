"""Normalization of typed answers before they are compared.

NFC, case, whitespace, punctuation, and Latin look-alike letters typed inside
Cyrillic words (a common corruption when learners switch keyboard layouts or
copy from the web: Latin ``a`` and Cyrillic ``а`` look the same but differ).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Latin letters that look like Cyrillic ones. Only replaced inside words that
# already contain Cyrillic, so an answer typed wholly in Latin stays Latin and
# goes to the script converter instead. Latin i is Kazakh і (not Russian и).
LOOKALIKES = str.maketrans({
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",
    "a": "а", "c": "с", "e": "е", "i": "і", "o": "о", "p": "р", "x": "х", "y": "у",
    "ı": "і", "h": "һ",
    # Look-alikes of the Kazakh letters themselves: Latin schwa and barred o (IPA keyboards,
    # Azerbaijani/Tatar Latin layouts), Bashkir қа and Mari/Altai ң (Cyrillic keyboards of
    # the region) are the same letter to a reader, so they are the same letter to the checker.
    "ə": "ә", "Ə": "Ә", "ǝ": "ә", "Ǝ": "Ә", "ɵ": "ө", "Ɵ": "Ө",
    "ҡ": "қ", "Ҡ": "Қ", "ҥ": "ң", "Ҥ": "Ң", "ӊ": "ң", "Ӊ": "Ң", "ӈ": "ң", "Ӈ": "Ң",
})
# Dashes and apostrophes come in many code points; keep one of each.
DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼ`´"})

_WORD = re.compile(r"\w+(?:[-']\w+)*")
# Already normal: lower-case Kazakh Cyrillic words separated by single spaces (most keys).
_PLAIN = re.compile("[а-яёәғқңөұүһі]+(?: [а-яёәғқңөұүһі]+)*")
_SPACE = re.compile(r"\s+")


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def _fix_lookalikes(word: str) -> str:
    return word.translate(LOOKALIKES) if has_cyrillic(word) else word


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Comparable form of an answer: NFC, lower case, words separated by one space.

    Punctuation is dropped (final ``?`` or ``.`` and commas carry no grammar the
    checker grades); hyphens and apostrophes inside words are kept.
    """
    if _PLAIN.fullmatch(text):
        return text  # the slow path below would return it unchanged
    text = unicodedata.normalize("NFC", text).translate(DASHES).translate(APOSTROPHES)
    # Invisible format characters (zero-width space, soft hyphen, BOM) split no words.
    if not text.isprintable():  # cheap test first: the filter is per character
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    words = [_fix_lookalikes(w) for w in _WORD.findall(text.replace("_", " "))]
    return " ".join(words).lower()


def squash_space(text: str) -> str:
    """Whitespace-collapsed text for display (normalize() drops punctuation)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
