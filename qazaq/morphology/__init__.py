"""Kazakh morphology engine: generate, explain and analyse inflected forms.

Public API (see docs/morphology.md for the tag set):
    inflect(lemma, tags) -> str
    explain(lemma, tags, lang="en") -> Explanation
    paradigm(lemma, pos) -> pandas.DataFrame
    forms_of(lemma, pos="N") -> dict[tags, form]
    analyze(form, lemmas=None) -> list[(lemma, tags)]
    harmony(word) -> "back" | "front"
    variants(suffix_id) -> list[str]
    question(word) -> str
"""
from .engine import inflect
from .phonology import harmony
from .suffixes import SUFFIXES, variants

__all__ = ["inflect", "harmony", "variants", "SUFFIXES"]
