"""The Abai ``Reader``: a text line by line, every word clickable.

Clicking a word shows its gloss, lemma and the engine's breakdown (``qazaq.morphology.explain``);
each line can show or hide its translation and play its audio; a word can be added to the review
deck. A feature that fails at run time (no audio engine, a form the engine cannot explain) says so
in a short message; the rest of the reader goes on.
"""
from __future__ import annotations

import html
import random

import ipywidgets as widgets
from IPython.display import display

from qazaq import progress, render, settings
from qazaq.audio import audio_widget
from qazaq.content.abai import Line, Text, Word, abai_text
from qazaq.i18n import t
from qazaq.lesson import KazakhView
from qazaq.morphology import explain
from qazaq.morphology.explain import LANGS as EXPLAIN_LANGS
from qazaq.script import convert
from qazaq.widgets import shared
from qazaq.widgets.choice import MultipleChoice
from qazaq.widgets.course_page import course_page
from qazaq.widgets.typed import TypeAnswer

DECK_FAMILY = "abai"


def _script() -> str:
    return settings.current().script


def _lang() -> str:
    return settings.current().lang


def kazakh_html(text: str, script: str | None = None) -> str:
    """Kazakh text as HTML in ``script`` (default: the learner's; Arabic script right-to-left)."""
    return render.kazakh_html(text, script)


def breakdown(word: Word, lang: str = "en") -> str:
    """The engine's explanation of the word's grammar, or a short reason why there is none."""
    if not word.tags:
        return word.note_in(lang) or t("reader.uninflected", lang)
    try:
        return str(explain(word.lemma, word.tags, lang=lang))
    except Exception as exc:  # a learner-facing message, never a traceback
        return t("reader.no_breakdown", lang, tags=word.tags, problem=exc)


def word_card_html(word: Word, script: str | None = None, lang: str | None = None) -> str:
    """The gloss panel shown when a word is clicked, labelled in the learner's language."""
    lang = lang or _lang()
    rows = [
        (t("reader.word", lang), kazakh_html(word.form, script)),
        (t("reader.lemma", lang), kazakh_html(word.lemma, script)),
        (t("reader.pos", lang), html.escape(_pos_name(word.pos, lang))),
        (t("reader.meaning", lang), html.escape(word.gloss(lang))),
        (t("reader.grammar", lang), html.escape(word.tags or "—")),
        (t("reader.breakdown", lang), html.escape(breakdown(word, lang if lang in EXPLAIN_LANGS else "en"))),
    ]
    if word.note and word.tags:
        rows.append((t("reader.note", lang), html.escape(word.note_in(lang))))
    if word.irregular:
        rows.append(("", f"<em>{html.escape(t('reader.irregular', lang))}</em>"))
    # Label above value: the side panel is narrow and a label may be long (Словарная форма, Sözlük biçimi).
    body = "".join((f"<tr><th style='text-align:start;font-size:smaller;padding:0.3em 0 0 0'>{k}</th></tr>" if k else "") +
                   f"<tr><td style='padding:0'>{v}</td></tr>" for k, v in rows)
    return f"<table class='abai-gloss'>{body}</table>"


def _pos_name(pos: str, lang: str) -> str:
    name = t(f"pos.{pos}", lang)
    return pos if name == f"pos.{pos}" else name  # a tag without a name is shown as it is


def deck_key(text: Text, word: Word) -> str:
    return f"abai:{word.lemma}:{word.tags or '-'}:{word.form}"


def add_to_deck(text: Text, word: Word) -> str:
    """Put the word in the learner's review deck; returns a message for the learner."""
    spec = {"form": word.form, "lemma": word.lemma, "tags": word.tags, "gloss_en": word.gloss_en,
            "source": text.slug}
    try:
        # A first "again" review creates the card due now, so it enters the next session.
        progress.store().review(deck_key(text, word), "again", family=DECK_FAMILY, lesson=f"abai/{text.slug}", spec=spec)
    except Exception as exc:
        return t("reader.add_failed", form=word.form, problem=exc)
    return t("reader.added", form=word.form, gloss=word.gloss(_lang()))


