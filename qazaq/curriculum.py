"""The course map: every lesson with its level, the grammar points it introduces (from the
syllabus), its active and passive words and its time, in the learner's language (it switches
with the language menu)."""
from __future__ import annotations

import html

import pandas as pd
from IPython.display import display

from qazaq import settings
from qazaq.i18n import t
from qazaq.lesson import (MAP_NOTEBOOK, course_vocabulary, inline_html, lesson_title, load, local,  # noqa: F401
                          markup_html, notebook_name, numbers, scrollable, show)
from qazaq.self_check import scores_by_lesson
from qazaq.syllabus import syllabus


def _points(number: int) -> list:
    planned = syllabus().lessons.get(number)
    return [syllabus().points[p] for p in planned.points] if planned else []


def course_map(lang: str = "en") -> pd.DataFrame:
    """One row per lesson: number, titles (Kazakh, ``lang``), level, grammar points introduced,
    active and passive words, minutes, notebook."""
    vocab = course_vocabulary()
    rows = []
    for n in numbers():
        d, words = load(n), vocab[vocab["lesson"] == n]
        rows.append({"lesson": n, "title_kk": d["title_kk"], "title": lesson_title(d, lang), "level": d["level"],
                     "points": [p.title_in(lang) for p in _points(n)],
                     "active": int((words["load"] == "active").sum()), "passive": int((words["load"] == "passive").sum()),
                     "minutes": d["minutes"], "notebook": notebook_name(n)})
    return pd.DataFrame(rows)


def _cell(content: str) -> str:
    return f"<td style='padding:2px 8px;vertical-align:top'>{content}</td>"


def _row(r, scores: dict) -> str:
    link = f"<a href='{html.escape(r.notebook)}'>{inline_html('{{' + r.title_kk + '}}')}</a> — {inline_html(r.title)}"
    points = "<ul style='margin:0;padding-left:1.1em'>" + "".join(f"<li>{inline_html(p)}</li>" for p in r.points) + "</ul>"
    words = f"{r.active} / {r.passive}"
    score = scores.get(r.lesson)
    best = f"{score.best} / {score.total}" if score else "–"   # the learner's best self-check score
    return "<tr>" + "".join(_cell(c) for c in (str(r.lesson), link, r.level, points, words, str(r.minutes), best)) + "</tr>"


def course_map_html() -> str:
    """The table in the learner's language (called again on every language change)."""
    frame = course_map(settings.current().lang)
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{html.escape(t(k))}</th>"
                   for k in ("map.number", "map.lesson", "map.level", "map.grammar", "map.words", "map.minutes",
                             "map.self_check"))
    total = html.escape(t("map.total", lessons=len(frame), active=int(frame.active.sum()),
                          passive=int(frame.passive.sum()), hours=round(frame.minutes.sum() / 60, 1)))
    scores = scores_by_lesson()
    body = "".join(_row(r, scores) for r in frame.itertuples())
    # Seven columns do not fit a phone or a narrow page: the table scrolls sideways, the page does not.
    return scrollable(f"<table class='qz-course-map'><tr>{head}</tr>{body}</table>") + f"<p>{total}</p>"


def intro_html() -> str:
    first = notebook_name(numbers()[0]) if numbers() else MAP_NOTEBOOK
    return (f"<h1>{html.escape(t('map.title'))}</h1>"
            + markup_html(t("map.intro", lessons=len(numbers()), first=first)))


def show_course_map() -> None:
    show(lambda: intro_html() + course_map_html())


def show_progress() -> None:
    """Below the map: the learner's progress, mastery per grammar point and practice from the weakest."""
    from qazaq.mastery import dashboard  # here: the map's table needs no dashboard widgets

    show(lambda: f"<h2>{html.escape(t('map.progress'))}</h2>")
    display(dashboard())
