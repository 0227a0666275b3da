"""What every lesson notebook calls: the settings bar on top, Kazakh views that follow it, and
``Lesson(n)``, which turns a lesson's content file (``assets/lessons/NN-slug.yaml``) into views
and activities, one short call per notebook cell.

Inline markup in lesson text: ``{{Kazakh}}`` is Kazakh (rendered in the learner's script; ``**x**``
inside it marks a suffix in bold), ``**bold**`` and ``*italic*`` outside it, ``- `` starts a list
item, a blank line starts a paragraph.
"""
from __future__ import annotations

import html
import re
from typing import Any, Callable, Mapping

import ipywidgets as widgets
from IPython.display import display

from qazaq import lesson_items, settings
from qazaq.audio import audio_widget
from qazaq.i18n import t
from qazaq.content.lessons import (  # noqa: F401 - loading is part of what `qazaq.lesson` offers
    GLOSS_LANGS, KAZAKH_MARKUP, LESSONS_DIR, MAP_NOTEBOOK, LessonError, course_vocabulary, kazakh_in_markup,
    lesson_files, lesson_title, lesson_vocabulary, load, neighbours, notebook_name, numbers, seeded, text_in)
from qazaq.morphology import inflect, paradigm
from qazaq.pronunciation import ipa
from qazaq.render import kazakh_html
from qazaq.widgets import shared
from qazaq.widgets.base import kk_plain
from qazaq.widgets.flashcards import Flashcards
from qazaq.widgets.review import ReviewSession
from qazaq.widgets.settings_bar import SettingsBar

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")  # [text](relative.ipynb): links between notebooks


class KazakhView(widgets.HTML):
    """Static lesson content (tables, examples) re-rendered when the learner changes script or language."""

    def __init__(self, render: Callable[[], str]) -> None:
        # Value and class given at creation: the model opens with them, no update message follows.
        super().__init__(**shared.defaults(widgets.HTML, {"value": render(), "_dom_classes": ("qz-view",)}))
        self._render = render
        settings.on_change(self.refresh)

    def refresh(self) -> None:
        self.value = self._render()


def start(number: int | None = None) -> None:
    """Top of a lesson: the script and interface-language picker."""
    display(SettingsBar())


def show(render: Callable[[], str]) -> None:
    """Display a view; returns nothing so a notebook cell does not display it twice."""
    display(KazakhView(render))


def heading(key: str, intro_key: str = "", level: int = 2) -> None:
    """A page heading (and an optional paragraph) from interface strings: it follows the language menu."""
    show(lambda: heading_html(level, t(key), key.split(".")[-1]) + (markup_html(t(intro_key)) if intro_key else ""))


# ---------------------------------------------------------------- rendering helpers
def _script() -> str:
    return settings.current().script


def _lang() -> str:
    return settings.current().lang


def local(text: Any) -> str:
    """A text mapping ``{en, ru, tr}`` in the learner's language (English when that language is missing)."""
    return text_in(text, _lang())


def kk_inline(text: str) -> str:
    """Kazakh in the learner's script; ``**suffix**`` in bold (not in Arabic script, where a
    suffix written apart from its stem would change the letter forms)."""
    if _script() == "arab" or "**" not in text:
        return kazakh_html(text.replace("**", ""))
    parts = text.split("**")
    inner = "".join(
        (f"<b>{kazakh_html(p, cls='kk-part')}</b>" if i % 2 else kazakh_html(p, cls="kk-part")) if p else ""
        for i, p in enumerate(parts))
    return f'<span class="kk">{inner}</span>'


def inline_html(text: str) -> str:
    """One line of lesson markup as HTML (English escaped, Kazakh through the one renderer)."""
    out, last = [], 0
    for m in KAZAKH_MARKUP.finditer(text):
        out.append(_english(text[last:m.start()]))
        # Kazakh inside English prose gets its own colour so the eye finds the examples.
        out.append(f'<span class="qz-kk-inline" style="color:#0b4f8a">{kk_inline(m.group(1))}</span>')
        last = m.end()
    out.append(_english(text[last:]))
    return "".join(out)


