"""Parse UniMorph-style tag bundles (``N;DAT;PL;PSS1S``) into features, in any order.

Tags beyond UniMorph are project extensions, documented in docs/morphology.md:
PRED (nominal predicate), Q (question particle), INTEN (-мақ future), PROG plus an
auxiliary JATYR/OTYR/TUR/JUR (present continuous), PRF (-ған + person), DES (-ғым келеді).
COND (conditional -са) is UniMorph.  DES may combine with PST (барғым келді).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

CASES = {"NOM", "GEN", "DAT", "ACC", "LOC", "ABL", "INS"}
POSSESSIVES = {"PSS1S": (1, "SG"), "PSS1P": (1, "PL"), "PSS2S": (2, "SG"), "PSS2P": (2, "PL"),
               "PSS3S": (3, "SG"), "PSS3P": (3, "PL"), "PSS3": (3, "SG")}
TENSES = {"PRS", "PST", "FUT", "INTEN", "PROG", "PRF", "IMP", "NFIN", "PTCP", "CVB", "COND", "DES"}
AUXILIARIES = {"JATYR": "жатыр", "OTYR": "отыр", "TUR": "тұр", "JUR": "жүр"}
ALIASES = {"INST": "INS", "V.PTCP": "PTCP", "V.CVB": "CVB", "FORM": "LSSPEC2", "INFM": "LSSPEC1"}
KNOWN = ({"N", "V", "SG", "PL", "1", "2", "3", "LSSPEC1", "LSSPEC2", "NEG", "POS", "Q", "PRED"}
         | CASES | set(POSSESSIVES) | TENSES | set(AUXILIARIES))


@dataclass(frozen=True)
class Features:
    pos: str
    number: str | None = None        # noun number; for verbs/PRED: subject number
    case: str | None = None
    possessor: tuple[int, str] | None = None
    formal: bool = False             # LSSPEC2
    person: int | None = None
    tense: str | None = None         # verbs: PRS PST FUT INTEN PROG PRF IMP NFIN PTCP CVB
    participle: str | None = None    # with PTCP: PST / PRS / FUT; with DES: PRS / PST
    negative: bool = False
    question: bool = False
    predicate: bool = False
    aux: str | None = None


def _fail(tag: str, tags: str, why: str = "unknown tag") -> ValueError:
    return ValueError(f"{why} {tag!r} in {tags!r}. Known tags: {', '.join(sorted(KNOWN))}.")


def _set_once(found: dict, key: str, value, tag: str, tags: str) -> None:
    if key in found and found[key] != value:
        raise ValueError(f"conflicting tags in {tags!r}: {found[key]!r} and {tag!r}")
    found[key] = value


@lru_cache(maxsize=4096)
def parse(tags: str) -> Features:
    """Features of a bundle; ValueError naming the tag for unknown or conflicting tags."""
    if not isinstance(tags, str) or not tags.strip():
        raise ValueError(f"empty tag bundle {tags!r}; expected e.g. 'N;DAT;SG' or 'V;PRS;1;SG'")
    parts = [ALIASES.get(p.strip().upper(), p.strip().upper()) for p in tags.split(";") if p.strip()]
    found: dict = {}
    numbers = []
    for tag in parts:
        if tag not in KNOWN:
            raise _fail(tag, tags)
        if tag in ("N", "V"):
            _set_once(found, "pos", tag, tag, tags)
        elif tag in CASES:
            _set_once(found, "case", tag, tag, tags)
        elif tag in POSSESSIVES:
            _set_once(found, "possessor", POSSESSIVES[tag], tag, tags)
        elif tag in ("SG", "PL"):
            numbers.append(tag)
        elif tag in ("1", "2", "3"):
            _set_once(found, "person", int(tag), tag, tags)
        elif tag == "LSSPEC2":
            found["formal"] = True
        elif tag == "NEG":
            found["negative"] = True
        elif tag == "Q":
            found["question"] = True
        elif tag == "PRED":
            found["predicate"] = True
        elif tag in AUXILIARIES:
            _set_once(found, "aux", AUXILIARIES[tag], tag, tags)
        elif tag in TENSES:
            _tense(found, tag, tags)
    if "pos" not in found:
        raise ValueError(f"tag bundle {tags!r} needs a part of speech: N or V")
    if len(set(numbers)) > 1:
        raise ValueError(f"conflicting tags in {tags!r}: SG and PL")
    if numbers:
        found["number"] = numbers[0]
    return Features(**found)


def _tense(found: dict, tag: str, tags: str) -> None:
    """PTCP may combine with PST/PRS/FUT (V;PTCP;PST), DES with PRS/PST; other tenses exclude each other."""
    if tag == "DES" or (found.get("tense") == "DES" and tag in ("PST", "PRS")):
        if tag != "DES":
            found["participle"] = tag      # the tense of келу after the wish
            return
        prior = found.get("tense")
        if prior in ("PST", "PRS"):
            found["participle"] = prior
        elif prior is not None:
            raise ValueError(f"conflicting tags in {tags!r}: {prior!r} and 'DES'")
        found["tense"] = "DES"
        return
    if tag == "PTCP" or (found.get("tense") == "PTCP" and tag in ("PST", "PRS", "FUT")):
        if tag != "PTCP":
            found["participle"] = tag
            return
        prior = found.get("tense")
        if prior in ("PST", "PRS", "FUT"):
            found["participle"] = prior
        elif prior is not None:
            raise ValueError(f"conflicting tags in {tags!r}: {prior!r} and 'PTCP'")
        found["tense"] = "PTCP"
        return
    _set_once(found, "tense", tag, tag, tags)
