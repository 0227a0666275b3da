"""Parsing the end of a word into Kazakh endings (assets/answers/suffixes.yaml).

Only used to diagnose: given the response and the expected word split at the same
stem, which endings did the learner type and which were wanted?
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import yaml

from qazaq.shared import ASSETS

MAX_ENDINGS = 4  # a noun or verb rarely stacks more endings than this

# Letters a learner without a Kazakh keyboard types instead of the Kazakh one.
PLAIN_FOR = {"қ": "к", "ғ": "г", "ң": "н", "ұ": "у", "ү": "у", "ө": "о", "ә": "а",
             "і": "иы", "һ": "х"}
VOWELS = frozenset("аәеиоөұүыіэюяё")
BACK_VOWELS = frozenset("аоұыя")
FRONT_VOWELS = frozenset("әөүіеэ")


class Ending(NamedTuple):
    gram: str  # grammar id, e.g. "dat"
    text: str  # the letters as typed


@lru_cache(maxsize=1)
def table() -> dict:
    with open(ASSETS / "answers" / "suffixes.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _plain_variants(text: str) -> set[str]:
    """Every spelling of ``text`` with Kazakh letters replaced by keyboard stand-ins."""
    variants = {""}
    for ch in text:
        options = ch + PLAIN_FOR.get(ch, "")
        variants = {v + o for v in variants for o in options}
    return variants


@lru_cache(maxsize=2)
def _index(lenient: bool) -> dict[str, tuple[str, ...]]:
    """Typed ending -> grammar ids. Lenient also indexes keyboard stand-ins (га for ға)."""
    index: dict[str, list[str]] = {}
    for gram, forms in table()["endings"].items():
        for form in forms:
            for typed in (_plain_variants(form) if lenient else {form}):
                index.setdefault(typed, []).append(gram)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


CASES = frozenset({"gen", "acc", "dat", "loc", "abl", "ins"})
# Order of endings in a word: plural, possessive, case, personal (кітап-тар-ым-да-мын);
# verbs: negation, tense, person (бар-ма-ды-м).
SLOT = {"neg": 0, "past": 1, "pres": 1, "pl": 1, "poss": 2, "case": 3, "pers": 4}
VERBAL = frozenset({"neg", "past", "pres"})
NOMINAL = frozenset({"pl", "poss", "case"})


def family(gram: str) -> str:
    """pers.1pl and pers.1sg are both personal endings; dat and loc are both cases."""
    return "case" if gram in CASES else gram.split(".")[0]


def _can_precede(gram: str, rest: tuple[Ending, ...]) -> bool:
    """Whether ``gram`` can stand before the endings ``rest`` (order, noun vs verb)."""
    if not rest:
        return True
    here = family(gram)
    families = {family(x.gram) for x in rest}
    # our table has no participles, so tense endings never mix with noun endings
    if (here in VERBAL and families & NOMINAL) or (here in NOMINAL and families & VERBAL):
        return False
    return SLOT.get(here, 5) < SLOT.get(family(rest[0].gram), 5)


@lru_cache(maxsize=8192)
def parses(tail: str, lenient: bool = False) -> tuple[tuple[Ending, ...], ...]:
    """All ways to read ``tail`` as endings in a possible order ('' reads as no ending)."""
    if not tail:
        return ((),)
    if len(tail) > MAX_ENDINGS * 6:
        return ()  # longer than any stack of endings; also bounds the recursion
    out = []
    index = _index(lenient)
    for cut in range(1, min(len(tail), 6) + 1):
        grams = index.get(tail[:cut])
        if not grams:
            continue
        for rest in parses(tail[cut:], lenient):
            if len(rest) < MAX_ENDINGS:
                out.extend((Ending(g, tail[:cut]),) + rest for g in grams if _can_precede(g, rest))
    return tuple(out)


@lru_cache(maxsize=1)
def particles() -> dict[str, str]:
    """Particle written as its own word -> grammar id (ма -> q)."""
    return {form: gram for gram, forms in table()["particles"].items() for form in forms}


@lru_cache(maxsize=1)
def quantity_words() -> frozenset[str]:
    return frozenset(table()["quantity_words"])
