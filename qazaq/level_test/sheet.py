"""Taking a level test: the self-check (JupyterLab and the public site: scores per block, what to
review, no certificate) and the graded version (nbgrader: answers saved to answers-level-a1.json etc., one hidden
test cell per block calls :func:`grade_block`). Items are shown with the assignments' answer
widgets (``qazaq.assignment.AnswerSheet``), so there is one rendering and one checking path.
"""
from __future__ import annotations

import hashlib
import html
import os
import secrets
import warnings

from qazaq.assignment import GRADING_ENV, AnswersUnreadable, AnswerSheet, feedback_line, load_answers
from qazaq.content.lessons import lesson_title, load, notebook_name
from qazaq.level_test.items import BLOCK_TITLES, BLOCKS, LevelTest, Stimulus, generate, spec
from qazaq.level_test.scoring import SEED_KEY, VERSION_KEY, Result, check_item, score, seed_of

INSTRUCTIONS = {
    "listening": "Press play to hear each recording (as often as you like), then answer the questions.",
    "lexis": "Type the form asked for in Kazakh, or choose the answer.",
    "reading": "Read the text, then answer the questions.",
    "writing": "Dictation: listen and write each sentence in Kazakh (Cyrillic).",
}


def new_seed() -> int:
    return secrets.randbelow(1_000_000)


def assignment_id(level: str) -> str:
    return f"level-{level.lower()}"


# ---------------------------------------------------------------- shared rendering

def _audio_text(stim: Stimulus) -> str:
    return " ".join(line.lstrip("— ").strip() for line in stim.kazakh.splitlines())


def stimulus_widget(stim: Stimulus):
    import ipywidgets as w  # here, not on top: grading kernels and `qazaq-grade certificates` show no widgets

    if stim.kind == "text":
        from qazaq.render import kazakh_html  # here: it loads the settings store (anywidget, ipywidgets)

        # Cyrillic whatever the learner's script setting: the items and keys are Cyrillic, as in KAZTEST
        paragraphs = "".join(f"<p>{kazakh_html(p, 'cyrl')}</p>" for p in stim.kazakh.split("\n"))
        return w.HTML(f"<div class='qz-reading' style='font-size:1.1em;max-width:40em'>{paragraphs}</div>")
    from qazaq.audio import AudioError, audio_widget  # here: qazaq.audio loads ipywidgets; grading plays no recordings

    text = _audio_text(stim)
    try:
        return audio_widget("test-" + hashlib.sha1(text.encode()).hexdigest()[:12], text)
    except AudioError as exc:  # never a traceback: the learner is told, the other blocks still work
        return w.HTML(f"<i>The recording could not be made: {html.escape(str(exc))}</i>")


def block_widgets(test: LevelTest, block: str, sheet: AnswerSheet) -> list:
    """Heading, recordings or text, and one answer widget per item (recordings left out when grading)."""
    grading = bool(os.environ.get(GRADING_ENV))
    out = []
    if not grading:
        import ipywidgets as w  # here, not on top: grading kernels show items as text and skip it

        n = BLOCKS.index(block) + 1
        out.append(w.HTML(f"<h3>{n}. {BLOCK_TITLES[block]}</h3><p>{INSTRUCTIONS[block]}</p>"))
    shown = set()
    for item in test.block(block):
        if item.stimulus and item.stimulus not in shown and not grading:
            out.append(stimulus_widget(test.stimuli[item.stimulus]))
            shown.add(item.stimulus)
        if item.choices:
            out.append(sheet.choice(item.id, item.prompt, item.choices))
        else:
            widget = sheet.text(item.id, item.prompt)
            if item.block == "writing" and hasattr(widget, "children"):  # a whole sentence: a wide box
                widget.children[1].layout.width = "min(95%, 36em)"
            out.append(widget)
    return out


def lesson_link(number: int) -> str:
    return (f"<a href='{html.escape(notebook_name(number))}'>Lesson {number} · "
            f"{html.escape(lesson_title(load(number), 'en'))}</a>")


def result_html(result: Result) -> str:
    rows, review = [], []
    for b in result.blocks.values():
        mark = {"passed": "✔ passed", "failed": "✘ not yet", "not taken": "– not taken",
                "not graded": "… not graded"}[b.status]
        rows.append(f"<tr><td>{BLOCK_TITLES[b.block]}</td><td>{b.points:g} / {b.max_points:g}</td>"
                    f"<td>{b.percent:g}%</td><td class='qz-{b.status.replace(' ', '-')}'>{mark}</td></tr>")
        if b.review:
            review.append(f"<li>{BLOCK_TITLES[b.block]}: {', '.join(lesson_link(n) for n in b.review)}</li>")
    verdict = (f"You passed every block: your Kazakh is at level {result.level}." if result.passed else
               "Not yet: a pass needs 60% in every block.")
    what = f"<p>What to review:</p><ul class='qz-review'>{''.join(review)}</ul>" if review else ""
    return ("<div style='max-width:100%;overflow-wrap:anywhere'>"
            "<style>.qz-test-result td, .qz-test-result th {padding: 2px 10px; text-align: left}</style>"
            "<table class='qz-test-result' style='border-collapse:collapse'>"
            "<tr><th>Block</th><th>Score</th><th>%</th><th>Result</th></tr>" + "".join(rows) +
            f"</table><p><b>{verdict}</b></p>{what}"
            "<p><small>A self-check gives no certificate: certificates come from a test your teacher grades."
            "</small></p></div>")


