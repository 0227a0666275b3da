"""Tests of qazaq.answers: the learner-error table, the contract, and robustness."""
from __future__ import annotations

import csv
import dataclasses
import importlib.util

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qazaq.answers import Answer, Check, Hint, check, clear_caches
from qazaq.shared import ASSETS

TABLE = ASSETS / "answers" / "learner_errors.csv"
HAS_SCRIPT = importlib.util.find_spec("qazaq.script") is not None


def _rows():
    with open(TABLE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _param(row):
    marks = []
    if "other-script" in row["codes"].split() and not HAS_SCRIPT:
        marks.append(pytest.mark.skip(reason="qazaq.script (issue 3) is not in the tree yet"))
    return pytest.param(row, id=f"{row['response']}->{row['accepted']}", marks=marks)


def test_table_is_large_enough():
    assert len(_rows()) >= 150


@pytest.mark.parametrize("row", [_param(r) for r in _rows()])
def test_learner_error_table(row):
    result = check(row["response"], row["accepted"].split("|"))
    assert (result.verdict, sorted(set(result.codes))) == (row["verdict"], sorted(row["codes"].split())), result


def test_check_shape():
    result = check("кiтапка", "кітапқа")
    assert isinstance(result, Check) and dataclasses.is_dataclass(result)
    assert (result.correct, result.verdict, result.score) == (True, "almost", 0.8)
    assert result.hints == [Hint("special-letter", "«кітапқа», letter 6: the Kazakh letter «қ», not «к».",
                                 6, "к", "қ", "кітапқа")]
    assert result.expected == "кітапқа" and result.normalized == "кітапка"
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 1.0  # type: ignore[misc]


@pytest.mark.parametrize("lang, text", [
    ("en", "«үйде», ending at letter 3: -де, not -да"),
    ("ru", "«үйде», окончание с буквы 3: -де, а не -да"),
    ("tr", "«үйде», 3. harften başlayan ek: -да değil, -де"),
    ("xx", "«үйде», ending at letter 3: -де, not -да"),
])
def test_messages_in_three_languages(lang, text):
    assert check("үйда", "үйде", lang=lang).hints[0].message.startswith(text)


def test_wrong_form_names_the_grammar():
    assert check("кітапта", "кітапқа", lang="ru").hints[0].message == (
        "«кітапқа», с буквы 6: нужно окончание -қа (дательный падеж), а не -та (местный падеж).")
    assert check("кітапта", "кітапқа", lang="tr").hints[0].message == (
        "«кітапқа», 6. harften itibaren: -та (bulunma hâli) değil, -қа (yönelme hâli) eki gerekir.")


@pytest.mark.parametrize("response, verdict, score", [
    ("кітапқа", "correct", 1.0), ("китапка", "almost", 0.7), ("кітапхнаа", "almost", 0.7),
    ("кітапта", "wrong", 0.25), ("алма", "wrong", 0.0),
])
def test_scores(response, verdict, score):
    accepted = ["кітапқа", "кітапхана"]
    result = check(response, accepted)
    assert (result.verdict, result.score, result.correct) == (verdict, score, verdict != "wrong")


def test_closest_accepted_answer_is_expected():
    assert check("сәлеметсиз бе", ["сәлем", "Сәлеметсіз бе?"]).expected == "Сәлеметсіз бе?"


@pytest.mark.parametrize("accepted", [
    Answer("кітапқа", lemma="кітап", tags=("N", "DAT")),
    {"text": "кітапқа", "lemma": "кітап", "tags": ["N", "DAT"]},
    [{"text": "кітапқа"}],
])
def test_rich_answer_keys(accepted):
    assert check("кітапқа", accepted).verdict == "correct"
    assert check("кітапта", accepted).codes == ["wrong-form"]


@pytest.mark.parametrize("accepted", [[], None, ""])
def test_no_accepted_answer_is_a_clear_error(accepted):
    if accepted == "":
        assert check("кітап", accepted).verdict == "wrong"
        return
    with pytest.raises(ValueError, match="at least one accepted answer"):
        check("кітап", accepted)


def test_non_string_response_is_handled():
    assert check(None, "кітап").codes == ["nothing"]  # type: ignore[arg-type]
    assert check(5, "бес").codes == ["wrong-word"]  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=10_000), st.sampled_from(["кітапқа", "Сәлеметсіз бе?", "екі кітап", "book"]),
       st.sampled_from(["en", "ru", "tr"]))
def test_never_raises_and_is_deterministic(response, accepted, lang):
    first = check(response, accepted, lang=lang)
    clear_caches()  # a fresh computation must give the same result
    again = check(response, [accepted], lang=lang)
    assert first == again
    assert first.verdict in ("correct", "almost", "wrong")
    assert 0.0 <= first.score <= 1.0
    assert first.correct == (first.verdict != "wrong")
    assert all(h.code and h.message for h in first.hints)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяәAaEeOoPpCcIiXx -?.!", max_size=40))
def test_kazakh_like_input_never_raises(response):
    result = check(response, ["кітаптарды", "үйге барамын"])
    assert result == check(response, ["кітаптарды", "үйге барамын"])


