"""Checks per second of qazaq.answers.check on the learner-error table.

    python benchmarks/bench_answers.py [--seconds 3]

Prints: "cold" (every cache of qazaq.answers cleared before each pass over the table,
so every check is computed; the morphology engine keeps its own form cache, as it does
in a lesson where drills use the same words), "cold + engine" (the engine's caches
cleared too: the first lesson after start-up) and "warm" (a classroom: the same answers
come again).  Rates are checks per CPU second of the best pass over the table (and the
median pass): on a shared machine the wall clock measures the neighbours.
"""
from __future__ import annotations

import argparse
import csv
import statistics
import time

from qazaq import morphology
from qazaq.answers import check, clear_caches
from qazaq.shared import ASSETS


def load() -> list[tuple[str, list[str]]]:
    with open(ASSETS / "answers" / "learner_errors.csv", encoding="utf-8", newline="") as fh:
        return [(r["response"], r["accepted"].split("|")) for r in csv.DictReader(fh)]


def rate(items, seconds: float, cold: bool, engine_cold: bool = False) -> tuple[float, float]:
    """(median, best) checks per CPU second over passes of the whole table.

    CPU time and the best pass, as ``timeit`` advises: on a machine shared with other
    jobs the wall clock measures the neighbours, not this code.
    """
    rates, start = [], time.perf_counter()
    while time.perf_counter() - start < seconds or len(rates) < 3:
        if cold:
            clear_caches()
        if engine_cold:
            morphology.inflect.cache_clear()
        cpu = time.process_time()
        for response, accepted in items:
            check(response, accepted)
        rates.append(len(items) / max(time.process_time() - cpu, 1e-9))
    return statistics.median(rates), max(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    items = load()
    check(*items[0])  # load the YAML tables and the script converter once
    print(f"table: {len(items)} answers")
    for label, cold, engine in (("cold (no cache)", True, False), ("cold + engine", True, True),
                                ("warm (cached)", False, False)):
        median, best = rate(items, args.seconds, cold, engine)
        print(f"{label + ':':18s}{best:9,.0f} checks/s (best pass; median {median:,.0f})")


if __name__ == "__main__":
    main()
