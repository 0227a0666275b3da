"""inflect(): lemma + tag bundle -> written form (cached)."""
from __future__ import annotations

from functools import lru_cache

from .chain import Chain
from .lexicon import exceptions
from .nouns import noun_chain
from .tags import parse
from .verbs import verb_chain

_KAZAKH_LETTERS = set("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя -")


def clean_lemma(lemma: str) -> str:
    """Validate a lemma: Cyrillic Kazakh letters only, with a clear message otherwise."""
    if not isinstance(lemma, str) or not lemma.strip():
        raise ValueError(f"empty lemma {lemma!r}; give a Kazakh word in Cyrillic, e.g. 'кітап'")
    word = " ".join(lemma.strip().split())
    bad = sorted({c for c in word.lower() if c not in _KAZAKH_LETTERS})
    if bad:
        raise ValueError(f"lemma {lemma!r} has non-Kazakh-Cyrillic characters {''.join(bad)!r}; "
                         "write it in Kazakh Cyrillic (convert Latin with qazaq.script.convert first)")
    return word


def build(lemma: str, tags: str, record: bool = True) -> Chain:
    """The full derivation chain of a form (steps are recorded for explain())."""
    word = clean_lemma(lemma)
    f = parse(tags)
    lower = word.lower()
    chain = noun_chain(lower, f, record) if f.pos == "N" else verb_chain(lower, f, record)
    if word != lower:  # proper nouns keep their capitals: Алматы -> Алматыға, Нұр-Сұлтан -> Нұр-Сұлтанға
        chain.text = restore_case(word, chain.text)
    return chain


def restore_case(lemma: str, form: str) -> str:
    """Capital letters of the lemma at the same places in the form (stem changes touch only
    the end of a word, so the positions before it are the lemma's)."""
    return "".join(c.upper() if i < len(lemma) and lemma[i].isupper() else c for i, c in enumerate(form))


def is_regular_noun(lemma: str) -> bool:
    """Lower-case, not a pronoun or possessive compound: paradigms can share prefixes."""
    ex = exceptions()
    return (lemma == lemma.lower() and lemma not in ex.irregular and lemma not in ex.possessive_compounds
            and lemma not in ex.inherently_plural)


@lru_cache(maxsize=200_000)
def inflect(lemma: str, tags: str) -> str:
    """The form of ``lemma`` for a UniMorph-style ``tags`` bundle, e.g. inflect("кітап", "N;PSS1S;SG") == "кітабым".

    Raises ValueError naming an unknown tag or a malformed lemma.
    """
    return build(lemma, tags, record=False).text
