"""The interface's writing direction: widgets mirror when the interface language is right to left.

A container gets the ``qz-rtl`` class while the learner's interface language is written right
to left (Persian...; the direction is data in its string file, qazaq.content.languages). The
course CSS (``qazaq.widgets.course_page``, which rides along with every activity) then sets
``direction: rtl`` on it, so rows of buttons, labels and text run from the right, while Kazakh
keeps the direction of the learner's script: Cyrillic and Latin left to right, Arabic right to
left (qazaq.render.kazakh_html tags each Kazakh span with its ``lang``).
"""
from __future__ import annotations

import ipywidgets as widgets

from qazaq import settings

RTL_CLASS = "qz-rtl"


def follow(widget: widgets.DOMWidget) -> None:
    """Mirror ``widget`` or not, after the learner's current interface language."""
    if settings.current().direction == "rtl":
        widget.add_class(RTL_CLASS)
    else:
        widget.remove_class(RTL_CLASS)
