"""IPA for Kazakh words: epitran's ``kaz-Cyrl`` map, corrected where it reads Kazakh like Russian.

What epitran gets wrong, and what this module does instead (standard Kazakh orthoepy):
* е is [e], not palatalized [je], except word-initially (ел [jel]);
* ө is [ø], not [ʏ]; word-initial о/ө take a glide ([wo], [wø]: от [wot]);
* у after a consonant is the diphthong [ʊw]/[ʏw] (су [sʊw], бару [bɑrʊw]), a glide [w] after a vowel;
* и after a consonant is [əj]/[ɪj] (киім [kɪjɪm]), a glide [j] after a vowel; ю is [jʊw]/[jʏw];
* rounding: ы/і after a rounded vowel are pronounced rounded, [ʊ]/[ʏ] (тоғыз [toʁʊz]),
  until an unrounded low vowel (а, ә, е) breaks the chain.
Back or front quality comes from the word's vowels (vowel harmony).
"""
from __future__ import annotations

import re
from functools import lru_cache

FRONT = set("әеөүіэ")
BACK = set("аоұыя")
VOWELS = set("аәеиоөұүуыіэюя")
ROUNDED_IPA = {"o", "ø", "ʊ", "ʏ"}
WORD = re.compile(r"[а-яәғқңөұүһіё]+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _epitran():
    import epitran  # here, not on top: it loads pandas and its tables (0.3 s); only IPA requests pay

    return epitran.Epitran("kaz-Cyrl")


def _is_front(word: str) -> bool:
    """A word is front if its last harmonic vowel is front (loanwords follow the last vowel)."""
    for ch in reversed(word):
        if ch in FRONT:
            return True
        if ch in BACK:
            return False
    return "и" in word  # би, ию are front; су, ту are back


def _segment(word: str, i: int, front: bool) -> str:
    """IPA for the letter at word[i]: the context-dependent letters here, the rest via epitran."""
    ch = word[i]
    prev = word[i - 1] if i else ""
    after_vowel = prev in VOWELS
    if ch == "е":
        return "je" if i == 0 else "e"
    if ch == "о":
        return "wo" if i == 0 else "o"
    if ch == "ө":
        return "wø" if i == 0 else "ø"
    if ch == "у":
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if after_vowel or (i == 0 and nxt in VOWELS):
            return "w"
        return ("ʏ" if front else "ʊ") + "w"
    if ch == "и":
        return "j" if after_vowel else ("ɪ" if front else "ə") + "j"
    glide = "" if prev == "и" else "j"  # и already ends in [j]: ию [ɪjʏw], қиял [qəjɑl]
    if ch == "ю":
        return glide + ("ʏ" if front else "ʊ") + "w"
    if ch == "я":
        return glide + "ɑ"
    if ch == "ы":
        return "ə"
    if ch in "ьъ":
        return ""
    return _epitran().transliterate(ch)


def _round(segments: list[str]) -> list[str]:
    """Labial attraction: after o/ø/ʊ/ʏ, the high vowels ə/ɪ become ʊ/ʏ until a low vowel intervenes."""
    rounded = False
    out = []
    for seg in segments:
        if seg in ("ə", "ɪ") and rounded:
            seg = "ʊ" if seg == "ə" else "ʏ"
        core = seg.lstrip("wj")[:1]
        if core in ROUNDED_IPA:
            rounded = True
        elif core in ("ɑ", "æ", "e", "i", "ə", "ɪ") and core not in ("ə", "ɪ"):
            rounded = False
        elif seg.endswith("j") and seg[:1] in ("ə", "ɪ"):  # и is never rounded
            rounded = False
        out.append(seg)
    return out


def _word_ipa(word: str) -> str:
    front = _is_front(word)
    return "".join(_round([_segment(word, i, front) for i in range(len(word))]))


def ipa(text: str) -> str:
    """Broad IPA for Kazakh Cyrillic text; non-letters (spaces, punctuation) are kept as they are."""
    if not isinstance(text, str):
        raise TypeError(f"ipa() needs Kazakh text as a string, got {type(text).__name__}")
    return WORD.sub(lambda m: _word_ipa(m.group(0).lower()), text)
