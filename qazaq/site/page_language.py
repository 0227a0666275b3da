"""The language of the site's own pages (home, busy): `?lang=xx`, else Accept-Language, else English.

The browser remembers a choice (the home page writes it into the learner's settings in
localStorage, where lessons read it too) and the home page's links carry it (`?lang=xx`), so a
lesson opens in the language the home page was read in. A saved choice that differs from what
the server picked (it cannot read localStorage) makes the page reload itself with `?lang=`.
"""
from __future__ import annotations

from dataclasses import dataclass

from qazaq import i18n
from qazaq.browser_storage import STORAGE_KEY
from qazaq.content import languages
from qazaq.content.languages import ENGLISH

_HEADINGS = {"Start here": "home.start_here", "Lessons": "home.lessons", "Practice": "home.practice"}


@dataclass(frozen=True)
class PageLanguage:
    code: str
    explicit: bool = False  # chosen with ?lang= (and then saved by the page)

    @property
    def direction(self) -> str:
        return languages.direction(self.code)

    @property
    def choices(self) -> list[tuple[str, str]]:
        """(code, name in its own language) of every discovered language: the page's menu."""
        return [(code, lang.name) for code, lang in languages.available().items()]

    @property
    def codes(self) -> list[str]:
        return list(languages.codes())

    @property
    def link_query(self) -> str:
        """What the home page's lesson links carry so that the lesson opens in this language."""
        return "" if self.code == ENGLISH and not self.explicit else f"?lang={self.code}"

    storage_key: str = STORAGE_KEY

    def t(self, key: str, **fmt) -> str:
        return i18n.t(key, self.code, **fmt)

    def heading(self, heading: str) -> str:
        """A catalogue heading ("Level A1", "Start here"...) in this language; others as they are."""
        if heading.startswith("Level "):
            return self.t("home.level", level=heading.removeprefix("Level "))
        return self.t(_HEADINGS[heading]) if heading in _HEADINGS else heading


def for_request(asked: str, accept_language: str) -> PageLanguage:
    asked = (asked or "").strip().lower()
    if languages.language(asked) is not None:
        return PageLanguage(asked, explicit=True)
    return PageLanguage(languages.best_match(accept_language))
