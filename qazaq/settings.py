"""Learner settings: Kazakh script (cyrl / latn / arab) and interface language (en / ru / tr).

``current()`` is what every renderer reads. Settings are saved in the progress store
(SQLite locally, the browser on public pages). ``SettingsBar()`` is the small widget at
the top of each lesson; changing it re-renders every live activity through ``on_change``.
"""
from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, replace
from typing import Callable

import ipywidgets as widgets

SCRIPTS = ("cyrl", "latn", "arab")
LANGS = ("en", "ru", "tr")
# Language names are written in their own language: a learner must find theirs without reading ours.
LANG_NAMES = {"en": "English", "ru": "Русский", "tr": "Türkçe"}


@dataclass(frozen=True)
class Settings:
    script: str = "cyrl"
    lang: str = "en"


_current: Settings | None = None
_listeners: list = []
_lock = threading.Lock()


def _from_store() -> Settings:
    try:
        from qazaq import progress

        store = progress.store()
        _watch_browser(store)
        script, lang = store.get_setting("script"), store.get_setting("lang")
    except Exception:  # settings must never stop a lesson; defaults are always usable
        return Settings()
    return Settings(script if script in SCRIPTS else "cyrl", lang if lang in LANGS else "en")


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
    if lang is not None and lang not in LANGS:
        raise ValueError(f"Unknown interface language {lang!r}: choose one of {', '.join(LANGS)}.")
    new = replace(current(), **{k: v for k, v in (("script", script), ("lang", lang)) if v is not None})
    try:
        from qazaq import progress

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


class SettingsBar(widgets.HBox):
    """Script and interface-language pickers for the top of a lesson."""

    def __init__(self) -> None:
        self._script = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self._lang = widgets.Dropdown(
            options=[(LANG_NAMES[code], code) for code in LANGS], layout=widgets.Layout(width="auto")
        )
        self._syncing = False
        from qazaq import progress
        from qazaq.widgets.course_page import course_page

        children = [self._script, self._lang, course_page()]  # page styles, lang, skip link

        bridge = getattr(progress.store().backend, "bridge", None)
        if bridge is not None:  # public page: the invisible localStorage bridge rides along
            children.append(bridge)
        super().__init__(children=children)
        self.add_class("qz-settings")
        self._refresh()
        self._script.observe(self._picked, names="value")
        self._lang.observe(self._picked, names="value")
        on_change(self._refresh)

    def _refresh(self) -> None:
        from qazaq.i18n import t

        now = current()
        self._syncing = True
        try:
            self._script.description = t("settings.script")
            self._script.options = [(t(f"script.{code}"), code) for code in SCRIPTS]
            self._script.value = now.script
            self._lang.description = t("settings.language")
            self._lang.value = now.lang
        finally:
            self._syncing = False

    def _picked(self, _change) -> None:
        if not self._syncing:
            update(script=self._script.value, lang=self._lang.value)
