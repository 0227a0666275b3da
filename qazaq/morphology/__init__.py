"""Kazakh morphology engine: generate, explain and analyse inflected forms.

Public API (tag set and rules: docs/morphology.md):
    inflect(lemma, tags) -> str                      inflect("кітап", "N;PSS1S;SG") == "кітабым"
    explain(lemma, tags, lang="en"|"ru"|"tr") -> Explanation   .form, .steps[i].morpheme / .rule, str()
    derive(lemma, suffix) -> str                     derive("дос", "лық") == "достық" (AGT ABST PROPR PRIV)
    explain_derivation(lemma, suffix, lang="en") -> Explanation
    paradigm(lemma, pos) -> pandas.DataFrame         pos "N" or "V"
    forms_of(lemma, pos="N") -> dict[tags, form]
    analyze(form, lemmas=None, pos=None) -> list[(lemma, tags)]
    harmony(word) -> "back" | "front"
    variants(suffix_id) -> list[str]                 variants("DAT") == ["ға", "ге", "қа", "ке"]
    question(word) -> str                            question("кітап") == "кітап па"
"""
from .analysis import analyze, forms_of, noun_bundles, paradigm, verb_bundles
from .derive import DERIVATIONS, derive
from .engine import inflect
from .explain import Explanation, Step, explain, explain_derivation
from .lexicon import exceptions
from .phonology import harmony, sound_class, vowel_harmony_of_suffix
from .suffixes import SUFFIXES, variants


def irregular_lemmas() -> list[str]:
    """Lemmas with suppletive case forms (мен, сен, ол, бұл ...), from exceptions.yaml."""
    return sorted(exceptions().irregular)


def question(word: str) -> str:
    """Add the question particle ма/ме/ба/бе/па/пе after any word or phrase: үй -> үй ме."""
    text = " ".join(str(word).split())
    if not text:
        raise ValueError("question() needs a word, e.g. question('кітап') -> 'кітап па'")
    last = text.split(" ")[-1].lower().rstrip("?!.,")
    if not last or not any(c.isalpha() for c in last):
        raise ValueError(f"question() needs a Kazakh word, got {word!r}")
    particle = SUFFIXES["Q"].form(sound_class(last), vowel_harmony_of_suffix(last) if len(last) > 0 else "back")
    return f"{text} {particle}"


__all__ = ["inflect", "explain", "explain_derivation", "derive", "DERIVATIONS", "Explanation", "Step", "paradigm", "forms_of", "analyze", "harmony",
           "variants", "question", "irregular_lemmas", "SUFFIXES", "noun_bundles", "verb_bundles"]
