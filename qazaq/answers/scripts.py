"""Answers typed in Latin or Arabic script, read as Cyrillic through qazaq.script."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

try:  # qazaq.script (issue 3) may not be installed in a partial checkout
    from qazaq import script as _script
except ImportError:  # pragma: no cover - exercised only without qazaq.script
    _script = None


def _fallback_detect(text: str) -> str | None:
    if any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc" for ch in text):
        return "arab"
    if any(ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN") for ch in text):
        return "latn"
    return None


# In a word typed in Latin, the schwa and barred o are how some layouts write ä and ö.
LATIN_LOOKALIKES = str.maketrans({"ə": "ä", "Ə": "Ä", "ǝ": "ä", "Ǝ": "Ä", "ɵ": "ö", "Ɵ": "Ö"})


@lru_cache(maxsize=16384)
def to_cyrillic(text: str) -> tuple[str, str] | None:
    """(script typed, the text in Cyrillic) for a Latin or Arabic answer, else None.

    Without a converter the text comes back unchanged, so the answer is still
    marked as typed in another script (and judged wrong) rather than crashing.
    """
    source = _fallback_detect(text)
    if source == "latn":
        text = text.translate(LATIN_LOOKALIKES)
    if source is None:
        return None
    if _script is None:
        return source, text
    source = _script.detect(text)
    if source == "cyrl":
        return None
    try:
        return source, _script.convert(text, "cyrl", source=source)
    except Exception:  # noqa: BLE001 - a converter bug must not become the learner's traceback
        return source, text
