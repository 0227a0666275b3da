"""The learner's progress store: FSRS cards, review log (with the checker's hint codes),
settings and the lessons' self-check scores.

Where progress lives:
- JupyterLab / local: SQLite (stdlib, WAL mode) at ``$QAZAQ_HOME/progress.db``, else in the
  platformdirs user data dir (``qazaq-notebooks``). Every review is one transaction.
- Public pages (Voila, see ``qazaq.browser_storage.is_public``): in the visitor's browser
  ``localStorage``; nothing about anonymous visitors is written on the server.
- If the database is corrupt, locked or read-only the learner gets ONE clear message
  (``Progress.take_notice``), practice continues in memory, and a damaged file is moved
  aside (``progress.db.damaged-<time>``), never deleted.
- A self-check score is one settings row per lesson (``self_check:<lesson key>``, JSON: last and
  best score, total, dates): every backend, the export and the import carry it without a new
  table. An unreadable row is named in the notice and kept as ``…:damaged`` when a new score
  replaces it.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

from qazaq import browser_storage
from qazaq.scheduler import Card, Scheduler, default as default_scheduler, rating_for
from qazaq.storage import MemoryBackend, SQLiteBackend

DB_NAME = "progress.db"
EXPORT_FORMAT = "qazaq-progress"
SELF_CHECK = "self_check:"          # settings row prefix of a lesson's self-check score
_PLAIN_SETTINGS = ("script", "lang")


class ProgressImportError(ValueError):
    """A progress file that cannot be imported; the message says why."""


@dataclass
class CardRecord:
    key: str
    card: Card
    family: str
    lesson: str
    spec: dict


@dataclass(frozen=True)
class SelfCheckScore:
    """A lesson's self-check: the last and the best score out of ``total``, with their dates."""
    lesson: str
    last: int
    best: int
    total: int
    date: str          # ISO time of the last attempt
    best_date: str

    @classmethod
    def from_json(cls, lesson: str, text: str) -> "SelfCheckScore":
        raw = json.loads(text)
        score = cls(lesson, int(raw["last"]), int(raw["best"]), int(raw["total"]),
                    datetime.fromisoformat(raw["date"]).isoformat(), datetime.fromisoformat(raw["best_date"]).isoformat())
        if not (0 <= score.last <= score.total and 0 <= score.best <= score.total and score.total > 0):
            raise ValueError(f"score out of range: {raw}")
        return score

    def to_json(self) -> str:
        return json.dumps({"last": self.last, "best": self.best, "total": self.total, "date": self.date,
                           "best_date": self.best_date})

    def then(self, score: int, total: int, when: str) -> "SelfCheckScore":
        """This record after one more attempt (a lesson whose self-check changed length compares
        scores as fractions)."""
        if score * self.total > self.best * total:
            return SelfCheckScore(self.lesson, score, score, total, when, when)
        best = self.best if total == self.total else round(self.best * total / self.total)
        return SelfCheckScore(self.lesson, score, best, total, when, self.best_date)

    def merged(self, other: "SelfCheckScore") -> "SelfCheckScore":
        """Two devices' records of one lesson: the later last attempt, the better best."""
        later = other if other.date > self.date else self
        best = max((self, other), key=lambda s: (s.best / s.total, s.best_date))
        return SelfCheckScore(self.lesson, later.last, round(best.best * later.total / best.total), later.total,
                              later.date, best.best_date)


class Notice(NamedTuple):
    """A storage problem for the learner: an interface-string key and the fields it names."""
    key: str
    fields: dict


def _now() -> datetime:
    return datetime.now(timezone.utc)


