"""The one rendering, checking and feedback path shared by every activity family.

- Kazakh text goes through ``qazaq.render.kazakh_html`` (learner's script, RTL for Arabic);
  plain-text labels (buttons, dropdowns) are derived from that same HTML.
- Text in the learner's own language is a mapping ``{"en": ..., "ru": ..., "tr": ...}``;
  a plain ``str`` is always Kazakh. That one rule tells the renderer what to do.
- Typed answers go through ``qazaq.answers.check``; choices make an exact outcome. Both
  end in ``Activity.finish``: feedback (verdict, hints, expected) + one FSRS review.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import time
import weakref
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence, Union

import ipywidgets as widgets

from qazaq import progress, settings
from qazaq.answers import check
from qazaq.i18n import t
from qazaq.render import kazakh_html
from qazaq.widgets import direction, shared
from qazaq.widgets.course_page import course_page
from qazaq.widgets.kazakh_input import KAZAKH_LETTERS, KazakhInput

Text = Union[str, Mapping[str, str]]
VERDICTS = ("wrong", "almost", "correct")  # worst first
MAX_ANSWER = 200  # characters read from a typed answer (the box takes no more; a paste is cut)
# Time on one answer is counted up to this: a tab left open overnight is not study time.
MAX_ANSWER_MS = 5 * 60 * 1000
_TAG = re.compile(r"<[^>]+>")


# ---------------------------------------------------------------- rendering
def kk_html(text: str, *, tag: str = "span", cls: str = "kk") -> str:
    """Kazakh text as HTML in the learner's script, through THE helper (qazaq.render)."""
    return kazakh_html(text, None, tag=tag, cls=cls)


def kk_plain(text: str) -> str:
    """Kazakh text for plain-text labels, from the same helper so the script setting holds."""
    return html.unescape(_TAG.sub("", kk_html(text)))


def local(text: Mapping[str, str]) -> str:
    """Pick the learner's language from a translation mapping (English, then anything, as fallback)."""
    lang = settings.current().lang
    return str(text.get(lang) or text.get("en") or next(iter(text.values()), ""))


def text_html(text: Text) -> str:
    if isinstance(text, Mapping):
        return f'<span class="qz-gloss">{html.escape(local(text))}</span>'
    return kk_html(text)


def text_plain(text: Text) -> str:
    return local(text) if isinstance(text, Mapping) else kk_plain(text)


def accepted_list(accepted: str | Sequence[str]) -> list[str]:
    return [accepted] if isinstance(accepted, str) else [str(a) for a in accepted]


# ---------------------------------------------------------------- checking
@dataclass
class Outcome:
    verdict: str
    expected: Text | None = None
    hints: list[str] = field(default_factory=list)
    label: Text | None = None  # what was asked (for multi-part feedback)
    codes: list[str] = field(default_factory=list)  # the checker's hint codes, kept with the review


def judge(response: str, accepted: str | Sequence[str]) -> Outcome:
    """A typed answer, checked by qazaq.answers.check in the learner's language."""
    accepted = accepted_list(accepted)
    lang = settings.current().lang
    # The learner's script: an answer typed in it is the same answer, hints are written in it.
    result = check(response[:MAX_ANSWER], accepted, lang=lang, script=settings.current().script)
    hints = [getattr(h, "message", str(h)) for h in getattr(result, "hints", [])]
    expected = getattr(result, "expected", None) or accepted[0]
    return Outcome(result.verdict, expected, hints, codes=[getattr(h, "code", "") for h in getattr(result, "hints", [])])


def exact(ok: bool, expected: Text | None, label: Text | None = None) -> Outcome:
    """A choice (button, dropdown, word tiles) is right or wrong; no 'almost'."""
    return Outcome("correct" if ok else "wrong", expected, [], label)


def worst(outcomes: Sequence[Outcome]) -> str:
    return min((o.verdict for o in outcomes), key=VERDICTS.index)


