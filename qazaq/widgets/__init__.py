"""Practice activities for the lessons, all sharing one rendering/checking/feedback path (base.py).

Families: MultipleChoice, TypeAnswer, Matching, Cloze, SuffixBuilder, WordOrder, Listening,
Flashcards, ReviewSession, ProgressDashboard. A plain ``str`` given to any of them is Kazakh;
a mapping ``{"en": ..., "ru": ..., "tr": ...}`` is text in the learner's language.
"""
from __future__ import annotations

from qazaq.settings import SettingsBar
from qazaq.widgets.choice import Matching, MultipleChoice
from qazaq.widgets.dashboard import ProgressDashboard
from qazaq.widgets.flashcards import Flashcards
from qazaq.widgets.review import ReviewSession
from qazaq.widgets.typed import Cloze, Listening, SuffixBuilder, TypeAnswer
from qazaq.widgets.word_order import WordOrder

try:  # written by another engineer; optional until it lands
    from .converter import ScriptConverter
except ImportError:
    pass
try:
    from .vocabulary_browser import VocabularyBrowser
except ImportError:
    pass

__all__ = [name for name in (
    "MultipleChoice", "TypeAnswer", "Matching", "Cloze", "SuffixBuilder", "WordOrder", "Listening",
    "Flashcards", "ReviewSession", "ProgressDashboard", "SettingsBar", "ScriptConverter", "VocabularyBrowser",
) if name in globals()]
