"""The interface languages, discovered from their string files: a language is data, not code.

Every ``assets/i18n/<code>.yaml`` is one language. Besides its strings (flat ``key: text``) it
carries one metadata entry::

    _language:
      name: Deutsch      # in the language itself: a learner must find theirs without reading ours
      dir: ltr           # or rtl (Persian, Arabic...): the interface mirrors

A file without it still works (its code as name, left to right). English is the reference
language: every other language falls back to it, string by string (qazaq.i18n).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from qazaq.shared import ASSETS

I18N_DIR = ASSETS / "i18n"
ENGLISH = "en"
META_KEY = "_language"
_CODE = re.compile(r"[a-z]{2,3}")


class Local(str):
    """A text written in several interface languages. As a ``str`` it is the English text (what
    teachers' tables, logs and gradebooks show); ``in_(lang)`` is the learner's version, English
    when that language is missing. Built from a str (English only) or a mapping {en, ru, tr, …}."""

    texts: dict[str, str]

    def __new__(cls, value: object) -> "Local":
        if isinstance(value, Local):
            return value
        if isinstance(value, dict):
            texts = {str(k): str(v).strip() for k, v in value.items() if v is not None and str(v).strip()}
        else:
            texts = {ENGLISH: str(value).strip()}
        english = texts.get(ENGLISH) or next(iter(texts.values()), "")
        obj = super().__new__(cls, english)
        obj.texts = texts
        return obj

    def in_(self, lang: str) -> str:
        return self.texts.get(lang) or str(self)

    def source(self) -> object:
        """What a generated notebook writes: the plain English str, or the mapping of all languages."""
        return str(self) if set(self.texts) <= {ENGLISH} else dict(self.texts)


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    direction: str = "ltr"  # "ltr" or "rtl"
    strings: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


def _read(path: Path) -> Language | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None  # a broken file is one missing language, not a broken course
    if not isinstance(data, dict):
        return None
    meta = data.pop(META_KEY, None)
    meta = meta if isinstance(meta, dict) else {}
    direction = "rtl" if str(meta.get("dir", "")).lower() == "rtl" else "ltr"
    strings = {str(k): str(v) for k, v in data.items() if v is not None}
    return Language(path.stem, str(meta.get("name") or path.stem), direction, strings)


@lru_cache(maxsize=None)
def _discover(folder: Path) -> dict[str, Language]:
    found = {}
    for path in sorted(folder.glob("*.yaml")):
        if _CODE.fullmatch(path.stem):
            language = _read(path)
            if language is not None:
                found[language.code] = language
    # English first (the reference), then the others by code: a stable menu.
    return dict(sorted(found.items(), key=lambda item: (item[0] != ENGLISH, item[0])))


def available(folder: Path | None = None) -> dict[str, Language]:
    """Every language with a string file, English first."""
    return _discover(folder or I18N_DIR)


def codes() -> tuple[str, ...]:
    return tuple(available())


def language(code: str) -> Language | None:
    return available().get(code)


def direction(code: str) -> str:
    """ "rtl" or "ltr" (an unknown language reads left to right, like its English fallback)."""
    found = language(code)
    return found.direction if found else "ltr"


def best_match(preferred: str | Iterable[str] | None, default: str = ENGLISH) -> str:
    """The first available language among the browser's preferences, else ``default``.

    ``preferred`` is an ``Accept-Language`` header (``"ru-RU,ru;q=0.9,en;q=0.8"``, q-values
    honoured) or a list such as ``navigator.languages`` (``["fa-IR", "en"]``, in order).
    """
    if not preferred:
        return default
    if isinstance(preferred, str):
        ranked = []
        for order, part in enumerate(preferred.split(",")):
            tag, _, params = part.strip().partition(";")
            weight = 1.0
            match = re.search(r"q\s*=\s*([0-9.]+)", params)
            if match:
                try:
                    weight = float(match.group(1))
                except ValueError:
                    weight = 0.0
            if tag and weight > 0:
                ranked.append((-weight, order, tag))
        tags = [tag for _w, _o, tag in sorted(ranked)]
    else:
        tags = [str(tag) for tag in preferred]
    known = available()
    for tag in tags:
        primary = tag.strip().lower().replace("_", "-").split("-")[0]
        if primary in known:
            return primary
    return default
