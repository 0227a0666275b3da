"""The syllabus as data and the taught-before-used checker (issue 15)."""
from __future__ import annotations

import pytest
import yaml

from qazaq.syllabus import SYLLABUS_FILE, SyllabusError, parse, syllabus
from qazaq.taught_before_used import Report, check_course, check_text, points_of_word

CASES = {"genitive", "dative", "accusative", "locative", "ablative", "instrumental"}


def test_planned_sequence_meets_the_issue():
    syl = syllabus()
    assert sorted(syl.lessons) == list(range(1, 25))
    assert syl.introduced_in("present") <= 4 and syl.introduced_in("present-negative") <= 4
    assert syl.introduced_in("past") <= 8 and syl.introduced_in("past-negative") <= 8
    a1 = {pid for pid, p in syl.points.items() if p.level == "A1"}
    assert CASES | {"present", "past", "question-particle", "possessive", "numbers", "clock-hours", "dates"} <= a1
    a2 = {"desire", "ability", "perfect", "conditional", "comparative", "case-after-possessive", "age",
          "time-telling", "second-plural", "future-probable", "intention", "progressive", "imperative", "converb"}
    assert a2 <= {pid for pid, p in syl.points.items() if p.level == "A2"}
    assert [syl.lessons[n].level for n in range(1, 25)] == ["A1"] * 12 + ["A2"] * 12


def test_points_map_engine_tags():
    syl = syllabus()
    assert syl.points_of_tags("N;DAT;SG;PSS1S") == {"dative", "possessive", "case-after-possessive"}
    assert syl.points_of_tags("V;PRS;1;SG;NEG") == {"present", "present-negative"}
    assert syl.points_of_tags("N;PRED;2;PL") == {"copula", "second-plural"}   # not the noun plural
    assert syl.points_of_tags("N;NOM;PL") == {"plural"}


