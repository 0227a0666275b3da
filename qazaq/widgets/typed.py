"""Families where the learner types Kazakh: TypeAnswer, Cloze, Listening, SuffixBuilder.

All of them read a KazakhInput and send the text to ``qazaq.answers.check`` via ``judge``.
"""
from __future__ import annotations

import html
import re
from typing import Sequence

import ipywidgets as widgets

from qazaq import audio, settings
from qazaq.answers.messages import grammar_words
from qazaq.i18n import t
from qazaq.morphology import explain, inflect
from qazaq.morphology.explain import LANGS as EXPLAINED_IN
from qazaq.widgets import shared
from qazaq.widgets.base import Activity, Text, accepted_list, judge, kk_html, kk_plain, text_html, text_plain

GAP = re.compile(r"_{3,}")
# Punctuation right after a gap stays on the gap's line (it is glued to the input box).
_LEADING_PUNCT = re.compile(r"^[.,!?;:…»)]+")


class TypeAnswer(Activity):
    """``TypeAnswer(prompt, accepted, *, key=None, lesson="")``: type the Kazakh answer.

    ``prompt`` is Kazakh or a translation mapping; ``accepted`` one answer or several.
    """

    family = "TypeAnswer"
    instruction_key = "type.instruction"

    def __init__(self, prompt: Text, accepted: str | Sequence[str], *, key: str | None = None, lesson: str = "") -> None:
        self.question, self.accepted = prompt, accepted_list(accepted)
        super().__init__(key=key, lesson=lesson, args={"prompt": prompt, "accepted": self.accepted})

    def _build(self):
        self.input = self.text_input("input.answer", self.check)
        return [self.input, self.button("button.check", self.check)]

    def _relabel(self):
        self.prompt.value = f'<div class="qz-prompt">{text_html(self.question)}</div>'

    def check(self) -> str | None:
        response = self.input.value
        if not response.strip():
            self.say("feedback.empty")
            return None
        return self.finish(lambda: [judge(response, self.accepted)])


class Listening(TypeAnswer):
    """``Listening(text, *, entry_id=None, translation=None, key=None, lesson="")``: hear, then type.

    Audio comes from ``qazaq.audio.audio_for`` (a human recording, else synthesis).
    """

    family = "Listening"
    instruction_key = "listen.instruction"

    def __init__(self, text: str, *, entry_id: str | None = None, translation: Text | None = None,
                 key: str | None = None, lesson: str = "") -> None:
        self.text, self.entry_id, self.translation = text, entry_id, translation
        self.accepted, self.question = [text], ""
        Activity.__init__(self, key=key, lesson=lesson,
                          args={"text": text, "entry_id": entry_id, "translation": translation})

    def _build(self):
        self.audio = _audio_widget(self.entry_id or self.key.replace(":", "-"), self.text)
        self.audio_note = shared.html()
        return [self.audio, self.audio_note, *super()._build()]

    def _relabel(self):
        self.prompt.value = ""
        note = getattr(self.audio, "_qz_note", None)
        self.audio_note.value = f"<small>{html.escape(t(note))}</small>" if note else ""

    def check(self):
        verdict = super().check()
        if verdict and self.translation is not None:
            shown = self._feedback_fn
            self.show(lambda: shown() + f"<div>{text_html(self.text)} — {text_html(self.translation)}</div>")
        return verdict


def _audio_widget(entry_id: str, text: str) -> widgets.Widget:
    """An Audio player, or an explanation when audio cannot be made here."""
    try:
        path = audio.audio_for(entry_id, text)
        player = widgets.Audio(value=path.read_bytes(), format=path.suffix.lstrip("."), autoplay=False, loop=False)
        player._qz_note = None if audio.human_recording(entry_id) else "audio.synthetic"
        return player
    except Exception:  # AudioError, OSError: the lesson goes on without sound
        box = widgets.HTML()
        box._qz_note = "audio.unavailable"
        return box


class Cloze(Activity):
    """``Cloze(sentence, answers, *, translation=None, key=None, lesson="")``.

    Gaps in ``sentence`` are written ``___``; ``answers[i]`` is the accepted answer(s) of gap i.
    """

    family = "Cloze"
    instruction_key = "cloze.instruction"

    def __init__(self, sentence: str, answers: Sequence[str | Sequence[str]], *, translation: Text | None = None,
                 key: str | None = None, lesson: str = "") -> None:
        self.segments = GAP.split(sentence)
        if len(self.segments) - 1 != len(answers) or not answers:
            raise ValueError(f"The sentence has {len(self.segments) - 1} gaps (___) but {len(answers)} answers were given.")
        self.sentence, self.answers = sentence, [accepted_list(a) for a in answers]
        self.translation = translation
        super().__init__(key=key, lesson=lesson,
                         args={"sentence": sentence, "answers": self.answers, "translation": translation})

    def _build(self):
        self.inputs = [self.text_input("input.gap", self.check, show_keys=(i == len(self.answers) - 1))
                       for i in range(len(self.answers))]
        self.parts = [shared.html() for _ in self.segments]
        row = []
        for i, part in enumerate(self.parts):
            row.append(part)
            if i < len(self.inputs):
                row.append(self.inputs[i])
        flow = shared.box(row, layout={"flex_flow": "row wrap", "align_items": "center"})
        flow.add_class("qz-kk-row")
        return [flow, self.button("button.check", self.check)]

    def _relabel(self):
        for i, (part, segment) in enumerate(zip(self.parts, self.segments)):
            punct = _LEADING_PUNCT.match(segment.lstrip()) if i else None
            if punct:  # shown inside the box's line, so it never drops to a line of its own
                self.inputs[i - 1].after = kk_plain(punct.group())
                segment = segment.lstrip()[punct.end():]
            part.value = kk_html(segment) if segment.strip() else ""
        self.prompt.value = f'<div class="qz-gloss">{text_html(self.translation)}</div>' if self.translation else ""
        for i, box in enumerate(self.inputs):
            box.label = t("input.gap", n=i + 1)

    def fill(self, *responses: str) -> None:
        for box, response in zip(self.inputs, responses):
            box.value = response

    def check(self) -> str | None:
        responses = [box.value for box in self.inputs]
        if not all(r.strip() for r in responses):
            self.say("feedback.empty")
            return None
        return self.finish(lambda: [
            _labelled(judge(r, acc), str(i + 1)) for i, (r, acc) in enumerate(zip(responses, self.answers))
        ])