def _english(text: str) -> str:
    """Prose around the Kazakh (in the learner's language): bold, italic and links."""
    text = html.escape(text, quote=False)
    text = _LINK.sub(lambda m: f'<a href="{html.escape(m.group(2))}">{m.group(1)}</a>', text)
    text = _BOLD.sub(r"<b>\1</b>", text)
    return _ITALIC.sub(r"<i>\1</i>", text)


def markup_html(text: Any) -> str:
    """Paragraphs and ``- `` lists of lesson markup as HTML."""
    blocks = []
    for block in re.split(r"\n\s*\n", local(text).strip()):
        lead, items = [], []  # lines before the first "- " are a paragraph; a line without "- " continues an item
        for line in (ln.strip() for ln in block.splitlines() if ln.strip()):
            if line.startswith("- "):
                items.append(line[2:])
            elif items:
                items[-1] += " " + line
            else:
                lead.append(line)
        if lead:
            blocks.append(f"<p>{inline_html(' '.join(lead))}</p>")
        if items:
            blocks.append("<ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in items) + "</ul>")
    return "".join(blocks)


# ---------------------------------------------------------------- the lesson object
class Lesson:
    """``Lesson(n)``: lesson ``n``'s views and activities, each displayed by one short call."""

    def __init__(self, number: int) -> None:
        self.number = int(number)
        self.data = load(self.number)
        self.key = f"{self.number:02d}-{self.data['slug']}"

    # -- parts of the page
    def header(self) -> None:
        """The settings bar, the title with level, time and links to the neighbours, and the goals."""
        start(self.number)
        show(lambda: header_html(self.number) + heading_html(3, t("lesson.goals"), "goals") + markup_html(self.data["goals"]))

    def heading(self, key: str) -> None:
        """A fixed heading of the page (``practice``) in the learner's language."""
        heading(f"lesson.{key}")  # the module's heading(): one way to draw a heading from a string key

    def section(self, section_id: str) -> dict:
        for s in self.data.get("sections", []):
            if s.get("id") == section_id:
                return s
        raise LessonError(f"Lesson {self.number} has no section {section_id!r}")

    def explain(self, section_id: str) -> None:
        """A section's explanation, its examples (with audio and IPA on request) and grammar table."""
        s = self.section(section_id)
        if s.get("title"):
            show(lambda: heading_html(2, local(s["title"]), f"s-{section_id}"))
        if s.get("markdown"):
            show(lambda: markup_html(s["markdown"]))
        if s.get("text"):
            show(lambda: markup_html(s["text"]))
        if s.get("examples"):
            self.examples(section_id)
        for table in _as_list(s.get("table")):
            self.grammar_table(**table)
        if s.get("after"):
            show(lambda: markup_html(s["after"]))

    def examples(self, section_id: str) -> None:
        display(ExampleList(self.section(section_id)["examples"], key=f"{self.key}-{section_id}"))

    def grammar_table(self, lemma: str | None = None, pos: str = "N", rows: list[str] | None = None,
                      cols: list[str] | None = None, caption: Any = None, lemmas: list[str] | None = None,
                      headers: list[str] | None = None) -> None:
        """Part of the engine's paradigm of ``lemma`` or, with ``lemmas``, one row per lemma and one
        column per tag bundle in ``cols`` (never typed by hand)."""
        if lemmas:
            display(forms_view(lemmas, cols or [], headers=headers, caption=caption))
        else:
            display(grammar_view(lemma, pos, rows=rows, cols=cols, caption=caption))

    def vocabulary(self) -> None:
        """Every vocabulary entry this lesson introduces (passive ones marked "for recognition"),
        and a flashcard deck of the active ones: only those are drilled and scheduled for review."""
        frame = lesson_vocabulary(self.number).sort_values(["load", "id"])   # the words to learn first
        show(lambda: heading_html(2, t("lesson.vocabulary"), "vocabulary") + markup_html(t("lesson.vocabulary_intro")))
        if self.data.get("fixed"):
            show(lambda: fixed_html(self.data["fixed"]))
        show(lambda: vocabulary_html(frame))
        display(_listen_picker([(r.kk, r.id, r.kk) for r in frame.itertuples()]))
        active = frame[frame["load"] == "active"]
        if len(active):
            display(Flashcards(vocabulary_cards(active), lesson=self.key))

    def practice(self, practice_id: str) -> None:
        """One practice set: its instructions and its activities."""
        p = next((p for p in self.data.get("practice", []) if p.get("id") == practice_id), None)
        if p is None:
            raise LessonError(f"Lesson {self.number} has no practice {practice_id!r}")
        show(lambda: heading_html(3, local(p.get("title") or ""), f"p-{practice_id}") + (markup_html(p["text"]) if p.get("text") else ""))
        if p.get("items"):  # a practice written as code shows only its heading here
            display(shared.vbox(lesson_items.build(p, self)))

    def review(self) -> None:
        show(lambda: heading_html(2, t("lesson.review"), "review") + markup_html(t("lesson.review_intro")))
        display(ReviewSession(limit=20))

    def self_check(self) -> None:
        """The end-of-lesson self-check (``self_check:`` items): one check, a score kept in progress."""
        from qazaq.self_check import SelfCheck  # here: a lesson without a self-check never loads it

        if not self.data.get("self_check"):
            raise LessonError(f"Lesson {self.number} has no self_check")
        display(SelfCheck(self))

    def culture(self) -> None:
        show(lambda: heading_html(2, t("lesson.culture", title=local(self.data.get("culture_title") or "")), "culture")
             + markup_html(self.data["culture"]))

    def summary(self) -> None:
        show(lambda: heading_html(2, t("lesson.summary"), "summary") + markup_html(self.data["summary"]))


def heading_html(level: int, text: str, anchor: str = "") -> str:
    """A heading in lesson markup (a section title may hold {{Kazakh}}). ``anchor`` gives it a stable
    id: the site reopens a lesson whose kernel was lost at the section the learner was reading."""
    ident = f" id='qz-{html.escape(anchor, quote=True)}'" if anchor else ""
    return f"<h{level}{ident}>{inline_html(text)}</h{level}>" if text else ""


def header_html(number: int) -> str:
    """Lesson N · Kazakh title — title; level, minutes, and links to the neighbours and the course map
    (relative notebook links: Voila and JupyterLab both resolve them next to this notebook)."""
    d = load(number)
    before, after = neighbours(number)
    links = [f'<a href="{html.escape(notebook_name(before))}">{html.escape(t("lesson.previous", n=before))}</a>'
             ] if before else []
    links.append(f'<a href="{MAP_NOTEBOOK}">{html.escape(t("lesson.course_map"))}</a>')
    if after:
        links.append(f'<a href="{html.escape(notebook_name(after))}">{html.escape(t("lesson.next", n=after))}</a>')
    title = f"{html.escape(t('lesson.number', n=number))} · {kk_inline(d['title_kk'])} — {inline_html(local(d['title']))}"
    facts = html.escape(t("lesson.level_minutes", level=d["level"], minutes=d["minutes"]))
    return (f"<h1 class='qz-lesson-title' id='qz-top'>{title}</h1>"
            f"<p class='qz-lesson-nav'><b>{facts}</b> · {' · '.join(links)}</p>")


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# ---------------------------------------------------------------- examples
def _translation(item: Mapping) -> dict:
    return {g: item[g] for g in GLOSS_LANGS if item.get(g)}


class ExampleList(widgets.VBox):
    """Example sentences in the learner's script with translations; IPA and audio on request
    (both are computed only when asked for, so the lesson opens fast)."""

    def __init__(self, examples: list[Mapping], *, key: str) -> None:
        self.examples = examples
        self.ipa = widgets.Checkbox(value=False, description=t("lesson.show_ipa"), indent=False)
        self.view = KazakhView(self.render)
        self.ipa.observe(lambda _c: self.view.refresh(), names="value")
        picker = _listen_picker([(e["kk"], f"{key}-{i}", e["kk"]) for i, e in enumerate(examples)])
        super().__init__([self.view, shared.hbox([self.ipa]), picker], **shared.defaults(widgets.VBox, {}))
        settings.on_change(self.relabel)  # held weakly: a method, not a lambda

    def relabel(self) -> None:
        self.ipa.description = t("lesson.show_ipa")

    def render(self) -> str:
        rows = []
        for e in self.examples:
            extra = ""
            if self.ipa.value:
                extra = f"<br><small>[{html.escape(ipa(e['kk']))}]</small>"
            rows.append(f"<tr><td style='padding:2px 12px 2px 0'>{kk_inline(e['kk'])}{extra}</td>"
                        f"<td><i>{html.escape(local(_translation(e)))}</i></td></tr>")
        return scrollable(f"<table class='qz-examples'>{''.join(rows)}</table>")


def _listen_picker(items: list[tuple[str, str, str]]) -> "ListenPicker":
    return ListenPicker(items)


class ListenPicker(widgets.VBox):
    """A dropdown of Kazakh texts (in the learner's script); choosing one makes and plays its
    audio, synthesized on demand so that opening a lesson stays fast."""

    def __init__(self, items: list[tuple[str, str, str]]) -> None:
        self.items = items  # (label, audio id, text)
        self.choose = shared.dropdown(description=t("lesson.listen"), layout={"width": "auto"})
        self.out = shared.vbox()  # the player, swapped in on choice (no Output capture needed)
        super().__init__([self.choose, self.out], **shared.defaults(widgets.VBox, {}))
        self.refresh()
        self.choose.observe(self.play, names="value")
        settings.on_change(self.refresh)

    def refresh(self) -> None:
        chosen, self._syncing = self.choose.value, True
        try:  # relabelling must not replay the sound
            self.choose.description = t("lesson.listen")
            self.choose.options = [(t("lesson.choose"), None)] + [(kk_plain(label), (i, text)) for label, i, text in self.items]
            self.choose.value = chosen
        finally:
            self._syncing = False

    def play(self, _change=None) -> None:
        if getattr(self, "_syncing", False):
            return
        self.out.children = ()
        if not self.choose.value:
            return
        entry_id, text = self.choose.value
        try:
            self.out.children = (audio_widget(re.sub(r"[^A-Za-z0-9_-]", "-", entry_id), text),)
        except Exception as exc:  # no audio engine here: say so, the lesson goes on
            self.out.children = (widgets.HTML(f"<pre>{html.escape(t('lesson.no_audio', problem=exc))}</pre>"),)


# ---------------------------------------------------------------- grammar tables
def _tag_label(kind: str, tags: str) -> str:
    """A row (tense, case) or column (person, possessor) of an engine table in the learner's language;
    the tags themselves when no name is known (i18n keys ``table.row.prs.neg``, ``table.col.1.sg`` …)."""
    key = f"table.{kind}.{tags.lower().replace(';', '.')}"
    name = t(key)
    return tags if name == key else name


def scrollable(table_html: str) -> str:
    """A wide table scrolls sideways inside the page (phones, long forms), by touch or keyboard."""
    return (f'<div class="qz-scroll" role="region" tabindex="0" aria-label="{html.escape(t("page.table"))}" '
            f'style="overflow-x:auto;max-width:100%">{table_html}</div>')


def grammar_view(lemma: str, pos: str, *, rows=None, cols=None, caption=None) -> KazakhView:
    table = paradigm(lemma, pos)
    rows = [r for r in (rows or list(table.index))]
    cols = [c for c in (cols or list(table.columns))]
    missing = [x for x in rows if x not in table.index] + [x for x in cols if x not in table.columns]
    if missing:
        raise LessonError(f"paradigm({lemma!r}, {pos!r}) has no {', '.join(missing)}")
    part = table.loc[rows, cols]

    def render() -> str:
        head = "".join(f"<th style='padding:2px 10px'>{_col_label(c)}</th>" for c in cols)
        body = "".join(
            f"<tr><th style='text-align:left;padding:2px 10px'>{html.escape(_tag_label('row', r))}</th>"
            + "".join(f"<td style='padding:2px 10px'>{kk_inline(str(part.loc[r, c]))}</td>" for c in cols)
            + "</tr>" for r in rows)
        cap = f"<caption style='caption-side:top;text-align:left'>{markup_html(caption)}</caption>" if caption else ""
        return scrollable(f"<table class='qz-grammar' style='border-collapse:collapse'>{cap}<tr><th></th>{head}</tr>{body}</table>")

    return KazakhView(render)


def forms_view(lemmas: list[str], tags: list[str], *, headers=None, caption=None) -> KazakhView:
    """Several words side by side in the same forms (e.g. singular and plural), from the engine."""
    headers = headers or tags
    forms = [[inflect(lemma, t) for t in tags] for lemma in lemmas]

    def render() -> str:
        head = "".join(f"<th style='padding:2px 10px'>{inline_html(local(h))}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td style='padding:2px 10px'>{kk_inline(f)}</td>" for f in row) + "</tr>"
                       for row in forms)
        cap = f"<caption style='caption-side:top;text-align:left'>{markup_html(caption)}</caption>" if caption else ""
        return scrollable(f"<table class='qz-grammar' style='border-collapse:collapse'>{cap}<tr>{head}</tr>{body}</table>")

    return KazakhView(render)


