"""Where a learner's progress rows live: in memory, or in one SQLite file.

``qazaq.progress.Progress`` is the facade that widgets talk to; it picks a backend (this module's,
or ``qazaq.browser_storage.BrowserBackend`` on public pages, which builds on ``MemoryBackend``).
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class MemoryBackend:
    """Rows kept in dicts: the fallback, and the base of the browser backend."""

    name = "memory"

    def __init__(self) -> None:
        self.cards: dict[str, dict] = {}
        self.reviews: list[dict] = []
        self.settings: dict[str, str] = {}

    def load_card(self, key: str) -> dict | None:
        return self.cards.get(key)

    def save_review(self, card_row: dict, review_row: dict) -> None:
        self.cards[card_row["key"]] = card_row
        self.reviews.append(review_row)
        self._persist()

    def merge(self, cards: list[dict], reviews: list[dict], settings: dict[str, str]) -> None:
        self.cards.update({row["key"]: row for row in cards})
        self.reviews.extend(reviews)
        self.settings.update(settings)
        self._persist()

    def all_cards(self) -> list[dict]:
        return list(self.cards.values())

    def all_reviews(self) -> list[dict]:
        return list(self.reviews)

    def get_setting(self, name: str) -> str | None:
        return self.settings.get(name)

    def all_settings(self) -> dict[str, str]:
        return dict(self.settings)

    def set_setting(self, name: str, value: str) -> None:
        self.settings[name] = value
        self._persist()

    def _persist(self) -> None:
        """Hook for subclasses that mirror the rows somewhere (browser localStorage)."""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS cards (
    key TEXT PRIMARY KEY, card TEXT NOT NULL, family TEXT NOT NULL DEFAULT '',
    lesson TEXT NOT NULL DEFAULT '', spec TEXT NOT NULL DEFAULT '{}', due TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, rating INTEGER NOT NULL, verdict TEXT,
    reviewed_at TEXT NOT NULL, duration_ms INTEGER, family TEXT, lesson TEXT, hints TEXT,
    UNIQUE (key, reviewed_at));
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_CARD_COLS = ("key", "card", "family", "lesson", "spec", "due")
_REVIEW_COLS = ("key", "rating", "verdict", "reviewed_at", "duration_ms", "family", "lesson", "hints")


class SQLiteBackend:
    """One SQLite file in WAL mode; each write is one transaction (``with conn``)."""

    name = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False: ipywidgets callbacks may come from another thread; the lock serialises.
        self.conn = sqlite3.connect(self.path, timeout=2.0, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        try:
            if self.conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is durable across app crashes
            with self.conn:
                self.conn.executescript(_SCHEMA)
                self._add_hints_column()
        except sqlite3.Error:
            self.conn.close()
            raise

    def _add_hints_column(self) -> None:
        # A file written before reviews kept the checker's hint codes gains the column, rows intact.
        columns = {row[1] for row in self.conn.execute("PRAGMA table_info(reviews)")}
        if "hints" not in columns:
            self.conn.execute("ALTER TABLE reviews ADD COLUMN hints TEXT")

    def load_card(self, key: str) -> dict | None:
        with self._lock:
            row = self.conn.execute("SELECT * FROM cards WHERE key = ?", (key,)).fetchone()
        return dict(row) if row else None

    def save_review(self, card_row: dict, review_row: dict) -> None:
        with self._lock, self.conn:  # one transaction: card state and its review log together
            self._upsert_card(card_row)
            self._insert_review(review_row)

    def merge(self, cards: list[dict], reviews: list[dict], settings: dict[str, str]) -> None:
        with self._lock, self.conn:
            for row in cards:
                self._upsert_card(row)
            for row in reviews:
                self._insert_review(row)
            for name, value in settings.items():
                self._set(name, value)

    def _upsert_card(self, row: dict) -> None:
        self.conn.execute(
            f"INSERT OR REPLACE INTO cards ({', '.join(_CARD_COLS)}) VALUES (?,?,?,?,?,?)",
            [row[c] for c in _CARD_COLS],
        )

    def _insert_review(self, row: dict) -> None:
        self.conn.execute(
            f"INSERT OR IGNORE INTO reviews ({', '.join(_REVIEW_COLS)}) VALUES ({', '.join('?' * len(_REVIEW_COLS))})",
            [row.get(c) for c in _REVIEW_COLS],
        )

    def all_cards(self) -> list[dict]:
        with self._lock:
            return [dict(r) for r in self.conn.execute("SELECT * FROM cards")]

    def all_reviews(self) -> list[dict]:
        with self._lock:
            rows = self.conn.execute(f"SELECT {', '.join(_REVIEW_COLS)} FROM reviews ORDER BY id")
            return [dict(r) for r in rows]

    def get_setting(self, name: str) -> str | None:
        with self._lock:
            row = self.conn.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def all_settings(self) -> dict[str, str]:
        with self._lock:
            return {r[0]: r[1] for r in self.conn.execute("SELECT name, value FROM settings")}

    def set_setting(self, name: str, value: str) -> None:
        with self._lock, self.conn:
            self._set(name, value)

    def _set(self, name: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)", (name, value))

    def close(self) -> None:
        self.conn.close()
