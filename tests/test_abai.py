"""The Abai reader: data integrity, the loader's API and errors, and the Reader widget."""
from __future__ import annotations

import pytest

from qazaq.content import abai_texts as reexported
from qazaq.content.abai import AbaiDataError, abai_text, abai_texts, load_text, parse_word, tokens
from tests.progress_fixtures import home  # noqa: F401

TEXTS = abai_texts()
LINES = [(t, i, l) for t in TEXTS for i, l in enumerate(t.lines)]
WORDS = [(t, w) for t, _, l in LINES for w in l.words]


def test_counts_meet_the_issue():
    assert len(abai_texts("poem")) >= 8
    assert len(abai_texts("word")) >= 6
    assert reexported() == TEXTS


def test_every_token_is_glossed_in_order():
    for t, i, line in LINES:
        assert [w.form for w in line.words] == tokens(line.kk), f"{t.slug} line {i + 1}"


def test_every_line_translated_to_english_russian_and_turkish():
    missing = [f"{t.slug} line {i + 1}" for t, i, line in LINES if not (line.en and line.ru and line.tr)]
    assert not missing and len(LINES) == 127, missing


def test_unverified_lines_say_why():
    for t, i, line in LINES:
        assert line.verified or line.note, f"{t.slug} line {i + 1} is unverified without a note"


def test_texts_name_source_and_copies():
    for t in TEXTS:
        assert t.source and t.copies and t.intro_en and t.questions, t.slug
        # an excerpt says which part it is; a complete text has no excerpt note
        assert t.complete or t.excerpt.startswith(("Lines", "The", "Two")), t.slug


def test_irregular_forms_have_a_note_and_no_tags():
    for t, w in WORDS:
        if w.irregular:
            assert w.note and not w.tags, f"{t.slug}: {w.form}"


def test_tags_use_known_unimorph_features():
    # the tag set documented in docs/morphology.md
    known = {"N", "V", "NOM", "ACC", "GEN", "DAT", "LOC", "ABL", "INST", "SG", "PL", "PSS1S", "PSS1P",
             "PSS2S", "PSS2P", "PSS3S", "PSS3P", "PSS3", "PST", "PRS", "FUT", "PRF", "NEG", "IMP", "CVB",
             "PTCP", "NFIN", "PRED", "COND", "1", "2", "3"}
    for t, w in WORDS:
        if w.tags:
            assert set(w.tags.split(";")) <= known, f"{t.slug}: {w.form} {w.tags}"
            # pronouns, adjectives and the auxiliary екен used as nouns decline with noun tags
            # (өзі, соны, баянсызын, екенін)
            expected = "N" if w.pos in ("PRON", "ADJ", "AUX") else w.pos
            assert w.tags.split(";")[0] == expected, f"{t.slug}: {w.form} pos {w.pos} vs {w.tags}"


def test_slug_lookup_and_unknown_slug():
    assert abai_text("qys").title == "Қыс"
    assert abai_text("qys").lines[0].kk == "Ақ киімді, денелі, ақ сақалды,"
    with pytest.raises(KeyError, match="Known: qys"):
        abai_text("nope")
    with pytest.raises(ValueError, match="kind must be"):
        abai_texts("song")


def test_tokens_keep_hyphenated_words_and_drop_punctuation():
    assert tokens("Үсті-басы ақ қырау, түсі суық,") == ["Үсті-басы", "ақ", "қырау", "түсі", "суық"]
    assert tokens("Жас бала: «Жазғытұры туды»,- десіп,") == ["Жас", "бала", "Жазғытұры", "туды", "десіп"]


def test_parse_word_fields_and_irregular_flag():
    w = parse_word("келіп | кел | V | | coming | irregular: converb", "t")
    assert (w.form, w.lemma, w.pos, w.tags, w.gloss_en, w.irregular, w.note) == (
        "келіп", "кел", "V", "", "coming", True, "converb")
    assert parse_word("жерді | жер | N | N;ACC;SG | ground", "t").irregular is False
    with pytest.raises(AbaiDataError, match="5 or 6"):
        parse_word("a | b", "t")
    with pytest.raises(AbaiDataError, match="quoted string"):
        parse_word({"a | b": "c"}, "t")


