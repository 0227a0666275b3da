"""The morphology engine's second opinion: is a wrong word a form of the right word?

The ending table (endings.py) reads letters; it cannot see кітабым as a form of кітап
(the stem changed), маған as a form of мен, or барсам as a form of бар (-са is a verb
ending it does not list).  Here a word is read as lemma + endings, each reading is turned
into a UniMorph bundle and kept only if ``qazaq.morphology.inflect`` generates exactly
that word.  So the engine, not the table, decides "wrong form of the right word", and
its tags name the grammar.  A handful of ``inflect`` calls per word; qazaq.answers calls
it only for words the table calls wrong-word or reads doubtfully (benchmarks/bench_answers.py).
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import product
from typing import NamedTuple

from qazaq import morphology
from qazaq.answers import endings as E
from qazaq.answers.diagnose import common_prefix

MAX_BUNDLES = 12  # readings tried per split of a word
MAX_TAIL = 12     # letters of endings read after a stem
VERBAL = frozenset({"NEG", "PST", "PRS", "COND", "PRF", "FUT", "INTEN", "CVB", "NFIN", "PTCP", "IMP"})
# Ending id -> alternative tag strings it can stand for ("|" separates alternatives).
TAGS = {
    "pl": "PL", "poss.1sg": "PSS1S", "poss.2sg": "PSS2S", "poss.2sg.formal": "PSS2S;LSSPEC2|IMP;2;SG;LSSPEC2",
    "poss.3": "PSS3", "poss.1pl": "PSS1P", "gen": "GEN", "acc": "ACC", "dat": "DAT", "loc": "LOC",
    "abl": "ABL", "ins": "INS", "neg": "NEG", "past": "PST", "pres": "PRS", "pers.1sg": "1;SG",
    "pers.2sg": "2;SG", "pers.2sg.formal": "2;SG;LSSPEC2", "pers.1pl": "1;PL", "pers.3": "3;SG",
    "pers.2pl": "2;PL", "pers.2pl.formal": "2;PL;LSSPEC2", "cond": "COND", "ptcp.past": "PRF|PTCP;PST",
    "fut": "FUT|PTCP;FUT", "fut.neg": "FUT;NEG", "inten": "INTEN", "cvb": "CVB", "cvb.neg": "CVB;NEG",
    "inf": "NFIN", "ptcp.prs": "PTCP;PRS", "imp.1sg": "IMP;1;SG", "imp.1pl": "IMP;1;PL", "imp.3": "IMP;3;SG",
}
NEEDS_PERSON = frozenset({"PRS", "PST", "PRF", "FUT", "INTEN", "COND"})


class Reading(NamedTuple):
    lemma: str
    tags: str  # the bundle as built here (N;DAT, V;PST;1;SG ...)


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """Typed ending -> ending ids, from both the diagnosis table and the verb endings."""
    index: dict[str, list[str]] = {}
    table = E.table()
    for section in ("endings", "engine_endings"):
        for gram, forms in (table.get(section) or {}).items():
            for form in forms:
                index.setdefault(form, []).append(gram)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=4096)
def _splits(tail: str) -> tuple[tuple[str, ...], ...]:
    """Every way to cut ``tail`` into known endings (ids), left to right."""
    if not tail:
        return ((),)
    out = []
    for cut in range(1, min(len(tail), 7) + 1):
        for gram in _index().get(tail[:cut], ()):
            out.extend((gram,) + rest for rest in _splits(tail[cut:]) if len(rest) < 4)
    return tuple(out)


def _bundle(tags: list[str]) -> str:
    """A complete bundle from the tags of the endings (part of speech, person defaults)."""
    flat = [t for part in tags for t in part.split(";")]
    verbal = any(t in VERBAL for t in flat)
    person = any(t in ("1", "2", "3") for t in flat)
    if verbal:
        if not any(t in NEEDS_PERSON or t in ("IMP", "CVB", "NFIN", "PTCP") for t in flat):
            flat.append("IMP")  # bare stem + NEG: барма
        if any(t in NEEDS_PERSON for t in flat) and not person and "PTCP" not in flat:
            flat += ["3", "SG"]
        if "IMP" in flat and not person:
            flat += ["2", "SG"]
        return ";".join(["V"] + flat)
    return ";".join(["N"] + (["PRED"] if person else []) + flat)


@lru_cache(maxsize=4096)
def _bundles(grams: tuple[str, ...]) -> tuple[str, ...]:
    if not grams:
        return ("N;NOM;SG", "V;IMP;2;SG")
    options = [TAGS.get(g, "").split("|") for g in grams]
    if any(o == [""] for o in options):
        return ()
    return tuple(_bundle(list(combo)) for combo in product(*options))[:MAX_BUNDLES]


def _generates(lemma: str, tags: str, word: str) -> bool:
    try:
        return morphology.inflect(lemma, tags) == word
    except ValueError:
        return False  # a reading the engine refuses (conflicting tags, PRED on a verb ...)


def _stems(prefix: str, tail: str = "") -> list[str]:
    """Lemmas whose stem may be written ``prefix``: кітаб -> кітап, орн -> орын, оқ|иды -> оқы."""
    out = [prefix]
    if tail[:1] in ("и", "у"):
        out += [prefix + "ы", prefix + "і"]  # оқы + й/у is written оқи-, оқу
    undo = {"б": "п", "г": "к", "ғ": "қ"}
    if prefix[-1:] in undo:
        out.append(prefix[:-1] + undo[prefix[-1]])
    if len(prefix) > 2 and prefix[-1] not in E.VOWELS and (prefix[-2] not in E.VOWELS or prefix[-2] == "у"):
        out += [prefix[:-1] + v + prefix[-1] for v in "ыі"]
    return out


def readings_of(word: str, max_stem: int, min_stem: int = 2, also: str = "") -> Iterator[Reading]:
    """Lemma + bundle readings of ``word`` with a stem of max_stem..min_stem letters, lazily:
    every stem that works (барамын: a noun барам + ын, and бар + амын).  ``also``: only
    lemmas that could also have this form (saves generating readings that cannot match)."""
    for k in range(min(len(word), max_stem), min_stem - 1, -1):
        tail = word[k:]
        if len(tail) > MAX_TAIL:
            break
        for grams in _splits(tail):
            for tags in _bundles(grams):
                for lemma in _stems(word[:k], tail):
                    if also and not could_be_form(also, lemma):
                        continue
                    if any(ch in E.VOWELS for ch in lemma) and _generates(lemma, tags, word):
                        yield Reading(lemma, tags)


def could_be_form(word: str, lemma: str) -> bool:
    """Cheap necessary test before generating: a form starts with its lemma, except for the
    stem changes at the lemma's end (кітаб-, орн-, оқи-, қоя-, процес-, съез-)."""
    if word.startswith(lemma):
        return True
    if len(lemma) < 2 or not word.startswith(lemma[:-2]):
        return False
    return (word.startswith(lemma[:-1]) and lemma[-1] in "пкқыійьсдлм") or lemma[-2] in "ыі"


