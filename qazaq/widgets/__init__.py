"""Practice activities for the lessons, all sharing one rendering/checking/feedback path (base.py).

Families: MultipleChoice, TypeAnswer, Matching, Cloze, SuffixBuilder, WordOrder, Listening,
Flashcards, ReviewSession, ProgressDashboard. A plain ``str`` given to any of them is Kazakh;
a mapping ``{"en": ..., "ru": ..., "tr": ...}`` is text in the learner's language.

Families are imported on first use (PEP 562), so a lesson that shows no table never pays for
pandas: kernel start-up time and memory are what a public visitor waits for.
"""
from __future__ import annotations

import importlib

_HOMES = {
    "MultipleChoice": "choice", "Matching": "choice",
    "TypeAnswer": "typed", "Cloze": "typed", "Listening": "typed", "SuffixBuilder": "typed",
    "WordOrder": "word_order", "Flashcards": "flashcards", "ReviewSession": "review",
    "ProgressDashboard": "dashboard", "ScriptConverter": "converter",
    "VocabularyBrowser": "vocabulary_browser", "SettingsBar": "settings_bar",
}

__all__ = list(_HOMES)


def __getattr__(name: str):
    if name in _HOMES:
        value = getattr(importlib.import_module(f"qazaq.widgets.{_HOMES[name]}"), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'qazaq.widgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