def _col_label(col: str) -> str:
    name = _tag_label("col", col)
    m = re.match(r"^(\S+) \((.+)\)$", name)
    if m and re.search("[а-яәіңғүұқөһ]", m.group(1)):  # a Kazakh pronoun heading
        return f"{kk_inline(m.group(1))} ({html.escape(m.group(2))})"
    return html.escape(name)


# ---------------------------------------------------------------- vocabulary
def _pos(pos: str) -> str:
    name = t(f"pos.{pos}")
    return pos if name == f"pos.{pos}" else name


def _passive_mark(r) -> str:
    """Passive entries are shown, not drilled: the learner should know which to learn actively."""
    if getattr(r, "load", "active") != "passive":
        return ""
    return f" <small class='qz-passive' style='color:#777'>({html.escape(t('vocab.passive'))})</small>"


def vocabulary_html(frame) -> str:
    rows = "".join(
        f"<tr><td style='padding:1px 10px 1px 0'>{kk_inline(r.kk)}</td>"
        f"<td style='padding:1px 10px;color:#666'>{html.escape(_pos(r.pos))}</td>"
        f"<td>{html.escape(str(getattr(r, _lang(), None) or r.en))}{_passive_mark(r)}</td></tr>"
        for r in frame.itertuples())
    return (f"<details open><summary>{html.escape(t('lesson.words', n=len(frame)))}</summary>"
            + scrollable(f"<table class='qz-lesson-vocab'>{rows}</table>") + "</details>")


def fixed_html(items: list[Mapping]) -> str:
    """The lesson's set phrases: learnt whole, before the grammar inside them is taught."""
    rows = "".join(f"<tr><td style='padding:1px 10px 1px 0'>{kk_inline(i['kk'])}</td>"
                   f"<td>{html.escape(local(_translation(i)))}</td></tr>" for i in items)
    return (f"<details open><summary>{html.escape(t('lesson.fixed', n=len(items)))}"
            f"</summary><table class='qz-fixed'>{rows}</table></details>")


def vocabulary_cards(frame) -> list[dict]:
    return [{"id": r.id, "kk": r.kk, "gloss": {g: getattr(r, g) for g in GLOSS_LANGS},
             "example_kk": r.example_kk, "example": _example(r)} for r in frame.itertuples()]


def _example(r) -> dict:
    """The example's translations ({en, ru, tr}): each learner reads it in their language."""
    return {g: str(getattr(r, f"example_{g}", "") or "") for g in GLOSS_LANGS if getattr(r, f"example_{g}", "")}


