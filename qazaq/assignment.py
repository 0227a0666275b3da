"""Answer entry for graded assignments, and the helpers that nbgrader's hidden tests call.

Learners never edit Python: every item is a widget (a choice, a line of text, a text
area). Each change is written at once to ``answers-<assignment>.json`` in the notebook's folder
(the kernel's working directory), so the answers survive a kernel restart, come back
when the notebook is reopened, and are collected by nbgrader together with the
notebook. Hidden test cells call :func:`grade`, which reads that file, scores one item
with :func:`qazaq.answers.check` (an "almost" earns part of the points), prints
feedback, and returns the points; the cell's visible last line, :func:`graded`, hands them to
nbgrader as the cell's partial credit.
"""
from __future__ import annotations

import codecs
import html
import json
import os
import re
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Sequence

from qazaq.answers import check
from qazaq.content import languages
from qazaq.i18n import t
from qazaq.settings import current, on_change

ANSWERS_FILE = "answers.json"  # the one file of earlier releases, still read when it is for this assignment
# Set by `qazaq-grade autograde` for the kernels it starts: widgets are useless in a static
# feedback page, so each item shows as text (and the kernel starts faster).
GRADING_ENV = "QAZAQ_GRADING"
# nbgrader sets this while `nbgrader validate` (or the Validate button) runs a notebook.
VALIDATING_ENV = "NBGRADER_VALIDATING"

_ACTIVE: dict[str, str] = {}  # the assignment of the sheet built in this kernel, for grade()
_SCORED: dict[str, float] = {}  # item -> points that grade() gave in this kernel, for graded()


class AnswersUnreadable(ValueError):
    """An answers file exists but is not the JSON object we wrote."""


@dataclass
class AnswersFile:
    """What a learner's answers file holds. `note` says what was recovered from a damaged file."""
    answers: dict[str, str]
    assignment: str | None = None
    lang: str | None = None
    note: str = ""


# ---------------------------------------------------------------- answers file

ANSWER_FILE_PATTERNS = (ANSWERS_FILE, "answers-*.json")  # every answers file, for globbing


def answers_filename(assignment: str) -> str:
    """One file per assignment: two assignments in one folder never share answers."""
    return f"answers-{assignment}.json"


def answers_path(folder: str | os.PathLike | None = None, assignment: str | None = None) -> Path:
    return Path(folder or os.getcwd()) / (answers_filename(assignment) if assignment else ANSWERS_FILE)


def find_answers(folder: str | os.PathLike | None, assignment: str | None) -> Path | None:
    """The answers file of `assignment` in `folder`: answers-<assignment>.json, else the older answers.json."""
    folder = Path(folder or os.getcwd())
    names = ([answers_filename(assignment)] if assignment else []) + [ANSWERS_FILE]
    return next((folder / n for n in names if (folder / n).is_file()), None)


def _file(path: str | os.PathLike | None, assignment: str | None = None) -> Path | None:
    path = Path(path) if path else Path(os.getcwd())
    return find_answers(path, assignment) if path.is_dir() else path


def _decode(raw: bytes, name: str) -> str:
    # Editors and browsers save with a BOM or as UTF-16 now and then; the answers are the same.
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AnswersUnreadable(f"{name} is not UTF-8 text") from None


def _salvage(text: str) -> dict[str, str] | None:
    """The complete "item": "answer" pairs of a file cut off part-way (a full disk, a broken upload)."""
    start = re.search(r'"answers"\s*:\s*\{', text)
    if not start:
        return None
    decoder, at, found = json.JSONDecoder(), start.end(), {}
    skip = re.compile(r"[\s,]*")
    while True:
        try:
            at = skip.match(text, at).end()
            key, at = decoder.raw_decode(text, at)
            at = re.compile(r"\s*:\s*").match(text, at).end()
            value, at = decoder.raw_decode(text, at)
        except (ValueError, AttributeError):
            return found
        if isinstance(key, str) and (value is None or isinstance(value, str)):
            found[key] = value or ""


