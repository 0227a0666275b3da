"""The end-of-lesson self-check (issue 15): items built by the practice builders, one check, an
exact score, kept in progress (last and best, dates), on the dashboard; damaged scores named."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from qazaq import progress, settings
from qazaq.progress import ProgressImportError, SelfCheckScore
from qazaq.self_check import SelfCheck, problems, score
from tests.progress_fixtures import home  # noqa: F401

# A self-check of the present-future lesson (planned lesson 4), as a lesson file would have it.
ITEMS = [
    {"type": "cloze", "point": "present", "sentence": "Мен қазақша ___.", "answers": ["сөйлеймін"],
     "en": "I speak Kazakh.", "ru": "Я говорю по-казахски.", "tr": "Kazakça konuşurum."},
    {"type": "suffix", "point": "present", "stem": "бар", "tags": "V;PRS;1;SG"},
    {"type": "choice", "point": "present-negative", "prompt_en": "I do not go", "prompt_ru": "Я не хожу",
     "prompt_tr": "Gitmem", "options": ["бармаймын", "барамын", "келемін"], "answer": 0},
    {"type": "type", "point": "present", "prompt_en": "I come", "prompt_ru": "Я прихожу", "prompt_tr": "Gelirim",
     "accepted": ["келемін"]},
    {"type": "vocab_choice", "point": "words", "n": 1, "seed": 1},
    {"type": "suffix", "point": "present-negative", "stem": "кел", "tags": "V;PRS;1;SG;NEG"},
    {"type": "order", "point": "present", "sentence": "Мен қазақша сөйлеймін.", "en": "I speak Kazakh.",
     "ru": "Я говорю по-казахски.", "tr": "Kazakça konuşurum."},
]
LESSON = SimpleNamespace(number=4, key="04-present", data={"self_check": ITEMS})


def _answer(check: SelfCheck, *, all_right: bool) -> None:
    cloze, bar, choice, typed, vocab, kel, order = check.activities
    cloze.fill("сөйлеймін")
    bar.input.value = "барамын" if all_right else "барамін"      # a harmony slip
    choice.choose(0)
    typed.input.value = "келемін"
    vocab.choose(vocab.answer)
    if all_right:
        kel.input.value = "келмеймін"
        for word in ("Мен", "қазақша", "сөйлеймін"):
            order.place_word(word)


def test_items_are_built_by_the_practice_builders_with_their_points(home):
    check = SelfCheck(LESSON)
    assert [a.family for a in check.activities] == ["Cloze", "SuffixBuilder", "MultipleChoice", "TypeAnswer",
                                                    "MultipleChoice", "SuffixBuilder", "WordOrder"]
    assert [a.spec.get("point") for a in check.activities] == [
        "present", "present", "present-negative", "present", "words", "present-negative", "present"]
    assert check.activities[5].form == "келмеймін"     # the engine's form, as in practice
    assert problems({"self_check": ITEMS}) == []


def test_one_check_gives_the_exact_score_and_feedback_per_item(home):
    check = SelfCheck(LESSON)
    _answer(check, all_right=False)
    assert check.check() == (4, 7)
    assert [a.verdict for a in check.activities] == ["correct", "wrong", "correct", "correct", "correct", None, None]
    assert "Your score: 4 / 7. Left blank: 2." in check.result.value
    assert check.check_button.layout.display == "none" and check.again_button.layout.display is None
    assert check.activities[0]._buttons[0].layout.display is None     # only the self-check's own button hides
    assert "Not quite." in check.activities[1].feedback.value and "барамын" in check.activities[1].feedback.value
    # the slip is kept with the review: mastery per grammar point reads it
    hints = {r["key"]: r["hints"] for r in progress.store().reviews()}
    assert hints[check.activities[1].key] == "vowel-harmony"
    assert check.activities[5].key not in hints          # a blank item is not reviewed as wrong
    saved = progress.store().self_checks()["04-present"]
    assert (saved.last, saved.best, saved.total) == (4, 4, 7)


def test_last_and_best_are_kept_across_attempts(home, monkeypatch):
    clock = [datetime(2026, 12, 1, 9, tzinfo=timezone.utc)]
    monkeypatch.setattr(progress, "_now", lambda: clock[0])
    check = SelfCheck(LESSON)
    _answer(check, all_right=True)
    assert check.check() == (7, 7)
    clock[0] = datetime(2026, 12, 2, 9, tzinfo=timezone.utc)
    check.again()
    assert check.check_button.layout.display is None and check.result.value == ""
    _answer(check, all_right=False)
    assert check.check() == (4, 7)
    saved = progress.store().self_checks()["04-present"]
    assert saved == SelfCheckScore("04-present", 4, 7, 7, "2026-12-02T09:00:00+00:00", "2026-12-01T09:00:00+00:00")
    assert "Last time: 4 / 7. Best: 7 / 7 (2026-12-01)." in check.record_line.value


def test_answering_every_item_scores_without_the_button(home):
    check = SelfCheck(LESSON)
    _answer(check, all_right=True)
    for activity in check.activities:
        if not activity.answered:
            activity.check()
    assert progress.store().self_checks()["04-present"].last == 7
    assert "Your score: 7 / 7." in check.result.value


def test_the_score_in_russian_and_turkish(home, monkeypatch):
    for lang, text in (("ru", "Ваш результат: 4 / 7. Без ответа: 2."), ("tr", "Puanınız: 4 / 7. Boş bırakılan: 2.")):
        monkeypatch.setattr(settings, "current", lambda lang=lang: settings.Settings(script="cyrl", lang=lang))
        check = SelfCheck(LESSON)
        _answer(check, all_right=False)
        check.check()
        assert text in check.result.value


def test_a_malformed_self_check_is_named():
    assert problems({"self_check": ITEMS[:4]}) == ["self_check has 4 items; a self-check has 5-8"]
    wrong = [dict(i) for i in ITEMS]
    wrong[1]["point"] = "subjunctive"
    wrong[2]["type"] = "essay"
    assert problems({"self_check": wrong}) == [
        "self_check item 2: point 'subjunctive' is neither a syllabus point nor 'words'",
        "self_check item 3: unknown type 'essay'"]


def test_lesson_self_check_displays_it(home, monkeypatch):
    from qazaq import lesson as lessons

    shown = []
    monkeypatch.setattr(lessons, "load", lambda n: {"slug": "present", "self_check": ITEMS})
    monkeypatch.setattr(lessons, "display", shown.append)
    lessons.Lesson(4).self_check()
    assert isinstance(shown[0], SelfCheck) and len(shown[0].activities) == 7 and shown[0].lesson.key == "04-present"


def test_scores_on_the_dashboard(home):
    from qazaq.widgets import ProgressDashboard

    progress.store().record_self_check("04-present", 5, 7, datetime(2026, 12, 1, 9, tzinfo=timezone.utc))
    progress.store().record_self_check("04-present", 6, 7, datetime(2026, 12, 2, 9, tzinfo=timezone.utc))
    dash = ProgressDashboard()
    assert dash.self_checks().values.tolist() == [["4 · Ауыспалы осы шақ", "6 / 7", "6 / 7", "2026-12-02"]]
    assert "<h4>Self-checks</h4>" in dash.tables.value


# ---------------------------------------------------------------- kept safely
def test_a_damaged_database_keeps_the_file_and_the_session_goes_on(home):
    (home / "progress.db").write_bytes(b"not a database at all" * 100)
    store = progress.store()
    assert store.in_memory
    store.record_self_check("04-present", 5, 7)
    assert store.self_checks()["04-present"].last == 5
    assert store.take_notice().key == "store_damaged"
    assert [p.name.startswith("progress.db.damaged-") for p in home.iterdir()] == [True]


def test_a_damaged_score_is_named_and_kept(home):
    store = progress.store()
    store.set_setting("self_check:04-present", "{half a record")
    assert store.self_checks() == {}
    notice = store.take_notice()
    assert notice.key == "self_check_damaged" and notice.fields == {"lesson": "04-present"}
    from qazaq.i18n import t
    assert t(notice.key, "ru", **notice.fields).startswith("Сохранённый результат самопроверки урока 04-present")
    store.record_self_check("04-present", 3, 7)
    assert store.get_setting("self_check:04-present:damaged") == "{half a record"   # nothing lost
    assert store.self_checks()["04-present"].last == 3


def test_export_and_import_merge_scores(home, tmp_path):
    store = progress.store()
    store.record_self_check("04-present", 7, 7, datetime(2026, 12, 1, 9, tzinfo=timezone.utc))
    path = store.export(tmp_path / "mine.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert json.loads(data["settings"]["self_check:04-present"])["best"] == 7
    progress.set_store(progress.open_sqlite(tmp_path / "other.db"))
    other = progress.store()
    other.record_self_check("04-present", 5, 7, datetime(2026, 12, 3, 9, tzinfo=timezone.utc))
    other.import_(path)
    merged = other.self_checks()["04-present"]
    assert (merged.last, merged.best, merged.date[:10], merged.best_date[:10]) == (5, 7, "2026-12-03", "2026-12-01")


def test_import_of_a_damaged_score_is_refused_with_a_message(home, tmp_path):
    store = progress.store()
    store.record_self_check("04-present", 5, 7)
    data = store.export_data()
    data["settings"]["self_check:04-present"] = json.dumps({"last": 9, "best": 9, "total": 7,
                                                            "date": "2026-12-01", "best_date": "2026-12-01"})
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProgressImportError, match="self-check score of lesson 04-present cannot be read"):
        progress.store().import_(tmp_path / "bad.json")
    assert progress.store().self_checks()["04-present"].last == 5          # nothing merged, nothing lost


def test_a_file_from_before_hint_codes_gains_the_column(home):
    conn = sqlite3.connect(home / "progress.db")
    conn.executescript("""
        CREATE TABLE cards (key TEXT PRIMARY KEY, card TEXT NOT NULL, family TEXT NOT NULL DEFAULT '',
            lesson TEXT NOT NULL DEFAULT '', spec TEXT NOT NULL DEFAULT '{}', due TEXT NOT NULL);
        CREATE TABLE reviews (id INTEGER PRIMARY KEY, key TEXT NOT NULL, rating INTEGER NOT NULL, verdict TEXT,
            reviewed_at TEXT NOT NULL, duration_ms INTEGER, family TEXT, lesson TEXT, UNIQUE (key, reviewed_at));
        INSERT INTO reviews (key, rating, verdict, reviewed_at) VALUES ('old', 3, 'correct', '2025-01-01T00:00:00+00:00');
    """)
    conn.commit()
    conn.close()
    store = progress.store()
    assert not store.in_memory
    store.review("new", "wrong", hints=["vowel-harmony", "special-letter"])
    assert [(r["key"], r["hints"]) for r in store.reviews()] == [("old", None), ("new", "vowel-harmony special-letter")]


def test_score_counts_almost_as_right():
    done = [SimpleNamespace(verdict=v) for v in ("correct", "almost", "wrong", None)]
    assert score(done) == (2, 4)


def test_a_lesson_without_a_self_check_says_so(home, monkeypatch):
    from qazaq import lesson as lessons

    monkeypatch.setattr(lessons, "load", lambda n: {"slug": "present"})
    with pytest.raises(lessons.LessonError, match="Lesson 4 has no self_check"):
        lessons.Lesson(4).self_check()


def test_scores_for_the_course_map(home):
    from qazaq.self_check import scores_by_lesson

    progress.store().record_self_check("04-present", 5, 7)
    progress.store().record_self_check("12-verbal-noun", 8, 8)
    assert {n: (s.last, s.total) for n, s in scores_by_lesson().items()} == {4: (5, 7), 12: (8, 8)}
