"""Figures of the level tests: items per block, recording lengths, an estimate of a learner's time,
how many different item sets the generator makes, and how long making a test takes.

    python benchmarks/bench_level_test.py

The time estimate is a model, not a measurement of learners (stated below so it can be argued
with): a choice 20 s, a typed form 45 s, every recording played twice plus 10 s, reading at 40
words a minute (a learner at A1-A2), a dictation sentence played three times plus 60 s of typing,
the free text 12 minutes at A1 and 15 at A2.
"""
from __future__ import annotations

import io
import sys
import time
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.audio import synthesize  # noqa: E402
from qazaq.level_test import BLOCKS, LEVELS, generate, item_counts, variant_count  # noqa: E402
from qazaq.level_test.sheet import _audio_text  # noqa: E402

CHOICE_S, TYPED_S, READ_WPM, DICTATION_TYPING_S = 20, 45, 40, 60
ESSAY_MIN = {"A1": 12, "A2": 15}


def seconds(text: str) -> float:
    with wave.open(io.BytesIO(synthesize(text))) as w:
        return w.getnframes() / w.getframerate()


def estimate(level: str, seed: int = 1) -> dict[str, float]:
    test = generate(level, seed)
    audio = {s.id: seconds(_audio_text(s)) for s in test.stimuli.values() if s.kind == "audio"}
    minutes = {}
    for block in BLOCKS:
        items = test.block(block)
        answer = sum(CHOICE_S if i.choices else TYPED_S for i in items if block != "writing")
        stimuli = {i.stimulus for i in items if i.stimulus}
        if block == "listening":
            extra = sum(2 * audio[s] + 10 for s in stimuli)
        elif block == "reading":
            extra = sum(len(test.stimuli[s].kazakh.split()) / READ_WPM * 60 for s in stimuli)
        elif block == "writing":
            extra = sum(3 * audio[s] + DICTATION_TYPING_S for s in stimuli) + ESSAY_MIN[level] * 60
        else:
            extra = 0
        minutes[block] = round((answer + extra) / 60, 1)
    minutes["total"] = round(sum(minutes.values()), 1)
    minutes["audio_s"] = round(sum(audio.values()), 1)
    return minutes


def main() -> None:
    for level in LEVELS:
        start = time.perf_counter()
        for seed in range(100):
            generate(level, seed)
        per_test = (time.perf_counter() - start) / 100 * 1000
        print(f"{level}: items per block {item_counts(level)} (writing: 2 dictation sentences + the free text)")
        print(f"    estimated minutes {estimate(level)}")
        print(f"    distinct item sets {variant_count(level):,} (~{variant_count(level):.2e})")
        print(f"    making one test: {per_test:.1f} ms (warm)")


if __name__ == "__main__":
    main()
