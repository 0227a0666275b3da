"""Scores of a level test: per item through the course's one answer checker, per block with the
KAZTEST rule (60% of the block's points needed in every block)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

from qazaq.answers import Answer
from qazaq.assignment import Score, score_item
from qazaq.level_test.items import BLOCKS, Item, LevelTest

PASS_SHARE = 0.6
SEED_KEY = "seed"        # answers.json keeps the learner's seed and the template version with the answers
VERSION_KEY = "version"


@dataclass(frozen=True)
class BlockResult:
    block: str
    points: float
    max_points: float
    answered: int
    items: int
    status: str                      # "passed" | "failed" | "not taken" | "not graded"
    review: tuple[int, ...] = ()     # lessons behind the items not fully right

    @property
    def percent(self) -> float:
        return round(100 * self.points / self.max_points, 1) if self.max_points else 0.0

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass(frozen=True)
class Result:
    level: str
    blocks: dict[str, BlockResult]
    scores: tuple[Score, ...]

    @property
    def passed(self) -> bool:
        return all(b.passed for b in self.blocks.values())


def check_item(item: Item, response: str | None, lang: str = "en") -> Score:
    """One item through qazaq.answers.check (typed forms carry lemma and tags for grammar hints)."""
    # a typed form made by the engine carries its lemma and tags, so a wrong ending is named
    made = [(lemma, tags) for form, lemma, tags in item.forms if form == item.key]
    accepted = [item.key] if item.exact else [Answer(item.key, *(made[0] if made else (None, None)))]
    score = score_item(item.id, response, accepted, item.points, exact=item.exact, lang=lang)
    return replace(score, expected=item.key)


def passes(points: float, max_points: float) -> bool:
    # rounded: 3 of 5 points is exactly 60% and passes, whatever the float arithmetic says
    return round(points, 4) >= round(PASS_SHARE * max_points, 4)


def _block(name: str, scores: list[tuple[Item, Score]], extra: tuple[float | None, float] | None) -> BlockResult:
    points = sum(s.points for _, s in scores)
    max_points = sum(s.max_points for _, s in scores)
    answered = sum(s.verdict != "missing" for _, s in scores)
    count = len(scores)
    pending = False
    if extra is not None:  # the free text, graded by the teacher
        earned, worth = extra
        max_points += worth
        count += 1
        if earned is None:
            pending = True
        else:
            points += earned
            answered += 1
    review = tuple(sorted({i.lesson for i, s in scores if s.points < s.max_points and i.lesson}))
    if answered == 0:
        status = "not taken"
    elif pending:
        status = "not graded"
    else:
        status = "passed" if passes(points, max_points) else "failed"
    return BlockResult(name, round(points, 2), max_points, answered, count, status, review)


def score(test: LevelTest, answers: Mapping[str, str], *, essay: float | None = None,
          with_essay: bool = False, lang: str = "en") -> Result:
    """Per-block result. ``with_essay``: the writing block includes the teacher-graded free text
    (``essay`` points, None while not graded); the self-check leaves it out."""
    scored = [(i, check_item(i, answers.get(i.id), lang)) for i in test.items]
    blocks = {}
    for name in BLOCKS:
        extra = (essay, test.essay.points) if with_essay and name == "writing" else None
        blocks[name] = _block(name, [(i, s) for i, s in scored if i.block == name], extra)
    return Result(test.level, blocks, tuple(s for _, s in scored))


def seed_of(answers: Mapping[str, str]) -> int | None:
    try:
        return int(answers.get(SEED_KEY, ""))
    except ValueError:
        return None
