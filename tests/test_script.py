"""qazaq.script: Kazakh in Cyrillic, the April 2021 Latin alphabet and the Arabic Töte jazuw."""
from __future__ import annotations

import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qazaq.script import SCRIPTS, convert, detect
from qazaq.shared import SharedDataMissing, shared_data

# (Cyrillic, Latin 2021, Arabic) for words that go both ways exactly in every pair of scripts.
WORDS = [
    ("қазақ", "qazaq", "قازاق"),
    ("кітап", "kıtap", "كىتاپ"),
    ("мектеп", "mektep", "مەكتەپ"),
    ("үй", "üi", "ٴۇي"),
    ("өлең", "öleñ", "ولەڭ"),
    ("сәлеметсіз", "sälemetsız", "سالەمەتسىز"),
    ("ауыл", "auyl", "اۋىل"),
    ("киім", "kiım", "كيىم"),
    ("ию", "iiu", "ييۋ"),
    ("кию", "kiiu", "كيۋ"),
    ("су", "su", "سۋ"),
    ("ту", "tu", "تۋ"),
    ("тиіс", "tiıs", "ٴتيىس"),
    ("бір", "bır", "ٴبىر"),
    ("сөз", "söz", "ٴسوز"),
    ("өмір", "ömır", "ٴومىر"),
    ("дүниеге", "düniege", "دۇنيەگە"),
    ("қасиеті", "qasietı", "قاسيەتى"),
    ("зеки", "zeki", "زەكي"),
    ("аю", "aiu", "ايۋ"),
    ("қоя", "qoia", "قويا"),
    ("қия", "qiia", "قيا"),
    ("қую", "quiu", "قۋيۋ"),
    ("ұят", "ūiat", "ۇيات"),
    ("әйел", "äiel", "ايەل"),
    ("үйіне", "üiıne", "ۇيىنە"),
    ("сөйлесіп", "söilesıp", "سويلەسىپ"),
    ("шаһар", "şahar", "شاھار"),
    ("ащы", "aşşy", "اششى"),
    ("жұмыс", "jūmys", "جۇمىس"),
    ("телефон", "telefon", "تەلەفون"),
    ("бөлмеге", "bölmege", "بولمەگە"),
    ("тәрбиеші", "tärbieşı", "تاربيەشى"),
]
IDS = [w[0] for w in WORDS]


@pytest.mark.parametrize("cyrl,latn,arab", WORDS, ids=IDS)
def test_cyrillic_to_latin_and_arabic(cyrl, latn, arab):
    assert convert(cyrl, "latn") == latn
    assert convert(cyrl, "arab") == arab


@pytest.mark.parametrize("cyrl,latn,arab", WORDS, ids=IDS)
def test_latin_and_arabic_back_to_cyrillic(cyrl, latn, arab):
    assert convert(latn, "cyrl") == cyrl
    assert convert(arab, "cyrl") == cyrl
    assert convert(latn, "arab") == arab
    assert convert(arab, "latn") == latn


@pytest.mark.parametrize("cyrl,latn", [
    ("Абай", "Abai"), ("Қазақстан", "Qazaqstan"), ("Рахмет", "Rahmet"), ("Ілияс", "Iliias"),
    ("Иә", "İä"), ("Юрта", "İurta"), ("ЮРТА", "İURTA"), ("Чай", "Chai"), ("ЧЕМПИОН", "CHEMPİON"),
    ("Цирк", "Tsirk"), ("ҚАЗАҚСТАН", "QAZAQSTAN"), ("Польша", "Polşa"), ("экран", "ekran"),
    ("съезд", "sezd"), ("щётка", "şşiotka"), ("хат", "hat"),
])
def test_latin_case_and_loan_letters(cyrl, latn):
    assert convert(cyrl, "latn") == latn


@pytest.mark.parametrize("latn,cyrl", [
    ("Abai", "Абай"), ("İä", "Иә"), ("Chai", "Чай"), ("CHEMPİON", "ЧЕМПИОН"),
    ("tsirk", "тсирк"),  # ц is not recoverable from ts (documented)
    ("hat", "хат"), ("jihaz", "жиһаз"), ("Qaharman", "Қаһарман"), ("üŋ", "үң"),
    ("radio", "радио"), ("İasaui", "Ясауи"), ("Iasaui", "Іасауи"), ("qoiaiyn", "қояйын"),
])
def test_latin_to_cyrillic_ambiguities(latn, cyrl):
    assert convert(latn, "cyrl") == cyrl


def test_running_text_keeps_punctuation_digits_and_case():
    text = "2024 жылы, 15-ші наурызда Абай «Қара сөз» оқыды!"
    assert convert(text, "latn") == "2024 jyly, 15-şı nauryzda Abai «Qara söz» oqydy!"
    assert convert(text, "arab") == "2024 جىلى، 15-ٴشى ناۋرىزدا اباي «قارا ٴسوز» وقىدى!"
    assert convert("Сен қайдасың? Мен үйдемін; сен ше?", "arab") == "سەن قايداسىڭ؟ مەن ۇيدەمىن؛ سەن شە؟"


def test_arabic_back_to_cyrillic_capitalises_sentences():
    arab = "سەن قايداسىڭ؟ مەن ۇيدەمىن، ٴبىر ٴسوز."
    assert convert(arab, "cyrl") == "Сен қайдасың? Мен үйдемін, бір сөз."