def _labelled(outcome, label):
    outcome.label = {"en": f"#{label}", "ru": f"№{label}", "tr": f"#{label}"}
    return outcome


class SuffixBuilder(Activity):
    """``SuffixBuilder(stem, tags, *, variants=None, answer=None, prompt=None, key=None, lesson="")``.

    The right form is ``qazaq.morphology.inflect(stem, tags)`` (or ``answer``). With
    ``variants`` (e.g. ``["лар", "лер", "дар", "дер", "тар", "тер"]``) the learner picks one;
    without, or when the form is not stem + variant (a stem alternation such as
    кітап → кітабы), the learner types the whole form. Afterwards the rule from
    ``qazaq.morphology.explain`` is shown.
    """

    family = "SuffixBuilder"
    instruction_key = "suffix.instruction"

    def __init__(self, stem: str, tags: str, *, variants: Sequence[str] | None = None, answer: str | None = None,
                 prompt: Text | None = None, key: str | None = None, lesson: str = "") -> None:
        self.stem, self.tags, self.task = stem, tags, prompt
        self.form = answer or _inflect(stem, tags)
        self.variants = [v.lstrip("-") for v in variants or []]
        if self.variants and not any(self.stem + v == self.form for v in self.variants):
            self.variants = []  # the form is not a plain concatenation: typing is the honest exercise
        super().__init__(key=key, lesson=lesson, args={
            "stem": stem, "tags": tags, "variants": list(variants or []), "answer": answer, "prompt": prompt})

    def _build(self):
        self.variant_buttons = []
        for v in self.variants:
            b = shared.button(layout={"width": "auto"})
            b.on_click(lambda _b, v=v: self.choose(v))
            self.variant_buttons.append(b)
        if self.variants:
            self.input = None
            row = shared.hbox(self.variant_buttons, layout={"flex_flow": "row wrap"})
            row.add_class("qz-kk-row")  # "-ға" reads "ға-" from the right in Arabic script
            return [row]
        self.input = self.text_input("input.form", self.check, value=self.stem)
        return [self.input, self.button("button.check", self.check)]

    def _relabel(self):
        task = text_html(self.task) if self.task is not None else html.escape(self.grammar())
        self.prompt.value = f'<div class="qz-prompt">{kk_html(self.stem)} + {task}</div>'
        question = f"{kk_plain(self.stem)} + {text_plain(self.task) if self.task is not None else self.grammar()}"
        # U+200F first: in Arabic script the label is a right-to-left run, hyphen on the right.
        mark = "\u200f" if settings.current().script == "arab" else ""
        for b, v in zip(self.variant_buttons, self.variants):
            b.description = mark + "-" + kk_plain(v)
            b.tooltip = f"{question}: -{kk_plain(v)}"  # a screen reader hears the question too

    def choose(self, variant: str) -> str:
        variant = variant.lstrip("-")
        return self._answer(self.stem + variant)

    def check(self) -> str | None:
        if not self.input.value.strip():
            self.say("feedback.empty")
            return None
        return self._answer(self.input.value)

    def _answer(self, response: str) -> str:
        return self.finish(lambda: [judge(response, [self.form])], extra=self.rule_html)

    def grammar(self) -> str:
        """The grammar asked for, in words in the learner's language ("dative"), never raw tags."""
        return grammar_words(self.tags, settings.current().lang)

    def rule_html(self) -> str:
        try:
            lang = settings.current().lang  # the engine explains in en/ru/tr; other languages read English
            rule = explain(self.stem, self.tags, lang if lang in EXPLAINED_IN else "en")
        except Exception:  # no explanation is better than a broken exercise
            return ""
        head = f"{kk_html(rule.lemma)} + {html.escape(self.grammar())} → {kk_html(rule.form)}"
        steps = "".join(f"<li>{_kazakh_words_html(step.rule, step.morpheme)}</li>" for step in rule.steps)
        return f"<div>{head}</div><ul>{steps}</ul>"


def _kazakh_words_html(rule: str, morpheme: str) -> str:
    """A rule line with its Kazakh morpheme written in the learner's script."""
    head, sep, rest = rule.partition(":")
    if sep and head.strip("- ") and head.strip("- ") in (morpheme, morpheme.rstrip("-")):
        dash = "-" if head.startswith("-") else ""
        return f"{dash}{kk_html(head.strip('- '))}{html.escape(sep + rest)}"
    return html.escape(rule)


def _inflect(stem: str, tags: str) -> str:
    form = inflect(stem, tags)
    return form if isinstance(form, str) else list(form)[0]
