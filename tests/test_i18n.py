"""Interface languages are data: discovered from assets/i18n, English fallback per string, a
command that lists what a language lacks, right-to-left languages mirror the widgets."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from qazaq import i18n, settings
from qazaq.content import languages
from qazaq.content.languages import best_match
from qazaq.shared import REPO_ROOT
from tests.progress_fixtures import home  # noqa: F401

COMPLETE = ("en", "ru", "tr")   # every interface key, always
PROVEN = ("de", "fa")           # the proof that a language is only files; coverage is reported
_FIELD = re.compile(r"\{(\w+)\}")


def test_interface_keys_per_language(capsys):
    keys = i18n.keys()
    assert len(keys) > 80
    counts = {}
    for code in languages.codes():
        have = i18n.strings(code)
        counts[code] = len(keys) - len(i18n.missing(code))
        assert set(have) <= set(keys), f"{code} has keys English does not: {set(have) - set(keys)}"
        for key, text in have.items():  # a placeholder a translation drops or renames is a lost number
            assert set(_FIELD.findall(text)) == set(_FIELD.findall(i18n.strings("en")[key])), (code, key)
    with capsys.disabled():
        print("\ninterface keys per language: " + ", ".join(f"{c} {n}/{len(keys)}" for c, n in counts.items()))
    for code in COMPLETE:
        assert counts[code] == len(keys), f"{code} lacks {i18n.missing(code)}"
    for code in PROVEN:
        assert code in counts and counts[code] / len(keys) >= 0.9, (code, i18n.missing(code))


def test_languages_are_discovered_with_their_metadata():
    assert list(languages.codes())[0] == "en" and set(COMPLETE + PROVEN) <= set(languages.codes())
    assert languages.language("fa").name == "فارسی" and languages.direction("fa") == "rtl"
    assert languages.language("de").name == "Deutsch" and languages.direction("de") == "ltr"
    assert languages.direction("xx") == "ltr" and languages.language("xx") is None
    assert "_language" not in i18n.strings("fa")


def test_accept_language_and_navigator_languages_pick_the_best_language():
    assert best_match("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7") == "ru"
    assert best_match("ja, de;q=0.5, tr;q=0.8") == "tr"        # q-values, unknown ja skipped
    assert best_match(["fa-IR", "en-US"]) == "fa"                 # navigator.languages order
    assert best_match("tr;q=0, zh") == "en" and best_match("") == "en" and best_match(None) == "en"
    assert best_match("DE_at") == "de"


@pytest.fixture
def new_language(tmp_path, monkeypatch):
    """A folder holding English and a brand-new right-to-left language with three strings."""
    folder = tmp_path / "i18n"
    folder.mkdir()
    shutil.copy(languages.I18N_DIR / "en.yaml", folder / "en.yaml")
    (folder / "xq.yaml").write_text(
        '_language:\n  name: "Xq-lang"\n  dir: rtl\n'
        'button.check: "XQ-CHECK"\nsettings.language: "XQ-LANG"\ncards.counter: "XQ {n}/{total}"\n',
        encoding="utf-8")
    monkeypatch.setattr(languages, "I18N_DIR", folder)
    return "xq"


def test_a_new_language_is_one_file_and_falls_back_to_english_per_string(new_language, home):
    from qazaq.widgets import MultipleChoice, SettingsBar

    assert languages.codes() == ("en", "xq")
    assert i18n.t("button.check", "xq") == "XQ-CHECK"
    assert i18n.t("button.next", "xq") == "Next"                        # missing: English, this string only
    assert i18n.t("cards.counter", "xq", n=2, total=5) == "XQ 2/5"
    assert i18n.t("no.such.key", "xq") == "no.such.key"
    assert len(i18n.missing("xq")) == len(i18n.keys()) - 3

    bar = SettingsBar()
    assert bar.children[1].options == (("English", "en"), ("Xq-lang", "xq"))
    bar.children[1].value = "xq"
    assert settings.current().lang == "xq" and settings.current().direction == "rtl"
    assert "qz-rtl" in bar._dom_classes and bar.children[1].description == "XQ-LANG"
    mc = MultipleChoice("кітап", [{"en": "book"}, {"en": "pen"}], 0)
    assert "qz-rtl" in mc._dom_classes                                   # the widget mirrors
    assert 'lang="kk-Cyrl"' in mc.prompt.value                          # Kazakh keeps its script's tag
    settings.update(lang="en")
    assert "qz-rtl" not in bar._dom_classes and "qz-rtl" not in mc._dom_classes


def test_missing_command_lists_keys_with_counts(new_language, capsys):
    assert i18n.main(["missing", "xq"]) == 0
    out = capsys.readouterr().out.splitlines()
    total = len(i18n.keys())
    assert out[0] == f"xq (Xq-lang, rtl): 3/{total} keys, {total - 3} missing"
    assert "  button.next" in out and "  button.check" not in out
    assert i18n.main(["missing", "zz"]) == 0 and "no such language" in capsys.readouterr().out
    assert i18n.main([]) == 2


def test_missing_command_runs_for_de_and_fa():
    done = subprocess.run([sys.executable, "-m", "qazaq.i18n", "missing", "de", "fa"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    total = len(i18n.keys())
    assert re.search(rf"^de \(Deutsch, ltr\): \d+/{total} keys, \d+ missing$", done.stdout, re.M)
    assert re.search(rf"^fa \(فارسی, rtl\): \d+/{total} keys, \d+ missing$", done.stdout, re.M)
    print(done.stdout)


def test_every_discovered_language_runs_the_widgets_without_errors(home):
    from qazaq.widgets import ProgressDashboard, SettingsBar, SuffixBuilder, TypeAnswer, VocabularyBrowser

    for code in languages.codes():
        settings.update(lang=code)
        bar, dash = SettingsBar(), ProgressDashboard()
        typed = TypeAnswer({"en": "book"}, "кітап")
        typed.input.value = "кітап"
        typed.check()
        suffix = SuffixBuilder("кітап", "N;PSS1S;SG", variants=["ым", "ім"])
        suffix.input.value = "кітабым"
        assert suffix.check() == "correct" and "кітабым" in suffix.feedback.value
        browser = VocabularyBrowser(level="A1")
        assert bar.children[0].description == i18n.t("settings.script", code)
        assert i18n.t("dash.reviews", code) in dash.tables.value
        assert i18n.t("feedback.correct", code) in typed.feedback.value
        assert browser.level.description == i18n.t("vocab.level", code)
        assert ("qz-rtl" in dash._dom_classes) == (languages.direction(code) == "rtl")


def test_the_browser_bridge_chooses_the_language(home):
    from qazaq.browser_storage import BrowserBackend

    def visit(stored: dict, page_lang: str, browser_langs: list[str]) -> str:
        backend = BrowserBackend()
        backend.bridge.browser_data = json.dumps(stored)
        backend.bridge.page_lang = page_lang
        backend.bridge.browser_langs = browser_langs
        backend.bridge.loaded = True
        return backend.get_setting("lang")

    assert visit({}, "", ["tr-TR", "en"]) == "tr"                               # first visit: the browser
    assert visit({}, "", ["ja"]) == "en"
    assert visit({"settings": {"lang": "ru"}}, "", ["tr-TR"]) == "ru"           # a saved choice stays
    assert visit({"settings": {"lang": "ru"}}, "fa", ["tr-TR"]) == "fa"         # ?lang= chooses
    assert visit({"settings": {"lang": "ru"}}, "zz", ["tr-TR"]) == "ru"         # unknown ?lang= ignored