# ---------------------------------------------------------------- facade
class Progress:
    """What widgets talk to. Any storage failure switches to memory with one notice."""

    def __init__(self, backend, scheduler: Scheduler | None = None, notice: tuple[str, dict] | None = None):
        self.backend = backend
        self.scheduler = scheduler or default_scheduler()
        self._notice = notice
        self._notice_taken = False

    # -- failure handling
    def _call(self, method: str, *args):
        try:
            return getattr(self.backend, method)(*args)
        except sqlite3.Error as error:
            self._fall_back(error)
            return getattr(self.backend, method)(*args)

    def _fall_back(self, error: sqlite3.Error) -> None:
        old = self.backend
        memory = MemoryBackend()
        try:  # keep what is still readable so the session does not start from zero
            memory.merge(old.all_cards(), old.all_reviews(), {})
        except sqlite3.Error:
            pass
        self.backend = memory
        if self._notice is None:
            self._notice = _notice_for(error, getattr(old, "path", None))

    @property
    def in_memory(self) -> bool:
        return self.backend.name == "memory"

    def take_notice(self) -> Notice | None:
        """The storage problem, once per session (then None). The store names the problem; the
        widget that shows it says it in the learner's language (``qazaq.i18n.t(key, **fields)``)."""
        if self._notice is None or self._notice_taken:
            return None
        self._notice_taken = True
        return Notice(*self._notice)

    # -- reviews
    def card(self, key: str) -> Card | None:
        row = self._call("load_card", key)
        return Card.from_json(row["card"]) if row else None

    def review(
        self,
        key: str,
        outcome,
        *,
        family: str = "",
        lesson: str = "",
        spec: dict | None = None,
        now: datetime | None = None,
        duration_ms: int | None = None,
        hints=(),
    ) -> Card:
        """Schedule ``key`` with FSRS and store card + review in one transaction; ``hints``: the
        answer checker's hint codes (``vowel-harmony`` …), kept for mastery per grammar point."""
        now = now or _now()
        rating = rating_for(outcome)
        previous = self._call("load_card", key)
        card = Card.from_json(previous["card"]) if previous else self.scheduler.new_card(key, now)
        card, log = self.scheduler.review(card, rating, now, duration_ms)
        old_spec = json.loads(previous["spec"]) if previous else {}
        card_row = {
            "key": key, "card": card.to_json(), "family": family or (previous or {}).get("family", ""),
            "lesson": lesson or (previous or {}).get("lesson", ""), "spec": json.dumps(spec or old_spec, ensure_ascii=False),
            "due": card.due.isoformat(),
        }
        review_row = {
            "key": key, "rating": int(rating), "verdict": outcome if isinstance(outcome, str) else None,
            "reviewed_at": log.review_datetime.isoformat(), "duration_ms": duration_ms,
            "family": card_row["family"], "lesson": card_row["lesson"], "hints": " ".join(hints) or None,
        }
        self._call("save_review", card_row, review_row)
        return card

    def records(self) -> list[CardRecord]:
        return [
            CardRecord(r["key"], Card.from_json(r["card"]), r["family"], r["lesson"], json.loads(r["spec"] or "{}"))
            for r in self._call("all_cards")
        ]

    def due(self, now: datetime | None = None, limit: int | None = None) -> list[CardRecord]:
        """Cards due now, most overdue first."""
        now = now or _now()
        due = sorted((r for r in self.records() if r.card.due <= now), key=lambda r: r.card.due)
        return due[:limit] if limit else due

    def reviews(self) -> list[dict]:
        return self._call("all_reviews")

    # -- settings
    def get_setting(self, name: str) -> str | None:
        return self._call("get_setting", name)

    def set_setting(self, name: str, value: str) -> None:
        self._call("set_setting", name, value)

    # -- self-check scores
    def self_checks(self) -> dict[str, SelfCheckScore]:
        """Every lesson's self-check score by lesson key; an unreadable row is left out and named
        in the notice (it stays stored: nothing is lost)."""
        found = {}
        for name, value in sorted(self._call("all_settings").items()):
            if not name.startswith(SELF_CHECK) or name.endswith(":damaged"):
                continue
            lesson = name[len(SELF_CHECK):]
            try:
                found[lesson] = SelfCheckScore.from_json(lesson, value)
            except (ValueError, KeyError, TypeError):
                if self._notice is None:
                    self._notice = ("self_check_damaged", {"lesson": lesson})
        return found

    def record_self_check(self, lesson: str, score: int, total: int, now: datetime | None = None) -> SelfCheckScore:
        """Store one self-check attempt of ``lesson``: the last score, and the best if it is one."""
        if not (total > 0 and 0 <= score <= total):
            raise ValueError(f"A self-check score is 0..{total} of {total}, not {score}")
        when = (now or _now()).isoformat()
        name = SELF_CHECK + lesson
        old = self.get_setting(name)
        try:
            record = SelfCheckScore.from_json(lesson, old).then(score, total, when) if old else None
        except (ValueError, KeyError, TypeError):
            self.set_setting(name + ":damaged", old)   # kept, never overwritten silently
            record = None
        record = record or SelfCheckScore(lesson, score, score, total, when, when)
        self.set_setting(name, record.to_json())
        return record

    # -- export / import
    def export_data(self) -> dict:
        settings = {n: v for n, v in self._call("all_settings").items()
                    if n in _PLAIN_SETTINGS or n.startswith(SELF_CHECK)}
        cards = [{**r, "card": json.loads(r["card"]), "spec": json.loads(r["spec"] or "{}")} for r in self._call("all_cards")]
        return {"format": EXPORT_FORMAT, "version": 1, "cards": cards, "reviews": self.reviews(), "settings": settings}

    def export(self, path: str | os.PathLike) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.export_data(), ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    def import_data(self, data: Any) -> int:
        """Merge exported progress; for a card seen in both, the later review wins. Returns cards taken."""
        cards, reviews, settings = _validated(data)
        for name, value in list(settings.items()):
            if name.startswith(SELF_CHECK) and (old := self.get_setting(name)):
                lesson = name[len(SELF_CHECK):]
                try:
                    settings[name] = SelfCheckScore.from_json(lesson, old).merged(
                        SelfCheckScore.from_json(lesson, value)).to_json()
                except (ValueError, KeyError, TypeError):
                    settings[name + ":damaged"] = old   # this device's unreadable row is kept aside
        mine = {r.key: r.card for r in self.records()}
        newer = [c for c in cards if c["key"] not in mine or _later(Card.from_json(c["card"]), mine[c["key"]])]
        self._call("merge", newer, reviews, settings)
        return len(newer)

    def import_(self, path: str | os.PathLike) -> int:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ProgressImportError(f"Could not read progress file {path}: {error}") from None
        return self.import_data(data)


