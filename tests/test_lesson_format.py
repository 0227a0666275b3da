"""The lesson format of Curriculum 2.0 on a small fixture lesson (tests/fixtures/lessons): every
learner-facing text a mapping {en, ru, tr}, rendered in the learner's language with English as the
fallback per string; headings rendered by code so they switch live; the Kazakh of every language's
texts and of the self-check found by the spelling and taught-before-used checks."""
from __future__ import annotations

import importlib.util

import pytest

from qazaq import settings
from qazaq.content import lessons as content
from qazaq.shared import REPO_ROOT
from tests.progress_fixtures import home  # noqa: F401

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "lessons"


@pytest.fixture
def fixture_lessons(monkeypatch, home):  # noqa: F811 - the fixture from progress_fixtures
    """The lesson folder replaced by the fixture folder (one lesson: 04-present.yaml)."""
    monkeypatch.setattr(content, "LESSONS_DIR", FIXTURES)
    content.load.cache_clear()
    yield FIXTURES
    content.load.cache_clear()


def _build_tool():
    spec = importlib.util.spec_from_file_location("build_lessons", REPO_ROOT / "tools" / "build_lessons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_header_in_the_learners_language_with_links(fixture_lessons):
    from qazaq.lesson import header_html

    settings.update(lang="ru")
    page = header_html(4)
    assert "Урок 4" in page and "Я живу, я работаю" in page and "Уровень A1 · около 35 минут" in page
    assert '<a href="00-course-map.ipynb">Карта курса</a>' in page
    settings.update(lang="tr")
    assert "Ders 4" in header_html(4) and "Yaşıyorum" in header_html(4)
    settings.update(lang="de")  # the interface is German; lesson texts fall back to English
    page = header_html(4)
    assert "Lektion 4" in page and "I live, I work" in page and "Kursübersicht" in page


def test_texts_fall_back_to_english_per_string(fixture_lessons):
    from qazaq.lesson import local

    section = content.load(4)["sections"][1]
    settings.update(lang="tr")
    assert local(section["title"]).startswith("I do not")     # no Turkish title: English
    assert local(section["text"]).startswith("Olumsuz")       # the Turkish text is there
    assert local("plain English") == "plain English"
    assert local(None) == ""


def test_views_switch_language_live(fixture_lessons):
    from qazaq.lesson import KazakhView, header_html

    settings.update(lang="en")
    view = KazakhView(lambda: header_html(4))
    assert "Lesson 4" in view.value
    settings.update(lang="ru")
    assert "Урок 4" in view.value and "Lesson 4" not in view.value


def test_every_part_renders_in_russian(fixture_lessons, monkeypatch):
    """Every call of the notebook runs; what it shows is Russian (Kazakh aside)."""
    from qazaq import lesson as lesson_module

    shown = []
    monkeypatch.setattr(lesson_module, "display", lambda w: shown.append(w))
    settings.update(lang="ru")
    lesson = lesson_module.Lesson(4)
    lesson.header()
    for s in lesson.data["sections"]:
        lesson.explain(s["id"])
    lesson.heading("practice")
    for p in lesson.data["practice"]:
        lesson.practice(p["id"])
    lesson.culture()
    lesson.self_check()
    lesson.summary()
    page = "\n".join(getattr(w, "value", "") for w in shown if isinstance(getattr(w, "value", None), str))
    for russian in ("Цели урока", "Я делаю:", "После согласного", "Из грамматического движка", "он, она:",
                    "Упражнения", "Добавьте окончание", "Скажите о себе.", "О культуре: Раннее утро",
                    "Что вы теперь умеете"):
        assert russian in page, russian
    for english in ("Goals", "After a consonant", "Practice", "Culture note", "What you can do now"):
        assert english not in page, english


def test_the_notebook_is_code_only_with_the_self_check_before_the_summary(fixture_lessons):
    nb = _build_tool().lesson_notebook(4)
    sources = [c.source for c in nb.cells]
    assert {c.cell_type for c in nb.cells} == {"code"}      # no markdown heading stays English
    assert sources[0].endswith("lesson.header()")
    assert sources[-3:] == ["lesson.culture()", "lesson.self_check()", "lesson.summary()"]
    assert "lesson.explain('negative')" in sources and 'lesson.heading("practice")' in sources


def test_kazakh_is_read_from_every_language_and_the_self_check(fixture_lessons):
    from qazaq.lesson_items import form_claims, lesson_kazakh
    from qazaq.morphology import inflect

    data = content.load(4)
    found = lesson_kazakh(data)
    texts = {text for _where, text in found}
    assert {"тұрамын", "Мен ерте оянамын.", "бармаймын", "таң", "ол", "-маймын"} <= texts
    assert ("self_check", "Мен жұмыс істеймін.") in found and ("self_check", "Мен …") in found
    claims = form_claims(data)
    assert ("self_check", "істеймін", "істе", "V;PRS;1;SG") in claims
    for where, form, lemma, tags in claims:
        assert inflect(lemma, tags) == form, where


def test_taught_before_used_reads_the_new_format(fixture_lessons):
    from qazaq import taught_before_used as tbu

    texts = [text for _where, text in tbu.lesson_texts(4)]
    assert "Мен жұмыс істеймін." in texts
    report = tbu.check_lesson(4, vocabulary=False)
    assert report.forms > 10
    assert report.findings == [], "\n".join(map(str, report.findings))
