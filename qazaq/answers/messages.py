"""Hint messages in the learner's language (assets/answers/messages.yaml)."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from qazaq.answers.diagnose import Finding
from qazaq.morphology.tags import Features, parse
from qazaq.script import convert
from qazaq.shared import ASSETS

LANGS = ("en", "ru", "tr")
_QUOTED = re.compile(r"«([^«»{}]+)»")  # Kazakh written into a template, e.g. «кітап» → «кітабы»
_BACK, _FRONT = "аоұыя", "әөүіеэ"


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
    if f.code == "typo" and f.extra == "double":
        return "typo/double"
    if f.code == "wrong-form":
        if f.extra == "plural-after-number":
            return "wrong-form/plural-after-number"
        found, _, wanted = f.extra.partition(">")
        if found == "-":
            return "wrong-form/missing"
        if wanted == "-":
            return "wrong-form/extra"
    return f.code


def _in_script(text: str, script: str) -> str:
    if script == "cyrl" or not text:
        return text
    return convert(text, script, source="cyrl")


def _harmony(f: Finding, texts: dict) -> dict[str, str]:
    """The stem before an ending, its last vowel and that vowel's class, for the harmony hint."""
    stem = f.word[:max(f.pos - 1, 0)]
    vowel = next((ch for ch in reversed(stem) if ch in _BACK + _FRONT), "")
    return {"stem": stem, "vowel": vowel, "harmony": texts["harmony"]["back" if vowel in _BACK else "front"]}


@lru_cache(maxsize=65536)
def message(f: Finding, lang: str = "en", script: str = "cyrl") -> str:
    """The finding in words, naming the word, the position and the letters.

    ``script``: the learner's script; every Kazakh word of the hint is written in it.
    """
    texts = catalog()[lang if lang in LANGS else "en"]
    kk = lambda text: _in_script(text, script)  # noqa: E731
    if f.extra.startswith("engine|"):
        _, lemma, got, want = f.extra.split("|")
        found_gram, wanted_gram = _difference(got, want, texts)
        return texts["wrong-form/engine"].format(word=kk(f.word), pos=f.pos, found=kk(f.found), lemma=kk(lemma),
                                                 found_gram=found_gram, wanted_gram=wanted_gram)
    found_gram, _, wanted_gram = f.extra.partition(">")
    if f.code in ("vowel-harmony", "consonant-assimilation"):
        wanted_gram = f.extra  # the ending was right, only its variant was not
    none = texts["none"]
    template = texts[_template_key(f)]
    if script != "cyrl":
        template = _QUOTED.sub(lambda m: f"«{kk(m.group(1))}»", template)
    harmony = _harmony(f, texts) if f.code == "vowel-harmony" else {}
    if harmony:
        harmony["stem"], harmony["vowel"] = kk(harmony["stem"]), kk(harmony["vowel"])
    found = f.found if f.code == "other-script" and script == "cyrl" else kk(f.found)
    return template.format(
        word=kk(f.word), pos=f.pos, found=found or none, wanted=kk(f.wanted) or none,
        prev=kk(f.word[f.pos - 2]) if f.pos > 1 else "",
        found_gram=_grammar(found_gram, texts) if found_gram and f.code != "typo" else "",
        wanted_gram=_grammar(wanted_gram, texts) if wanted_gram and f.code != "typo" else "",
        script=texts["script"].get(f.extra, f.extra), **harmony,
    )


def grammar_words(tags: str, lang: str = "en") -> str:
    """A UniMorph bundle in words for learners: "N;DAT;SG" -> "dative" (defaults left out)."""
    texts = catalog()[lang if lang in LANGS else "en"]
    defaults = {"number": "SG", "case": "NOM", "possessor": "none", "formal": "False", "negative": "False",
                "tense": "NFIN"}
    try:
        features = _features(tags)
    except Exception:  # an unknown tag must not break an exercise: say nothing rather than raw tags
        return ""
    names = texts["features"]
    said = [names.get(f"{k}.{v}", "") for k, v in features.items() if k != "pos" and defaults.get(k) != v]
    return ", ".join(x for x in said if x) or names.get(f"case.{features.get('case', 'NOM')}", "")
