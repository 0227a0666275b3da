"""IPA: epitran's kaz-Cyrl corrected for Kazakh orthoepy (no Russian palatalization)."""
import pytest

from qazaq.pronunciation import ipa


@pytest.mark.parametrize("word, expected", [
    ("сәлеметсіз бе", "sælemetsɪz be"),  # е is [e], not [je]
    ("ел", "jel"),                     # ...except word-initially
    ("көз", "køz"),                    # ө is [ø]
    ("от", "wot"),                     # initial о takes a glide
    ("су", "sʊw"),                     # у after a consonant: back diphthong
    ("үлкен", "ʏlken"),
    ("бару", "bɑrʊw"),
    ("сөйлеу", "søjlew"),              # у after a vowel: glide
    ("уақыт", "wɑqət"),
    ("киім", "kɪjɪm"),                 # и: front [ɪj]
    ("оқиды", "woqəjdə"),              # и in a back word: [əj]
    ("кию", "kɪjʏw"),
    ("тоғыз", "toʁʊz"),                # rounding: ы after о is [ʊ]
    ("өмір", "wømʏr"),
    ("қала", "qɑlɑ"),
])
def test_ipa(word, expected):
    assert ipa(word) == expected


def test_punctuation_and_case_kept():
    assert ipa("Кешіріңіз!") == "keʃɪrɪŋɪz!"


def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError, match="string"):
        ipa(None)
