"""Mastery per grammar point (issue 15), and a practice session built from the weakest points.

Every review in the learner's progress is an answer to an item; the item is mapped to the
grammar points of the syllabus it practises:
- the item's ``point`` (written in the lesson file, kept in the card's spec by ``lesson_items.build``);
- else a SuffixBuilder's tags (``syllabus.points_of_tags``, as the checker reads engine tables);
- else the expected answer, analysed with the engine by ``taught_before_used.points_in_text``
  (the same point-realisation code the taught-before-used check uses).

An answer counts FOR its points when it was accepted (correct, or "almost": a keyboard slip).
A wrong answer counts AGAINST them when the checker's hint codes name a grammar slip (the right
word with a wrong ending: vowel harmony, the ending's first consonant, the stem, another form)
or when there are no codes (a choice); a wrong answer whose codes are only about the word (a
different word, a missing word) says nothing about the grammar and is left out.
Mastery = answers for / answers counted.

The weakest points (lowest mastery, then most answers against, then earliest lesson) that the
engine can practise get a short session of SuffixBuilder items: ``inflect(lemma, tags)`` for
active words of the lessons the learner has reached, in tags that realise the point and use
nothing the learner has not been taught yet; checked by the shared answer path.
"""
from __future__ import annotations

import html
import json
from functools import lru_cache
from typing import Any, Mapping

import ipywidgets as widgets
import pandas as pd

from qazaq import progress, settings
from qazaq.content.lessons import course_vocabulary, seeded
from qazaq.content.vocab import verb_stem_candidates
from qazaq.i18n import t
from qazaq.lesson import inline_html
from qazaq.morphology import forms_of
from qazaq.scheduler import Rating
from qazaq.syllabus import Syllabus, syllabus
from qazaq.taught_before_used import points_in_text
from qazaq.widgets import direction, shared
from qazaq.widgets.base import button
from qazaq.widgets.dashboard import ProgressDashboard
from qazaq.widgets.typed import SuffixBuilder

# Hint codes of a grammar slip (qazaq.answers, docs/answers.md): the word was right, its ending not.
GRAMMAR_SLIPS = frozenset({"vowel-harmony", "consonant-assimilation", "stem-alternation", "wrong-form"})
ACCEPTED = ("correct", "almost")
SESSION_ITEMS, SESSION_POINTS = 6, 3
_FROM_RATING = {int(Rating.Again): "wrong", int(Rating.Hard): "almost", int(Rating.Good): "correct",
                int(Rating.Easy): "correct"}


# ---------------------------------------------------------------- items -> points
def answer_texts(family: str, args: Mapping) -> list[str]:
    """The Kazakh an item expects the learner to produce or pick (empty: a vocabulary item)."""
    if family == "TypeAnswer":
        return list(args.get("accepted") or [])[:1]
    if family == "Listening":
        return [args.get("text") or ""]
    if family == "Cloze":
        return [a[0] if isinstance(a, list) else str(a) for a in args.get("answers") or []]
    if family == "WordOrder":
        return [args.get("sentence") or ""]
    if family == "MultipleChoice":
        options, answer = args.get("options") or [], args.get("answer")
        chosen = options[answer] if isinstance(answer, int) and 0 <= answer < len(options) else None
        return [chosen] if isinstance(chosen, str) else []
    return []                                # Matching pairs and flashcards are words, not grammar


@lru_cache(maxsize=4096)
def _points(spec_json: str) -> frozenset[str]:
    spec, syl = json.loads(spec_json), syllabus()
    point = spec.get("point")
    if point:
        return frozenset({point}) if point in syl.points else frozenset()   # `words`: the vocabulary
    args = spec.get("args") or {}
    if spec.get("family") == "SuffixBuilder" and args.get("tags"):
        return frozenset(syl.points_of_tags(str(args["tags"])))
    return frozenset(points_in_text(" ".join(answer_texts(spec.get("family", ""), args)), syl))


def item_points(spec: Mapping | None) -> frozenset[str]:
    """The grammar points an item practises (see the module docstring)."""
    if not spec:
        return frozenset()
    return _points(json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str))


def counts(verdict: str, hints: str | None) -> bool | None:
    """True: the answer counts for its points; False: against; None: not about the grammar."""
    if verdict in ACCEPTED:
        return True
    codes = set((hints or "").split())
    return False if not codes or codes & GRAMMAR_SLIPS else None