def line_audio(text: Text, index: int, line: Line):
    """An audio widget for one line, or a Label explaining why there is none."""
    try:
        return audio_widget(f"abai-{text.slug}-{index + 1}", line.kk)
    except Exception as exc:
        return widgets.Label(t("reader.no_audio", problem=exc))


class Reader:
    """An ipywidgets reader for one Abai text. ``Reader("qys")`` or ``Reader(text)``; display it."""

    def __init__(self, text: Text | str, *, script: str | None = None):
        self.text = abai_text(text) if isinstance(text, str) else text
        self.script = script
        self.gloss = widgets.HTML(f"<em>{html.escape(t('reader.click_word'))}</em>")
        self.message = widgets.HTML("")
        self.add_button = widgets.Button(description=t("reader.add_deck"), icon="plus", disabled=True)
        self.add_button.on_click(lambda _b: self._add_selected())
        self.selected: Word | None = None
        # Labelled widgets, relabelled when the learner changes the interface language (see _relabel).
        self._word_buttons: list[tuple[widgets.Button, Word]] = []
        self._labelled: list[tuple[widgets.Widget, str]] = []  # (icon button, i18n key of its tooltip)
        self._flags: list[widgets.HTML] = []
        self.rows = [self._line_row(i, line) for i, line in enumerate(self.text.lines)]
        header = KazakhView(self._header_html)  # title and excerpt note follow the interface language
        side = widgets.VBox([self.gloss, self.add_button, self.message],
                            layout=widgets.Layout(width="14em", flex="0 0 auto", padding="0 0 0 1em"))
        side.add_class("qz-reader-side")
        poem = widgets.VBox([header, *self.rows], layout=widgets.Layout(flex="1 1 auto", min_width="0"))
        self.widget = widgets.HBox([poem, side, course_page()])
        self.widget.add_class("qz-reader")
        # The page's language may arrive after the reader is built (the site's ?lang=): relabel then.
        # settings holds listeners weakly; the widget, alive while shown, keeps this reader alive.
        self.widget._qz_reader = self
        settings.on_change(self._relabel)

    def _relabel(self) -> None:
        lang = _lang()
        for button, word in self._word_buttons:
            button.tooltip = word.gloss(lang)
        for button, key in self._labelled:
            button.tooltip = t(key, lang)
        for flag in self._flags:
            flag.value = self._flag_html(lang)
        self.add_button.description = t("reader.add_deck", lang)
        if self.selected is not None:
            self.gloss.value = word_card_html(self.selected, self.script, lang)
        else:
            self.gloss.value = f"<em>{html.escape(t('reader.click_word', lang))}</em>"

    @staticmethod
    def _flag_html(lang: str) -> str:
        return f"<span title='{html.escape(t('reader.unverified', lang), quote=True)}'>⚠</span>"

    def _header_html(self) -> str:
        text, lang = self.text, _lang()
        scope = text.scope(lang)
        excerpt = f"<div><em>{html.escape(scope)}</em></div>" if scope else ""
        # The source note is the lesson page's own text (its introduction): not repeated here.
        return f"<h3>{kazakh_html(text.title, self.script)} — {html.escape(text.title_in(lang))}</h3>{excerpt}"

    def _line_row(self, index: int, line: Line):
        buttons = [self._word_button(word) for word in line.words]
        translation = KazakhView(lambda: self._translation_html(line, _lang()))  # live: the learner's language first
        translation.layout = widgets.Layout(display="none")  # its own layout, not the shared one: it hides
        # Icon buttons named by their tooltip: a verse line and its two buttons fit on one line.
        toggle = shared.toggle_button(value=False, description="", tooltip=t("reader.translation"), icon="language",
                                      layout={"width": "auto"})
        toggle.observe(lambda ch: setattr(translation.layout, "display", "" if ch["new"] else "none"), "value")
        audio_box = shared.vbox()
        play = shared.button(description="", tooltip=t("reader.listen"), icon="volume-up", layout={"width": "auto"})
        play.on_click(lambda _b: setattr(audio_box, "children", (line_audio(self.text, index, line),)))
        rtl = (self.script or _script()) == "arab"  # Arabic script reads right to left
        words = shared.hbox(buttons, layout={"flex_flow": "row-reverse wrap" if rtl else "row wrap"})
        words.add_class("qz-verse")  # a verse line stays on one line where it fits (see course_page)
        self._labelled += [(toggle, "reader.translation"), (play, "reader.listen")]
        flag = "" if line.verified else shared.html(self._flag_html(_lang()))
        if flag:
            self._flags.append(flag)
        controls = shared.hbox([toggle, play] + ([flag] if flag else []))
        controls.add_class("qz-verse-controls")  # they move under the verse, never squeeze its words
        row = shared.hbox([words, controls], layout={"flex_flow": "row wrap"})
        return shared.vbox([row, translation, audio_box])

    @staticmethod
    def _translation_html(line: Line, lang: str = "en") -> str:
        # English and Russian always; Turkish for a Turkish interface. The learner's language is shown,
        # the others wait folded beneath it (a reader of Russian is not handed an English sentence).
        texts = [("en", line.en), ("ru", line.ru)] + ([("tr", line.tr)] if lang == "tr" else [])
        texts.sort(key=lambda pair: pair[0] != lang)
        shown, *others = [f"<div lang='{code}'>{html.escape(text)}</div>" for code, text in texts if text]
        folded = (f"<details><summary>{html.escape(t('reader.other_translations', lang))}</summary>{''.join(others)}"
                  "</details>") if others else ""
        return shown + folded + Reader._note_html(line.note, lang)

    @staticmethod
    def _note_html(note: str, lang: str) -> str:
        # Line notes record sources and variant readings for editors: English, labelled as such.
        if not note:
            return ""
        label = "" if lang == "en" else f"{html.escape(t('reader.editors_note', lang))}: "
        return f"<div style='font-size:smaller'>{label}<em lang='en'>{html.escape(note)}</em></div>"

    def _word_button(self, word: Word):
        button = shared.button(description=self._label(word.form), tooltip=word.gloss(_lang()),
                               layout={"width": "auto"})
        button.on_click(lambda _b: self.select(word))
        self._word_buttons.append((button, word))
        return button

    def _label(self, form: str) -> str:
        # Button labels are plain text: converted here, not through the HTML renderer.
        script = self.script or _script()
        return form if script == "cyrl" else convert(form, script)

    def select(self, word: Word) -> None:
        """Show ``word`` in the gloss panel (what a click does)."""
        self.selected = word
        self.gloss.value = word_card_html(word, self.script)
        self.add_button.disabled = False
        self.message.value = ""

    def _add_selected(self) -> None:
        if self.selected is not None:
            self.message.value = html.escape(add_to_deck(self.text, self.selected))

    def _ipython_display_(self):
        display(self.widget)


