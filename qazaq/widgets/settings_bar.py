"""The script and interface-language pickers at the top of every lesson (state: qazaq.settings)."""
from __future__ import annotations

import ipywidgets as widgets

from qazaq import progress, settings
from qazaq.i18n import t
from qazaq.widgets.course_page import course_page


class SettingsBar(widgets.HBox):
    """Script and interface-language pickers for the top of a lesson."""

    def __init__(self) -> None:
        self._script = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self._lang = widgets.Dropdown(
            options=[(settings.LANG_NAMES[code], code) for code in settings.LANGS], layout=widgets.Layout(width="auto")
        )
        self._syncing = False
        children = [self._script, self._lang, course_page()]  # page styles, lang, skip link
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
        self._syncing = True
        try:
            self._script.description = t("settings.script")
            self._script.options = [(t(f"script.{code}"), code) for code in settings.SCRIPTS]
            self._script.value = now.script
            self._lang.description = t("settings.language")
            self._lang.value = now.lang
        finally:
            self._syncing = False

    def _picked(self, _change) -> None:
        if not self._syncing:
            settings.update(script=self._script.value, lang=self._lang.value)