@lru_cache(maxsize=8192)
def tags_for(word: str, lemma: str, pos: str = "") -> str | None:
    """The bundle (of part of speech ``pos``, "" for any) for which the engine generates
    ``word`` from ``lemma``; None if there is none (бар: the verb's барыңыз, not the noun's)."""
    pronoun = _pronoun_forms().get(word)
    if pronoun and pronoun.lemma == lemma:
        return pronoun.tags
    for k in range(len(lemma), max(0, len(lemma) - 3), -1):  # the lemma intact first
        for grams in _splits(word[k:]) if len(word) - k <= MAX_TAIL else ():
            for tags in _bundles(grams):
                if tags.startswith(pos) and _generates(lemma, tags, word):
                    return tags
    return None


@lru_cache(maxsize=1)
def _pronoun_forms() -> dict[str, Reading]:
    """Case forms of the suppletive pronouns (маған, мені, оның ...): read like a table."""
    out: dict[str, Reading] = {}
    for lemma in morphology.irregular_lemmas():
        for case in ("NOM", "GEN", "DAT", "ACC", "LOC", "ABL", "INS"):
            out.setdefault(morphology.inflect(lemma, f"N;{case}"), Reading(lemma, f"N;{case}"))
    return out


def is_pronoun_form(word: str) -> bool:
    return word in _pronoun_forms()


