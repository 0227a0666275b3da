"""The syllabus as data (``assets/lessons/syllabus.yaml``): every grammar point with the engine
tags that realise it, its KAZTEST level and the lesson that introduces it, and the planned
sequence of lessons (issue 15).

``syllabus()`` loads and validates the file: point ids unique, every lesson's points exist and
agree with the points' ``lesson``, every engine tag known, A1 points in A1 lessons, every
vocabulary topic owned by exactly one lesson. A broken file fails with a message naming the place.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from qazaq.content.vocab import vocabulary
from qazaq.morphology.tags import KNOWN, POSSESSIVES
from qazaq.shared import ASSETS

SYLLABUS_FILE = ASSETS / "lessons" / "syllabus.yaml"
TOPICS_FILE = ASSETS / "vocabulary" / "topics.csv"
LEVELS = ("A1", "A2")
# A tag written "!PRED" must be absent. Groups usable in a point's tag bundle: "@PSS" is any possessive, "@OBL" any case but the nominative.
GROUPS = {"@PSS": frozenset(t for t in POSSESSIVES if t != "PSS3S" and t != "PSS3P"),
          "@OBL": frozenset({"GEN", "DAT", "ACC", "LOC", "ABL", "INS"})}


class SyllabusError(ValueError):
    """syllabus.yaml is malformed; the message names the point or lesson."""


@dataclass(frozen=True)
class Point:
    id: str
    level: str
    lesson: int
    title: str                               # English
    titles: tuple[tuple[str, str], ...] = ()  # (language, title): en, ru, tr
    tags: tuple[tuple[str, ...], ...] = ()   # alternatives; each a bundle of tags or groups, all required
    words: frozenset[str] = frozenset()
    suffix: tuple[str, ...] = ()
    stem_pos: str | None = None
    pattern: re.Pattern | None = None
    head_tags: str | None = None             # the first word a pattern spans must have a reading with these tags
    head_verb: bool = False                  # … or be a verb stem + -а/-е/-й (бара, оқи, сөйлей)

    def title_in(self, lang: str) -> str:
        """The title in ``lang``, English when that language has none."""
        return dict(self.titles).get(lang) or self.title

    @property
    def checked(self) -> bool:
        """Whether the checker can see this point in a word form (else it is taught, not checked)."""
        return bool(self.tags or self.words or self.suffix or self.pattern)

    def realised_by_tags(self, tags: str | set[str]) -> bool:
        """Whether an analysis with these tags (``"N;DAT;SG;PSS1S"``) realises the point."""
        have = set(tags.split(";")) if isinstance(tags, str) else set(tags)
        return any(all(_holds(t, have) for t in bundle) for bundle in self.tags)


def _holds(tag: str, have: set[str]) -> bool:
    if tag.startswith("!"):
        return not _holds(tag[1:], have)
    return bool(have & GROUPS[tag]) if tag in GROUPS else tag in have


@dataclass(frozen=True)
class PlannedLesson:
    n: int
    slug: str
    level: str
    title_kk: str
    title_en: str
    points: tuple[str, ...]
    topics: tuple[str, ...]
    reuses: tuple[int, ...] = ()


@dataclass(frozen=True)
class Syllabus:
    points: dict[str, Point]
    lessons: dict[int, PlannedLesson]
    by_topic: dict[str, int] = field(default_factory=dict)

    def introduced_in(self, point_id: str) -> int:
        return self.points[point_id].lesson

    def points_of_tags(self, tags: str) -> set[str]:
        """Ids of the points an analysis realises."""
        return {p.id for p in self.points.values() if p.tags and p.realised_by_tags(tags)}



def _bundles(raw, where: str) -> tuple[tuple[str, ...], ...]:
    out = []
    for bundle in raw or []:
        parts = tuple(t.strip() if "@" in t else t.strip().upper() for t in str(bundle).split(";"))
        unknown = [t for t in parts if t.lstrip("!") not in KNOWN and t.lstrip("!") not in GROUPS]
        if unknown:
            raise SyllabusError(f"{where}: unknown engine tag {', '.join(unknown)} in {bundle!r} "
                                f"(known: {', '.join(sorted(KNOWN))}; groups {', '.join(GROUPS)})")
        out.append(parts)
    return tuple(out)


def _point(raw: dict) -> Point:
    where = f"point {raw.get('id')!r}"
    for key in ("id", "level", "lesson", "title"):
        if not raw.get(key):
            raise SyllabusError(f"{where}: {key} missing")
    if raw["level"] not in LEVELS:
        raise SyllabusError(f"{where}: level must be A1 or A2, got {raw['level']!r}")
    if bool(raw.get("suffix")) != bool(raw.get("stem_pos")):
        raise SyllabusError(f"{where}: suffix and stem_pos go together")
    try:
        pattern = re.compile(raw["pattern"]) if raw.get("pattern") else None
    except re.error as err:
        raise SyllabusError(f"{where}: bad pattern: {err}") from err
    titles = raw["title"] if isinstance(raw["title"], dict) else {"en": raw["title"]}
    if not titles.get("en"):
        raise SyllabusError(f"{where}: title has no English (en)")
    return Point(id=raw["id"], level=raw["level"], lesson=int(raw["lesson"]), title=str(titles["en"]),
                 titles=tuple((str(k), str(v)) for k, v in titles.items() if v),
                 tags=_bundles(raw.get("tags"), where), words=frozenset(w.lower() for w in raw.get("words") or []),
                 suffix=tuple(raw.get("suffix") or ()), stem_pos=raw.get("stem_pos"), pattern=pattern,
                 head_tags=raw.get("head_tags"), head_verb=bool(raw.get("head_verb")))


def _topics() -> list[str]:
    with TOPICS_FILE.open(encoding="utf-8") as f:
        return [row["topic"] for row in csv.DictReader(f)]


def parse(data: dict) -> Syllabus:
    """A validated Syllabus from the YAML mapping."""
    points: dict[str, Point] = {}
    for raw in data.get("points") or []:
        point = _point(raw)
        if point.id in points:
            raise SyllabusError(f"point id {point.id!r} appears twice")
        points[point.id] = point
    lessons: dict[int, PlannedLesson] = {}
    for raw in data.get("lessons") or []:
        lesson = PlannedLesson(n=int(raw["n"]), slug=raw["slug"], level=raw["level"], title_kk=raw["title_kk"],
                               title_en=raw["title_en"], points=tuple(raw.get("points") or ()),
                               topics=tuple(raw.get("topics") or ()), reuses=tuple(raw.get("reuses") or ()))
        if lesson.n in lessons:
            raise SyllabusError(f"lesson {lesson.n} appears twice")
        lessons[lesson.n] = lesson
    if sorted(lessons) != list(range(1, len(lessons) + 1)):
        raise SyllabusError(f"lessons must be numbered 1..{len(lessons)}, got {sorted(lessons)}")
    for lesson in lessons.values():
        for pid in lesson.points:
            if pid not in points:
                raise SyllabusError(f"lesson {lesson.n}: unknown grammar point {pid!r}")
            if points[pid].lesson != lesson.n:
                raise SyllabusError(f"lesson {lesson.n} lists {pid!r}, which says it is introduced in lesson {points[pid].lesson}")
    for point in points.values():
        if point.lesson not in lessons or point.id not in lessons[point.lesson].points:
            raise SyllabusError(f"point {point.id!r}: lesson {point.lesson} does not list it")
        if lessons[point.lesson].level != point.level:
            raise SyllabusError(f"point {point.id!r} is {point.level} but lesson {point.lesson} is {lessons[point.lesson].level}")
    by_topic: dict[str, int] = {}
    for lesson in lessons.values():
        for topic in lesson.topics:
            if topic in by_topic:
                raise SyllabusError(f"topic {topic!r} is owned by lessons {by_topic[topic]} and {lesson.n}")
            by_topic[topic] = lesson.n
    missing = [t for t in _topics() if t not in by_topic]
    unknown = [t for t in by_topic if t not in _topics()]
    if missing or unknown:
        raise SyllabusError(f"vocabulary topics without a lesson: {missing}; unknown topics: {unknown}")
    return Syllabus(points=points, lessons=lessons, by_topic=by_topic)


@lru_cache(maxsize=2)
def syllabus(path: str | None = None) -> Syllabus:
    """The course syllabus, validated (``SyllabusError`` names what is wrong)."""
    source = Path(path) if path else SYLLABUS_FILE
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise SyllabusError(f"Cannot read {source}: {err}") from err
    try:
        return parse(data or {})
    except SyllabusError as err:
        raise SyllabusError(f"{source.name}: {err}") from None


# ---------------------------------------------------------------- the vocabulary plan
PLAN_FILE = ASSETS / "vocabulary" / "plan.csv"
LOADS = ("active", "passive")
ACTIVE_RANGE = (20, 40)     # a 30-45 minute lesson makes 20-40 words active
ALPHABET_MAX_ACTIVE = 40


def vocabulary_plan(path: Path | None = None):
    """The plan of the new sequence as a DataFrame (id, kk, lesson, load), validated: every
    vocabulary entry exactly once, with its headword, a planned lesson and a load; each lesson
    makes 20-40 words active (the alphabet lesson at most 40)."""
    import pandas as pd  # pandas only for the plan's tables: lesson kernels read the syllabus without it

    source = Path(path) if path else PLAN_FILE
    plan = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(plan.columns) != ["id", "kk", "lesson", "load"]:
        raise SyllabusError(f"{source.name}: header must be id,kk,lesson,load")
    plan["lesson"] = pd.to_numeric(plan["lesson"], errors="raise").astype(int)
    vocab = vocabulary(derived=False).set_index("id")["kk"]
    twice = plan[plan["id"].duplicated()]["id"].tolist()
    missing = sorted(set(vocab.index) - set(plan["id"]))
    unknown = sorted(set(plan["id"]) - set(vocab.index))
    if twice or missing or unknown:
        raise SyllabusError(f"{source.name}: ids twice {twice[:10]}, missing {missing[:10]}, unknown {unknown[:10]}")
    wrong_kk = plan[plan["kk"] != plan["id"].map(vocab)]["id"].tolist()
    if wrong_kk:
        raise SyllabusError(f"{source.name}: headword differs from the vocabulary for {wrong_kk[:10]}")
    lessons = syllabus().lessons
    bad = plan[~plan["lesson"].isin(list(lessons)) | ~plan["load"].isin(LOADS)]["id"].tolist()
    if bad:
        raise SyllabusError(f"{source.name}: unknown lesson or load (active|passive) for {bad[:10]}")
    active = plan[plan["load"] == "active"].groupby("lesson").size().reindex(list(lessons), fill_value=0)
    low, high = ACTIVE_RANGE
    off = {n: c for n, c in active.items() if not low <= c <= (ALPHABET_MAX_ACTIVE if n == 1 else high)}
    if off:
        raise SyllabusError(f"{source.name}: active words per lesson must be {low}-{high}: {off}")
    return plan


def load_table(path: Path | None = None):
    """Per planned lesson: level, title, grammar points, active and passive word counts."""
    import pandas as pd  # pandas only for the plan's tables

    plan = vocabulary_plan(path)
    counts = plan.groupby(["lesson", "load"]).size().unstack(fill_value=0)
    rows = [{"lesson": n, "level": l.level, "slug": l.slug, "points": ", ".join(l.points),
             "active": int(counts.loc[n].get("active", 0)) if n in counts.index else 0,
             "passive": int(counts.loc[n].get("passive", 0)) if n in counts.index else 0}
            for n, l in sorted(syllabus().lessons.items())]
    return pd.DataFrame(rows)
