"""Interface strings in every discovered language: ``t(key, lang=None, **fmt)``.

Strings are data in ``assets/i18n/<lang>.yaml`` (flat ``key: text`` maps plus a ``_language``
entry; the languages are discovered from the files, see qazaq.content.languages). ``lang=None``
means the learner's interface language (``qazaq.settings.current().lang``). A key missing in a
language falls back to English for that string only, then to the key itself: a lesson never
crashes on a missing translation. English is the reference: its keys are the interface keys.

    python -m qazaq.i18n missing [LANG...]   # the keys each language lacks, with counts
"""
from __future__ import annotations

import sys

from qazaq import settings
from qazaq.content import languages
from qazaq.content.languages import ENGLISH


def strings(lang: str) -> dict[str, str]:
    """All strings of one language (empty for an unknown language)."""
    found = languages.language(lang)
    return dict(found.strings) if found else {}


def t(key: str, lang: str | None = None, **fmt) -> str:
    if lang is None:
        lang = settings.current().lang
    found = languages.language(lang)
    english = languages.language(ENGLISH)
    text = (found.strings.get(key) if found else None) or (english.strings.get(key) if english else None) or key
    if not fmt:
        return text
    try:
        return text.format(**fmt)
    except (KeyError, IndexError, ValueError):  # a translator's typo must not break a lesson
        return text


def keys() -> list[str]:
    """The interface keys: those of the reference language, English."""
    return list(strings(ENGLISH))


def missing(lang: str) -> list[str]:
    """Interface keys that ``lang`` does not translate (shown in English meanwhile)."""
    have = strings(lang)
    return [key for key in keys() if not have.get(key)]


def coverage_report(langs: list[str] | None = None, *, show_keys: bool = True) -> str:
    """One line per language (translated / all, missing), then its missing keys."""
    total = len(keys())
    lines = []
    for code in langs or list(languages.codes()):
        found = languages.language(code)
        if found is None:
            lines.append(f"{code}: no such language (known: {', '.join(languages.codes())})")
            continue
        lacking = missing(code)
        lines.append(f"{code} ({found.name}, {found.direction}): {total - len(lacking)}/{total} keys, "
                     f"{len(lacking)} missing")
        if show_keys:
            lines += [f"  {key}" for key in lacking]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "missing":
        print("usage: python -m qazaq.i18n missing [LANG...]", file=sys.stderr)
        return 2
    print(coverage_report(args[1:] or None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
