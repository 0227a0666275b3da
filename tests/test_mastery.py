"""Mastery per grammar point from a learner's results and hint codes, and the practice session
the engine builds from the weakest points (issue 15).

``tests/data/learner-progress.json`` is a learner's progress exported after answering through
the real widgets: lesson 4 all right (барамын, келемін, келмеймін; жазамын typed), lesson 5
with slips (үйда for үйде, мектепға for мектепке, a wrong choice of үйге, "алма" typed for
қалада), lesson 8 бардым right and келдым for келдім; a flashcard; a self-check 6 / 7.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from qazaq import mastery, progress, settings
from qazaq.morphology import inflect
from qazaq.syllabus import syllabus
from qazaq.shared import REPO_ROOT
from tests.progress_fixtures import home  # noqa: F401

LEARNER = REPO_ROOT / "tests" / "data" / "learner-progress.json"


@pytest.fixture
def learner(home):
    assert progress.store().import_(LEARNER) == 13
    return progress.store()


def test_mastery_of_the_fixture_learner(learner):
    table = mastery.mastery()
    assert table[["point", "lesson", "answers", "right", "wrong"]].values.tolist() == [
        ["present", 4, 4, 4, 0],             # the three suffixes and жазамын, analysed by the engine
        ["present-negative", 4, 1, 1, 0],
        ["locative", 5, 2, 0, 2],            # үйда (vowel-harmony) and the choice үйге (point: locative)
        ["dative", 5, 3, 2, 1],              # мектепға (consonant-assimilation) against; "алма" not counted
        ["past", 8, 2, 1, 1],                # келдым (vowel-harmony)
    ]
    assert [round(m, 3) for m in table["mastery"]] == [1.0, 1.0, 0.0, 0.667, 0.5]
    assert mastery.weakest(table) == ["locative", "past", "dative", "present", "present-negative"]
    assert mastery.reached(learner, table) == 8


def test_items_map_to_points():
    assert mastery.item_points({"family": "SuffixBuilder", "args": {"stem": "үй", "tags": "N;DAT;SG;PSS1S"}}) == {
        "dative", "possessive", "case-after-possessive"}
    assert mastery.item_points({"family": "TypeAnswer", "args": {"accepted": ["жазамын"]}}) == {"present"}
    assert mastery.item_points({"family": "Cloze", "args": {"sentence": "Біз ___ барамыз.",
                                                             "answers": [["мектепке"]]}}) == {"dative"}
    assert mastery.item_points({"family": "WordOrder", "args": {"sentence": "Мен кітап оқыдым."}}) == {"past"}
    assert mastery.item_points({"family": "TypeAnswer", "point": "locative", "args": {"accepted": ["үй"]}}) == {
        "locative"}
    assert mastery.item_points({"family": "MultipleChoice", "point": "words", "args": {}}) == set()
    assert mastery.item_points({"family": "Flashcards", "args": {"cards": [{"kk": "үйде"}]}}) == set()


@pytest.mark.parametrize("verdict, hints, counted", [
    ("correct", None, True), ("almost", "special-letter", True),
    ("wrong", "vowel-harmony", False), ("wrong", "consonant-assimilation", False),
    ("wrong", "stem-alternation", False), ("wrong", "wrong-form", False), ("wrong", None, False),
    ("wrong", "wrong-word", None), ("wrong", "missing-word", None), ("wrong", "typo wrong-form", False),
])
def test_which_answers_count_for_and_against_a_point(verdict, hints, counted):
    assert mastery.counts(verdict, hints) is counted


WORDS = [("үй", "N"), ("мектеп", "N"), ("кітап", "N"), ("бар", "V"), ("кел", "V"), ("оқы", "V")]


def test_the_weakest_points_session_is_made_by_the_engine(learner, monkeypatch):
    # a fixed word list: the forms below do not move when lessons' vocabulary is edited
    monkeypatch.setattr(mastery, "practice_words", lambda upto: WORDS)
    points, items = mastery.session(seed=1)
    assert points == ["locative", "past", "dative"]
    assert [(a.stem, a.tags, a.form) for a in items] == [
        ("мектеп", "N;LOC;PL", "мектептерде"), ("кел", "V;PST;1;SG;NEG", "келмедім"), ("үй", "N;DAT;SG", "үйге"),
        ("үй", "N;LOC;SG", "үйде"), ("кел", "V;PST;3;SG", "келді"), ("кітап", "N;DAT;SG", "кітапқа")]
    assert all(a.form == inflect(a.stem, a.tags) for a in items)
    assert [a.spec["point"] for a in items] == ["locative", "past", "dative"] * 2


def test_the_session_uses_reached_active_words_and_taught_grammar_only(learner):
    points, items = mastery.session(seed=7)
    assert points == ["locative", "past", "dative"] and len(items) == 6
    reachable = dict(mastery.practice_words(8))
    syl = syllabus()
    for a in items:
        assert a.form == inflect(a.stem, a.tags) and a.stem in reachable
        # nothing beyond lesson 8: no case after a possessive (13), no 2nd person plural (15)
        assert max(syl.introduced_in(p) for p in syl.points_of_tags(a.tags)) <= 8


def test_session_items_are_checked_by_the_shared_answer_path(learner, monkeypatch):
    monkeypatch.setattr(mastery, "practice_words", lambda upto: WORDS)
    _points, items = mastery.session(seed=1)
    items[0].input.value = "мектептерда"                 # мектептерде with a back-vowel ending
    assert items[0].check() == "wrong"
    items[1].input.value = "келмедім"
    assert items[1].check() == "correct"
    reviews = progress.store().reviews()
    assert (reviews[-2]["hints"], reviews[-1]["verdict"]) == ("vowel-harmony", "correct")
    table = mastery.mastery().set_index("point")
    assert table.loc["locative", ["answers", "wrong"]].tolist() == [3, 3]
    assert table.loc["past", ["answers", "right"]].tolist() == [3, 2]


def test_words_come_from_active_entries_of_reached_lessons():
    words = mastery.practice_words(4)
    assert ("бар", "V") in words and ("оқы", "V") in words        # оқу: its example decides оқы-
    assert len([w for w in words if w[1] == "V"]) == 16 and ("бала", "N") in words
    assert ("асхана", "N") not in words and ("асхана", "N") in mastery.practice_words(5)   # a lesson 5 word
    later = dict(mastery.practice_words(8))
    assert later["қайт"] == "V" and later["түс"] == "V"           # lesson 8 verbs


def test_nothing_to_practise_is_said(home):
    panel = mastery.MasteryPanel(seed=1)
    assert "No answers on grammar points yet" in panel.table.value
    assert panel.practise() == [] and panel.stage.children == ()
    assert "There is nothing to practise yet" in panel.header.value


def test_the_panel_on_the_dashboard_in_the_learner_language(learner, monkeypatch):
    syl = syllabus()
    titled = {"en": "locative (in, at)", "ru": "местный падеж {{-да}}/{{-де}} (где)", "tr": "bulunma hâli"}
    # the infra helper makes point titles mappings {en, ru, tr}; a str (today's) is English
    monkeypatch.setitem(syl.points, "locative", replace(syl.points["locative"], title=titled))
    monkeypatch.setattr(settings, "current", lambda: settings.Settings(script="cyrl", lang="ru"))
    dash = mastery.dashboard()
    panel = dash.panels[0]
    assert "<h4>Освоение грамматических тем</h4>" in panel.table.value
    assert "местный падеж" in panel.table.value and "67%" in panel.table.value
    assert "simple past" in panel.table.value                 # a str title: shown as it is
    assert panel.practise() == ["locative", "past", "dative"] and len(panel.stage.children) == 6
    assert panel.header.value.startswith("<h4>Тренировка самых слабых тем: местный падеж")
    assert "6 / 7" in dash.tables.value                       # the self-check of lesson 4