def _raw() -> dict:
    return yaml.safe_load(SYLLABUS_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("breaks, message", [
    (lambda d: d["points"].append(dict(d["points"][0])), "point id 'alphabet' appears twice"),
    (lambda d: d["lessons"][3]["points"].append("subjunctive"), "lesson 4: unknown grammar point 'subjunctive'"),
    (lambda d: d["points"][3].update(tags=["N;PRED;XYZ"]), "unknown engine tag XYZ"),
    (lambda d: d["lessons"][0]["topics"].append("food"), "topic 'food' is owned by lessons 1 and 11"),
])
def test_broken_syllabus_is_a_clear_error(breaks, message):
    data = _raw()
    breaks(data)
    with pytest.raises(SyllabusError, match=message):
        parse(data)


def test_forms_map_to_their_points():
    assert points_of_word("тұрамын") == ({"present"}, True)
    assert points_of_word("наурыздың") == ({"genitive"}, True)
    assert points_of_word("анама") == ({"dative", "possessive", "case-after-possessive"}, True)
    assert points_of_word("кітап") == (set(), True)
    assert points_of_word("жақсырақ") == ({"comparative"}, True)


def test_fixed_expressions_and_constructions():
    syl = syllabus()
    report = Report()
    check_text(2, "here", "Танысқаныма қуаныштымын! Мен кітап оқып отырмын.", report,
               fixed=[" танысқаныма қуаныштымын "], syl=syl)
    assert [(f.form, f.point) for f in report.findings] == [("оқып отырмын", "progressive")]
    report = Report()
    check_text(13, "here", "Кітап үстелде жатыр. Мен бара аламын. Мына алма қанша?", report, fixed=[], syl=syl)
    assert sorted((f.form, f.point) for f in report.findings) == [("бара аламын", "ability"), ("жатыр", "progressive")]


@pytest.fixture(scope="module")
def course_report() -> Report:
    report = check_course()
    print(f"\ntaught before used: checked {report.forms} word forms of the 24 lessons; "
          f"{len(report.findings)} use a point before its lesson: {report.by_lesson()}")
    return report


def test_checker_finds_a_form_used_before_its_lesson():
    """The checker can fail: forms the reviewer named, put into a lesson that comes too early."""
    from qazaq.syllabus import syllabus
    from qazaq.taught_before_used import check_text, fixed_expressions

    syl, report = syllabus(), Report()
    check_text(2, "test", "Мен Алматыда тұрамын.", report, fixed=[], syl=syl)           # before lessons 4-5
    check_text(6, "test", "Бүгін наурыздың он бесі.", report, fixed=[], syl=syl)        # before lesson 7
    check_text(1, "test", "Мен анама хат жаздым.", report, fixed=[], syl=syl)           # before 8 and 13
    check_text(2, "test", "Танысқаныма қуаныштымын!", report, fixed=fixed_expressions(2), syl=syl)  # a set phrase
    found = {(f.lesson, f.form, f.point) for f in report.findings}
    assert {(2, "тұрамын", "present"), (2, "алматыда", "locative"), (6, "наурыздың", "genitive"),
            (6, "бесі", "possessive"), (1, "анама", "case-after-possessive"), (1, "жаздым", "past")} <= found
    assert not any(f.form == "танысқаныма" for f in report.findings)


def test_the_course_is_checked_and_has_no_form_before_its_lesson(course_report):
    assert course_report.forms > 12000 and course_report.with_grammar > 5000
    assert len(course_report.unanalysed) < 400


def test_vocabulary_load_reaches_every_entry_with_20_to_40_active_words():
    from qazaq.content.vocab import vocabulary
    from qazaq.syllabus import load_table, vocabulary_plan

    plan = vocabulary_plan()
    assert sorted(plan["id"]) == sorted(vocabulary(derived=False)["id"])   # every entry, active or passive
    table = load_table()
    print("\n" + table.to_string(index=False))
    assert list(table["lesson"]) == list(range(1, 25))
    assert table["active"].between(20, 40).all() and table.loc[0, "active"] <= 40
    assert table["active"].sum() + table["passive"].sum() == len(plan) >= 1341   # the 1,341 entries and new ones
    by_id = plan.set_index("id")
    assert by_id.loc["a1-0001", "lesson"] == 2 and by_id.loc["a1-0001", "load"] == "active"   # сәлеметсіз бе
    assert by_id.loc["a1-0393", "lesson"] == 4                                                # бару with the present


def _vocabulary_copy(tmp_path, change) -> None:
    """a1.csv and a2.csv in ``tmp_path``, with ``change(frame)`` applied to the whole vocabulary."""
    import pandas as pd

    from qazaq.content.vocab import COLUMNS, VOCAB_DIR

    names = ("a1.csv", "a2.csv")
    frame = pd.concat([pd.read_csv(VOCAB_DIR / n, dtype=str, keep_default_na=False).assign(file=n) for n in names],
                      ignore_index=True)
    change(frame)
    for name in names:
        frame[frame["file"] == name][COLUMNS].to_csv(tmp_path / name, index=False)


def _to_lesson_25(frame) -> None:
    frame.loc[frame["id"] == "a1-0001", "lesson"] = "25"


def _lesson_5_with_ten_active(frame) -> None:
    active = frame.index[(frame["lesson"] == "5") & (frame["load"] == "active")]
    frame.loc[active[10:], "load"] = "passive"


@pytest.mark.parametrize("change, message", [
    (_to_lesson_25, r"lesson not in the syllabus \(1-24\) for \['a1-0001'\]"),
    (_lesson_5_with_ten_active, r"active words per lesson must be 20-40: \{5: 10\}"),
])
def test_a_load_that_breaks_the_plan_is_a_clear_error(tmp_path, change, message):
    from qazaq.syllabus import vocabulary_plan

    _vocabulary_copy(tmp_path, change)
    with pytest.raises(SyllabusError, match=message):
        vocabulary_plan(tmp_path)


# Planned lessons whose active words' examples are ready for the new order.
READY_EXAMPLES = list(range(1, 25))   # all 24 planned lessons


def test_examples_of_the_first_planned_lessons_use_only_what_they_teach():
    """The vocabulary is being made ready for the new order: the examples of the words planned
    lessons make active use only the grammar taught by then (no case before lesson 5)."""
    from qazaq.taught_before_used import check_planned_examples

    report = check_planned_examples(READY_EXAMPLES)
    assert report.forms > 2000
    assert report.findings == [], "\n".join(map(str, report.findings))


def test_set_phrases_are_shown_with_their_glosses(monkeypatch):
    from qazaq import lesson as lessons
    from qazaq import settings

    monkeypatch.setattr(settings, "current", lambda: settings.Settings(script="cyrl", lang="ru"))
    fixed = lessons.load(2)["fixed"]
    page = lessons.fixed_html(fixed)
    assert f"Устойчивых выражений: {len(fixed)}" in page  # the summary in the interface language
    for item in fixed:
        assert f"{item['kk']}</span></td><td>{item['ru']}</td>" in page


def test_the_command_prints_its_figures(capsys):
    import importlib.util

    from qazaq.shared import REPO_ROOT

    spec = importlib.util.spec_from_file_location("check_tbu", REPO_ROOT / "tools" / "check_taught_before_used.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.main(["--lesson", "2", "--summary"]) == 0          # lesson 2 and its active words' examples
    out = capsys.readouterr().out
    assert out.startswith("checked ") and "0 forms use a grammar point before its lesson" in out
    assert tool.main(["--planned", "--lesson", "4"]) == 0
    assert "0 forms use a grammar point before its lesson" in capsys.readouterr().out