def feedback_html(outcomes: Sequence[Outcome], extra_html: str = "") -> str:
    verdict = worst(outcomes)
    parts = [f"<b>{html.escape(t('feedback.' + verdict))}</b>"]
    for o in outcomes:
        if o.verdict == "correct" and len(outcomes) > 1:
            continue
        line = []
        if o.label is not None and len(outcomes) > 1:
            line.append(text_html(o.label) + " →")
        if o.verdict != "correct" and o.expected is not None:
            line.append(f"{html.escape(t('feedback.expected'))} {text_html(o.expected)}")
        line += [html.escape(h) for h in o.hints]
        if line:
            parts.append("<div>" + " ".join(line) + "</div>")
    if extra_html:
        parts.append(f'<div class="qz-explain">{extra_html}</div>')
    # The live region is the feedback widget itself (class qz-live, see course_page): a region
    # that arrives together with its text is not announced.
    return f'<div class="qz-feedback qz-{verdict}">{"".join(parts)}</div>'


def default_key(family: str, args: dict) -> str:
    """The same exercise gets the same card key in every session (content hash)."""
    digest = hashlib.sha1(json.dumps(args, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    return f"{family}:{digest[:12]}"


def button(label_key: str, on_click: Callable, **kw) -> widgets.Button:
    """A labelled button; shares its layout unless given its own ``widgets.Layout()`` (to hide it)."""
    b = shared.button(description=t(label_key), **kw)
    b.on_click(lambda _b: on_click())
    b._qz_label = label_key  # relabelled when the interface language changes
    return b


def when_progress_arrives(method: Callable[[], None]) -> None:
    """Public pages: call ``method`` once the visitor's browser has reported its saved progress.

    Voila runs a lesson before the visitor's page is open (pre-rendered kernels), so whatever
    was read from the store at start-up is the empty kernel store. Held weakly.
    """
    hooks = getattr(progress.store().backend, "on_loaded", None)
    if hooks is None:
        return
    ref = weakref.WeakMethod(method)

    def call() -> None:
        bound = ref()
        if bound is not None:
            bound()

    hooks.append(call)


def notice_html(notice: progress.Notice) -> str:
    """A storage problem (``Progress.take_notice``) in the learner's language."""
    message = t(notice.key, **notice.fields)
    return f'<div class="qz-notice" role="alert">{html.escape(message)}</div>'


# ---------------------------------------------------------------- the base activity
class Activity(widgets.VBox):
    """Instruction, prompt, family controls, feedback. Families fill ``_build`` and ``_relabel``."""

    family = "Activity"
    instruction_key = ""

    def __init__(self, *, key: str | None, lesson: str, args: dict) -> None:
        self.key = key or default_key(self.family, args)
        self.lesson = lesson
        self.spec = {"family": self.family, "args": args}
        self.answered = False
        self.verdict: str | None = None  # of the first attempt (the one reviewed and scored)
        self._callbacks: list[Callable[["Activity"], None]] = []
        self._started = time.monotonic()
        self._feedback_fn: Callable[[], str] | None = None
        self.notice = shared.html()
        self.instruction = shared.html()
        self.prompt = shared.html()
        self.feedback = shared.html()
        self.feedback.add_class("qz-live")  # the polite live region (see course_page)
        self._buttons: list[widgets.Button] = []
        self._inputs: list[tuple] = []
        body = self._build()
        bridge = getattr(progress.store().backend, "bridge", None)
        extra = [course_page()] + ([bridge] if bridge is not None else [])
        super().__init__(children=[self.notice, self.instruction, self.prompt, *body, self.feedback, *extra],
                         layout=shared.layout(), _dom_classes=("qz-activity", "qz-" + self.family.lower()))
        settings.on_change(self._refresh)
        self._refresh()
        self._show_notice()
        when_progress_arrives(self._page_opened)

    def _page_opened(self) -> None:
        # The visitor's clock starts when their page opens, not when the kernel pre-ran the lesson.
        if not self.answered:
            self._started = time.monotonic()

    # -- hooks for families
    def _build(self) -> list[widgets.Widget]:
        raise NotImplementedError

    def _relabel(self) -> None:
        """Re-render family texts after a settings change (script or language)."""

    # -- shared plumbing
    def button(self, label_key: str, on_click: Callable, **kw) -> widgets.Button:
        b = button(label_key, on_click, **kw)
        self._buttons.append(b)
        return b

    def text_input(self, label_key: str, on_submit: Callable, **kw):
        """A KazakhInput labelled in the interface language; Enter calls ``on_submit``."""
        box = KazakhInput(**kw)
        box.on_submit(on_submit)
        self._inputs.append((box, label_key))
        return box

    def _relabel_inputs(self) -> None:
        # The letter row follows the learner's script, through the same rendering helper.
        letters = list(dict.fromkeys(k for k in (kk_plain(c) for c in KAZAKH_LETTERS) if k.strip()))
        rtl = settings.current().script == "arab"
        for box, label_key in self._inputs:
            box.max_length = MAX_ANSWER
            box.label = t(label_key)
            box.key_label = t("input.key_label")
            box.keys_label = t("input.keys_label")
            box.letters = letters
            box.rtl = rtl

    def _refresh(self) -> None:
        # Rows of Kazakh (gap sentences, tiles, suffixes) run right to left in Arabic script;
        # the whole activity mirrors when the interface language is right to left.
        (self.add_class if settings.current().script == "arab" else self.remove_class)("qz-kk-arab")
        direction.follow(self)
        self.instruction.value = f'<div class="qz-instruction">{html.escape(t(self.instruction_key))}</div>'
        for b in self._buttons:
            b.description = t(b._qz_label)
        self._relabel_inputs()
        self._relabel()
        if self._feedback_fn is not None:
            self.feedback.value = self._feedback_fn()

    def _show_notice(self) -> None:
        notice = progress.store().take_notice()
        if notice:
            self.notice.value = notice_html(notice)

    def on_answered(self, callback: Callable[["Activity"], None]) -> None:
        self._callbacks.append(callback)

    def show(self, render: Callable[[], str]) -> None:
        """Show feedback; ``render`` is re-run when settings change so it follows script/language."""
        self._feedback_fn = render
        self.feedback.value = render()

    def record(self, outcome, *, item: str | None = None, spec: dict | None = None, hints: Sequence[str] = ()):
        """One FSRS review for this activity (or one item of it), stored atomically with the
        checker's hint codes (mastery per grammar point reads them)."""
        now = time.monotonic()
        duration = min(int((now - self._started) * 1000), MAX_ANSWER_MS)
        self._started = now
        card = progress.store().review(
            item or self.key, outcome, family=self.family, lesson=self.lesson,
            spec=spec or self.spec, duration_ms=duration, hints=hints,
        )
        self._show_notice()
        return card

    def finish(self, outcomes, *, record: bool = True, extra: Callable[[], str] = lambda: "") -> str:
        """Shared end of every answer: feedback for all parts, one review, tell listeners.

        ``outcomes`` is a list of Outcome, or a function returning one: typed answers pass a
        function so the checker's hints are re-made in a newly chosen interface language.
        """
        make = outcomes if callable(outcomes) else (lambda: list(outcomes))
        made = make()
        verdict = worst(made)
        self.show(lambda: feedback_html(make(), extra()))
        if not self.answered:  # only the first attempt is a review and a score; retries are practice
            self.verdict = verdict
            if record:
                self.record(verdict, hints=[c for o in made for c in o.codes])
        self.done()
        return verdict

    def done(self) -> None:
        first = not self.answered
        self.answered = True
        if first:
            for callback in list(self._callbacks):
                callback(self)

    def say(self, key: str, **fmt) -> None:
        """A message without a verdict (empty answer, incomplete matching...)."""
        self.show(lambda: f'<div class="qz-feedback">{html.escape(t(key, **fmt))}</div>')