def test_foreign_spans_are_left_alone():
    text = "Сайт: https://kk.wikipedia.org/wiki/Абай?x=1, хат: abai.q@mail.kz, Python тілі"
    assert convert(text, "latn") == "Sait: https://kk.wikipedia.org/wiki/Абай?x=1, hat: abai.q@mail.kz, Python tılı"
    assert convert(text, "arab") == ("سايت: https://kk.wikipedia.org/wiki/Абай?x=1, حات: abai.q@mail.kz, "
                                     "Python ٴتىلى")
    # In Latin text, words the 2021 alphabet cannot spell (w, x, c without h, apostrophes) stay.
    assert convert("Men Windows pen Excel qoldanamyn, don't", "cyrl") == \
        "Мен Windows пен Excel қолданамын, don't"


def test_english_word_in_cyrillic_text_is_not_converted_to_arabic():
    assert convert("Мен Java үйренемін", "arab") == "مەن Java ۇيرەنەمىن"


MEDIAWIKI = [("Адамдарға", "ادامدارعا"), ("ақыл-парасат,", "اقىل-پاراسات،"),
             ("ар-ождан", "ار-وجدان"), ("берілген", "بەرىلگەن")]


@pytest.mark.parametrize("cyrl,arab", MEDIAWIKI, ids=[c for c, _ in MEDIAWIKI])
def test_hamza_rule_on_the_mediawiki_sentence(cyrl, arab):
    assert convert(cyrl, "arab") == arab


@pytest.mark.parametrize("cyrl,hamza", [
    ("бір-бірімен", "ٴبىر-بىرىمەن"),  # each hyphen part is a word: бір has no е к г, бірімен has е
    ("тең", "تەڭ"), ("дүние", "دۇنيە"), ("көк", "كوك"), ("үлкен", "ۇلكەن"), ("сүт", "ٴسۇت"),
    ("ақсүйек", "اقسۇيەك"), ("бірқатар", "بىرقاتار"),  # қ ғ already show a back word: no hamza
    ("әже", "اجە"), ("әлі", "ٴالى"), ("Өзен", "وزەن"), ("Ұлы", "ۇلى"), ("ініміз", "ٴىنىمىز"),
])
def test_hamza_only_on_front_words_without_e_k_g(cyrl, hamza):
    assert convert(cyrl, "arab") == hamza


@pytest.mark.parametrize("arab,cyrl", [
    ("ٵلى", "әлі"),  # precomposed hamza letters
    ("ءسوز", "сөз"),  # plain hamza used for the high one
    ("كىتاپقا", "кітапқа"),  # stem front by к, suffix back by қ: the nearest marker wins
    ("قىزمەت", "қызмет"),
    ("۲۰۲۴ جىلى", "2024 жылы"),
])
def test_arabic_variants_to_cyrillic(arab, cyrl):
    assert convert(arab, "cyrl") == cyrl


def test_detect():
    assert detect("Сәлеметсіз бе?") == "cyrl"
    assert detect("Sälemetsız be?") == "latn"
    assert detect("سالەمەتسىز بە؟") == "arab"
    assert detect("123, !?") == "cyrl"  # no letters: the course's source script
    assert detect("hello") == "latn"


def test_script_codes():
    assert SCRIPTS == ("cyrl", "latn", "arab")
    assert convert("үй", "kk-Latn") == "üi"
    with pytest.raises(ValueError, match="Unknown target script 'greek'.*'cyrl'"):
        convert("үй", "greek")
    with pytest.raises(ValueError, match="Unknown source script"):
        convert("үй", "latn", source="xx")
    with pytest.raises(TypeError, match="needs text"):
        convert(None, "latn")


def test_source_equal_to_target_is_identity_and_decomposed_input_is_normalised():
    assert convert("Üi", "latn", source="latn") == "Üi"
    assert convert("и\u0306т", "latn") == "it"  # й typed as и + combining breve


def _fixture_rows():
    try:
        path = shared_data() / "script" / "parallel_fixtures.tsv"
    except SharedDataMissing as exc:
        pytest.skip(str(exc))
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_every_latin_2021_fixture_row_both_ways():
    rows = [r for r in _fixture_rows() if r["target_scheme"] == "latn-2021-04"]
    assert len(rows) == 2
    for r in rows:
        assert convert(r["cyrillic"], "latn", source="cyrl") == r["target_text"]
        assert convert(r["target_text"], "cyrl", source="latn") == r["cyrillic"]


def test_mediawiki_arabic_fixture_row_both_ways():
    [row] = [r for r in _fixture_rows() if r["target_scheme"] == "kk-arab(MediaWiki scheme)"]
    assert convert(row["cyrillic"], "arab") == row["target_text"]
    assert convert(row["target_text"], "cyrl") == row["cyrillic"]


# --- properties ------------------------------------------------------------------------------
KAZAKH_ISH = st.text(
    alphabet=st.sampled_from(list("абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяАӘҚҢӨҰҮІЁЮЯЧЦ"
                                  "aäbdefgğhiıjklmnñoöpqrsştuūüvyzİIŞÇCWX'"
                                  "اەبپتجچحدرزسشعفقكگڭلمنوۆۇۋىيھٴٵء،؛؟"
                                  " ,.;?!-\"«»0123456789\n:/@")),
    max_size=300)
ANY_TEXT = st.one_of(st.text(max_size=10_000), KAZAKH_ISH)
PAIRS = [(s, t) for s in (None, *SCRIPTS) for t in SCRIPTS]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT)
def test_no_text_raises_and_detect_is_a_script(text):
    assert detect(text) in SCRIPTS
    for source, to in PAIRS:
        assert isinstance(convert(text, to, source), str)


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT, pair=st.sampled_from(PAIRS))
def test_converting_converted_text_is_stable(text, pair):
    source, to = pair
    once = convert(text, to, source)
    assert convert(once, to, source) == once
    if source is None:
        assert convert(once, to) == once