def read_answers(path: str | os.PathLike) -> AnswersFile:
    """Read one answers file; AnswersUnreadable when nothing in it can be used."""
    path = Path(path)
    text = _decode(path.read_bytes(), path.name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        found = _salvage(text)
        if not found:
            raise AnswersUnreadable(f"{path.name} is not valid JSON ({exc})") from None
        assignment = re.search(r'"assignment"\s*:\s*"([^"]*)"', text)
        return AnswersFile(found, assignment and assignment.group(1),
                           note=f"{path.name} was cut off; its {len(found)} complete answer(s) were read")
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        raise AnswersUnreadable(f'{path.name} has no "answers" object')
    lang = data.get("lang") if data.get("lang") in languages.codes() else None
    assignment = data.get("assignment") if isinstance(data.get("assignment"), str) else None
    return AnswersFile({str(k): "" if v is None else str(v) for k, v in answers.items()}, assignment, lang)


def load_answers(path: str | os.PathLike | None = None, assignment: str | None = None) -> dict[str, str]:
    """The learner's answers by item id. Missing file: {}. Broken file: AnswersUnreadable."""
    found = _file(path, assignment)
    if found is None or not found.exists():
        return {}
    return read_answers(found).answers


def save_answers(answers: dict[str, str], assignment: str, path: str | os.PathLike | None = None,
                 lang: str | None = None) -> Path:
    """Write atomically: a crash mid-write must never leave a half file to be graded."""
    path = Path(path) if path else answers_path(assignment=assignment)
    payload = {
        "assignment": assignment,
        "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "answers": answers,
    }
    if lang:
        payload["lang"] = lang  # the feedback speaks the learner's language
    fd, tmp = tempfile.mkstemp(prefix=".answers-", suffix=".json", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, path)
    return path


# ---------------------------------------------------------------- scoring

@dataclass(frozen=True)
class Score:
    item: str
    response: str
    verdict: str  # "correct" | "almost" | "wrong" | "missing"
    points: float
    max_points: float
    hints: tuple[str, ...] = ()
    expected: str = ""


def _normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split()).strip(" .!?")


def key_text(accepted) -> str:
    """The text of one accepted answer: a string, or a dict naming its form {"text", "lemma", "tags"}."""
    return accepted.get("text", "") if isinstance(accepted, dict) else str(accepted)


def _exact_check(response: str, accepted: Sequence):
    """Choices: exact match after normalisation (a near miss is another option, not a typo)."""
    ok = _normalize(response) in {_normalize(key_text(a)) for a in accepted}
    return "correct" if ok else "wrong", 1.0 if ok else 0.0, ()


def _check(response: str, accepted: Sequence, exact: bool, lang: str):
    if exact:
        return _exact_check(response, accepted)
    result = check(response, list(accepted), lang=lang)
    hints = tuple(h.message for h in getattr(result, "hints", ()) or ())
    return result.verdict, float(result.score), hints


def score_item(item: str, response: str | None, accepted: Sequence, points: float = 1,
               *, exact: bool = False, lang: str = "en") -> Score:
    """Score one answer; pure, so the teacher's report can re-score outside the kernel."""
    expected = key_text(accepted[0]) if accepted else ""
    if not response or not response.strip():
        return Score(item, "", "missing", 0.0, float(points), (), expected)
    verdict, fraction, hints = _check(response, accepted, exact, lang)
    earned = round(float(points) * max(0.0, min(1.0, fraction)), 2)
    return Score(item, response, verdict, earned, float(points), hints, expected)


_MARK = {"correct": "✔", "almost": "≈", "wrong": "✘", "missing": "–"}


def feedback_line(s: Score, lang: str = "en") -> str:
    """One item for the learner: verdict, points, their answer, hints. Never the key."""
    head = f"{_MARK[s.verdict]} {s.item}: {t('grade.' + s.verdict, lang)} — {s.points:g}/{s.max_points:g}"
    if s.verdict == "missing":
        return head
    line = f"{head}; {t('grade.you_wrote', lang, response=s.response)}"
    return line + "".join(f"\n    {t('grade.hint', lang, hint=h)}" for h in s.hints)


def _key_check(item: str, accepted: Sequence, points: float, exact: bool) -> float:
    """`nbgrader validate` on a source notebook: no answers file, so each key must earn full points."""
    result = score_item(item, key_text(accepted[0]), accepted, points, exact=exact)
    print(f"{_MARK[result.verdict]} {item}: key «{result.response}» scores {result.points:g}/{points:g}"
          + ("" if result.points == points else " — the key does not earn its own points"))
    return result.points


