"""Hint messages in the learner's language (assets/answers/messages.yaml)."""
from __future__ import annotations

from functools import lru_cache

import yaml

from qazaq.answers.diagnose import Finding
from qazaq.morphology.tags import Features, parse
from qazaq.shared import ASSETS

LANGS = ("en", "ru", "tr")


@lru_cache(maxsize=1)
def catalog() -> dict:
    with open(ASSETS / "answers" / "messages.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _grammar(ids: str, texts: dict) -> str:
    return " + ".join(texts["grammar"].get(g, g) for g in ids.split("+"))


def _features(tags: str) -> dict[str, str]:
    """The grammar of a bundle as named features (defaults spelled out: NOM, SG, affirmative)."""
    f: Features = parse(tags)
    out = {"pos": f.pos}
    if f.pos == "N" and not f.predicate:
        out |= {"number": f.number or "SG", "case": f.case or "NOM"}
    else:
        if f.tense or f.pos == "V":
            out["tense"] = f.tense or "NFIN"
        if f.person:
            out["person"] = f"{f.person}{f.number or 'SG'}"
        if f.case:
            out["case"] = f.case
    out["possessor"] = f"{f.possessor[0]}{f.possessor[1]}" if f.possessor else "none"
    out["formal"] = str(bool(f.formal and (f.person == 2 or (f.possessor or (0,))[0] == 2)))
    out["negative"] = str(f.negative)
    return out


def _difference(found: str, wanted: str, texts: dict) -> tuple[str, str]:
    """Names of the features in which two bundles differ: ("locative", "dative")."""
    a, b = _features(found), _features(wanted)
    keys = [k for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)] or list(b)
    names = texts["features"]

    def say(side: dict) -> str:
        return ", ".join(names.get(f"{k}.{side[k]}", side[k]) for k in keys if k in side) or texts["none"]

    return say(a), say(b)


def _template_key(f: Finding) -> str:
    if f.extra.startswith("engine|"):
        return "wrong-form/engine"
    if f.code == "stem-alternation":
        return f"stem-alternation/{f.extra}"
    if f.code == "wrong-form":
        if f.extra == "plural-after-number":
            return "wrong-form/plural-after-number"
        found, _, wanted = f.extra.partition(">")
        if found == "-":
            return "wrong-form/missing"
        if wanted == "-":
            return "wrong-form/extra"
    return f.code


@lru_cache(maxsize=65536)
def message(f: Finding, lang: str = "en") -> str:
    """The finding in words, naming the word, the position and the letters."""
    texts = catalog()[lang if lang in LANGS else "en"]
    if f.extra.startswith("engine|"):
        _, lemma, got, want = f.extra.split("|")
        found_gram, wanted_gram = _difference(got, want, texts)
        return texts["wrong-form/engine"].format(word=f.word, pos=f.pos, found=f.found, lemma=lemma,
                                                 found_gram=found_gram, wanted_gram=wanted_gram)
    found_gram, _, wanted_gram = f.extra.partition(">")
    if f.code in ("vowel-harmony", "consonant-assimilation"):
        wanted_gram = f.extra  # the ending was right, only its variant was not
    none = texts["none"]
    return texts[_template_key(f)].format(
        word=f.word, pos=f.pos, found=f.found or none, wanted=f.wanted or none,
        prev=f.word[f.pos - 2] if f.pos > 1 else "",
        found_gram=_grammar(found_gram, texts) if found_gram else "",
        wanted_gram=_grammar(wanted_gram, texts) if wanted_gram else "",
        script=texts["script"].get(f.extra, f.extra),
    )