def test_bad_file_gives_clear_message(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("slug: x\ntitle: X\ntitle_en: X\nkind: song\nsource: s\nlines: [{kk: a}]\n", encoding="utf-8")
    with pytest.raises(AbaiDataError, match="x.yaml: kind must be"):
        load_text(bad)
    bad.write_text("slug: [unclosed\n", encoding="utf-8")
    with pytest.raises(AbaiDataError, match="not valid YAML"):
        load_text(bad)


def test_regeneration_by_engine():
    morphology = pytest.importorskip("qazaq.morphology", reason="morphology engine not installed yet")
    inflect = getattr(morphology, "inflect", None)
    if inflect is None:
        pytest.skip("qazaq.morphology has no inflect() yet")
    tagged = [w for _, w in WORDS if w.tags]
    hits = 0
    for w in tagged:
        try:
            hits += inflect(w.lemma, w.tags) == w.form.lower()
        except Exception:
            pass
    assert hits / len(tagged) >= 0.98


def test_reader_click_shows_gloss_and_toggle_shows_translation(home):
    pytest.importorskip("ipywidgets")
    from qazaq import settings
    from qazaq.reader import Reader

    settings.update(lang="en")  # not whatever the machine's learner chose

    reader = Reader("qys", script="cyrl")
    first_line = reader.rows[0]
    words_box, controls = first_line.children[0].children[:2]
    toggle = controls.children[0]
    button = words_box.children[1]
    assert button.description == "киімді"
    button.click()
    assert "dressed (in)" in reader.gloss.value and "киімді" in reader.gloss.value
    translation = first_line.children[1]
    assert translation.layout.display == "none"
    assert reader.rows[1].layout.display != "none"
    toggle.value = True
    assert translation.layout.display == "" and "White of dress" in translation.value
    assert reader.widget.layout.display != "none"  # hiding a translation never hides a shared layout
    assert reader.add_button.disabled is False


def test_reader_shows_turkish_first_for_a_turkish_interface_only():
    from qazaq.reader import Reader

    line = abai_text("qys").lines[21]
    tr_html = Reader._translation_html(line, "tr")
    assert tr_html.startswith("<div lang='tr'>uykusuzluk öldürmez; gayret et, kır kuşatmayı!</div><details><summary>Diğer çeviriler</summary><div lang='en'>Losing sleep")
    assert "lang='tr'" not in Reader._translation_html(line, "en")
    assert Reader._translation_html(line, "ru").startswith("<div lang='ru'>Без сна не умрёте")


def test_reader_translation_follows_the_interface_language(home):
    from qazaq import settings
    from qazaq.reader import Reader

    settings.update(lang="tr")  # saved in the private QAZAQ_HOME of the fixture
    reader = Reader("word-07", script="cyrl")
    assert "<div lang='tr'>biri «içsem, yesem, uyusam» der durur.</div>" in reader.rows[1].children[1].value
    settings.update(lang="ru")  # as when the site's ?lang=ru reaches a reader already built
    words, controls = reader.rows[1].children[0].children[:2]
    assert controls.children[0].tooltip == "Перевод" and reader.add_button.description == "Добавить в повторение"
    assert words.children[1].tooltip == "если бы выпить («хочу пить»)" and "Нажмите" in reader.gloss.value
    assert reader.rows[1].children[1].value.startswith("<div lang='ru'>")


def test_reader_add_to_deck_uses_the_progress_store():
    pytest.importorskip("ipywidgets")
    progress = pytest.importorskip("qazaq.progress", reason="progress store not installed yet")
    from qazaq import reader as reader_mod

    memory = progress.Progress(progress.MemoryBackend())  # never touch the learner's real deck
    progress.set_store(memory)
    try:
        reader = reader_mod.Reader("kuz", script="cyrl")
        reader.select(reader.text.lines[1].words[4])  # жерді
        reader._add_selected()
        assert reader.message.value == "Added «жерді» (the ground) to your review deck."
        [record] = memory.records()
        assert record.key == "abai:жер:N;ACC;SG:жерді" and record.spec["source"] == "kuz"
    finally:
        progress.set_store(None)


def test_one_thin_notebook_per_text_without_outputs():
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "lessons" / "abai"
    by_slug = {}
    for path in folder.glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), path.name
        slug = path.stem.split("-", 1)[1]
        # the only markdown is the Kazakh title: every prose text is rendered in the learner's language
        markdown = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
        assert markdown == [f"# {abai_text(slug).title}"], path.name
        by_slug[slug] = "\n".join("".join(c["source"]) for c in code)
    assert set(by_slug) == {t.slug for t in TEXTS}
    for slug, source in by_slug.items():
        for call in ("introduction", "Reader", "questions", "comprehension"):
            assert f'{call}("{slug}")' in source, (slug, call)


