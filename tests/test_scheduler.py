"""The scheduler is fsrs: same due dates as calling fsrs directly, verdicts map to ratings."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import fsrs
import pytest

from qazaq import progress
from qazaq.scheduler import Rating, Scheduler, card_id_for, rating_for

from tests.progress_fixtures import home  # noqa: F401

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


def test_verdicts_map_to_ratings():
    assert rating_for("wrong") == Rating.Again
    assert rating_for("almost") == Rating.Hard
    assert rating_for("correct") == Rating.Good
    assert [rating_for(n) for n in ("again", "hard", "good", "easy")] == [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]
    with pytest.raises(ValueError, match="Unknown review outcome"):
        rating_for("maybe")


def test_card_ids_are_stable():
    assert card_id_for("vocab:kk-0001") == card_id_for("vocab:kk-0001") != card_id_for("vocab:kk-0002")


def _direct(outcomes, start=T0):
    sched = fsrs.Scheduler(enable_fuzzing=False)
    card, when, dues = fsrs.Card(card_id=card_id_for("k"), due=start), start, []
    for rating, gap in outcomes:
        when = when + gap
        card, _ = sched.review_card(card, rating, when)
        dues.append(card.due)
    return dues


SEQUENCE = [("correct", timedelta(0)), ("correct", timedelta(minutes=10)), ("almost", timedelta(days=2)),
            ("wrong", timedelta(days=9)), ("correct", timedelta(minutes=15)), ("easy", timedelta(days=3))]


def test_same_due_dates_as_fsrs_through_the_store(home):
    store = progress.open_sqlite(home / "p.db", Scheduler(fsrs.Scheduler(enable_fuzzing=False)))
    when, ours = T0, []
    for outcome, gap in SEQUENCE:
        when = when + gap
        ours.append(store.review("k", outcome, now=when).due)
    assert ours == _direct([(rating_for(o), g) for o, g in SEQUENCE])
    # and the stored card (read back from SQLite) carries the last due date
    assert store.card("k").due == ours[-1]


def test_default_scheduler_is_fsrs_defaults_with_fuzz():
    sched = Scheduler()
    assert sched.fsrs.parameters == fsrs.Scheduler().parameters
    assert sched.fsrs.desired_retention == 0.9 and sched.fsrs.enable_fuzzing