# ---------------------------------------------------------------- self-check

class MemorySheet(AnswerSheet):
    """Answers kept in the kernel only: on the public site many visitors share one folder."""

    def __post_init__(self) -> None:
        self.answers, self.problem, self.path = {}, "", None

    def set(self, item: str, value: str) -> None:
        self.answers[item] = value


class SelfCheck:
    """The whole test on one page, with a button that scores it block by block."""

    def __init__(self, level: str, seed: int | None = None) -> None:
        self.test = generate(level, new_seed() if seed is None else seed)
        self.sheet = MemorySheet(assignment_id(self.test.level))

    def result(self) -> Result:
        return score(self.test, self.sheet.answers)

    def widget(self):
        import ipywidgets as w  # here, not on top: only the self-check page has a widget

        t = self.test
        parts = [w.HTML(f"<p>About {t.minutes} minutes · four blocks · 60% needed in each block · "
                        f"test version {t.seed}. Your answers stay in this page only.</p>")]
        for block in BLOCKS:
            parts += block_widgets(t, block, self.sheet)
        e = t.essay
        parts.append(self.sheet.essay(e.id, f"Free text (not scored in the self-check): {e.task}"))
        out = w.HTML()
        button = w.Button(description="Check my answers", button_style="primary", icon="check",
                          layout=w.Layout(width="auto", align_self="flex-start"))

        def on_click(_=None) -> None:
            rubric = "".join(f"<li>{html.escape(r)}</li>" for r in e.rubric)
            out.value = (result_html(self.result()) + "<h4>Your free text</h4><p>Compare it with the rubric your "
                         f"teacher would use:</p><ul>{rubric}</ul><p>A model answer: "
                         f"<span class='kk'>{html.escape(e.model)}</span></p>")

        button.on_click(on_click)
        return w.VBox(parts + [button, out])


def show_self_check(level: str, seed: int | None = None) -> None:
    from IPython.display import display  # here, not on top: IPython only in a kernel, not in `qazaq-grade`

    display(SelfCheck(level, seed).widget())


# ---------------------------------------------------------------- graded with nbgrader

class TestSheet:
    """The graded test: answers (with the learner's seed) saved to answers-<assignment>.json beside the notebook."""

    __test__ = False  # pytest: not a test class despite the name

    def __init__(self, level: str, folder: str | os.PathLike | None = None) -> None:
        data = spec(level)
        self.sheet = AnswerSheet(assignment_id(data["level"]), folder)
        seed = seed_of(self.sheet.answers)
        if seed is None and not os.environ.get(GRADING_ENV):
            seed = new_seed()  # drawn once, then kept in the answers file: the learner's own test
            self.sheet.set(SEED_KEY, str(seed))
            self.sheet.set(VERSION_KEY, data["version"])
        self.test = generate(data["level"], seed or 0)

    def block(self, name: str) -> None:
        from IPython.display import display  # here, not on top: IPython only in a kernel, not in `qazaq-grade`

        for widget in block_widgets(self.test, name, self.sheet):
            display(widget)

    def self_check(self):
        return self.sheet.self_check()


def grade_block(level: str, block: str, path: str | os.PathLike | None = None) -> float:
    """Called by a hidden test cell: print feedback per item, return the block's points.
    Like qazaq.assignment.grade it never raises (nbgrader scores a failing cell 0)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            answers = load_answers(path, assignment_id(level))  # answers-level-a1.json (or an older answers.json)
        except (AnswersUnreadable, OSError) as exc:
            print(f"✘ {block}: 0 — your answers could not be read: {exc}")
            return 0.0
        seed = seed_of(answers)
        if seed is None:
            print(f"– {block}: 0 — no answers file with your test was submitted")
            return 0.0
        test = generate(level, seed)
        if answers.get(VERSION_KEY, test.version) != test.version:
            print("note: the test's templates changed after you took it; your items are scored with the new keys")
        total = 0.0
        for item in test.block(block):
            s = check_item(item, answers.get(item.id))
            print(feedback_line(s))
            total += s.points
    return round(total, 2)
