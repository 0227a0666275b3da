"""THE one helper that shows Kazakh text as HTML in the learner's script.

Every widget renders Kazakh through ``kazakh_html`` so that the script setting, HTML escaping,
the ``lang`` tag (fonts, screen readers, hyphenation) and right-to-left layout for the Arabic
script are handled in one place.
"""
from __future__ import annotations

import html
import re

from qazaq import settings
from qazaq.script import SCRIPTS, convert

__all__ = ["kazakh_html", "LANG_TAGS"]

LANG_TAGS = {"cyrl": "kk-Cyrl", "latn": "kk-Latn", "arab": "kk-Arab"}
_TAG_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


def _learner_script() -> str:
    script = settings.current().script
    return script if script in SCRIPTS else "cyrl"


def kazakh_html(text: str, script: str | None = None, *, tag: str = "span", cls: str = "kk") -> str:
    """``<tag class=cls lang=kk-...>`` around Cyrillic ``text`` converted to ``script``.

    ``script=None`` means the learner's current script (qazaq.settings).
    Arabic also gets ``dir="rtl"``. The text is HTML-escaped; ``tag`` must be a plain tag name.
    """
    script = _learner_script() if script is None else script
    if script not in SCRIPTS:
        raise ValueError(f"Unknown script {script!r}: use one of {', '.join(map(repr, SCRIPTS))}.")
    if not isinstance(tag, str) or not _TAG_RE.fullmatch(tag):
        raise ValueError(f"Not an HTML tag name: {tag!r}.")
    if not isinstance(text, str):
        raise TypeError(f"kazakh_html() needs text (str), not {type(text).__name__}.")
    shown = convert(text, script, source="cyrl")
    direction = ' dir="rtl"' if script == "arab" else ""
    return (f'<{tag} class="{html.escape(cls)}" lang="{LANG_TAGS[script]}"{direction}>'
            f"{html.escape(shown, quote=False)}</{tag}>")
