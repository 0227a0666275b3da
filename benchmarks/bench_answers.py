"""Checks per second of qazaq.answers.check on the learner-error table.

    python benchmarks/bench_answers.py [--seconds 3]

Prints two figures: "cold" (every cache cleared before each pass over the table, so
every check is computed) and "warm" (a classroom: the same answers come again).
"""
from __future__ import annotations

import argparse
import csv
import time

from qazaq.answers import check, clear_caches
from qazaq.shared import ASSETS


def load() -> list[tuple[str, list[str]]]:
    with open(ASSETS / "answers" / "learner_errors.csv", encoding="utf-8", newline="") as fh:
        return [(r["response"], r["accepted"].split("|")) for r in csv.DictReader(fh)]


def rate(items, seconds: float, cold: bool) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        if cold:
            clear_caches()
        for response, accepted in items:
            check(response, accepted)
        done += len(items)
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    items = load()
    check(*items[0])  # load the YAML tables and the script converter once
    print(f"table: {len(items)} answers")
    print(f"cold (no cache):  {rate(items, args.seconds, cold=True):,.0f} checks/s")
    print(f"warm (cached):    {rate(items, args.seconds, cold=False):,.0f} checks/s")


if __name__ == "__main__":
    main()
