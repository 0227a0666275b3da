"""Noun inflection: stem + plural + possessive + case + predicate ending + question particle."""
from __future__ import annotations

from .chain import Chain, RawStep
from .lexicon import exceptions
from .phonology import VOWELS, sound_class
from .suffixes import SUFFIXES
from .tags import Features

POSSESSIVE_SUFFIX = {(1, "SG"): "PSS1S", (1, "PL"): "PSS1P", (2, "SG"): "PSS2S", (2, "PL"): "PSS2P",
                     (3, "SG"): "PSS3", (3, "PL"): "PSS3"}
PREDICATE_SUFFIX = {(1, "SG"): "P1SG", (1, "PL"): "P1PL", (2, "SG"): "P2SG", (2, "PL"): "P2PL"}


def _possessive_id(possessor: tuple[int, str], formal: bool) -> str:
    sid = POSSESSIVE_SUFFIX[possessor]
    return sid + ".F" if formal and possessor[0] == 2 else sid


def _case_id(case: str, after: str | None) -> str | None:
    """The case suffix id, taking the preceding possessive into account (үйі-н-де, кітабым-а)."""
    if case == "NOM":
        return None
    if after == "PSS3" and case in ("ACC", "DAT", "LOC", "ABL"):
        return case + ".PX3"
    if after in ("PSS1S", "PSS2S") and case == "DAT":
        return "DAT.PX12"
    return case


def build_noun(chain: Chain, f: Features, possessed_compound: bool = False) -> Chain:
    """Attach nominal suffixes to ``chain`` (also used for verbal nouns and participles)."""
    if f.predicate:
        noun_number = None  # SG/PL of a predicate bundle is the subject's number
    else:
        noun_number = f.number
        if f.person is not None:
            raise ValueError("person tags (1, 2, 3) on a noun need PRED, e.g. 'N;PRED;1;SG'")
    last = "PSS3" if possessed_compound and f.possessor is None else None
    if noun_number == "PL":
        chain.add("PL")
        last = None
    if f.possessor is not None:
        sid = _possessive_id(f.possessor, f.formal)
        chain.add(sid)
        last = sid
    if f.case:
        cid = _case_id(f.case, last)
        if cid:
            chain.add(cid)
    if f.predicate:
        _add_predicate(chain, f.person or 3, f.number or "SG", f.formal and f.possessor is None)
    if f.question:
        add_question(chain)
    return chain


def _add_predicate(chain: Chain, person: int, number: str, formal: bool) -> None:
    if person == 3:
        return  # 3rd person has no ending: Ол мұғалім.
    sid = PREDICATE_SUFFIX[(person, number)]
    chain.add(sid + ".F" if formal and person == 2 else sid)


def add_question(chain: Chain) -> None:
    """The question particle is a separate word: кітап па, үй ме, қалам ба."""
    particle = SUFFIXES["Q"].form(sound_class(chain.text), chain.harm)
    if chain.record:
        chain.steps.append(_question_step(particle, sound_class(chain.text), chain.harm))
    chain.text = f"{chain.text} {particle}"


def _question_step(particle: str, cls: str, harm: str):
    return RawStep("suffix", particle, {"id": "Q", "cls": cls, "harmony": harm, "separate": True})


def noun_chain(lemma: str, f: Features, record: bool) -> Chain:
    """Inflect a noun lemma; possessive compounds (отбасы, ауа райы) decline as possessed."""
    ex = exceptions()
    key = lemma.lower()
    if key in ex.possessive_compounds:
        return _compound_chain(lemma, ex.possessive_compounds[key], f, record)
    if f.number == "PL" and not f.predicate and key in ex.inherently_plural:
        f = Features(**{**f.__dict__, "number": None})      # олар is already plural
    if key in ex.irregular and f.possessor is None:
        return _pronoun_chain(key, ex.irregular[key], f, record)
    return build_noun(Chain(lemma, "N", record), f)


def _pronoun_chain(lemma: str, table: dict[str, str], f: Features, record: bool) -> Chain:
    """мен -> маған, ол -> оның: suppletive case forms from exceptions.yaml; the rest is regular."""
    if f.number == "PL" and not f.predicate and "plural" in table:
        plural = Features(**{**f.__dict__, "number": None})
        return noun_chain(table["plural"], plural, record)
    if f.case in table:
        chain = Chain(table[f.case], "N", record, harm=None)
        chain.bare = False
        if record:
            chain.steps = [RawStep("irregular", table[f.case], {"lemma": lemma, "case": f.case})]
        rest = Features(pos="N", predicate=f.predicate, person=f.person, number=f.number, formal=f.formal,
                        question=f.question)
        return build_noun(chain, rest)
    return build_noun(Chain(lemma, "N", record), f)


def _compound_chain(lemma: str, base: str, f: Features, record: bool) -> Chain:
    if f.possessor is not None and f.possessor[0] != 3 and f.number != "PL":
        return build_noun(Chain(lemma, "N", record), f)   # отбасы-м, ауа райы-мыз
    if f.number == "PL" and not f.predicate:
        if base[-1] in VOWELS:
            # отбасы is lexicalised: real text pluralises it as a plain noun (отбасылар, отбасыларға)
            return build_noun(Chain(lemma, "N", record), f)
        # ауа рай-лар-ы, темір жол-дар-ы
        plural = Features(**{**f.__dict__, "possessor": f.possessor or (3, "SG")})
        return build_noun(Chain(base, "N", record), plural)
    singular = Features(**{**f.__dict__, "possessor": None})
    return build_noun(Chain(lemma, "N", record), singular, possessed_compound=True)
