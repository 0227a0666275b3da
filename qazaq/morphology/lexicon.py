"""Exceptional stems, loaded from assets/morphology/exceptions.yaml (data, not code)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

EXCEPTIONS_FILE = Path(__file__).resolve().parents[2] / "assets" / "morphology" / "exceptions.yaml"


@dataclass(frozen=True)
class Exceptions:
    vowel_drop_nouns: frozenset[str] = frozenset()
    vowel_drop_verbs: frozenset[str] = frozenset()
    no_voicing_nouns: frozenset[str] = frozenset()
    no_voicing_verbs: frozenset[str] = frozenset()
    harmony: dict[str, str] = field(default_factory=dict)
    p_to_u_converb: frozenset[str] = frozenset()
    possessive_compounds: dict[str, str] = field(default_factory=dict)
    irregular: dict[str, dict[str, str]] = field(default_factory=dict)
    inherently_plural: frozenset[str] = frozenset()


def _words(section: dict | None, key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in ((section or {}).get(key) or []))


@lru_cache(maxsize=1)
def exceptions(path: str | None = None) -> Exceptions:
    """Parsed exception lists; a malformed file fails loudly with the file name."""
    source = Path(path) if path else EXCEPTIONS_FILE
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise RuntimeError(f"Cannot read morphology exceptions from {source}: {err}") from err
    harmony = {k.lower(): v for k, v in (data.get("harmony") or {}).items()}
    bad = {k: v for k, v in harmony.items() if v not in ("back", "front")}
    if bad:
        raise RuntimeError(f"{source}: harmony values must be back|front, got {bad}")
    return Exceptions(
        vowel_drop_nouns=_words(data.get("vowel_drop"), "nouns"),
        vowel_drop_verbs=_words(data.get("vowel_drop"), "verbs"),
        no_voicing_nouns=_words(data.get("no_voicing"), "nouns"),
        no_voicing_verbs=_words(data.get("no_voicing"), "verbs"),
        harmony=harmony,
        p_to_u_converb=frozenset(w.lower() for w in data.get("p_to_u_converb") or []),
        possessive_compounds={k.lower(): v.lower() for k, v in (data.get("possessive_compounds") or {}).items()},
        irregular={k.lower(): dict(v) for k, v in (data.get("irregular") or {}).items()},
        inherently_plural=frozenset(w.lower() for w in data.get("inherently_plural") or []),
    )