# --- Comprehension questions: the shared widget families, never bespoke ones -----------------
VOCAB_POS = ("N", "V", "ADJ", "ADV")
QUIZ_LANGS = ("en", "ru", "tr")  # the languages the generated questions are written in


def _vocab_items(text: Text, count: int = 2, seed: str | None = None) -> list[dict]:
    """Meaning questions built from the glossary: which English gloss fits «form»?

    Deterministic per text (seeded by slug) so a notebook shows the same questions every run.
    """
    rng = random.Random(seed or text.slug)
    words = [w for line in text.lines for w in line.words if w.pos in VOCAB_POS and len(w.form) > 3]
    by_gloss = {w.gloss_en: w for w in words}  # one word per distinct gloss
    glosses = sorted(by_gloss)
    if len(glosses) < 3:
        return []
    items = []
    for gloss in rng.sample(glosses, min(count, len(glosses))):
        others = rng.sample([g for g in glosses if g != gloss], 2)
        options = [gloss, *others]
        rng.shuffle(options)
        form = by_gloss[gloss].form
        items.append({"kind": "choice", "prompt": {g: t("reader.q_meaning", g, form=form) for g in QUIZ_LANGS},
                      "options": [{g: by_gloss[o].gloss(g) for g in QUIZ_LANGS} for o in options],
                      "answer": options.index(gloss)})
    return items