def lemma_readings(word: str, lemma: str | None, tags: str | None, stem_limit: int,
                   also: str = "") -> Iterator[Reading]:
    """Readings of the expected word: from the answer key when they fit it, else inferred."""
    if lemma:
        if tags and _generates(lemma, tags, word):
            return iter((Reading(lemma, tags),))
        found = tags_for(word, lemma)
        if found:
            return iter((Reading(lemma, found),))
    pronoun = _pronoun_forms().get(word)
    if pronoun:
        return iter((pronoun,))
    return readings_of(word, stem_limit, also=also)


class Verdict(NamedTuple):
    """The engine's view of a wrong word: ``same`` = (response, expected) readings of one
    lemma, or None; ``known`` = whether the expected word was read at all; ``restored`` =
    1-based positions where a keyboard stand-in was read as the Kazakh letter (китабым)."""
    same: tuple[Reading, Reading] | None
    known: bool
    restored: tuple[int, ...] = ()


def restore_letters(response: str, expected: str) -> tuple[str, tuple[int, ...]]:
    """The response with keyboard stand-ins put back where the expected word has the Kazakh
    letter at the same place (китабым for кітапқа -> кітабым); pronoun forms by their plain
    spelling (маган -> маған)."""
    plain = _plain_pronouns().get(response)
    if plain:
        return plain, tuple(i + 1 for i, (a, b) in enumerate(zip(response, plain)) if a != b)
    letters = list(response)
    fixed = [i for i, (r, e) in enumerate(zip(response, expected)) if r != e and r in E.PLAIN_FOR.get(e, "")]
    for i in fixed:
        letters[i] = expected[i]
    return "".join(letters), tuple(i + 1 for i in fixed)


@lru_cache(maxsize=1)
def _plain_pronouns() -> dict[str, str]:
    """Pronoun forms as typed without Kazakh letters (маган, мени, онын) -> the real form."""
    table = str.maketrans({k: v[0] for k, v in E.PLAIN_FOR.items()})
    return {form.translate(table): form for form in _pronoun_forms() if form.translate(table) != form}


@lru_cache(maxsize=16384)
def recheck(response: str, expected: str, lemma: str | None = None, tags: str | None = None) -> Verdict:
    """Is ``response`` another form of the lemma of ``expected``?  (engine-verified; a response
    typed without Kazakh letters is read with them restored: китабым, маган)"""
    verdict = _recheck(response, expected, lemma, tags)
    if verdict.same is None:
        restored, positions = restore_letters(response, expected)
        if positions and restored != expected:
            again = _recheck(restored, expected, lemma, tags)
            if again.same:
                return again._replace(restored=positions)
    return verdict


def _recheck(response: str, expected: str, lemma: str | None, tags: str | None) -> Verdict:
    if response == expected:
        return Verdict(None, False)
    pronoun = _pronoun_forms().get(response)
    shared = common_prefix(response, expected)
    if shared < 2 and not lemma and not pronoun:
        return Verdict(None, False)  # nothing in common: a different word (алма for кітап)
    known = False
    for exp in lemma_readings(expected, lemma, tags, shared + 2, "" if pronoun else response):
        known = True
        pos = exp.tags.split(";", 1)[0]
        got = tags_for(response, exp.lemma, pos) if pronoun or could_be_form(response, exp.lemma) else None
        if got:
            return Verdict((Reading(exp.lemma, got), exp), True)
    return Verdict(None, known)


def clear() -> None:
    for fn in (tags_for, _splits, _bundles, recheck):
        fn.cache_clear()
