"""The interface's writing direction: widgets mirror when the interface language is right to left.

A container gets the ``qz-rtl`` class while the learner's interface language is written right
to left (Persian...; the direction is data in its string file, qazaq.content.languages). CSS
then sets ``direction: rtl`` on it, so rows of buttons, labels and text run from the right,
while Kazakh keeps the direction of the learner's script: Cyrillic and Latin left to right,
Arabic right to left (qazaq.render.kazakh_html tags each Kazakh span with its ``lang``).

The CSS travels with the widgets (an invisible anywidget, ``style()``), so it applies in
JupyterLab and on the public site alike.
"""
from __future__ import annotations

import anywidget
import ipywidgets as widgets

from qazaq import settings
from qazaq.widgets import shared

RTL_CLASS = "qz-rtl"


class DirectionStyle(anywidget.AnyWidget):
    """Invisible; its only job is to bring the mirroring CSS into the page."""

    _esm = """
    export default {
      render({ el }) { el.style.display = "none"; el.setAttribute("aria-hidden", "true"); },
    };
    """
    # Logical properties (start/end, inline) so nothing is tied to left or right.
    _css = """
    .qz-rtl { direction: rtl; text-align: start; }
    .qz-rtl [lang="kk-Cyrl"], .qz-rtl [lang="kk-Latn"] { direction: ltr; unicode-bidi: isolate; }
    .qz-rtl [lang="kk-Arab"] { direction: rtl; unicode-bidi: isolate; }
    .qz-rtl .widget-label { text-align: end; margin-inline: 0 calc(var(--jp-widgets-inline-margin, 4px) * 2); }
    .qz-rtl table { text-align: start; }
    .qz-rtl th, .qz-rtl td { text-align: start; }
    """


def style() -> DirectionStyle:
    """The kernel's one DirectionStyle (put it among a container's children, like the bridge)."""
    return shared.one(("direction-style",), DirectionStyle)


def follow(widget: widgets.DOMWidget) -> None:
    """Mirror ``widget`` or not, after the learner's current interface language."""
    if settings.current().direction == "rtl":
        widget.add_class(RTL_CLASS)
    else:
        widget.remove_class(RTL_CLASS)
