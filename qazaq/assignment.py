"""Answer entry for graded assignments, and the helpers that nbgrader's hidden tests call.

Learners never edit Python: every item is a widget (a choice, a line of text, a text
area). Each change is written at once to ``answers.json`` in the notebook's folder
(the kernel's working directory), so the answers survive a kernel restart, come back
when the notebook is reopened, and are collected by nbgrader together with the
notebook. Hidden test cells call :func:`grade`, which reads that file, scores one item
with :func:`qazaq.answers.check` (an "almost" earns part of the points), prints
feedback, and returns the points: nbgrader takes a cell's numeric output as its score.
"""
from __future__ import annotations

import json
import os
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Sequence

ANSWERS_FILE = "answers.json"
# Set by `qazaq-grade autograde` for the kernels it starts: widgets are useless in a static
# feedback page, so each item shows as text (and the kernel starts faster).
GRADING_ENV = "QAZAQ_GRADING"


class AnswersUnreadable(ValueError):
    """answers.json exists but is not the JSON object we wrote."""


# ---------------------------------------------------------------- answers file

def answers_path(folder: str | os.PathLike | None = None) -> Path:
    return Path(folder or os.getcwd()) / ANSWERS_FILE


def _file(path: str | os.PathLike | None) -> Path:
    path = Path(path) if path else answers_path()
    return path / ANSWERS_FILE if path.is_dir() else path


def load_answers(path: str | os.PathLike | None = None) -> dict[str, str]:
    """The learner's answers by item id. Missing file: {}. Broken file: AnswersUnreadable."""
    path = _file(path)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnswersUnreadable(f"{path.name} is not valid JSON ({exc})") from None
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        raise AnswersUnreadable(f'{path.name} has no "answers" object')
    return {str(k): "" if v is None else str(v) for k, v in answers.items()}


def save_answers(answers: dict[str, str], assignment: str, path: str | os.PathLike | None = None) -> Path:
    """Write atomically: a crash mid-write must never leave a half file to be graded."""
    path = Path(path) if path else answers_path()
    payload = {
        "assignment": assignment,
        "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "answers": answers,
    }
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


def _fallback_check(response: str, accepted: Sequence[str]):
    """Used only while qazaq.answers is not importable: exact match after normalisation."""
    ok = _normalize(response) in {_normalize(a) for a in accepted}
    return "correct" if ok else "wrong", 1.0 if ok else 0.0, ()


def _check(response: str, accepted: Sequence[str], exact: bool, lang: str):
    if exact:  # choices: a near miss is another option, not a typo
        return _fallback_check(response, accepted)
    try:
        from qazaq.answers import check
    except ImportError:
        return _fallback_check(response, accepted)
    result = check(response, list(accepted), lang=lang)
    hints = tuple(h.message for h in getattr(result, "hints", ()) or ())
    return result.verdict, float(result.score), hints


def score_item(item: str, response: str | None, accepted: Sequence[str], points: float = 1,
               *, exact: bool = False, lang: str = "en") -> Score:
    """Score one answer; pure, so the teacher's report can re-score outside the kernel."""
    expected = accepted[0] if accepted else ""
    if not response or not response.strip():
        return Score(item, "", "missing", 0.0, float(points), (), expected)
    verdict, fraction, hints = _check(response, accepted, exact, lang)
    earned = round(float(points) * max(0.0, min(1.0, fraction)), 2)
    return Score(item, response, verdict, earned, float(points), hints, expected)


_MARK = {"correct": "✔", "almost": "≈", "wrong": "✘", "missing": "–"}


def feedback_line(s: Score) -> str:
    head = f"{_MARK[s.verdict]} {s.item}: {s.verdict} — {s.points:g}/{s.max_points:g}"
    if s.verdict == "missing":
        return head + " (no answer given)"
    line = f"{head}; you wrote «{s.response}»"
    if s.verdict != "correct":
        line += f"; expected «{s.expected}»"
    return line + "".join(f"\n    hint: {h}" for h in s.hints)


def grade(item: str, accepted: Sequence[str] | str, points: float = 1, *, exact: bool = False,
          lang: str = "en", path: str | os.PathLike | None = None) -> float:
    """Called by a hidden test cell: print item feedback, return the points earned.

    Never raises and never writes to stderr: nbgrader gives 0 to a cell with an error or
    stderr output, and a broken answers file must say so in words.
    """
    if isinstance(accepted, str):
        accepted = [accepted]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            answers = load_answers(path)
        except AnswersUnreadable as exc:
            print(f"✘ {item}: 0/{points:g} — your answers could not be read: {exc}")
            return 0.0
        except OSError as exc:
            print(f"✘ {item}: 0/{points:g} — your answers file could not be opened: {exc.strerror}")
            return 0.0
        if not _file(path).exists():
            print(f"– {item}: 0/{points:g} — no {ANSWERS_FILE} was submitted with the notebook")
            return 0.0
        result = score_item(item, answers.get(item), accepted, points, exact=exact, lang=lang)
    print(feedback_line(result))
    return result.points


