"""Fixtures for the practice tests: a private QAZAQ_HOME and a fresh session store per test."""
from __future__ import annotations

import pytest

from qazaq import progress, settings


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("QAZAQ_HOME", str(tmp_path))
    monkeypatch.delenv("QAZAQ_PUBLIC", raising=False)
    for name in ("VOILA_REQUEST_URL", "VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_KERNEL_ID"):
        monkeypatch.delenv(name, raising=False)
    progress.set_store(None)
    settings._current = None
    yield tmp_path
    progress.set_store(None)
    settings._current = None
