"""The course map: every lesson with its level, grammar, vocabulary count and time, and the
links between lessons (a lesson's first cell points to the previous and next notebooks)."""
from __future__ import annotations

import html

import pandas as pd

from qazaq.lesson import inline_html, lesson_files, lesson_vocabulary, load, notebook_name, show

MAP_NOTEBOOK = "00-course-map.ipynb"


def numbers() -> list[int]:
    return [int(p.name[:2]) for p in lesson_files()]


def course_map() -> pd.DataFrame:
    """One row per lesson: number, title (Kazakh, English), level, grammar, words, minutes, notebook."""
    rows = []
    for n in numbers():
        d = load(n)
        rows.append({"lesson": n, "title_kk": d["title_kk"], "title_en": d["title_en"], "level": d["level"],
                     "grammar": d["grammar"], "words": len(lesson_vocabulary(n)), "minutes": d["minutes"],
                     "notebook": notebook_name(n)})
    return pd.DataFrame(rows)


def links_markdown(number: int) -> str:
    """The navigation line of a lesson's first cell: previous, course map, next (plain .ipynb links,
    which Voila rewrites to its own render URLs)."""
    all_numbers = numbers()
    i = all_numbers.index(number)
    parts = []
    if i > 0:
        parts.append(f"[← Lesson {all_numbers[i - 1]}]({notebook_name(all_numbers[i - 1])})")
    parts.append(f"[Course map]({MAP_NOTEBOOK})")
    if i + 1 < len(all_numbers):
        parts.append(f"[Lesson {all_numbers[i + 1]} →]({notebook_name(all_numbers[i + 1])})")
    return " · ".join(parts)


def course_map_html() -> str:
    frame = course_map()
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{h}</th>"
                   for h in ("#", "Lesson", "Level", "Grammar", "Words", "Minutes"))
    body = "".join(
        f"<tr><td style='padding:2px 8px'>{r.lesson}</td>"
        f"<td style='padding:2px 8px'><a href='{html.escape(r.notebook)}'>{inline_html('{{' + r.title_kk + '}}')}</a>"
        f" — {html.escape(r.title_en)}</td><td style='padding:2px 8px'>{r.level}</td>"
        f"<td style='padding:2px 8px'>{inline_html(r.grammar)}</td><td style='padding:2px 8px'>{r.words}</td>"
        f"<td style='padding:2px 8px'>{r.minutes}</td></tr>"
        for r in frame.itertuples())
    total = (f"<p>{len(frame)} lessons · {frame.words.sum()} words and phrases · "
             f"about {round(frame.minutes.sum() / 60, 1)} hours</p>")
    return f"<table class='qz-course-map'><tr>{head}</tr>{body}</table>{total}"


def show_course_map() -> None:
    show(course_map_html)
