"""Verb conjugation. Lemmas are bare stems (бар, оқы, сөйле), as in dictionary verb entries.

Tenses (tag -> form of бар, 1st person singular):
  NFIN  бару (infinitive / verbal noun; takes case tags: V;NFIN;ACC -> баруды)
  PRS   барамын (present-future -а/-е/-й)
  PST   бардым (simple past -ды/-ті)
  PRF   барғанмын (past participle -ған + person)
  FUT   барармын (-ар/-ер/-р; negative -мас: бармаспын)
  INTEN бармақпын (-мақ/-мек/-бақ/-бек/-пақ/-пек; negative: бармақ емеспін)
  PROG  барып жатырмын (converb + жатыр/отыр/тұр/жүр; negative: барып жатқан жоқпын)
  IMP   бар, барыңыз, барыңдар, барайын, барайық, барсын
  PTCP  PST барған, PRS баратын, FUT барар (take case tags too)
  CVB   барып (negative бармай)
  COND  барсам (conditional -са/-се + type-2 endings; negative бармасам)
  DES   барғым келеді (wish: -ғы + possessive + келеді; NEG барғым келмейді; with PST барғым келді)
The 3rd person plural is the 3rd person singular form (олар барады, олар барды).
"""
from __future__ import annotations

from .chain import Chain
from .lexicon import exceptions
from .nouns import add_question, build_noun, _add_predicate
from .tags import Features

# Auxiliary verbs of the present continuous and their past participles (for the negative).
AUX_PARTICIPLE = {"жатыр": "жатқан", "отыр": "отырған", "тұр": "тұрған", "жүр": "жүрген"}
PST_ENDINGS = {(1, "SG"): "PST1SG", (2, "SG"): "PST2SG", (1, "PL"): "PST1PL", (2, "PL"): "PST2PL"}
IMP_ENDINGS = {(2, "SG", True): "IMP2SG.F", (2, "PL", False): "IMP2PL", (2, "PL", True): "IMP2PL.F",
               (1, "SG", False): "IMP1SG", (1, "PL", False): "IMP1PL"}


def _need_person(f: Features, tags_name: str) -> tuple[int, str]:
    if f.person is None:
        raise ValueError(f"{tags_name} needs a person tag (1, 2 or 3), e.g. 'V;{tags_name};1;SG'")
    return f.person, f.number or "SG"


def verb_chain(lemma: str, f: Features, record: bool) -> Chain:
    chain = Chain(lemma, "V", record)
    tense = f.tense or "NFIN"
    builder = _BUILDERS.get(tense)
    if builder is None:
        raise ValueError(f"tense tag {tense!r} is not supported for verbs")
    if tense not in ("NFIN", "PTCP") and (f.case or f.possessor):
        raise ValueError(f"case and possessive tags on a verb need NFIN or PTCP (оқуды, барғаным), not {tense}")
    builder(chain, f)
    if f.question and tense not in ("NFIN", "PTCP"):
        add_question(chain)
    return chain


def _negate(chain: Chain, f: Features) -> None:
    if f.negative:
        chain.add("NEG")


def _nominal(chain: Chain, f: Features) -> None:
    """Case/plural/possessive after a verbal noun or participle (оқуды, барғанымды)."""
    nominal = Features(pos="N", number=f.number, case=f.case, possessor=f.possessor, formal=f.formal,
                       question=f.question)
    if f.person is not None:
        raise ValueError("person tags do not combine with NFIN/PTCP; use PRF for барғанмын")
    build_noun(chain, nominal)


def _infinitive(chain: Chain, f: Features) -> None:
    _negate(chain, f)
    chain.add("INF")
    _nominal(chain, f)


def _participle(chain: Chain, f: Features) -> None:
    kind = f.participle or "PST"
    if kind == "FUT":
        chain.add("FUT.NEG") if f.negative else chain.add("FUT")
    else:
        _negate(chain, f)
        chain.add({"PST": "PTCP.PST", "PRS": "PTCP.PRS"}[kind])
    _nominal(chain, f)


def _present(chain: Chain, f: Features) -> None:
    person, number = _need_person(f, "PRS")
    _negate(chain, f)
    chain.add("PRS")
    if person == 3:
        chain.add("PRS.3")
    else:
        _add_predicate(chain, person, number, f.formal)