def grade(item: str, accepted: Sequence | str, points: float = 1, *, exact: bool = False,
          lang: str | None = None, path: str | os.PathLike | None = None,
          assignment: str | None = None) -> float:
    """Called by a hidden test cell: print item feedback, return the points earned.

    Reads answers-<assignment>.json (the assignment of this notebook's AnswerSheet). Never
    raises and never writes to stderr: nbgrader gives 0 to a cell with an error or stderr
    output, and a broken answers file must say so in words.
    """
    if isinstance(accepted, (str, dict)):
        accepted = [accepted]
    if path is None:  # in a notebook: the file of this notebook's AnswerSheet
        assignment = assignment or _ACTIVE.get("assignment")
    _SCORED[item] = points = _grade(item, accepted, points, exact, lang, path, assignment)
    return points


def _grade(item, accepted, points, exact, lang, path, assignment) -> float:
    lang = lang or "en"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = _file(path, assignment)
        if found is None or not found.exists():
            if os.environ.get(VALIDATING_ENV):
                return _key_check(item, accepted, points, exact)
            name = answers_filename(assignment) if assignment else ANSWERS_FILE
            print(f"– {item}: 0/{points:g} — {t('grade.no_file', lang, file=name)}")
            return 0.0
        try:
            data = read_answers(found)
        except AnswersUnreadable as exc:
            print(f"✘ {item}: 0/{points:g} — {t('grade.unreadable', lang, problem=exc)}")
            return 0.0
        except OSError as exc:
            print(f"✘ {item}: 0/{points:g} — {t('grade.unopenable', lang, problem=exc.strerror)}")
            return 0.0
        lang = data.lang or lang
        if assignment and data.assignment and data.assignment != assignment:
            print(f"✘ {item}: 0/{points:g} — "
                  f"{t('grade.other_assignment', lang, file=found.name, other=data.assignment, assignment=assignment)}")
            return 0.0
        result = score_item(item, data.answers.get(item), accepted, points, exact=exact, lang=lang)
    print(feedback_line(result, lang))
    return result.points


class NotGradedHere(Exception):
    """Raised under `nbgrader validate` in a learner's copy: only the teacher's hidden tests score."""

    def _render_traceback_(self) -> list[str]:  # IPython shows these lines instead of a traceback
        return [str(self)]


def graded(item: str) -> float | None:
    """The visible last line of a test cell: the points grade() gave this item (nbgrader's partial credit).

    In a learner's copy the hidden tests are gone, so nothing was scored: under `nbgrader validate`
    say so plainly (Validate must never announce success it cannot know); otherwise stay silent.
    """
    if item in _SCORED:
        return _SCORED.pop(item)
    if os.environ.get(VALIDATING_ENV):
        try:
            answered = bool(load_answers(None, _ACTIVE.get("assignment")).get(item, "").strip())
        except (AnswersUnreadable, OSError):
            answered = False
        raise NotGradedHere(t("grade.validate_answered" if answered else "grade.validate_unanswered", "en", item=item))
    return None


# ---------------------------------------------------------------- the learner's sheet

@dataclass
class _Entry:
    item: str
    kind: str  # "choice" | "text" | "essay"
    prompt: languages.Local
    script: str = "cyrl"  # which script a well-formed answer is written in
    choices: tuple[str, ...] = ()
    labels: tuple[tuple[str, tuple[str, ...]], ...] = ()  # what the choices show per language


