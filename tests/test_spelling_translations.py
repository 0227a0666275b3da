"""Spelling witness for our Russian and Turkish (issue 16): hunspell ru_RU / tr_TR over every ru and tr
text of the Abai reader, the interface strings, the lessons, the syllabus point titles and the
alphabet; every unknown word is reviewed in the allow-list."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from qazaq.shared import REPO_ROOT

_spec = importlib.util.spec_from_file_location("spellcheck_translations",
                                               REPO_ROOT / "tools" / "spellcheck_translations.py")
spell = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = spell  # its dataclass looks itself up there
_spec.loader.exec_module(spell)

MISSING = spell.available()
needs_hunspell = pytest.mark.skipif(MISSING is not None, reason=f"spelling witness not run: {MISSING}")


def test_words_are_split_per_language():
    assert spell.words("ru", "Арабское письмо (төте), {n} мин, по-русски") == ["Арабское", "письмо", "мин", "по-русски"]
    assert spell.words("tr", "İsten korkan Kazak'ın töresi kurusun! {path}") == [
        "İsten", "korkan", "Kazak'ın", "töresi", "kurusun"]
    # Cited letters and suffixes are not words of the language (lesson texts cite many).
    assert spell.words("tr", "а'nın ince eşi, k'nin, b harfi, bulunma hâli (-da)") == ["ince", "eşi", "harfi", "bulunma", "hâli"]
    assert spell.words("ru", "буква ы, окончание -ған, по-русски") == ["буква", "окончание", "по-русски"]
    assert spell.words("tr", 'ben …mam / …mem,  \'da, "değil"dir') == ["ben", "değil"]


def test_every_allow_listed_word_has_a_reason():
    for lang, entries in spell.allowlist().items():
        assert entries, lang
        for word, reason in entries.items():
            assert len(reason) > 10, f"{lang} {word}: say why it is right"


@needs_hunspell
@pytest.mark.parametrize("lang", ["ru", "tr"])
def test_no_unreviewed_unknown_word_and_no_stale_entry(lang):
    report = spell.check(lang)
    print(f"{lang}: {report.tokens} words, {len(report.unknown)} unknown to hunspell "
          f"({len(report.unknown) / report.distinct:.1%} of distinct words), all reviewed")
    assert report.tokens > 900  # the Abai lines and the interface strings were all read
    assert not report.unreviewed, "\n".join(f"{w} ({n}x, {where})" for w, (n, where) in report.unreviewed.items())
    stale = spell.stale(lang, report, spell.allowlist()[lang])
    assert not stale, f"allow-listed but no longer unknown or used: {stale}"


@needs_hunspell
def test_a_misspelling_is_caught():
    assert spell.unknown_to_hunspell("ru", {"молоко", "малако"}) == {"малако"}
    assert spell.unknown_to_hunspell("tr", {"kitap", "kitab"}) == {"kitab"}