def _past(chain: Chain, f: Features) -> None:
    person, number = _need_person(f, "PST")
    _negate(chain, f)
    chain.add("PST")
    _type2_ending(chain, person, number, f.formal)


def _type2_ending(chain: Chain, person: int, number: str, formal: bool) -> None:
    """Short personal endings of the past and the conditional: -м, -ң, -ңыз, -қ, -ңдар, -ңыздар."""
    if person != 3:
        sid = PST_ENDINGS[(person, number)]
        chain.add(sid + ".F" if formal and person == 2 else sid)


def _conditional(chain: Chain, f: Features) -> None:
    person, number = _need_person(f, "COND")
    _negate(chain, f)
    chain.add("COND")
    _type2_ending(chain, person, number, f.formal)


def _desire(chain: Chain, f: Features) -> None:
    """барғым келеді: the wish is a possessed verbal noun; келу carries tense and negation."""
    person, number = _need_person(f, "DES")
    chain.add("DES")
    possessor = Features(pos="N", possessor=(person, number), formal=f.formal)
    build_noun(chain, possessor)
    kel = Features(pos="V", tense=f.participle or "PRS", person=3, number="SG", negative=f.negative)
    sub = Chain("кел", "V", chain.record)
    _BUILDERS[kel.tense](sub, kel)
    chain.add_word(sub.text)
    if chain.record:
        chain.steps.extend(sub.steps[1:])


def _perfect(chain: Chain, f: Features) -> None:
    person, number = _need_person(f, "PRF")
    _negate(chain, f)
    chain.add("PTCP.PST")
    _add_predicate(chain, person, number, f.formal)


def _future(chain: Chain, f: Features) -> None:
    person, number = _need_person(f, "FUT")
    chain.add("FUT.NEG" if f.negative else "FUT")
    _add_predicate(chain, person, number, f.formal)


def _intentional(chain: Chain, f: Features) -> None:
    person, number = _need_person(f, "INTEN")
    chain.add("INTEN")
    if f.negative:
        _auxiliary(chain, "емес", person, number, f.formal)   # бармақ емеспін
    else:
        _add_predicate(chain, person, number, f.formal)


def _progressive(chain: Chain, f: Features) -> None:
    person, number = _need_person(f, "PROG")
    aux = f.aux or "жатыр"
    _converb_stem(chain)
    chain.add("CVB")
    if f.negative:
        chain.add_word(AUX_PARTICIPLE[aux])          # оқып жатқан жоқпын
        _auxiliary(chain, "жоқ", person, number, f.formal)
    else:
        _auxiliary(chain, aux, person, number, f.formal)


def _auxiliary(chain: Chain, word: str, person: int, number: str, formal: bool) -> None:
    """A separate word that carries the person ending: жатыр-мын, емес-пін, жоқ-пын."""
    sub = Chain(word, "V", chain.record)
    _add_predicate(sub, person, number, formal)
    chain.add_word(sub.text)
    if chain.record:
        chain.steps.extend(sub.steps[1:])


def _converb_stem(chain: Chain) -> None:
    """тап -> тау-ып: a few п-final verbs take у before the converb (exceptions.yaml)."""
    if chain.lemma.lower() in exceptions().p_to_u_converb and chain.text.endswith("п"):
        chain.replace_last("п", "у", "p_to_u")


def _converb(chain: Chain, f: Features) -> None:
    if f.negative:
        chain.add("NEG")
        chain.add("CVB.NEG")     # бармай
    else:
        _converb_stem(chain)
        chain.add("CVB")


def _imperative(chain: Chain, f: Features) -> None:
    person, number = f.person or 2, f.number or "SG"
    _negate(chain, f)
    if person == 3:
        chain.add("IMP3")
        return
    if person == 2 and number == "SG" and not f.formal:
        return  # the bare stem: Бар! Оқы! Барма!
    key = (person, number, f.formal and person == 2)
    if key not in IMP_ENDINGS:
        raise ValueError(f"imperative person {person} {number} is not supported")
    chain.add(IMP_ENDINGS[key])


_BUILDERS = {"NFIN": _infinitive, "PTCP": _participle, "PRS": _present, "PST": _past, "PRF": _perfect,
             "FUT": _future, "INTEN": _intentional, "PROG": _progressive, "IMP": _imperative, "CVB": _converb,
             "COND": _conditional, "DES": _desire}