def test_engine_rows_name_the_lemma():
    """Rows whose note starts with "engine:" are decided by qazaq.morphology, which names the lemma."""
    rows = [r for r in _rows() if r["note"].startswith("engine:")]
    assert len(rows) >= 20
    for row in rows:
        result = check(row["response"], row["accepted"].split("|"))
        assert " is a form of «" in result.hints[-1].message, row


@pytest.mark.parametrize("lang, text", [
    ("en", "«кітапқа»: «кітабым» is a form of «кітап» (nominative (no case ending), possessive 'my'); "
           "needed here: dative, no possessive ending."),
    ("ru", "«кітапқа»: «кітабым» — форма слова «кітап» (именительный падеж (без окончания), притяжательное «мой»); "
           "здесь нужно: дательный падеж, без притяжательного аффикса."),
    ("tr", "«кітапқа»: «кітабым», «кітап» sözcüğünün bir biçimi (yalın hâl (eksiz), iyelik 'benim'); "
           "burada gereken: yönelme hâli, iyelik eki yok."),
])
def test_engine_grammar_in_three_languages(lang, text):
    assert check("кітабым", "кітапқа", lang=lang).hints[0].message == text


def test_engine_names_verb_grammar():
    assert check("барсам", "барамын").hints[0].message == (
        "«барамын»: «барсам» is a form of «бар» (conditional in -са); needed here: present-future tense.")
    assert check("маған", "мені", lang="ru").hints[0].message == (
        "«мені»: «маған» — форма слова «мен» (дательный падеж); здесь нужно: винительный падеж.")


def test_answer_key_lemma_and_tags_are_used():
    key = Answer("кітапқа", lemma="кітап", tags=("N", "DAT", "SG"))
    assert check("кітапта", key).hints[0].message == (
        "«кітапқа»: «кітапта» is a form of «кітап» (locative); needed here: dative.")
    # the key's lemma decides which word is meant: алма (apple), not ал (take)
    assert check("алмаға", Answer("алманы", lemma="алма", tags="N;ACC")).hints[0].message == (
        "«алманы»: «алмаға» is a form of «алма» (dative); needed here: accusative.")
    assert check("алда", Answer("алма", lemma="алма")).codes == ["wrong-word"]
    # a key whose lemma does not fit is ignored, not an error
    assert check("кітабым", Answer("кітапқа", lemma="дос")).codes == ["wrong-form"]
    assert check("кітапқа", Answer("кітапқа", lemma="kitap", tags=["bad"])).verdict == "correct"


def test_known_weak_spot_alma_alda():
    assert check("алма", "алда").codes == check("алда", "алма").codes == ["wrong-word"]
    assert check("алма", "алда").score == 0.0


# ---------------------------------------------------------------- issue 22: what a learner hit
@pytest.mark.parametrize("response, accepted, script", [
    ("öte", "өте", "latn"), ("qalağa", "қалаға", "latn"), ("وتە", "өте", "arab"), ("өте", "өте", "latn"),
])
def test_an_answer_in_the_learners_script_is_the_same_answer(response, accepted, script):
    result = check(response, accepted, script=script)
    assert (result.verdict, result.score, result.hints) == ("correct", 1.0, [])


def test_another_script_than_the_chosen_one_is_still_noted():
    assert check("öte", "өте", script="cyrl").codes == ["other-script"]
    assert check("وتە", "өте", script="latn").verdict == "almost"


def test_hints_are_written_in_the_learners_script():
    message = check("qalage", "қалаға", script="latn").hints[0].message
    assert message.startswith("«qalağa», ending at letter 5: -ğa, not -ge: vowel harmony: the last vowel of «qala» is «a»")
    assert not any("\u0400" <= ch <= "\u04ff" for ch in message)


@pytest.mark.parametrize("response, accepted", [
    ("сəлем", "сәлем"), ("ɵте", "өте"), ("ҡала", "қала"), ("səlem", "сәлем"), ("ҥ", "ң"),
])
def test_look_alike_letters_are_the_same_letter(response, accepted):
    result = check(response, accepted)
    assert result.codes in ([], ["other-script"]) and result.verdict != "wrong", result
    assert not {"typo", "special-letter"} & set(result.codes)


def test_harmony_is_named_first_not_a_letter_slip():
    result = check("қалаге", "қалаға")
    assert result.codes == ["vowel-harmony"]
    assert result.hints[0].message.startswith(
        "«қалаға», ending at letter 5: -ға, not -ге: vowel harmony: the last vowel of «қала» is «а», "
        "so the ending takes its back form")
    assert check("қалаге", "қалаға", lang="ru").hints[0].message.startswith(
        "«қалаға», окончание с буквы 5: -ға, а не -ге: гармония гласных: последняя гласная в «қала» — «а»")


def test_a_doubled_letter_is_a_slip_not_an_extra_ending():
    result = check("қалағаа", "қалаға")
    assert (result.verdict, result.codes) == ("almost", ["typo"])
    assert result.hints[0].message == "«қалаға», letter 6: «а» typed twice."


def test_grammar_is_named_in_words():
    from qazaq.answers.messages import grammar_words

    assert [grammar_words("N;DAT;SG", lang) for lang in ("en", "ru", "tr")] == ["dative", "дательный падеж", "yönelme hâli"]
