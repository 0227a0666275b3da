"""Every supported form of a lemma (forms_of, paradigm) and the reverse: analyze(form).

analyze() works by generation: it proposes lemma candidates (prefixes of the form with
stem changes undone) and keeps the (lemma, tags) pairs whose generated form matches.
So it can never accept a form the engine would not itself produce.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from .chain import Chain
from .engine import clean_lemma, inflect, is_regular_noun
from .lexicon import exceptions
from .nouns import _case_id, _possessive_id
from .tags import parse
from .phonology import VOWELS

if TYPE_CHECKING:
    import pandas as pd

CASES = ("NOM", "GEN", "DAT", "ACC", "LOC", "ABL", "INS")
POSSESSORS = ("", "PSS1S", "PSS1P", "PSS2S", "PSS2S;LSSPEC2", "PSS2P", "PSS2P;LSSPEC2", "PSS3")
PERSONS = ("1;SG", "2;SG", "2;SG;LSSPEC2", "3;SG", "1;PL", "2;PL", "2;PL;LSSPEC2")
VERB_TENSES = ("PRS", "PST", "PRF", "FUT", "INTEN", "PROG", "COND", "DES")


def _join(*parts: str) -> str:
    return ";".join(p for p in parts if p)


def noun_bundles() -> list[str]:
    """All noun bundles: number x possessive x case, plus the predicate persons (no question forms)."""
    out = [_join("N", case, number, pss) for number in ("SG", "PL") for pss in POSSESSORS for case in CASES]
    out += [_join("N", "PRED", p) for p in PERSONS if not p.startswith("3")]
    return out


def verb_bundles() -> list[str]:
    out = []
    for neg in ("", "NEG"):
        out.append(_join("V", "NFIN", neg))
        out += [_join("V", tense, p, neg) for tense in VERB_TENSES for p in PERSONS]
        out += [_join("V", "IMP", p, neg) for p in PERSONS]
        out += [_join("V", "PTCP", kind, neg) for kind in ("PST", "PRS", "FUT")]
        out.append(_join("V", "CVB", neg))
    return out


_BUNDLES = {"N": tuple(noun_bundles()), "V": tuple(verb_bundles())}


def _pos(pos: str) -> str:
    p = (pos or "").strip().upper()
    if p not in _BUNDLES:
        raise ValueError(f"part of speech must be 'N' (noun) or 'V' (verb), got {pos!r}")
    return p


@lru_cache(maxsize=8192)
def _forms(lemma: str, pos: str) -> tuple[tuple[str, str], ...]:
    if pos == "N" and is_regular_noun(lemma):
        return _regular_noun_forms(lemma)
    return tuple((tags, inflect(lemma, tags)) for tags in _BUNDLES[pos])


def _regular_noun_forms(lemma: str) -> tuple[tuple[str, str], ...]:
    """Same result as inflect() for each bundle, but each number+possessive prefix is built
    once and shared by its seven cases (the paradigm benchmark needs this)."""
    out = []
    for plural, pss_id, cases in _NOUN_PLAN:
        prefix = Chain(lemma, "N", record=False)
        if plural:
            prefix.add("PL")
        if pss_id:
            prefix.add(pss_id)
        for tags, cid in cases:
            out.append((tags, prefix.copy().add(cid).text if cid else prefix.text))
    out += [(tags, inflect(lemma, tags)) for tags in _BUNDLES["N"][len(out):]]
    return tuple(out)


def _noun_plan() -> list:
    """(plural?, possessive suffix id, [(tags, case suffix id)]) in noun_bundles() order."""
    plan = []
    for number in ("SG", "PL"):
        for pss in POSSESSORS:
            pss_id = _possessive_id(parse(_join("N", pss)).possessor, "LSSPEC2" in pss) if pss else None
            cases = [(_join("N", case, number, pss), _case_id(case, pss_id)) for case in CASES]
            plan.append((number == "PL", pss_id, cases))
    return plan


_NOUN_PLAN = _noun_plan()


def forms_of(lemma: str, pos: str = "N") -> dict[str, str]:
    """Tag bundle -> form for every bundle the engine supports (question forms excluded)."""
    return dict(_forms(clean_lemma(lemma), _pos(pos)))


def _normalize(form: str) -> str:
    return " ".join(form.strip().lower().split())


_UNDO_VOICING = {"б": "п", "г": "к", "ғ": "қ"}


def _candidates(form: str) -> set[str]:
    """Lemma candidates hidden in ``form``: prefixes, with voicing/vowel loss/ь/у-stem undone."""
    word = form.split(" ")[0]
    out: set[str] = set()
    for i in range(1, len(word) + 1):
        p = word[:i]
        out.add(p)
        if p[-1] in _UNDO_VOICING:
            out.add(p[:-1] + _UNDO_VOICING[p[-1]])
        if p[-1] not in VOWELS:
            out.add(p + "ь")
            if len(p) > 1 and (p[-2] not in VOWELS or p[-2] == "у"):   # орн- -> орын, даус- -> дауыс
                out.update({p[:-1] + "ы" + p[-1], p[:-1] + "і" + p[-1]})   # орн- -> орын
            if p[-1] in "слм":
                out.add(p + p[-1])                                          # процес- -> процесс
            if p[-1] == "з":
                out.add(p + "д")                                            # съез- -> съезд
        if p.endswith(("и", "я", "ю")):
            out.update({p[:-1] + "ы", p[:-1] + "і", p[:-1] + "й", p[:-1] + "и"})  # оқи- -> оқы, қоя- -> қой
        if p.endswith("у"):
            out.update({p[:-1] + "ы", p[:-1] + "і", p[:-1] + "п"})          # оқу -> оқы, тауып -> тап
    return {c for c in out if c and any(ch in VOWELS for ch in c)}


def analyze(form: str, lemmas: str | Iterable[str] | None = None, pos: str | None = None) -> list[tuple[str, str]]:
    """(lemma, tags) pairs that generate ``form``.

    ``lemmas``: one lemma or a list to restrict the search (fast, used by answer checking);
    None: candidates are guessed from the form itself.  ``pos``: "N", "V" or None for both.
    """
    target = _normalize(form)
    if not target:
        return []
    if isinstance(lemmas, str):
        pool = [lemmas]
    elif lemmas is None:
        pool = sorted(_candidates(target))
    else:
        pool = list(lemmas)
    kinds = [_pos(pos)] if pos else ["N", "V"]
    found = []
    for lemma in pool:
        try:
            word = clean_lemma(lemma).lower()
        except ValueError:
            continue
        for kind in kinds:
            found += [(word, tags) for tags, f in _forms(word, kind) if f.lower() == target]
    return found if lemmas is not None else _rank(found, target)


def _rank(found: list[tuple[str, str]], target: str) -> list[tuple[str, str]]:
    """Guessed lemmas: drop the trivial 'the form is its own lemma' reading when a real
    analysis exists, put lemmas listed in exceptions.yaml first (дауыс for даусы, not даус)
    and unlikely lemmas (ending in б/г/ғ after a vowel) last."""
    real = [a for a in found if a[0] != target] or found
    ex = exceptions()
    listed = ex.vowel_drop_nouns | ex.vowel_drop_verbs | ex.p_to_u_converb

    def unlikely(lemma: str) -> bool:
        return len(lemma) > 1 and lemma[-1] in "бгғ" and lemma[-2] in VOWELS

    return sorted(real, key=lambda a: (a[0] not in listed, unlikely(a[0]), len(a[0]), a[1]))


def paradigm(lemma: str, pos: str) -> pd.DataFrame:
    """A lesson table. Nouns: rows = cases, columns = SG, PL and the possessed forms (singular noun).
    Verbs: rows = tenses (and their negatives), columns = persons."""
    import pandas as pd  # only tables need pandas; answer checking and grading kernels skip it

    p = _pos(pos)
    forms = forms_of(lemma, p)
    if p == "N":
        columns = {"SG": "SG", "PL": "PL", **{pss: pss for pss in POSSESSORS if pss}}
        data = {col: [forms[_join("N", case, "SG" if col != "PL" else "PL", "" if col in ("SG", "PL") else col)]
                      for case in CASES] for col in columns}
        return pd.DataFrame(data, index=pd.Index(CASES, name="case"))
    rows = {}
    for neg in ("", "NEG"):
        for tense in VERB_TENSES + ("IMP",):
            rows[_join(tense, neg)] = [forms[_join("V", tense, person, neg)] for person in PERSONS]
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(PERSONS)).rename_axis("tense")