# ---------------------------------------------------------------- the learner's sheet

@dataclass
class _Entry:
    item: str
    kind: str  # "choice" | "text" | "essay"
    prompt: str
    script: str = "cyrl"  # which script a well-formed answer is written in
    choices: tuple[str, ...] = ()


@dataclass
class AnswerSheet:
    """All answer widgets of one assignment, bound to answers.json in the working folder."""

    assignment: str
    folder: str | os.PathLike | None = None
    entries: dict[str, _Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.path = answers_path(self.folder)
        try:
            self.answers = load_answers(self.path)
            self.problem = ""
        except AnswersUnreadable as exc:
            # Keep the broken file untouched until the learner types: it is their work.
            self.answers, self.problem = {}, str(exc)

    # Widgets are built lazily so that grading and tests need no frontend.
    def choice(self, item: str, prompt: str, choices: Iterable[str]):
        return self._widget(_Entry(item, "choice", prompt, choices=tuple(choices)))

    def text(self, item: str, prompt: str, *, script: str = "cyrl"):
        return self._widget(_Entry(item, "text", prompt, script=script))

    def essay(self, item: str, prompt: str):
        return self._widget(_Entry(item, "essay", prompt))

    def set(self, item: str, value: str) -> None:
        """Record one answer and save at once (what every widget change calls)."""
        self.answers[item] = value
        save_answers(self.answers, self.assignment, self.path)
        self.problem = ""

    def _widget(self, entry: _Entry):
        self.entries[entry.item] = entry
        value = self.answers.get(entry.item, "")
        if os.environ.get(GRADING_ENV):
            return _Static(entry, value)
        import ipywidgets as w

        label = w.HTML(f"<b>{entry.item}.</b> {_html(entry.prompt)}")
        if entry.kind == "choice":
            box = w.RadioButtons(options=list(entry.choices), value=value if value in entry.choices else None)
        elif entry.kind == "essay":
            box = w.Textarea(value=value, placeholder="Type your answer here", layout=w.Layout(width="95%", height="8em"))
        else:
            box = w.Text(value=value, placeholder="Type your answer here", continuous_update=False)
        saved = w.HTML("")

        def on_change(change) -> None:
            self.set(entry.item, change["new"] or "")
            saved.value = "<small>saved</small>"

        box.observe(on_change, names="value")
        return w.VBox([label, box, saved])

    # ------------------------------------------------------------ self-check
    def self_check_report(self) -> list[str]:
        """What the self-check button shows: answered? saved? written in the right script?"""
        lines = [f"Problem with your saved answers: {self.problem} Answer again to replace the file."] if self.problem else []
        if self.answers and not self.path.exists():  # deleted (file browser, a clean-up) while answering
            save_answers(self.answers, self.assignment, self.path)
            lines.append(f"Your answers file {self.path.name} had been deleted; it has been written again "
                         "from the answers on this page. Nothing is lost.")
        answered = 0
        for entry in self.entries.values():
            value = self.answers.get(entry.item, "").strip()
            if not value:
                lines.append(f"– {entry.item}: not answered yet")
                continue
            answered += 1
            warn = _script_warning(value, entry.script) if entry.kind != "choice" else ""
            lines.append(f"✔ {entry.item}: answered" + (f" — but {warn}" if warn else ""))
        saved = "saved in " + str(self.path) if self.path.exists() else "nothing saved yet"
        lines.append(f"{answered} of {len(self.entries)} answered; {saved}. "
                     "Your teacher grades the saved answers; submit the whole folder.")
        return lines

    def self_check(self):
        if os.environ.get(GRADING_ENV):
            return None
        import ipywidgets as w

        button = w.Button(description="Check before submitting", button_style="info", icon="check")
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

    def _repr_html_(self) -> str:
        answer = _html(self.value) if self.value else "<i>no answer</i>"
        return f"<b>{self.entry.item}.</b> {_html(self.entry.prompt)}<br>Answer: <b>{answer}</b>"

    def __repr__(self) -> str:
        return f"{self.entry.item}. {self.entry.prompt}\nAnswer: {self.value or '(no answer)'}"


def _html(text: str) -> str:
    import html
    return html.escape(text).replace("\n", "<br>")


def _script_warning(text: str, script: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return ""
    cyrillic = sum("CYRILLIC" in unicodedata.name(c, "") for c in letters)
    if script == "cyrl" and cyrillic < len(letters):
        return "it contains Latin letters; this answer is written in Cyrillic"
    if script == "latn" and cyrillic:
        return "it contains Cyrillic letters; this answer is written in Latin script"
    return ""
