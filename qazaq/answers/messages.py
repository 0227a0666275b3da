"""Hint messages in the learner's language (assets/answers/messages.yaml)."""
from __future__ import annotations

from functools import lru_cache

import yaml

from qazaq.answers.diagnose import Finding
from qazaq.shared import ASSETS

LANGS = ("en", "ru", "tr")


@lru_cache(maxsize=1)
def catalog() -> dict:
    with open(ASSETS / "answers" / "messages.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _grammar(ids: str, texts: dict) -> str:
    return " + ".join(texts["grammar"].get(g, g) for g in ids.split("+"))


def _template_key(f: Finding) -> str:
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
