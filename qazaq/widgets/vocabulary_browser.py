"""VocabularyBrowser: filter the vocabulary by level, topic and lesson; see words in the
learner's script with IPA and a gloss in their language (passive words marked "for recognition");
play each word's audio."""
from __future__ import annotations

import html

import ipywidgets as widgets

from qazaq import settings
from qazaq.audio import AudioError, audio_widget
from qazaq.content.vocab import vocabulary
from qazaq.i18n import t
from qazaq.render import kazakh_html
from qazaq.widgets import direction
from qazaq.widgets.course_page import course_page

ALL = "—"
LANGS = ("en", "ru", "tr")  # the vocabulary's gloss columns (other interface languages see English)
SCRIPTS = ("cyrl", "latn", "arab")
PAGE = 25  # rows shown at once: a whole level as HTML would freeze the notebook


class VocabularyBrowser(widgets.VBox):
    """Browse the vocabulary; ``lesson``/``level``/``topic`` preset the filters."""

    def __init__(self, frame=None, *, level: str | None = None, topic: str | None = None,
                 lesson: int | None = None, script: str | None = None, lang: str | None = None):
        if frame is None:
            frame = vocabulary(derived=True)
        # In each lesson the active words (to learn) come before the passive ones (to recognise).
        self.frame = frame.sort_values(["lesson", "load", "id"]).reset_index(drop=True)
        self.level = self._dropdown(t("vocab.level"), sorted(self.frame.level.unique()), level)
        self.topic = self._dropdown(t("vocab.topic"), sorted(self.frame.topic.unique()), topic)
        self.lesson = self._dropdown(t("vocab.lesson"), [str(n) for n in sorted(self.frame.lesson.unique())],
                                     None if lesson is None else str(lesson))
        self.script = widgets.Dropdown(options=SCRIPTS, value=script or settings.current().script,
                                       description=t("settings.script"))
        gloss = lang or settings.current().lang
        self.lang = widgets.Dropdown(options=LANGS, value=gloss if gloss in LANGS else "en", description=t("vocab.gloss"))
        self.word = widgets.Dropdown(description=t("vocab.listen"), layout=widgets.Layout(width="auto"))
        self.table = widgets.HTML()
        self.player = widgets.VBox()  # the audio player, swapped in on choice (no Output capture needed)
        for control in (self.level, self.topic, self.lesson, self.script, self.lang):
            control.observe(lambda _change: self.refresh(), names="value")
        self.word.observe(lambda _change: self.play(), names="value")
        filters = widgets.HBox([self.level, self.topic, self.lesson])
        display = widgets.HBox([self.script, self.lang])
        super().__init__([filters, display, self.table, widgets.HBox([self.word]), self.player, course_page()])
        direction.follow(self)
        self.refresh()

    @staticmethod
    def _dropdown(label: str, values: list[str], chosen: str | None) -> widgets.Dropdown:
        options = [ALL, *values]
        return widgets.Dropdown(options=options, value=chosen if chosen in options else ALL, description=label)

    def selected(self):
        """The rows that pass the current filters."""
        rows = self.frame
        if self.level.value != ALL:
            rows = rows[rows.level == self.level.value]
        if self.topic.value != ALL:
            rows = rows[rows.topic == self.topic.value]
        if self.lesson.value != ALL:
            rows = rows[rows.lesson == int(self.lesson.value)]
        return rows

    def refresh(self) -> None:
        rows = self.selected()
        shown = rows.head(PAGE)
        body = "".join(
            f"<tr><td>{kazakh_html(r.kk, self.script.value)}</td><td>[{html.escape(r.ipa)}]</td>"
            f"<td>{html.escape(r.pos)}</td><td>{html.escape(getattr(r, self.lang.value))}{_passive(r)}</td>"
            f"<td>{kazakh_html(r.example_kk, self.script.value)}<br><small>{html.escape(getattr(r, 'example_' + self.lang.value, '') or r.example_en)}</small></td></tr>"
            for r in shown.itertuples())
        more = f"<p>{html.escape(t('vocab.shown', shown=len(shown), total=len(rows)))}</p>" if len(rows) > PAGE else ""
        none = f"<p>{html.escape(t('vocab.none'))}</p>"
        self.table.value = f'<table class="qz-vocab">{body}</table>{more}' if body else none
        self.word.options = [(r.kk, r.id) for r in shown.itertuples()]

    def play(self) -> None:
        self.player.children = ()
        if not self.word.value:
            return
        row = self.frame[self.frame.id == self.word.value].iloc[0]
        try:
            self.player.children = (audio_widget(row.id, row.kk),)
        except AudioError as exc:  # a clear sentence, never a traceback, for the learner
            self.player.children = (widgets.HTML(f"<pre>{html.escape(f'Audio is not available: {exc}')}</pre>"),)


def _passive(row) -> str:
    """A passive entry is shown for recognition, not drilled: say so beside its gloss."""
    if getattr(row, "load", "active") != "passive":
        return ""
    return f' <small class="qz-passive">({html.escape(t("vocab.passive"))})</small>'
