"""Answers typed in Latin or Arabic script, read as Cyrillic through qazaq.script."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from qazaq import script


def _other_script(text: str) -> str | None:
    """A quick look for Arabic or Latin letters: most answers are Cyrillic and need no detection."""
    if any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc" for ch in text):
        return "arab"
    if any(ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN") for ch in text):
        return "latn"
    return None


# In a word typed in Latin, the schwa and barred o are how some layouts write ä and ö.
LATIN_LOOKALIKES = str.maketrans({"ə": "ä", "Ə": "Ä", "ǝ": "ä", "Ǝ": "Ä", "ɵ": "ö", "Ɵ": "Ö"})


@lru_cache(maxsize=16384)
def to_cyrillic(text: str) -> tuple[str, str] | None:
    """(script typed, the text in Cyrillic) for a Latin or Arabic answer, else None."""
    quick = _other_script(text)
    if quick is None:
        return None
    if quick == "latn":
        text = text.translate(LATIN_LOOKALIKES)
    source = script.detect(text)
    if source == "cyrl":
        return None
    try:
        return source, script.convert(text, "cyrl", source=source)
    except Exception:  # noqa: BLE001 - a converter bug must not become the learner's traceback
        return source, text