# ---------------------------------------------------------------- the table
def results(store: progress.Progress | None = None) -> pd.DataFrame:
    """One row per (review, grammar point): key, point, lesson of the card, counted (True/False)."""
    store = store or progress.store()
    cards = {r.key: r for r in store.records()}
    rows = []
    for review in store.reviews():
        card = cards.get(review["key"])
        if card is None:
            continue
        verdict = review.get("verdict") or _FROM_RATING.get(int(review["rating"]), "wrong")
        counted = counts(verdict, review.get("hints"))
        if counted is None:
            continue
        rows += [{"key": review["key"], "point": p, "card_lesson": card.lesson, "right": counted}
                 for p in item_points(card.spec)]
    return pd.DataFrame(rows, columns=["key", "point", "card_lesson", "right"])


def mastery(store: progress.Progress | None = None, syl: Syllabus | None = None) -> pd.DataFrame:
    """Per grammar point with answers: point, lesson (that introduces it), answers, right, wrong,
    mastery (right / answers), in the order of the syllabus."""
    syl = syl or syllabus()
    found = results(store)
    table = found.groupby("point").agg(answers=("right", "size"), right=("right", "sum")).reset_index()
    table["right"] = table["right"].astype(int)
    table["wrong"] = table["answers"] - table["right"]
    table["mastery"] = table["right"] / table["answers"]
    table["lesson"] = table["point"].map(syl.introduced_in)
    order = {pid: i for i, pid in enumerate(syl.points)}
    table = table.sort_values("point", key=lambda s: s.map(order)).reset_index(drop=True)
    return table[["point", "lesson", "answers", "right", "wrong", "mastery"]]


def weakest(table: pd.DataFrame) -> list[str]:
    """Point ids, weakest first: lowest mastery, then most answers against, then earliest lesson."""
    ranked = table.sort_values(["mastery", "wrong", "lesson"], ascending=[True, False, True])
    return list(ranked["point"])


def point_title(title: Any, lang: str) -> str:
    """A point's title in ``lang``: the syllabus gives a str (English) or a mapping {en, ru, tr}."""
    if isinstance(title, Mapping):
        return str(title.get(lang) or title.get("en") or next(iter(title.values()), ""))
    return str(title)


# ---------------------------------------------------------------- the weakest points' session
def reached(store: progress.Progress | None = None, table: pd.DataFrame | None = None) -> int:
    """The furthest lesson the learner has worked in: their cards', self-checks' and points' lessons."""
    store = store or progress.store()
    keys = [r.lesson for r in store.records()] + list(store.self_checks())
    numbers = [int(k[:2]) for k in keys if k[:2].isdigit()]
    if table is not None and len(table):
        numbers += list(table["lesson"])
    return max(numbers, default=1)


def _verb_stem(kk: str, example: str) -> str | None:
    """The stem of a dictionary-form verb; when -у leaves two readings (оқу: оқ- or оқы-), the
    one whose forms the entry's example uses (no guess: None when the example does not tell)."""
    candidates = verb_stem_candidates(kk)
    if len(candidates) == 1:
        return candidates[0]
    words = set(example.lower().replace(",", " ").replace(".", " ").replace("?", " ").replace("!", " ").split())
    fitting = [c for c in candidates if words & set(forms_of(c, "V").values())]
    return fitting[0] if len(fitting) == 1 else None


def practice_words(upto: int) -> list[tuple[str, str]]:
    """(lemma, engine pos) of the active single-word nouns and verbs of lessons 1..``upto``."""
    frame = course_vocabulary()
    frame = frame[(frame["lesson"] <= upto) & (frame["load"] == "active") & frame["pos"].isin(["noun", "verb"])
                  & ~frame["kk"].str.contains(" ") & (frame["kk"] == frame["kk"].str.lower())]
    out = []
    for row in frame.sort_values("id").itertuples():
        if row.pos == "noun":
            out.append((row.kk, "N"))
        elif (stem := _verb_stem(row.kk, row.example_kk)) is not None:
            out.append((stem, "V"))
    return out


@lru_cache(maxsize=1024)
def _last_lesson(tags: str) -> tuple[frozenset[str], int]:
    """The points a tag bundle realises and the latest lesson among them (a few hundred bundles)."""
    syl = syllabus()
    points = frozenset(syl.points_of_tags(tags))
    return points, max((syl.introduced_in(p) for p in points), default=0)