@dataclass
class AnswerSheet:
    """All answer widgets of one assignment, bound to answers-<assignment>.json in the working folder."""

    assignment: str
    folder: str | os.PathLike | None = None
    entries: dict[str, _Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.path = answers_path(self.folder, self.assignment)
        _ACTIVE["assignment"] = self.assignment  # the hidden tests of this notebook read this file
        self.answers, self.problem, self.lang = {}, "", None
        self.saved_in: Path | None = None  # the file that holds self.answers: read from, or last written
        found = find_answers(self.folder, self.assignment)
        if found is None:
            return
        try:
            data = read_answers(found)
        except AnswersUnreadable as exc:
            # Keep the broken file untouched until the learner types: it is their work.
            self.problem = str(exc)
            return
        if data.assignment in (None, self.assignment):  # an older answers.json of another assignment stays its own
            self.answers, self.lang, self.problem = data.answers, data.lang, data.note
            self.saved_in = found

    # Widgets are built lazily so that grading and tests need no frontend.
    # A prompt is English text or a mapping {en, ru, tr, …}: the learner reads it in their language.
    def choice(self, item: str, prompt, choices: Iterable[str], labels=()):
        """``labels``: {lang: what each choice shows}; the saved answer is always the choice itself."""
        labels = tuple(dict(labels).items()) if labels else ()
        return self._widget(_Entry(item, "choice", languages.Local(prompt), choices=tuple(choices), labels=labels))

    def text(self, item: str, prompt, *, script: str = "cyrl"):
        return self._widget(_Entry(item, "text", languages.Local(prompt), script=script))

    def essay(self, item: str, prompt):
        return self._widget(_Entry(item, "essay", languages.Local(prompt)))

    def instructions(self, title, intro, *, lesson: int):
        """The top of the notebook: title, the lesson it follows, what to do, in the learner's language."""
        def render(lang: str) -> str:
            how = t("assignment.how_to", lang, file=answers_filename(self.assignment))
            return (f"<h1>{_html(languages.Local(title).in_(lang))}</h1>"
                    f"<p><i>{_html(t('assignment.after_lesson', lang, n=lesson))}</i> "
                    f"{_prose_html(languages.Local(intro).in_(lang))}</p><p>{_html(how)}</p>")
        return self._live(render)

    def task(self, item: str, task, rubric: Sequence, *, points: float):
        """A question the teacher grades by hand, in the learner's language: the task, its points and
        its rubric. English readers see nothing here: the teacher's English cell below says it."""
        def render(lang: str) -> str:
            if lang == "en" or not any(lang in languages.Local(x).texts for x in (task, *rubric)):
                return ""
            lines = "".join(f"<li>{_html(languages.Local(r).in_(lang))}</li>" for r in rubric)
            return (f"<h3>{_html(item)} · {_html(t('assignment.essay_points', lang, points=f'{points:g}'))}</h3>"
                    f"<p>{_html(languages.Local(task).in_(lang))}</p>"
                    f"<p><b>{_html(t('assignment.rubric', lang))}</b></p><ul>{lines}</ul>"
                    f"<p>{_html(t('assignment.essay_where', lang))}</p>")
        return self._live(render)

    def _live(self, render):
        """HTML that follows the interface-language setting (a static page when grading)."""
        if os.environ.get(GRADING_ENV):
            return _Html(render(self.lang or "en"))
        import ipywidgets as w  # here, not on top: grading kernels show items as text and skip it

        view = w.HTML(render(current().lang))
        _follow_language(view, render)
        return view

    def set(self, item: str, value: str) -> None:
        """Record one answer and save at once (what every widget change calls)."""
        self.answers[item] = value
        save_answers(self.answers, self.assignment, self.path, lang=current().lang)
        self.saved_in, self.problem = self.path, ""

    def _widget(self, entry: _Entry):
        self.entries[entry.item] = entry
        value = self.answers.get(entry.item, "")
        if os.environ.get(GRADING_ENV):
            return _Static(entry, value, self.lang or "en")
        import ipywidgets as w  # here, not on top: grading kernels show items as text and skip it

        label = w.HTML(f"<b>{entry.item}.</b> {_html(entry.prompt.in_(current().lang))}")
        _follow_language(label, lambda lang: f"<b>{entry.item}.</b> {_html(entry.prompt.in_(lang))}")
        placeholder = t("assignment.placeholder", current().lang)
        if entry.kind == "choice":
            box = w.RadioButtons(options=_choice_options(entry, current().lang),
                                 value=value if value in entry.choices else None)
            if entry.labels:
                _follow_language(box, lambda lang: None, relabel=lambda lang: _relabel(box, entry, lang))
        elif entry.kind == "essay":
            box = w.Textarea(value=value, placeholder=placeholder, layout=w.Layout(width="95%", height="8em"))
        else:
            box = w.Text(value=value, placeholder=placeholder, continuous_update=False)
        saved = w.HTML("")

        def on_change(change) -> None:
            self.set(entry.item, change["new"] or "")
            saved.value = f"<small>{_html(t('assignment.saved', current().lang))}</small>"

        box.observe(on_change, names="value")
        return w.VBox([label, box, saved])

    # ------------------------------------------------------------ self-check
    def self_check_report(self) -> list[str]:
        """What the self-check button shows: answered? saved? written in the right script?"""
        lang = current().lang
        lines = [t("assignment.problem", lang, problem=self.problem)] if self.problem else []
        if self.answers and self.saved_in and not self.saved_in.exists():  # deleted (file browser, a clean-up)
            gone = self.saved_in.name  # an older answers.json comes back under today's name
            save_answers(self.answers, self.assignment, self.path, lang=current().lang)
            self.saved_in = self.path
            lines.append(t("assignment.rewritten", lang, gone=gone, file=self.path.name))
        answered = 0
        for entry in self.entries.values():
            value = self.answers.get(entry.item, "").strip()
            if not value:
                lines.append("– " + t("assignment.not_answered", lang, item=entry.item))
                continue
            answered += 1
            warn = _script_warning(value, entry.script, lang) if entry.kind != "choice" else ""
            lines.append("✔ " + t("assignment.answered", lang, item=entry.item) + (f" — {warn}" if warn else ""))
        saved = (t("assignment.saved_in", lang, path=str(self.path)) if self.path.exists()
                 else t("assignment.nothing_saved", lang))
        lines.append(t("assignment.summary", lang, answered=answered, total=len(self.entries), saved=saved))
        return lines

    def self_check(self):
        if os.environ.get(GRADING_ENV):
            return None
        import ipywidgets as w  # here, not on top: grading kernels show items as text and skip it

        button = w.Button(description=t("grade.check_button", current().lang), button_style="info", icon="check")
        out = w.HTML()

        def on_click(_=None) -> None:
            out.value = "<br>".join(_html(line) for line in self.self_check_report())

        button.on_click(on_click)
        return w.VBox([button, out])


@dataclass
class _Static:
    """An item as the teacher and the feedback page see it: the prompt and the saved answer."""
    entry: _Entry
    value: str
    lang: str = "en"

    def _repr_html_(self) -> str:
        answer = _html(self.value) if self.value else f"<i>{_html(t('grade.no_answer', self.lang))}</i>"
        return f"<b>{self.entry.item}.</b> {_html(self.entry.prompt.in_(self.lang))}<br>{_html(t('grade.answer', self.lang))} <b>{answer}</b>"

    def __repr__(self) -> str:
        return f"{self.entry.item}. {self.entry.prompt.in_(self.lang)}\n{t('grade.answer', self.lang)} {self.value or t('grade.no_answer', self.lang)}"


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _prose_html(text: str) -> str:
    """An introduction: paragraphs, and "> " lines (a quoted stanza) as one block quote."""
    parts = []
    for block in text.strip().split("\n\n"):
        lines = [ln.rstrip() for ln in block.splitlines()]
        if lines and all(ln.startswith(">") for ln in lines):
            verse = "<br>".join(html.escape(ln[1:].strip()) for ln in lines)
            parts.append(f"</p><blockquote class='kk' lang='kk'>{verse}</blockquote><p>")
        else:
            parts.append(_html(" ".join(lines)))
    return " ".join(parts)


def _script_warning(text: str, script: str, lang: str = "en") -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return ""
    cyrillic = sum("CYRILLIC" in unicodedata.name(c, "") for c in letters)
    if script == "cyrl" and cyrillic < len(letters):
        return t("assignment.latin_in_cyrillic", lang)
    if script == "latn" and cyrillic:
        return t("assignment.cyrillic_in_latin", lang)
    return ""


@dataclass
class _Html:
    """Static HTML for a grading kernel (no widgets there)."""
    html: str

    def _repr_html_(self) -> str:
        return self.html


def _choice_options(entry: _Entry, lang: str) -> list:
    shown = dict(entry.labels).get(lang)
    return list(zip(shown, entry.choices)) if shown else list(entry.choices)


def _relabel(box, entry: _Entry, lang: str) -> None:
    """New labels, same choice: the answer is kept and not saved again."""
    value = box.value
    with box.hold_trait_notifications():
        box.options = _choice_options(entry, lang)
        box.value = value


def _follow_language(view, render, relabel=None) -> None:
    """Re-render ``view`` whenever the learner changes the interface language."""
    def refresh() -> None:
        if relabel is not None:
            relabel(current().lang)
            return
        view.value = render(current().lang)
    view._qz_refresh = refresh  # the settings listener is held weakly: the widget keeps it alive
    on_change(refresh)
