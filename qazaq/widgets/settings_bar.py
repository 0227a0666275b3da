"""The script and interface-language pickers at the top of every lesson (state: qazaq.settings)."""
from __future__ import annotations

import ipywidgets as widgets

from qazaq import progress, settings
from qazaq.content import languages
from qazaq.i18n import t
from qazaq.widgets import direction
from qazaq.widgets.course_page import course_page


class SettingsBar(widgets.HBox):
    """Script and interface-language pickers for the top of a lesson (every discovered language)."""

    def __init__(self) -> None:
        self._script = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self._lang = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self._syncing = False
        children = [self._script, self._lang, course_page()]  # page styles, lang, direction, skip link
        bridge = getattr(progress.store().backend, "bridge", None)
        if bridge is not None:  # public page: the invisible localStorage bridge rides along
            children.append(bridge)
        super().__init__(children=children)
        self.add_class("qz-settings")
        self._refresh()
        self._script.observe(self._picked, names="value")
        self._lang.observe(self._picked, names="value")
        settings.on_change(self._refresh)

    def _refresh(self) -> None:
        now = settings.current()
        direction.follow(self)
        self._syncing = True
        try:
            self._script.description = t("settings.script")
            self._script.options = [(t(f"script.{code}"), code) for code in settings.SCRIPTS]
            self._script.value = now.script
            self._lang.description = t("settings.language")
            self._lang.options = [(lang.name, code) for code, lang in languages.available().items()]
            self._lang.value = now.lang
        finally:
            self._syncing = False

    def _picked(self, _change) -> None:
        if not self._syncing:
            settings.update(script=self._script.value, lang=self._lang.value)
