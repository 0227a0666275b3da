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
from qazaq.content.languages import Local
from qazaq.content.lessons import lesson_title, load, notebook_name
from qazaq.i18n import t
from qazaq.level_test.items import BLOCKS, LevelTest, Stimulus, generate, spec
from qazaq.level_test.scoring import SEED_KEY, VERSION_KEY, Result, check_item, score, seed_of
from qazaq.settings import current


def block_title(block: str, lang: str | None = None) -> str:
    return t(f"level.block.{block}", lang)


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
        return w.HTML(f"<i>{html.escape(t('level.no_recording', problem=exc))}</i>")


def block_widgets(test: LevelTest, block: str, sheet: AnswerSheet) -> list:
    """Heading, recordings or text, and one answer widget per item (recordings left out when grading)."""
    grading = bool(os.environ.get(GRADING_ENV))
    out = []
    if not grading:
        import ipywidgets as w  # here, not on top: grading kernels show items as text and skip it

        n = BLOCKS.index(block) + 1
        out.append(sheet._live(lambda lang: f"<h3>{n}. {html.escape(block_title(block, lang))}</h3>"
                                            f"<p>{html.escape(t(f'level.how.{block}', lang))}</p>"))
    shown = set()
    for item in test.block(block):
        if item.stimulus and item.stimulus not in shown and not grading:
            out.append(stimulus_widget(test.stimuli[item.stimulus]))
            shown.add(item.stimulus)
        if item.choices:
            out.append(sheet.choice(item.id, _source(item.prompt), item.choices, dict(item.labels)))
        else:
            widget = sheet.text(item.id, _source(item.prompt))
            if item.block == "writing" and hasattr(widget, "children"):  # a whole sentence: a wide box
                widget.children[1].layout.width = "min(95%, 36em)"
            out.append(widget)
    return out


def _source(text) -> object:
    """A Local as what the answer sheet takes: the mapping of every language."""
    return text.texts if isinstance(text, Local) else text


def lesson_link(number: int, lang: str | None = None) -> str:
    lang = lang or current().lang
    return (f"<a href='{html.escape(notebook_name(number))}'>{html.escape(t('level.lesson', lang, n=number))} · "
            f"{html.escape(lesson_title(load(number), lang))}</a>")


def result_html(result: Result, lang: str | None = None) -> str:
    lang = lang or current().lang
    rows, review = [], []
    for b in result.blocks.values():
        mark = t(f"level.status.{b.status.replace(' ', '_')}", lang)
        rows.append(f"<tr><td>{html.escape(block_title(b.block, lang))}</td><td>{b.points:g} / {b.max_points:g}</td>"
                    f"<td>{b.percent:g}%</td><td class='qz-{b.status.replace(' ', '-')}'>{html.escape(mark)}</td></tr>")
        if b.review:
            review.append(f"<li>{html.escape(block_title(b.block, lang))}: "
                          f"{', '.join(lesson_link(n, lang) for n in b.review)}</li>")
    verdict = t("level.passed", lang, level=result.level) if result.passed else t("level.not_yet", lang)
    what = f"<p>{html.escape(t('level.review', lang))}</p><ul class='qz-review'>{''.join(review)}</ul>" if review else ""
    head = "".join(f"<th>{html.escape(t(k, lang))}</th>" for k in ("level.col.block", "level.col.score"))
    return ("<div style='max-width:100%;overflow-wrap:anywhere'>"
            "<style>.qz-test-result td, .qz-test-result th {padding: 2px 10px; text-align: left}</style>"
            "<table class='qz-test-result' style='border-collapse:collapse'>"
            f"<tr>{head}<th>%</th><th>{html.escape(t('level.col.result', lang))}</th></tr>" + "".join(rows) +
            f"</table><p><b>{html.escape(verdict)}</b></p>{what}"
            f"<p><small>{html.escape(t('level.no_certificate', lang))}</small></p></div>")


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

        test = self.test
        parts = [self.sheet._live(lambda lang: (
            f"<p><a href='00-course-map.ipynb'>{html.escape(t('lesson.course_map', lang))}</a></p>"
            f"<h2>{html.escape(test.title.in_(lang))}</h2>"
            f"<p>{html.escape(t('level.format', lang))} {html.escape(t('level.self_check_intro', lang))}</p>"
            f"<p>{html.escape(t('level.about', lang, minutes=test.minutes, seed=test.seed))}</p>"))]
        for block in BLOCKS:
            parts += block_widgets(test, block, self.sheet)
        e = test.essay
        task = {lang: t("level.free_text", lang, task=e.task.in_(lang)) for lang in e.task.texts}
        parts.append(self.sheet.essay(e.id, task))
        out = w.HTML()
        button = w.Button(description=t("level.check"), button_style="primary", icon="check",
                          layout=w.Layout(width="auto", align_self="flex-start"))

        def on_click(_=None) -> None:
            lang = current().lang
            rubric = "".join(f"<li>{html.escape(Local(r).in_(lang))}</li>" for r in e.rubric)
            out.value = (result_html(self.result(), lang) + f"<h4>{html.escape(t('level.your_text', lang))}</h4>"
                         f"<p>{html.escape(t('level.compare', lang))}</p><ul>{rubric}</ul>"
                         f"<p>{html.escape(t('level.model', lang))} <span class='kk'>{html.escape(e.model)}</span></p>")

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

    def instructions(self):
        """Title, format and how to answer, in the learner's language (the notebook's first cell)."""
        test, name = self.test, assignment_id(self.test.level)

        def render(lang: str) -> str:
            return (f"<h1>{html.escape(test.title.in_(lang))}</h1>"
                    f"<p><b>{html.escape(t('level.minutes', lang, minutes=test.minutes))}</b> "
                    f"{html.escape(t('level.format', lang))}</p>"
                    f"<p>{html.escape(t('level.how_graded', lang, file=f'answers-{name}.json'))}</p>")
        return self.sheet._live(render)


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
