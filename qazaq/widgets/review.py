"""ReviewSession: the cards FSRS says are due, from every lesson, each in its own activity type."""
from __future__ import annotations

import html
from datetime import datetime

import ipywidgets as widgets

from qazaq import progress, settings
from qazaq.i18n import t
from qazaq.widgets import direction
from qazaq.widgets.base import Activity, button, notice_html, when_progress_arrives
from qazaq.widgets.course_page import course_page
from qazaq.widgets.choice import Matching, MultipleChoice
from qazaq.widgets.flashcards import Flashcards
from qazaq.widgets.typed import Cloze, Listening, SuffixBuilder, TypeAnswer
from qazaq.widgets.word_order import WordOrder


def families() -> dict[str, type[Activity]]:
    return {cls.family: cls for cls in (MultipleChoice, Matching, TypeAnswer, Cloze, Listening,
                                        SuffixBuilder, WordOrder, Flashcards)}


def rebuild(record: progress.CardRecord) -> Activity | None:
    """The activity a card was learned with, bound to the same card key; None if it cannot be rebuilt."""
    spec = record.spec or {}
    cls = families().get(spec.get("family", ""))
    if cls is None:
        return None
    try:
        return cls(**spec.get("args", {}), key=record.key, lesson=record.lesson)
    except (TypeError, ValueError):  # a card from an older version of an exercise: skip it, do not crash
        return None


def scheduled(records: list[progress.CardRecord]) -> list[progress.CardRecord]:
    """The cards review offers: a word card (``vocab:<id>``) only while its entry is active (a
    card from before the entry became passive rests; its history stays in the store)."""
    if not any(r.key.startswith("vocab:") for r in records):
        return records
    from qazaq.content.vocab import passive_ids  # only with word cards: a review without them loads no pandas

    passive = passive_ids()
    return [r for r in records if not (r.key.startswith("vocab:") and r.key[6:] in passive)]


def _interleaved(records: list[progress.CardRecord]) -> list[progress.CardRecord]:
    # Mixing families keeps a session varied: take the most overdue of each family in turn.
    queues: dict[str, list] = {}
    for r in records:
        queues.setdefault(r.spec.get("family", ""), []).append(r)
    mixed = []
    while any(queues.values()):
        for queue in queues.values():
            if queue:
                mixed.append(queue.pop(0))
    return mixed


class ReviewSession(widgets.VBox):
    """``ReviewSession(*, limit=20, now=None)``: due cards from all lessons, one after another."""

    def __init__(self, *, limit: int = 20, now: datetime | None = None) -> None:
        store = progress.store()
        self.limit, self.fixed_now = limit, now
        self.queue: list[Activity] = []
        self.position = 0
        self.header = widgets.HTML()
        self.notice = widgets.HTML()
        self.stage = widgets.VBox()
        self.next_button = button("button.next", self.next, layout=widgets.Layout())  # own: it hides
        # Cards come due while the page is open (an "Again" card after a minute): look again.
        self.again_button = button("button.refresh", self._reload, layout=widgets.Layout())
        bridge = getattr(store.backend, "bridge", None)
        super().__init__([self.notice, self.header, self.stage, self.next_button, self.again_button, course_page()]
                         + ([bridge] if bridge else []))
        self.add_class("qz-review")
        notice = store.take_notice()
        if notice:
            self.notice.value = notice_html(notice)
        settings.on_change(self._update)
        self._load()
        when_progress_arrives(self._load)

    def _reload(self) -> None:
        """"Refresh" (shown when nothing is left to review): cards may have come due meanwhile."""
        self.queue = []
        self._load()

    def _load(self) -> None:
        """The due cards, read again once a public page's browser store has arrived."""
        if any(a.answered for a in self.queue):
            return  # the learner is reviewing: keep their session
        records = _interleaved(scheduled(progress.store().due(self.fixed_now, None)))
        self.queue = [a for a in (rebuild(r) for r in records) if a is not None][:self.limit]
        self.position = 0
        for activity in self.queue:
            activity.on_answered(lambda _a: self._update())
        self._update()

    @property
    def current(self) -> Activity | None:
        return self.queue[self.position] if self.position < len(self.queue) else None

    def _update(self) -> None:
        direction.follow(self)
        self.next_button.description = t("button.next")
        self.again_button.description = t("button.refresh")
        current = self.current
        self.again_button.layout.display = "none" if current is not None else None
        if current is None:
            key = "review.nothing_due" if not self.queue else "review.done"
            self.header.value = f'<div role="status">{html.escape(t(key, total=len(self.queue)))}</div>'
            self.stage.children = []
            self.next_button.layout.display = "none"
            return
        self.header.value = f"<small>{html.escape(t('review.counter', n=self.position + 1, total=len(self.queue)))}</small>"
        self.stage.children = [current]
        self.next_button.layout.display = None
        self.next_button.disabled = not current.answered

    def next(self) -> None:
        if self.current is not None and self.current.answered:
            self.position += 1
            self._update()
