"""Learner settings: Kazakh script (cyrl / latn / arab) and interface language (any discovered one).

This module is the one that knows the learner's script and language: ``current()`` is what
every renderer reads. Settings are saved in the progress store (SQLite locally, the browser on
public pages). ``qazaq.widgets.settings_bar.SettingsBar`` is the small widget at the top of each
lesson; changing it re-renders every live activity through ``on_change``.
"""
from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, replace
from typing import Callable

from qazaq import progress
from qazaq.content import languages

SCRIPTS = ("cyrl", "latn", "arab")
# Interface languages are the string files in assets/i18n (qazaq.content.languages): adding one
# is adding a file, with its name written in its own language (a learner finds theirs without ours).


@dataclass(frozen=True)
class Settings:
    script: str = "cyrl"
    lang: str = "en"

    @property
    def direction(self) -> str:
        """The interface's writing direction, "ltr" or "rtl" (Kazakh follows its script instead)."""
        return languages.direction(self.lang)


_current: Settings | None = None
_listeners: list = []
_lock = threading.Lock()


def _from_store() -> Settings:
    try:
        store = progress.store()
        _watch_browser(store)
        script, lang = store.get_setting("script"), store.get_setting("lang")
    except Exception:  # settings must never stop a lesson; defaults are always usable
        return Settings()
    return Settings(script if script in SCRIPTS else "cyrl", lang if languages.language(str(lang)) else "en")


def _watch_browser(store) -> None:
    # On public pages the visitor's saved settings arrive a moment after the kernel starts.
    hooks = getattr(store.backend, "on_loaded", None)
    if hooks is not None and reload not in hooks:
        hooks.append(reload)


def current() -> Settings:
    global _current
    with _lock:
        if _current is None:
            _current = _from_store()
        return _current


def reload() -> Settings:
    """Re-read the store (e.g. after the browser reported) and notify listeners."""
    global _current
    with _lock:
        _current = None
    return _apply(current(), force=True)


def update(*, script: str | None = None, lang: str | None = None) -> Settings:
    """Change settings, save them, and re-render live widgets."""
    if script is not None and script not in SCRIPTS:
        raise ValueError(f"Unknown script {script!r}: choose one of {', '.join(SCRIPTS)}.")
    if lang is not None and languages.language(lang) is None:
        raise ValueError(f"Unknown interface language {lang!r}: choose one of {', '.join(languages.codes())}.")
    new = replace(current(), **{k: v for k, v in (("script", script), ("lang", lang)) if v is not None})
    try:
        store = progress.store()
        store.set_setting("script", new.script)
        store.set_setting("lang", new.lang)
    except Exception:  # the store already reports its own problems; settings still apply
        pass
    return _apply(new)


def _apply(new: Settings, force: bool = False) -> Settings:
    global _current
    with _lock:
        changed = force or new != _current
        _current = new
    if changed:
        for ref in list(_listeners):
            callback = ref()
            if callback is None:
                _listeners.remove(ref)
            else:
                callback()
    return new


def on_change(callback: Callable[[], None]) -> None:
    """Call ``callback()`` after every change. Held weakly: closed widgets are not kept alive."""
    ref = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else weakref.ref(callback)
    _listeners.append(ref)
