"""Progress store: SQLite WAL, atomic reviews, restart survival, damaged/locked/read-only files, export/import, visitors."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from qazaq import browser_storage, progress, settings
from qazaq.i18n import t
from qazaq.progress import ProgressImportError

from tests.progress_fixtures import home  # noqa: F401

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


def notice_text(store: progress.Progress, lang: str) -> str | None:
    """The store's one notice as a learner reading ``lang`` sees it."""
    notice = store.take_notice()
    return notice and t(notice.key, lang, **notice.fields)


def test_default_store_is_sqlite_wal_in_qazaq_home(home):
    store = progress.store()
    assert store.backend.name == "sqlite" and store.backend.path == home / "progress.db"
    mode = sqlite3.connect(home / "progress.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_review_is_one_row_each_and_survives_a_new_process(home):
    progress.store().review("vocab:w1", "correct", family="TypeAnswer", lesson="01", now=T0)
    progress.store().review("vocab:w1", "wrong", now=T0 + timedelta(minutes=5))
    # a new interpreter = a kernel restart
    code = "from qazaq import progress; s = progress.store(); print(len(s.reviews()), s.records()[0].lesson)"
    out = subprocess.run([sys.executable, "-c", code], env=dict(os.environ), capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2", "01"]


def test_review_is_atomic(home, monkeypatch):
    store = progress.store()
    store.review("a", "correct", now=T0)

    def broken_insert(row):
        raise sqlite3.IntegrityError("simulated failure after the card update")

    monkeypatch.setattr(store.backend, "_insert_review", broken_insert)
    with pytest.raises(sqlite3.IntegrityError):
        store.backend.save_review({"key": "b", "card": "{}", "family": "", "lesson": "", "spec": "{}", "due": ""}, {})
    assert [r["key"] for r in store.backend.all_cards()] == ["a"]  # card b rolled back with its review


def test_corrupt_database_is_moved_aside_and_practice_continues(home):
    db = home / "progress.db"
    db.write_bytes(b"this is not an sqlite file at all" * 100)
    store = progress.store()
    assert store.in_memory
    aside = list(home.glob("progress.db.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    assert not db.exists()
    message = notice_text(store, "en")
    assert message.startswith("Your progress file was damaged. It was kept as ") and str(aside[0]) in message
    assert notice_text(store, "en") is None  # one message, not one per exercise
    store.review("k", "correct", now=T0)
    assert len(store.reviews()) == 1


def test_corrupt_database_message_in_russian(home):
    (home / "progress.db").write_bytes(b"garbage" * 1000)
    assert notice_text(progress.store(), "ru").startswith("Файл с вашим прогрессом повреждён.")


def test_locked_database_falls_back_to_memory_keeping_what_was_read(home):
    store = progress.store()
    store.review("k", "correct", now=T0)
    store.backend.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(home / "progress.db")
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        store.review("k2", "wrong", now=T0)
    finally:
        other.rollback()
        other.close()
    assert store.in_memory
    assert sorted(r.key for r in store.records()) == ["k", "k2"]
    assert notice_text(store, "en").startswith("Your progress file is in use by another program")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_database(home):
    progress.store().review("k", "correct", now=T0)
    progress.set_store(None)
    os.chmod(home / "progress.db", 0o444)
    os.chmod(home, 0o555)
    try:
        store = progress.store()
        store.review("k2", "correct", now=T0)
        assert store.in_memory
        assert notice_text(store, "en").startswith("Your progress file cannot be written")
    finally:
        os.chmod(home, 0o755)
    assert (home / "progress.db").exists()


def test_export_import_round_trip(home, tmp_path):
    store = progress.store()
    store.review("vocab:a", "correct", family="Flashcards", lesson="02", spec={"family": "Flashcards", "args": {"cards": [["су", {"en": "water"}]]}}, now=T0)
    store.review("vocab:b", "wrong", now=T0)
    store.set_setting("script", "latn")
    path = store.export(tmp_path / "backup.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "qazaq-progress" and len(data["cards"]) == 2 and len(data["reviews"]) == 2
    other = progress.open_sqlite(tmp_path / "other" / "progress.db")
    assert other.import_(path) == 2
    assert other.card("vocab:a").due == store.card("vocab:a").due
    assert other.records()[0].spec["args"]["cards"][0][0] == "су"
    assert other.get_setting("script") == "latn"
    assert other.import_(path) == 0 and len(other.reviews()) == 2  # importing twice adds nothing


def test_import_rejects_other_files_with_a_message(home, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    with pytest.raises(ProgressImportError, match="not a Qazaq Notebooks progress file"):
        progress.store().import_(bad)
    bad.write_text("{not json")
    with pytest.raises(ProgressImportError, match="Could not read progress file"):
        progress.store().import_(bad)


def test_settings_are_saved_in_the_store(home):
    settings.update(script="arab", lang="tr")
    progress.set_store(None)
    settings._current = None
    assert settings.current() == settings.Settings("arab", "tr")
    with pytest.raises(ValueError, match="Unknown script"):
        settings.update(script="greek")


# ---------------------------------------------------------------- public pages
def test_public_mode_detection(monkeypatch):
    for name in ("QAZAQ_PUBLIC", "VOILA_REQUEST_URL", "VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_KERNEL_ID"):
        monkeypatch.delenv(name, raising=False)
    assert not browser_storage.is_public()
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    assert browser_storage.is_public()
    monkeypatch.setenv("QAZAQ_PUBLIC", "0")
    assert not browser_storage.is_public()
    monkeypatch.delenv("VOILA_BASE_URL")
    monkeypatch.setenv("QAZAQ_PUBLIC", "1")
    assert browser_storage.is_public()


def _visitor(monkeypatch):
    """A fresh Voila kernel's store (each visitor gets their own kernel)."""
    monkeypatch.setenv("QAZAQ_PUBLIC", "1")
    progress.set_store(None)
    return progress.store()


def _browser_reports(store, saved: str) -> None:
    """What the LocalStorage widget does when the page loads: report what the browser kept."""
    store.backend.bridge.browser_data = saved
    store.backend.bridge.loaded = True


def test_two_visitors_never_share_progress_and_nothing_is_stored_on_the_server(home, monkeypatch):
    a = _visitor(monkeypatch)
    _browser_reports(a, "")
    a.review("vocab:a", "correct", now=T0)
    a.set_setting("lang", "ru")
    browser_a = a.backend.bridge.data  # what visitor A's browser now holds
    b = _visitor(monkeypatch)
    _browser_reports(b, "")  # another browser: empty localStorage
    assert b is not a and b.records() == [] and b.reviews() == []
    assert list(home.iterdir()) == []  # no file about anonymous visitors on the server
    # visitor A reloads: a new kernel, the same browser
    a2 = _visitor(monkeypatch)
    assert a2.records() == []  # nothing until the browser reports
    _browser_reports(a2, browser_a)
    assert [r.key for r in a2.records()] == ["vocab:a"] and a2.get_setting("lang") == "ru"


def test_browser_merge_keeps_reviews_made_before_the_browser_reported(home, monkeypatch):
    first = _visitor(monkeypatch)
    _browser_reports(first, "")
    first.review("old", "correct", now=T0)
    saved = first.backend.bridge.data
    v = _visitor(monkeypatch)
    v.review("new", "wrong", now=T0 + timedelta(days=1))
    assert v.backend.bridge.data == ""  # not written before the browser reported: it would erase "old"
    _browser_reports(v, saved)
    assert sorted(r.key for r in v.records()) == ["new", "old"]
    assert len(json.loads(v.backend.bridge.data)["reviews"]) == 2


def test_unreadable_browser_data_starts_fresh(home, monkeypatch):
    v = _visitor(monkeypatch)
    _browser_reports(v, "{broken")
    assert v.records() == []
    v.review("k", "correct", now=T0)
    assert len(v.reviews()) == 1


def test_unwritable_location_falls_back_to_memory(home):
    blocker = home / "not-a-dir"
    blocker.write_text("a file where the data directory should be")
    store = progress.open_sqlite(blocker / "progress.db")
    store.review("k", "correct", now=T0)
    assert store.in_memory and len(store.reviews()) == 1
    assert notice_text(store, "tr").startswith("İlerleme dosyanıza yazılamıyor")
    assert blocker.read_text() == "a file where the data directory should be"