def _later(a: Card, b: Card) -> bool:
    epoch = datetime.min.replace(tzinfo=timezone.utc)
    return (a.last_review or epoch) > (b.last_review or epoch)


def _validated(data: Any) -> tuple[list[dict], list[dict], dict[str, str]]:
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ProgressImportError("This is not a Qazaq Notebooks progress file (format field missing).")
    try:
        cards = []
        for c in data.get("cards", []):
            card = Card.from_dict(c["card"])  # validates the FSRS fields
            cards.append({
                "key": str(c["key"]), "card": card.to_json(), "family": str(c.get("family", "")),
                "lesson": str(c.get("lesson", "")), "spec": json.dumps(c.get("spec") or {}, ensure_ascii=False),
                "due": card.due.isoformat(),
            })
        reviews = [
            {"key": str(r["key"]), "rating": int(rating_for(int(r["rating"]))), "verdict": r.get("verdict"),
             "reviewed_at": datetime.fromisoformat(r["reviewed_at"]).isoformat(), "duration_ms": r.get("duration_ms"),
             "family": r.get("family"), "lesson": r.get("lesson"),
             "hints": str(r["hints"]) if r.get("hints") else None}
            for r in data.get("reviews", [])
        ]
        settings = {str(k): str(v) for k, v in (data.get("settings") or {}).items()
                    if k in _PLAIN_SETTINGS or (str(k).startswith(SELF_CHECK) and not str(k).endswith(":damaged"))}
    except (KeyError, TypeError, ValueError) as error:
        raise ProgressImportError(f"The progress file is damaged: {error!r}") from None
    for name, value in settings.items():
        if name.startswith(SELF_CHECK):
            try:
                SelfCheckScore.from_json(name[len(SELF_CHECK):], value)
            except (ValueError, KeyError, TypeError):
                raise ProgressImportError(f"The progress file is damaged: the self-check score of lesson "
                                          f"{name[len(SELF_CHECK):]} cannot be read ({value[:60]!r}).") from None
    return cards, reviews, settings


# ---------------------------------------------------------------- opening
def data_dir() -> Path:
    """``$QAZAQ_HOME`` if set, else the per-user data dir."""
    if os.environ.get("QAZAQ_HOME"):
        return Path(os.environ["QAZAQ_HOME"]).expanduser()
    return Path(platformdirs.user_data_dir("qazaq-notebooks", appauthor=False))


def _move_aside(path: Path) -> Path | None:
    stamp = _now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                extra.rename(target.with_name(target.name + suffix))
    except OSError:
        return None
    return target


def _notice_for(error: sqlite3.Error, path: Path | None) -> tuple[str, dict]:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "store_locked", {"path": str(path)}
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "store_readonly", {"path": str(path)}
    return "store_unavailable", {"path": str(path), "error": str(error)}


def open_sqlite(path: str | os.PathLike, scheduler: Scheduler | None = None) -> Progress:
    """Open the SQLite store, or fall back to memory with a notice (never raises)."""
    path = Path(path)
    try:
        return Progress(SQLiteBackend(path), scheduler)
    except sqlite3.OperationalError as error:  # locked, read-only, cannot open
        return Progress(MemoryBackend(), scheduler, _notice_for(error, path))
    except sqlite3.DatabaseError:  # not a database / malformed: keep it aside, do not delete
        aside = _move_aside(path)
        if aside is None:
            return Progress(MemoryBackend(), scheduler, ("store_damaged_kept", {"path": str(path)}))
        return Progress(MemoryBackend(), scheduler, ("store_damaged", {"path": str(path), "aside": str(aside)}))
    except OSError as error:  # directory cannot be created
        return Progress(MemoryBackend(), scheduler, ("store_readonly", {"path": str(path), "error": str(error)}))


_store: Progress | None = None
_store_lock = threading.Lock()


def store() -> Progress:
    """The session's progress store (browser storage on public pages, else SQLite)."""
    global _store
    with _store_lock:
        if _store is None:
            if browser_storage.is_public():
                _store = Progress(browser_storage.BrowserBackend())
            else:
                _store = open_sqlite(data_dir() / DB_NAME)
        return _store


def set_store(progress: Progress | None) -> None:
    """Replace the session store (tests, or a teacher pointing at another file). None = reopen."""
    global _store
    with _store_lock:
        _store = progress