def _lemma_item(text: Text) -> dict | None:
    """A typed question: the dictionary form of an inflected word (checked by qazaq.answers)."""
    tagged = [w for line in text.lines for w in line.words if w.tags and w.form.lower() != w.lemma]
    if not tagged:
        return None
    word = max(tagged, key=lambda w: (len(w.tags.split(";")), w.form))  # the richest inflection
    return {"kind": "typed", "accepted": [word.lemma],
            "prompt": {g: t("reader.q_lemma", g, form=word.form, gloss=word.gloss(g)) for g in QUIZ_LANGS}}


def quiz_items(text: Text | str) -> list[dict]:
    """Authored questions from the text file, then generated meaning and dictionary-form ones."""
    text = abai_text(text) if isinstance(text, str) else text
    items = [{"kind": q.kind, "prompt": dict(q.prompt), "options": [dict(o) for o in q.options], "answer": q.answer,
              "accepted": list(q.accepted)} for q in text.quiz]
    items += _vocab_items(text)
    lemma = _lemma_item(text)
    return items + ([lemma] if lemma else [])


def _activity(item: dict, key: str, lesson: str):
    # A plain str would be taken as Kazakh: an English-only text becomes {"en": …}. The choice is
    # stored by index, so an answer stays right whichever language the options were read in.
    prompt = item["prompt"] if isinstance(item["prompt"], dict) else {"en": item["prompt"]}
    if item["kind"] == "choice":
        options = [o if isinstance(o, dict) else {"en": o} for o in item["options"]]
        return MultipleChoice(prompt, options, item["answer"], key=key, lesson=lesson)
    return TypeAnswer(prompt, item["accepted"], key=key, lesson=lesson)


def comprehension(text: Text | str):
    """The comprehension questions of a text as shared activities (MultipleChoice / TypeAnswer)."""
    text = abai_text(text) if isinstance(text, str) else text
    lesson = f"abai/{text.slug}"
    activities = [_activity(item, f"abai:{text.slug}:q{i + 1}", lesson) for i, item in enumerate(quiz_items(text))]
    return shared.vbox(activities)


# --- The lesson page's own texts: introduction and discussion questions, in the learner's language --
def intro_html(text: Text | str, lang: str | None = None) -> str:
    """Author, kind and year; the introduction; which part is given; the source (an editors' note, English)."""
    text = abai_text(text) if isinstance(text, str) else text
    lang = lang or _lang()
    year = f" · {html.escape(text.year)}" if text.year else ""
    scope = text.scope(lang) or t("reader.complete", lang)
    # The title in the learner's language leads; the Kazakh one is the notebook's heading above.
    return (f"<p><b>{html.escape(text.title_in(lang))}</b> · <em>{html.escape(t('reader.author', lang))} · "
            f"{html.escape(t(f'reader.kind_{text.kind}', lang))}{year}</em></p><p>{html.escape(text.intro(lang))}</p>"
            f"<p><b>{html.escape(scope)}</b></p>"
            f"<p style='font-size:smaller'>{html.escape(t('reader.source', lang))} <span lang='en'>{html.escape(text.source)}</span></p>"
            f"<p>{t('reader.howto', lang)}</p>")


def questions_html(text: Text | str, lang: str | None = None) -> str:
    text = abai_text(text) if isinstance(text, str) else text
    lang = lang or _lang()
    items = "".join(f"<li>{html.escape(q)}</li>" for q in text.question_list(lang))
    return (f"<h2>{html.escape(t('reader.questions', lang))}</h2><p>{html.escape(t('reader.questions_lead', lang))}</p>"
            f"<ol>{items}</ol>")


def introduction(text: Text | str) -> KazakhView:
    """The lesson's introduction, re-rendered when the learner changes the interface language."""
    text = abai_text(text) if isinstance(text, str) else text
    return KazakhView(lambda: intro_html(text))


def questions(text: Text | str) -> KazakhView:
    """The discussion questions, re-rendered when the learner changes the interface language."""
    text = abai_text(text) if isinstance(text, str) else text
    return KazakhView(lambda: questions_html(text))
