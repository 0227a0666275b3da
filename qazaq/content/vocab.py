"""The A1-A2 vocabulary: CSV files under ``assets/vocabulary/`` loaded as one DataFrame.

Stored columns are the schema in ``assets/vocabulary/README.md``; ``latn``, ``arab`` and
``ipa`` are derived on load so that they can never drift from the Cyrillic headword.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from qazaq.pronunciation import ipa
from qazaq.script import convert
from qazaq.shared import ASSETS

VOCAB_DIR = ASSETS / "vocabulary"
COLUMNS = ["id", "kk", "pos", "en", "ru", "tr", "level", "topic", "lesson", "load", "example_kk", "example_en", "example_ru", "example_tr"]
POS = {"noun", "verb", "adj", "adv", "pron", "num", "post", "conj", "particle", "interj", "phrase"}
LEVELS = {"A1", "A2"}
LOADS = ("active", "passive")  # active: drilled and reviewed; passive: browser and readings only
DATA_FILES = ("a1.csv", "a2.csv")  # topics.csv lives beside them but is not vocabulary


class VocabularyError(ValueError):
    """A vocabulary file breaks the schema; the message names the file and the rows."""


def _read(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != COLUMNS:
        raise VocabularyError(f"{path.name}: header must be {','.join(COLUMNS)}, got {','.join(frame.columns)}")
    empty = frame[(frame[COLUMNS].apply(lambda col: col.str.strip()) == "").any(axis=1)]
    if len(empty):
        raise VocabularyError(f"{path.name}: empty cells in rows {', '.join(empty['id'].head(10))}")
    bad_pos = frame[~frame["pos"].isin(POS)]
    if len(bad_pos):
        raise VocabularyError(f"{path.name}: unknown pos in rows {', '.join(bad_pos['id'].head(10))}")
    bad_load = frame[~frame["load"].isin(LOADS)]
    if len(bad_load):
        raise VocabularyError(f"{path.name}: load must be active or passive in rows {', '.join(bad_load['id'].head(10))}")
    frame["source"] = path.name
    return frame


def verb_stem(kk: str) -> str:
    """The stem of a dictionary-form verb (бару -> бар, сөйлеу -> сөйле, кию -> ки).

    Ambiguous -у after a consonant (оқу: оқ- or оқы-?) is resolved by the morphology
    engine or the apertium lexicon when available; see ``verb_stem_candidates``.
    """
    candidates = verb_stem_candidates(kk)
    return candidates[0] if candidates else kk


def verb_stem_candidates(kk: str) -> list[str]:
    """Possible stems of an -у/-ю infinitive, most likely first (for lookup in a lexicon)."""
    word = kk.split()[-1] if kk else kk
    prefix = kk[: len(kk) - len(word)]
    if word.endswith("ю"):  # кию, сүю: the stem ends in и / ү+й
        return [prefix + word[:-1], prefix + word[:-1] + "й"]
    if not word.endswith("у") or len(word) < 2:
        return []
    base = word[:-1]
    if base[-1] in "аәеоөұүуыіэ":  # сөйле-у, жаса-у, жу-у
        return [prefix + base]
    front = any(ch in "әеөүі" for ch in base)
    # Stems never end in б/г/ғ: табу, шығу, кешігу are тап-, шық-, кешік- voiced before -у.
    devoiced = {"б": "п", "г": "к", "ғ": "қ"}.get(base[-1])
    if devoiced:
        return [prefix + base[:-1] + devoiced]
    # оқы-у -> оқу: a stem-final ы/і merges into the -у, so both readings are possible
    return [prefix + base, prefix + base + ("і" if front else "ы")]


@lru_cache(maxsize=4)
def _load(folder: str) -> pd.DataFrame:
    paths = [Path(folder) / name for name in DATA_FILES if (Path(folder) / name).exists()]
    if not paths:
        raise VocabularyError(f"No vocabulary files ({', '.join(DATA_FILES)}) in {folder}")
    frame = pd.concat([_read(p) for p in paths], ignore_index=True)
    frame["lesson"] = pd.to_numeric(frame["lesson"], errors="raise").astype(int)
    return frame


def vocabulary(folder: str | Path | None = None, *, derived: bool = True) -> pd.DataFrame:
    """All vocabulary entries, one row each; with ``derived`` also ``latn``, ``arab``, ``ipa``."""
    frame = _load(str(folder or VOCAB_DIR)).copy()
    if derived:
        frame["latn"] = frame["kk"].map(lambda s: convert(s, "latn"))
        frame["arab"] = frame["kk"].map(lambda s: convert(s, "arab"))
        frame["ipa"] = frame["kk"].map(ipa)
    return frame


@lru_cache(maxsize=1)
def passive_ids() -> frozenset[str]:
    """Ids of the passive entries: shown for recognition, never drilled or scheduled for review."""
    frame = _load(str(VOCAB_DIR))
    return frozenset(frame.loc[frame["load"] == "passive", "id"])
