"""Review scheduling: a thin wrapper over the ``fsrs`` package (FSRS-6).

No scheduling arithmetic lives here; we only translate quiz outcomes into FSRS
ratings and store cards as ``fsrs`` JSON so any FSRS tool can read them.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from fsrs import Card, Rating, ReviewLog, Scheduler as _FsrsScheduler, State

__all__ = ["Card", "Rating", "State", "Scheduler", "rating_for", "card_id_for", "RATINGS"]

# Quiz outcomes map onto FSRS ratings; Easy is only chosen by the learner (flashcards).
_VERDICT_RATING = {"wrong": Rating.Again, "almost": Rating.Hard, "correct": Rating.Good}
RATINGS = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}


def rating_for(outcome: str | Rating | int) -> Rating:
    """Rating for a verdict ('wrong'/'almost'/'correct'), a rating name or a Rating."""
    if isinstance(outcome, Rating):
        return outcome
    if isinstance(outcome, int):
        return Rating(outcome)
    key = str(outcome).lower()
    if key in _VERDICT_RATING:
        return _VERDICT_RATING[key]
    if key in RATINGS:
        return RATINGS[key]
    raise ValueError(f"Unknown review outcome {outcome!r}: use wrong/almost/correct or again/hard/good/easy.")


def card_id_for(key: str) -> int:
    """A stable integer id for an fsrs Card, derived from our string card key."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=6).digest(), "big")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Scheduler:
    """Our one scheduler. ``fsrs_scheduler`` defaults to ``fsrs.Scheduler()`` (FSRS-6 defaults)."""

    def __init__(self, fsrs_scheduler: _FsrsScheduler | None = None) -> None:
        self.fsrs = fsrs_scheduler or _FsrsScheduler()

    def new_card(self, key: str, now: datetime | None = None) -> Card:
        return Card(card_id=card_id_for(key), due=now or utcnow())

    def review(
        self,
        card: Card,
        outcome: str | Rating | int,
        now: datetime | None = None,
        duration_ms: int | None = None,
    ) -> tuple[Card, ReviewLog]:
        return self.fsrs.review_card(card, rating_for(outcome), now or utcnow(), duration_ms)

    def retrievability(self, card: Card, now: datetime | None = None) -> float:
        return self.fsrs.get_card_retrievability(card, now or utcnow())

    @staticmethod
    def is_due(card: Card, now: datetime | None = None) -> bool:
        return card.due <= (now or utcnow())


_default: Scheduler | None = None


def default() -> Scheduler:
    global _default
    if _default is None:
        _default = Scheduler()
    return _default