# --- quiz data, comprehension activities, complete texts ---------------------------------------
def test_qys_and_kuz_are_complete_24_line_poems():
    from qazaq.content.abai import abai_text

    for slug in ("qys", "kuz"):
        text = abai_text(slug)
        assert text.complete and len(text.lines) == 24


def test_authored_quiz_is_parsed():
    from qazaq.content.abai import abai_text

    quiz = abai_text("word-19").quiz
    assert [q.kind for q in quiz] == ["choice", "choice", "typed"]
    assert quiz[2].accepted == ("есті",)


def test_bad_quiz_item_is_a_clear_error(tmp_path):
    from qazaq.content.abai import AbaiDataError, load_text

    bad = tmp_path / "x.yaml"
    bad.write_text("slug: x\ntitle: X\ntitle_en: X\nkind: poem\nsource: s\nlines: [{kk: a, en: a}]\n"
                   "quiz: [{type: choice, prompt: p, options: [a], answer: 0}]\n", encoding="utf-8")
    with pytest.raises(AbaiDataError, match="x.yaml quiz 1"):
        load_text(bad)


def test_every_text_gets_shared_widget_questions():
    from qazaq.content.abai import abai_texts
    from qazaq.reader import comprehension
    from qazaq.widgets import MultipleChoice, TypeAnswer

    for text in abai_texts():
        box = comprehension(text)
        kinds = {type(a) for a in box.children}
        assert MultipleChoice in kinds and TypeAnswer in kinds, text.slug


def test_generated_lemma_question_accepts_the_lemma():
    from qazaq.reader import quiz_items

    typed = [q for q in quiz_items("qys") if q["kind"] == "typed"]
    assert typed[-1]["prompt"]["en"].startswith("Type the dictionary form of «өлтірмес»")
    assert typed[-1]["prompt"]["ru"].startswith("Напишите словарную форму слова «өлтірмес»")
    assert typed[-1]["accepted"] == ["өлтір"]


# --- the glossary and the texts in Russian and Turkish ------------------------------------------
def test_every_glossary_pair_has_russian_and_turkish():
    from qazaq.content.abai import gloss_translations

    pairs = {f"{w.lemma} | {w.gloss_en}" for _, w in WORDS}
    written = gloss_translations()
    missing = {lang: sorted(p for p in pairs if not written.get(p, {}).get(lang)) for lang in ("ru", "tr")}
    print(f"{len(pairs)} glossary pairs; ru {len(pairs) - len(missing['ru'])}, tr {len(pairs) - len(missing['tr'])}")
    assert missing == {"ru": [], "tr": []}
    assert not set(written) - pairs, "entries for pairs no text uses (a gloss_en changed?)"
    word = abai_text("qys").lines[0].words[1]
    assert (word.gloss("ru"), word.gloss("tr"), word.gloss("de")) == ("одетый (в…)", "giysili", "dressed (in)")


