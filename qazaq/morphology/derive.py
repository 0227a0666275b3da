"""Common derivational suffixes: a new word from a noun or adjective stem.

    derive("балық", "шы") == "балықшы"     agent / occupation   (AGT, -шы/-ші)
    derive("дос", "лық") == "достық"       abstract noun        (ABST, -лық/-лік/-дық/-дік/-тық/-тік)
    derive("тұз", "лы") == "тұзды"         "having"             (PROPR, -лы/-лі/-ды/-ді/-ты/-ті)
    derive("үй", "сыз") == "үйсіз"         "without"            (PRIV, -сыз/-сіз)

The result is a new lemma: inflect(derive("дос", "лық"), "N;DAT") == "достыққа".
"""
from __future__ import annotations

from functools import lru_cache

from .chain import Chain
from .engine import clean_lemma, restore_case
from .suffixes import SUFFIXES

DERIVATIONS = ("AGT", "ABST", "PROPR", "PRIV")


@lru_cache(maxsize=1)
def _by_form() -> dict[str, str]:
    """Every written variant (шы, ші, лық, ... сіз) -> its suffix id."""
    return {v: sid for sid in DERIVATIONS for v in SUFFIXES[sid].variants()}


def derivation_id(suffix: str) -> str:
    """AGT/ABST/PROPR/PRIV from an id or any written variant (шы, -тік, сіз ...)."""
    key = str(suffix).strip().lstrip("-")
    if key.upper() in DERIVATIONS:
        return key.upper()
    sid = _by_form().get(key.lower())
    if sid is None:
        raise ValueError(f"unknown derivational suffix {suffix!r}; use one of {', '.join(DERIVATIONS)} "
                         "or a variant such as шы, лық, лы, сыз")
    return sid


def derivation_chain(lemma: str, suffix: str, record: bool = True) -> Chain:
    """The chain lemma + suffix (explain.explain_derivation renders its steps)."""
    word = clean_lemma(lemma)
    chain = Chain(word.lower(), "N", record)
    chain.add(derivation_id(suffix))
    if word != word.lower():
        chain.text = restore_case(word, chain.text)
    return chain


@lru_cache(maxsize=65536)
def derive(lemma: str, suffix: str) -> str:
    """The derived word: the variant of ``suffix`` that fits ``lemma`` (дос + лық -> достық)."""
    return derivation_chain(lemma, suffix, record=False).text
