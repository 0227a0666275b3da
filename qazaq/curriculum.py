"""The course map: every lesson with its level, grammar, vocabulary count and time, in the
learner's language (it switches with the language menu)."""
from __future__ import annotations

import html

import pandas as pd

from qazaq.i18n import t
from qazaq.lesson import (MAP_NOTEBOOK, inline_html, lesson_title, lesson_vocabulary, load, local, markup_html,  # noqa: F401
                          notebook_name, numbers, show)


def course_map(lang: str = "en") -> pd.DataFrame:
    """One row per lesson: number, title (Kazakh, and in ``lang``), level, grammar, words, minutes, notebook."""
    rows = []
    for n in numbers():
        d = load(n)
        rows.append({"lesson": n, "title_kk": d["title_kk"], "title": lesson_title(d, lang), "level": d["level"],
                     "grammar": d["grammar"], "words": len(lesson_vocabulary(n)), "minutes": d["minutes"],
                     "notebook": notebook_name(n)})
    return pd.DataFrame(rows)


def _cell(content: str) -> str:
    return f"<td style='padding:2px 8px'>{content}</td>"


def course_map_html() -> str:
    frame = course_map()
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{html.escape(t(k))}</th>"
                   for k in ("map.number", "map.lesson", "map.level", "map.grammar", "map.words", "map.minutes"))
    body = "".join(
        "<tr>" + _cell(str(r.lesson))
        + _cell(f"<a href='{html.escape(r.notebook)}'>{inline_html('{{' + r.title_kk + '}}')}</a>"
                f" — {inline_html(local(load(r.lesson)['title']))}")
        + _cell(r.level) + _cell(inline_html(local(r.grammar))) + _cell(str(r.words)) + _cell(str(r.minutes)) + "</tr>"
        for r in frame.itertuples())
    total = html.escape(t("map.total", lessons=len(frame), words=int(frame.words.sum()),
                          hours=round(frame.minutes.sum() / 60, 1)))
    return f"<table class='qz-course-map'><tr>{head}</tr>{body}</table><p>{total}</p>"


def intro_html() -> str:
    first = notebook_name(numbers()[0]) if numbers() else MAP_NOTEBOOK
    return (f"<h1>{html.escape(t('map.title'))}</h1>"
            + markup_html(t("map.intro", lessons=len(numbers()), first=first)))


def show_course_map() -> None:
    show(lambda: intro_html() + course_map_html())