def test_every_word_note_has_russian_and_turkish():
    from qazaq.content.abai import note_translations
    from qazaq.reader import word_card_html

    notes = {w.note for _, w in WORDS if w.note}
    written = note_translations()
    missing = {lang: sorted(n for n in notes if not written.get(n, {}).get(lang)) for lang in ("ru", "tr")}
    print(f"{len(notes)} word notes; ru {len(notes) - len(missing['ru'])}, tr {len(notes) - len(missing['tr'])}")
    assert missing == {"ru": [], "tr": []}
    assert not set(written) - notes, "entries for notes no word has (a note changed?)"
    word = abai_text("qys").lines[0].words[1]  # киімді: the note is its breakdown (no tags)
    card = word_card_html(word, "cyrl", "tr")
    assert "giysili" in card and "«giysi»" in card and "clothes" not in card


def test_every_learner_facing_text_field_is_in_russian_and_turkish():
    counts = {}
    for lang in ("ru", "tr"):
        missing = []
        for t in TEXTS:
            fields = [("title", t.titles), ("intro", t.intros)] + ([("excerpt", t.excerpts)] if t.excerpt else [])
            fields += [(f"question {i + 1}", q) for i, q in enumerate(t.questions)]
            for i, q in enumerate(t.quiz):
                fields += [(f"quiz {i + 1}", q.prompt)] + [(f"quiz {i + 1} option {j + 1}", o) for j, o in enumerate(q.options)]
            missing += [f"{t.slug} {name}" for name, value in fields if not value.get(lang)]
            counts[lang] = counts.get(lang, 0) + len(fields) - len([1 for _, v in fields if not v.get(lang)])
        assert not missing, (lang, missing)
    print("text fields per language:", counts)
    qys = abai_text("qys")
    assert (qys.title_in("ru"), qys.title_in("tr"), qys.title_in("de")) == ("Зима", "Kış", "Winter")


def test_lesson_page_texts_follow_the_interface_language(home):
    from qazaq import settings
    from qazaq.reader import introduction, questions, quiz_items

    settings.update(lang="ru")
    intro, asked = introduction("word-19"), questions("word-19")
    assert "Девятнадцатое слово" in intro.value and "Вопросы" in asked.value and "Through which" not in asked.value
    settings.update(lang="tr")  # the same widgets re-render: no re-run of the cell
    assert "On Dokuzuncu Söz" in intro.value and "Sorular" in asked.value
    assert "Transcribed from" in intro.value  # the source stays English: it is the editors' note
    first = quiz_items("word-19")[0]
    assert first["options"][first["answer"]]["tr"].startswith("Hayır")  # the answer is an index, not a text


def test_no_english_in_the_russian_or_turkish_page():
    """Everything the reader page shows in ru and tr, outside what is marked lang='en' (the editors' source
    notes and the folded English translation), has no English: checked for runs of Latin words in Russian,
    for English function words in Turkish (both would show an untranslated sentence)."""
    import html as html_lib
    import re

    from qazaq.reader import Reader, intro_html, questions_html, quiz_items, word_card_html

    english = re.compile(r"\b(the|and|of|with|which|that|this|from|was|were|has|have|by|for|its|are)\b")
    latin_run = re.compile(r"[A-Za-z]+[\s,;:()]+[a-z]+[\s,;:()]+[a-z]+")  # three Latin words in a row

    def visible(fragment: str) -> str:
        fragment = re.sub(r"<(\w+)[^>]*lang='en'[^>]*>.*?</\1>", " ", fragment, flags=re.S)
        return html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment))

    found = []
    for lang, bad in (("ru", latin_run), ("tr", english)):
        for text in TEXTS:
            pieces = [intro_html(text, lang).split("<span lang='en'>")[0], questions_html(text, lang),
                      text.title_in(lang), text.scope(lang)]
            pieces += [Reader._translation_html(line, lang) for line in text.lines]
            pieces += [word_card_html(w, "cyrl", lang) for line in text.lines for w in line.words]
            for item in quiz_items(text):
                pieces += [item["prompt"][lang]] + [o[lang] for o in item.get("options") or ()]
            found += [(lang, text.slug, m.group(0)) for p in pieces for m in [bad.search(visible(p))] if m]
    assert not found, found[:10]
