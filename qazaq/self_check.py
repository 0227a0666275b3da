"""The end-of-lesson self-check (issue 15): the lesson file's ``self_check:`` items (5-8, on its
grammar points and active words; item types as in practice, built by the same builders of
``qazaq.lesson_items``), one "Check" for all of them, and a score "5 / 7" kept in the learner's
progress (last and best, with dates) for the dashboard and the course map.

Each item is an ordinary activity: its own feedback, its own review. "Check" checks every item
the learner filled in but did not check yet; an item left blank counts as not right. An item
answered "almost" (a keyboard slip, see ``qazaq.answers``) counts as right, as everywhere.
"""
from __future__ import annotations

import html
from typing import Mapping

import ipywidgets as widgets

from qazaq import lesson_items, progress, settings
from qazaq.i18n import t
from qazaq.syllabus import syllabus
from qazaq.widgets import direction, shared
from qazaq.widgets.base import Activity, button, when_progress_arrives
from qazaq.widgets.typed import SuffixBuilder

ITEMS = (5, 8)                 # a self-check is short: 5-8 items
RIGHT = ("correct", "almost")  # accepted answers
WORDS = "words"                # the `point` of an item on the lesson's vocabulary


def problems(data: Mapping) -> list[str]:
    """What is wrong with a lesson file's ``self_check:`` (for the lesson tests): 5-8 items,
    each of a known type and with a ``point`` that is a syllabus point or ``words``."""
    items = data.get("self_check") or []
    found = []
    if not ITEMS[0] <= len(items) <= ITEMS[1]:
        found.append(f"self_check has {len(items)} items; a self-check has {ITEMS[0]}-{ITEMS[1]}")
    points = syllabus().points
    for i, spec in enumerate(items, 1):
        if spec.get("type") not in lesson_items.BUILDERS:
            found.append(f"self_check item {i}: unknown type {spec.get('type')!r}")
        point = spec.get("point")
        if point != WORDS and point not in points:
            found.append(f"self_check item {i}: point {point!r} is neither a syllabus point nor {WORDS!r}")
    return found


def score(activities: list[Activity]) -> tuple[int, int]:
    """(right, total): an activity counts by the verdict of its first attempt; blank is not right."""
    return sum(a.verdict in RIGHT for a in activities), len(activities)


def scores_by_lesson(store: progress.Progress | None = None) -> dict[int, progress.SelfCheckScore]:
    """The learner's self-check scores by lesson number (for the course map): lesson keys are
    ``NN-slug``, so a lesson that was renamed keeps its score."""
    found = (store or progress.store()).self_checks()
    return {int(key[:2]): s for key, s in sorted(found.items()) if key[:2].isdigit()}


def record_html(record: progress.SelfCheckScore | None) -> str:
    """The learner's last and best score of a lesson, in their language ("" before a first attempt)."""
    if record is None:
        return ""
    text = t("selfcheck.record", last=f"{record.last} / {record.total}", best=f"{record.best} / {record.total}",
             date=record.best_date[:10])
    return f"<small>{html.escape(text)}</small>"


def _untouched(activity: Activity) -> bool:
    """A typed suffix item's box starts with the stem: left so, it is blank, not a wrong answer."""
    box = getattr(activity, "input", None)
    return isinstance(activity, SuffixBuilder) and box is not None and box.value.strip() == activity.stem


def _check(activity: Activity) -> None:
    """Check one item as its own button would; a blank one stays unanswered (the families say
    "type an answer first" for an empty box)."""
    check = getattr(activity, "check", None)
    if check is not None and not activity.answered and not _untouched(activity):
        check()


class SelfCheck(widgets.VBox):
    """``SelfCheck(lesson)``: the items of ``lesson.data["self_check"]``, a Check button, the score
    of this attempt and the learner's last and best score of the lesson."""

    def __init__(self, lesson) -> None:
        self.lesson = lesson
        self.saved: progress.SelfCheckScore | None = None
        self.title = shared.html()
        self.record_line = shared.html()
        self.result = shared.html()
        self.result.add_class("qz-live")
        self.items = shared.vbox()
        # Own layouts: these two hide, and a shared layout would hide every button of the page.
        self.check_button = button("selfcheck.check", self.check, layout=widgets.Layout(width="auto"))
        self.again_button = button("selfcheck.again", self.again, layout=widgets.Layout(width="auto"))  # "Пройти ещё раз" in full
        super().__init__([self.title, self.record_line, self.items, self.check_button, self.result,
                          self.again_button], **shared.defaults(widgets.VBox, {}))
        self.add_class("qz-self-check")
        settings.on_change(self._relabel)
        self.again()
        when_progress_arrives(self._relabel)   # public pages: the browser's saved scores arrive later

    def again(self) -> None:
        """A fresh attempt: new item widgets (their first answers are reviewed and scored)."""
        spec = {"id": "self_check", "items": self.lesson.data.get("self_check") or []}
        self.activities = lesson_items.build(spec, self.lesson)
        for activity in self.activities:
            activity.on_answered(lambda _a: self._all_answered())
        self.items.children = self.activities
        self.saved = None
        self._relabel()

    def _all_answered(self) -> None:
        if self.saved is None and all(a.answered for a in self.activities):
            self._finish()

    def check(self) -> tuple[int, int]:
        """Check every item not checked yet; show and keep the score. Returns (right, total)."""
        for activity in self.activities:
            _check(activity)
        if self.saved is None:
            self._finish()
        return score(self.activities)

    def _finish(self) -> None:
        right, total = score(self.activities)
        if total:
            self.saved = progress.store().record_self_check(self.lesson.key, right, total)
        self._relabel()

    def _relabel(self) -> None:
        direction.follow(self)
        self.check_button.description = t("selfcheck.check")
        self.again_button.description = t("selfcheck.again")
        self.title.value = f"<h3>{html.escape(t('selfcheck.title'))}</h3>"
        self.record_line.value = record_html(self.saved or progress.store().self_checks().get(self.lesson.key))
        finished = self.saved is not None
        self.check_button.layout.display = "none" if finished else None
        self.again_button.layout.display = None if finished else "none"
        if not finished:
            self.result.value = ""
            return
        right, total = score(self.activities)
        blank = sum(not a.answered for a in self.activities)
        parts = [t("selfcheck.score", score=f"{right} / {total}")] + ([t("selfcheck.blank", n=blank)] if blank else [])
        self.result.value = f'<div class="qz-self-check-score" role="status"><b>{html.escape(" ".join(parts))}</b></div>'
