"""Interface strings in English, Russian and Turkish: ``t(key, lang=None, **fmt)``.

Strings are data in ``assets/i18n/<lang>.yaml`` (flat ``key: text`` maps). ``lang=None``
means the learner's interface language (``qazaq.settings.current().lang``). A key missing
in a language falls back to English, then to the key itself, so a lesson never crashes on
a missing translation (tests check that every key exists in every language).
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from qazaq import settings
from qazaq.shared import ASSETS

LANGS = ("en", "ru", "tr")
I18N_DIR = ASSETS / "i18n"


@lru_cache(maxsize=None)
def strings(lang: str) -> dict[str, str]:
    """All strings of one language (empty for an unknown language)."""
    path = I18N_DIR / f"{lang}.yaml"
    if lang not in LANGS or not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def t(key: str, lang: str | None = None, **fmt) -> str:
    if lang is None:
        lang = settings.current().lang
    text = strings(lang).get(key) or strings("en").get(key) or key
    if not fmt:
        return text
    try:
        return text.format(**fmt)
    except (KeyError, IndexError, ValueError):  # a translator's typo must not break a lesson
        return text
