"""Conversion speed of qazaq.script in every direction on about 1 MB of running Kazakh text.

    python benchmarks/bench_script.py [--data PATH] [--mb 1.0]

The text interleaves the parallel-fixture sentences with the 28k UniMorph noun forms (many
distinct words, so the per-word caches of the Latin and Arabic readers do not make it trivial).
Prints characters/second and UTF-8 MB/second per direction; the first call is timed cold.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq import script  # noqa: E402
from qazaq.shared import shared_data_or_exit  # noqa: E402


def corpus(data: Path, megabytes: float) -> str:
    with (data / "script" / "parallel_fixtures.tsv").open(encoding="utf-8", newline="") as f:
        sentences = sorted({r["cyrillic"] for r in csv.DictReader(f, delimiter="\t")})
    with (data / "unimorph-kaz" / "kaz.noun.tsv").open(encoding="utf-8") as f:
        forms = [line.split("\t")[1] for line in f if line.count("\t") == 2]
    rng = random.Random(1)
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        chunk = " ".join(rng.choices(forms, k=12)) + ", " + rng.choice(sentences) + "\n"
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
    return "".join(parts)


def clear_caches() -> None:
    script._latn_word_to_cyrl.cache_clear()
    script._arab_word_to_cyrl.cache_clear()


def timed(text: str, to: str, source: str) -> tuple[float, str]:
    start = time.perf_counter()
    out = script.convert(text, to, source)
    return time.perf_counter() - start, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--mb", type=float, default=1.0, help="size of the Cyrillic text in MB")
    args = parser.parse_args(argv)
    data = shared_data_or_exit(args.data)
    texts = {"cyrl": corpus(data, args.mb)}
    texts["latn"] = script.convert(texts["cyrl"], "latn", "cyrl")
    texts["arab"] = script.convert(texts["cyrl"], "arab", "cyrl")
    print(f"{'direction':<14}{'chars':>10}{'MB':>7}{'seconds':>9}{'Mchars/s':>10}{'MB/s':>7}")
    for source, to in [("cyrl", "latn"), ("cyrl", "arab"), ("latn", "cyrl"), ("arab", "cyrl"),
                       ("latn", "arab"), ("arab", "latn"), (None, "latn")]:
        text = texts[source or "cyrl"]
        clear_caches()
        seconds, _ = timed(text, to, source)
        mb = len(text.encode("utf-8")) / 1e6
        label = f"{source or 'auto'}->{to}"
        print(f"{label:<14}{len(text):>10}{mb:>7.2f}{seconds:>9.3f}{len(text) / seconds / 1e6:>10.2f}"
              f"{mb / seconds:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