def point_forms(point: str, upto: int, syl: Syllabus | None = None) -> list[tuple[str, str, str]]:
    """(lemma, tags, form): engine forms of reachable active words that realise ``point`` and no
    grammar point introduced after lesson ``upto``."""
    syl = syl or syllabus()
    if not syl.points[point].tags:
        return []                              # a word or a construction: the engine does not make it
    out = []
    for lemma, pos in practice_words(upto):
        for tags, form in forms_of(lemma, pos).items():
            points, last = _last_lesson(tags)
            if point in points and last <= upto:
                out.append((lemma, tags, form))
    return out


def session(store: progress.Progress | None = None, *, items: int = SESSION_ITEMS, points: int = SESSION_POINTS,
            seed: Any = None) -> tuple[list[str], list[SuffixBuilder]]:
    """(the points chosen, the SuffixBuilder items): ``items`` forms spread over the ``points``
    weakest points the engine can practise with words the learner has met."""
    store = store or progress.store()
    syl, table = syllabus(), mastery(store)
    upto = reached(store, table)
    chosen: list[tuple[str, list]] = []
    for pid in weakest(table):
        forms = point_forms(pid, upto, syl)
        if forms:
            chosen.append((pid, forms))
        if len(chosen) == points:
            break
    rng = seeded(seed if seed is not None else f"weakest:{','.join(p for p, _ in chosen)}")
    picked = []
    for i in range(items):                     # round-robin: every weak point gets its share
        if not chosen:
            break
        pid, forms = chosen[i % len(chosen)]
        left = [f for f in forms if f not in picked]
        if left:
            picked.append(rng.choice(left))
    activities = []
    for lemma, tags, form in picked:
        activity = SuffixBuilder(lemma, tags, lesson="weakest-points")
        activity.spec["point"] = next(p for p, _ in chosen if p in syl.points_of_tags(tags))
        activities.append(activity)
    return [p for p, _ in chosen], activities


# ---------------------------------------------------------------- on the dashboard
class MasteryPanel(widgets.VBox):
    """The mastery table and the "Practise my weakest points" button with its session."""

    def __init__(self, *, seed: Any = None) -> None:
        self.seed = seed
        self.table = shared.html()
        self.practise_button = button("mastery.practise", self.practise, layout=widgets.Layout(width="auto"))  # the label in full
        self.header = shared.html()
        self.stage = shared.vbox()
        super().__init__([self.table, self.practise_button, self.header, self.stage],
                         **shared.defaults(widgets.VBox, {}))
        self.add_class("qz-mastery")
        self.points: list[str] = []
        self.asked = False  # the header speaks only once the learner asked for a session
        settings.on_change(self.refresh)
        self.refresh()

    def table_html(self) -> str:
        table, syl, lang = mastery(), syllabus(), settings.current().lang
        head = f"<h4>{html.escape(t('mastery.title'))}</h4>"
        if not len(table):
            return head + f"<p>{html.escape(t('mastery.none'))}</p>"
        shown = pd.DataFrame({
            t("mastery.point"): [inline_html(point_title(syl.points[p].title, lang)) for p in table["point"]],
            t("dash.lesson"): table["lesson"],
            t("mastery.answers"): table["answers"],
            t("mastery.right"): table["right"],
            t("mastery.mastery"): [f"{m:.0%}" for m in table["mastery"]],
        })
        return head + shown.to_html(index=False, border=0, escape=False)

    def refresh(self) -> None:
        direction.follow(self)
        self.practise_button.description = t("mastery.practise")
        self.table.value = self.table_html()
        self._header()

    def practise(self) -> list[str]:
        """Build the session (the weakest points' items) below the table; returns the points."""
        self.points, self.stage.children = session(seed=self.seed)
        self.asked = True
        self._header()
        return self.points

    def _header(self) -> None:
        if not self.asked:
            self.header.value = ""
            return
        if not self.stage.children:
            self.header.value = f"<p>{html.escape(t('mastery.nothing'))}</p>"
            return
        syl, lang = syllabus(), settings.current().lang
        names = ", ".join(inline_html(point_title(syl.points[p].title, lang)) for p in self.points)
        self.header.value = f"<h4>{html.escape(t('mastery.session', points='@@'))}</h4>".replace("@@", names)


def dashboard(**kwargs) -> ProgressDashboard:
    """The progress dashboard with mastery per grammar point and the weakest-points practice."""
    return ProgressDashboard(panels=[MasteryPanel()], **kwargs)
