"""Benchmark: full paradigms (every supported bundle) of 1,000 lemmas, time per form.

    python benchmarks/bench_morphology.py [--data PATH] [--lemmas 1000]

Lemmas: the first N noun lemmas of UniMorph kaz.noun.tsv (shared data) when present,
else a built-in list; plus 50 verb stems.  Caches are cleared before the timed run.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.morphology import forms_of, inflect  # noqa: E402
from qazaq.morphology.analysis import _forms  # noqa: E402
from qazaq.shared import SharedDataMissing, shared_data  # noqa: E402

VERBS = "бар кел оқы сөйле жаз айт тап қой жу си ки ойна тұр жүр отыр көр біл сат ал бер".split()
FALLBACK = "кітап үй бала қала мұғалім студент дәрігер орын халық су ми министр туризм".split()


def lemmas(path: str | None, n: int) -> list[str]:
    try:
        tsv = shared_data(path) / "unimorph-kaz" / "kaz.noun.tsv"
        seen: dict[str, None] = {}
        for line in tsv.read_text(encoding="utf-8").splitlines():
            lemma = line.split("\t")[0]
            if "ҡ" not in lemma:
                seen.setdefault(lemma)
            if len(seen) >= n:
                break
        return list(seen)
    except (SharedDataMissing, OSError):
        print("shared data missing: using the built-in lemma list", file=sys.stderr)
        return (FALLBACK * (n // len(FALLBACK) + 1))[:n]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data")
    ap.add_argument("--lemmas", type=int, default=1000)
    args = ap.parse_args(argv)
    nouns = lemmas(args.data, args.lemmas)
    inflect.cache_clear()
    _forms.cache_clear()
    t0, c0 = time.perf_counter(), time.process_time()
    count = sum(len(forms_of(lemma, "N")) for lemma in nouns)
    t_nouns, cpu_nouns = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    vcount = sum(len(forms_of(v, "V")) for v in VERBS)
    t_verbs = time.perf_counter() - t0
    print(f"nouns: {len(nouns)} full paradigms, {count} forms in {t_nouns:.3f} s "
          f"({1e6 * t_nouns / count:.1f} µs/form; CPU {cpu_nouns:.3f} s: the figure on a shared machine)")
    print(f"verbs: {len(VERBS)} full paradigms, {vcount} forms in {t_verbs:.3f} s "
          f"({1e6 * t_verbs / vcount:.1f} µs/form)")
    t0 = time.perf_counter()
    for lemma in nouns:
        forms_of(lemma, "N")
    print(f"cached repeat of the noun paradigms: {time.perf_counter() - t0:.4f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
