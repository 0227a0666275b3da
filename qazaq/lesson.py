"""What every lesson notebook calls: the settings bar on top, and Kazakh views that follow it."""
from __future__ import annotations

from typing import Callable

import ipywidgets as widgets
from IPython.display import display


class KazakhView(widgets.HTML):
    """Static lesson content (tables, examples) re-rendered when the learner changes script or language."""

    def __init__(self, render: Callable[[], str]) -> None:
        super().__init__()
        self._render = render
        self.add_class("qz-view")
        self.refresh()
        from qazaq import settings

        settings.on_change(self.refresh)

    def refresh(self) -> None:
        self.value = self._render()


def start(number: int | None = None) -> None:
    """Top of a lesson: the script and interface-language picker."""
    from qazaq.settings import SettingsBar

    display(SettingsBar())


def show(render: Callable[[], str]) -> None:
    """Display a view; returns nothing so a notebook cell does not display it twice."""
    display(KazakhView(render))
