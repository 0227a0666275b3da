"""``ScriptConverter``: type Kazakh in any script, see it in all three.

    from qazaq.widgets import ScriptConverter
    ScriptConverter("Сәлеметсіз бе?")
"""
from __future__ import annotations

import ipywidgets as widgets

from qazaq.render import kazakh_html
from qazaq.script import SCRIPTS, convert, detect

# Each script is named in itself, so every learner finds the one they read.
SCRIPT_NAMES = {"cyrl": "Кирилл", "latn": "Latyn", "arab": "\u0674تۆتە جازۋ"}


class ScriptConverter(widgets.VBox):
    """A text box and one line per script, updated as the learner types."""

    def __init__(self, value: str = "", **kwargs) -> None:
        self.text = widgets.Textarea(value=value, placeholder="Қазақша / Qazaqşa / قازاقشا",
                                     continuous_update=True, rows=2,
                                     layout=widgets.Layout(width="100%"))
        self.outputs = {code: widgets.HTML() for code in SCRIPTS}
        rows = [widgets.HBox([widgets.HTML(f"<b>{SCRIPT_NAMES[code]}</b>",
                                           layout=widgets.Layout(width="8em")), self.outputs[code]])
                for code in SCRIPTS]
        super().__init__([self.text, *rows], **kwargs)
        self.add_class("qz-script-converter")
        self.text.observe(self._update, names="value")
        self._update()

    @property
    def source(self) -> str:
        """The script the typed text is (mostly) written in."""
        return detect(self.text.value)

    def _update(self, _change=None) -> None:
        typed = self.text.value
        # One Cyrillic form, then the shared renderer shows it in each script.
        cyrillic = convert(typed, "cyrl")
        for code, out in self.outputs.items():
            out.value = kazakh_html(cyrillic, code, tag="div")
