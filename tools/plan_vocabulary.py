"""The vocabulary load per lesson (issue 15): which lesson owns each entry and whether it makes it
*active* (drilled in its activities, scheduled for review; 20-40 per lesson, the alphabet lesson at
most 40) or *passive* (in the vocabulary browser and readings, not drilled). Both are columns of
the vocabulary itself (``lesson``, ``load`` in assets/vocabulary/a1.csv and a2.csv), validated by
``qazaq.syllabus.vocabulary_plan``.

    python tools/plan_vocabulary.py                 # active / passive words per lesson
    python tools/plan_vocabulary.py --vocab DIR     # the same for another vocabulary folder

Exit status 1 (with the message) when the load breaks the plan.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.syllabus import SyllabusError, load_table  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab", type=Path, help="a folder with a1.csv and a2.csv (default: the course's)")
    args = parser.parse_args(argv)
    try:
        table = load_table(args.vocab)
    except SyllabusError as err:
        print(err)
        return 1
    print(table.to_string(index=False))
    print(f"total: {table['active'].sum()} active, {table['passive'].sum()} passive, "
          f"{table['active'].sum() + table['passive'].sum()} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
