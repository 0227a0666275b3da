"""The vocabulary plan of the new sequence (issue 15): which planned lesson owns each of the
entries (1,341) and whether it makes it *active* (drilled in its activities, scheduled for review)
or *passive* (in the vocabulary browser and readings, not drilled).

    python tools/plan_vocabulary.py             # the table: active / passive words per planned lesson
    python tools/plan_vocabulary.py --generate  # first cut of assets/vocabulary/plan.csv (refuses to
                                                # overwrite a plan that exists: it is edited by hand)

The first cut: an entry goes to the lesson that owns its topic (syllabus.yaml), except the few
words a grammar point needs earlier (OVERRIDES). In each lesson the ACTIVE most useful entries
are active: entries of the lesson's level first, then those the current lessons use most in
their texts, examples and exercises (the course's own core words), then the most frequent in the
subtitle frequency lists of ../shared/data/frequency (inflected forms counted), then the id.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.content.vocab import verb_stem_candidates, vocabulary  # noqa: E402
from qazaq.shared import shared_data  # noqa: E402
from qazaq.syllabus import PLAN_FILE, load_table, syllabus  # noqa: E402

ACTIVE = 30            # per lesson, within the 20-40 a 30-45 minute lesson can make active
ALPHABET_ACTIVE = 25   # the alphabet lesson teaches letters first
# Words a grammar point needs before their topic's lesson (id: planned lesson).
OVERRIDES = {
    "a1-0393": 4, "a1-0060": 4,                      # бару, келу: "I go, I come" with the present tense
    "a1-0096": 3, "a1-0097": 3, "a1-0098": 3, "a1-0099": 3, "a1-0100": 3, "a1-0690": 3, "a1-0691": 3,  # бұл, мына … : Бұл не?
    "a1-0044": 15,                                    # жас (age): Неше жастасыз?
    "a1-0628": 17, "a2-0133": 17,                     # ширек, жарты: telling the time (жарым stays with the hours)
    "a2-0503": 17,                                    # қалу: бес минут қалды
    "a1-0087": 3,                                     # емес: taught with questions
    "a1-0093": 15, "a1-0094": 15,                     # сендер, сіздер: with the 2nd person plural endings
    "a1-0051": 4, "a2-0195": 4,                       # қазақша сөйлеймін, көмектесемін: verbs of lesson 4
    "a1-0415": 10, "a1-0606": 11,                     # жабу (есікті жабамын), қосу (шайға сүт қосамын)
    "a1-0761": 10,                                    # шығарып салу: needs its object in the accusative
}


def _frequencies() -> dict[str, int]:
    counts: dict[str, int] = {}
    folder = shared_data() / "frequency"
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                counts[parts[0]] = max(counts.get(parts[0], 0), int(parts[1]))
    return counts


def _lesson_usage() -> tuple[dict[str, int], str]:
    """Word counts and the joined text of what the current lessons show (vocabulary examples excluded)."""
    from qazaq.curriculum import numbers
    from qazaq.taught_before_used import WORD, _normal, lesson_texts

    counts: dict[str, int] = {}
    texts = []
    for n in numbers():
        for where, text in lesson_texts(n):
            if not where.startswith("vocabulary"):
                texts.append(_normal(text))
                for w in WORD.findall(texts[-1]):
                    counts[w] = counts.get(w, 0) + 1
    return counts, " ".join(texts)


def _forms(kk: str, pos: str) -> set[str]:
    from qazaq.morphology import forms_of

    forms = {kk.lower()}
    try:
        if pos == "verb":
            for stem in verb_stem_candidates(kk)[:1]:
                forms |= set(forms_of(stem, "V").values())
        elif pos in ("noun", "adj"):
            forms |= set(forms_of(kk.lower(), "N").values())
    except ValueError:
        pass
    return forms


def _count(kk: str, pos: str, counts: dict[str, int], text: str | None = None) -> int:
    words = kk.lower().split()
    if len(words) > 1:
        return text.count(f" {kk.lower()} ") if text is not None else min(counts.get(w, 0) for w in words)
    return sum(counts.get(f, 0) for f in _forms(kk, pos))


def generate() -> None:
    import pandas as pd

    syl = syllabus()
    frame = vocabulary(derived=False)
    counts = _frequencies()
    usage, text = _lesson_usage()
    frame["plan_lesson"] = [OVERRIDES.get(i, syl.by_topic[t]) for i, t in zip(frame["id"], frame["topic"])]
    frame["frequency"] = [_count(k, p, counts) for k, p in zip(frame["kk"], frame["pos"])]
    frame["usage"] = [_count(k, p, usage, text) for k, p in zip(frame["kk"], frame["pos"])]
    rows = []
    for n, group in frame.groupby("plan_lesson"):
        level = syl.lessons[n].level
        ranked = group.assign(other_level=group["level"] != level).sort_values(
            ["other_level", "usage", "frequency", "id"], ascending=[True, False, False, True])
        limit = ALPHABET_ACTIVE if n == 1 else ACTIVE
        for i, r in enumerate(ranked.itertuples()):
            rows.append({"id": r.id, "kk": r.kk, "lesson": n, "load": "active" if i < limit else "passive"})
    plan = pd.DataFrame(rows).sort_values("id")
    plan.to_csv(PLAN_FILE, index=False, encoding="utf-8")
    print(f"wrote {PLAN_FILE} ({len(plan)} entries)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generate", action="store_true")
    args = parser.parse_args(argv)
    if args.generate:
        if PLAN_FILE.exists():
            print(f"{PLAN_FILE} exists and may hold hand edits; delete it first to regenerate")
            return 1
        generate()
    table = load_table()
    print(table.to_string(index=False))
    print(f"total: {table['active'].sum()} active, {table['passive'].sum()} passive, "
          f"{table['active'].sum() + table['passive'].sum()} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
