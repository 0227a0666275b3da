"""Kazakh in three scripts: Cyrillic (``cyrl``), the April 2021 Latin alphabet (``latn``) and
the Arabic-based Töte jazuw as printed in Xinjiang (``arab``).

``convert(text, to, source=None)`` works on running text: punctuation, digits, spacing and
case are kept; URLs, e-mail addresses and foreign words are left as they are. Every policy
(loan letters, the Latin ``i``, the Arabic hamza, и/в/һ/ч in Arabic) is written down in
docs/scripts.md; the comments here only say why the code is shaped the way it is.

Speed: Cyrillic sources go through ``str.translate`` plus a few precompiled regexes over the
whole text; Latin and Arabic need word context, so they are converted word by word through an
LRU cache (running text repeats its words, so most words cost one dict lookup).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["SCRIPTS", "convert", "detect"]

SCRIPTS = ("cyrl", "latn", "arab")
_ALIASES = {"kk-cyrl": "cyrl", "cyrillic": "cyrl", "kk-latn": "latn", "latin": "latn",
            "kk-arab": "arab", "arabic": "arab"}

# --- letters -------------------------------------------------------------------------------
_CYR_LOWER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_CYR_LETTERS = _CYR_LOWER + _CYR_LOWER.upper()
_CYR = f"[{_CYR_LETTERS}]"
HAMZA = "\u0674"  # ARABIC LETTER HIGH HAMZA: marks a front-vowel word
# Arabic letters a word can be made of (incl. letters Kazakh does not use, which pass through).
_ARAB_CLASS = "\u0620-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc"
_ARAB_WORD = re.compile(f"[{_ARAB_CLASS}\u064b-\u065f\u0670]+")
# Latin letters (Latin-1 and Extended, without × and ÷); combining dot for an unnormalised İ.
_LAT_CLASS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_LATN_WORD = re.compile(f"[{_LAT_CLASS}]+(?:['\u2019][{_LAT_CLASS}]+)*")

# --- Cyrillic -> Latin (April 2021) -----------------------------------------------------------
_CYRL_LATN_LOWER = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū",
    "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "",
    "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}


def _latn_upper(s: str) -> str:
    # The 2021 alphabet pairs i/İ and ı/I like Turkish; str.upper() would turn i into I (= і).
    return s.replace("i", "İ").upper()


def _latn_title(s: str) -> str:
    return _latn_upper(s[:1]) + s[1:]


_CYRL_LATN = str.maketrans({**_CYRL_LATN_LOWER,
                            **{c.upper(): _latn_title(v) for c, v in _CYRL_LATN_LOWER.items()}})
_DIGRAPH_CAPS = "ЦЧЩЁЮЯ"
_CYR_UPPER = f"[{_CYR_LOWER.upper()}]"
# Inside an all-caps word a digraph is all caps too (ЧЕК -> CHEK, not ChEK).
_CAPS_DIGRAPH_RE = re.compile(f"(?<={_CYR_UPPER})[{_DIGRAPH_CAPS}]|[{_DIGRAPH_CAPS}](?={_CYR_UPPER})")


def _cyrl_to_latn(text: str) -> str:
    if any(c in text for c in _DIGRAPH_CAPS):
        text = _CAPS_DIGRAPH_RE.sub(lambda m: _latn_upper(_CYRL_LATN_LOWER[m.group().lower()]), text)
    return text.translate(_CYRL_LATN)


# --- Latin -> Cyrillic ------------------------------------------------------------------------
_LATN_CYRL_LOWER = {
    "a": "а", "ä": "ә", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ", "h": "х",
    "i": "и", "ı": "і", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "ң", "ŋ": "ң",
    "o": "о", "ö": "ө", "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у",
    "ū": "ұ", "ü": "ү", "v": "в", "y": "ы", "z": "з",
}
_LATN_CYRL = str.maketrans({**_LATN_CYRL_LOWER,
                            **{_latn_upper(k): v.upper() for k, v in _LATN_CYRL_LOWER.items()}})
_KZ_LATN_LETTERS = frozenset(_LATN_CYRL.keys()) | {ord(c) for c in "cC"}  # c only inside "ch"
# A word is foreign (English, code...) when it uses a letter the 2021 alphabet lacks (w, x, é...),
# a c that is not part of "ch", or an apostrophe. ("th" is not a sign: зертхана, әжетхана.)
_FOREIGN_RE = re.compile(r"[cC](?![hH])|['\u2019]")
# Native-ish stems written with һ (the default for h is х, see docs/scripts.md).
_H_STEMS = ("şahar", "jihaz", "jahan", "qahar", "gauhar", "künähar", "allah", "ibrahim",
            "mäşhür", "jauhar")
_H_STEM_RE = re.compile(rf"^(?:{'|'.join(_H_STEMS)})", re.IGNORECASE)
_LAT_VOWELS = "aäeiıoöuūüyAÄEİIOÖUŪÜY"
# i before a, u, o after a vowel or at the start of a word is я, ю, ё (қоя, аю, кию = kiiu).
_IOTA_RE = re.compile(rf"(?:(?<=[{_LAT_VOWELS}яюёЯЮЁ])|(?<![^\W\d_]))([iİ])([aouAOU])")
_IOTA = {"a": "я", "u": "ю", "o": "ё"}
# Any other i after a vowel is the glide й (үй, сөйле, ойы); elsewhere и. Not after у:
# Kazakh writes уй nowhere natively, уи in names (Ясауи).
_GLIDE_RE = re.compile(rf"(?<=[{_LAT_VOWELS.replace('u', '').replace('U', '')}яюёЯЮЁ])[iİ]")
_LATN_DIGRAPH_RE = re.compile(r"[şŞ][şŞ]|[cC][hH]")


_NOT_KZ_LATN_RE = re.compile("[^" + "".join(sorted(map(chr, _KZ_LATN_LETTERS))) + "]")


def _is_foreign(word: str) -> bool:
    return bool(_FOREIGN_RE.search(word) or _NOT_KZ_LATN_RE.search(word))


def _iota(m: re.Match) -> str:
    out = _IOTA[m.group(2).lower()]
    return out.upper() if m.group(1) == "İ" else out


def _digraph(m: re.Match) -> str:
    first = m.group()[0]
    out = "щ" if first in "şŞ" else "ч"
    return out.upper() if first.isupper() else out


@lru_cache(maxsize=200_000)
def _latn_word_to_cyrl(word: str) -> str:
    if _is_foreign(word):
        return word
    if "h" in word or "H" in word:
        word = _H_STEM_RE.sub(lambda m: m.group().replace("h", "һ").replace("H", "Һ"), word)
        word = _LATN_DIGRAPH_RE.sub(_digraph, word)
    elif "ş" in word or "Ş" in word:
        word = _LATN_DIGRAPH_RE.sub(_digraph, word)
    if "i" in word or "İ" in word:
        word = _IOTA_RE.sub(_iota, word)
        word = _GLIDE_RE.sub(lambda m: "й" if m.group() == "i" else "Й", word)
    return word.translate(_LATN_CYRL)


def _latn_to_cyrl(text: str) -> str:
    return _LATN_WORD.sub(lambda m: _latn_word_to_cyrl(m.group()), text)


# --- Cyrillic -> Arabic (Xinjiang print) ------------------------------------------------------
_CYRL_ARAB_LOWER = {
    "а": "ا", "ә": "ا", "б": "ب", "в": "ۆ", "г": "گ", "ғ": "ع", "д": "د", "е": "ە", "ё": "يو",
    "ж": "ج", "з": "ز", "и": "ي", "й": "ي", "к": "ك", "қ": "ق", "л": "ل", "м": "م", "н": "ن",
    "ң": "ڭ", "о": "و", "ө": "و", "п": "پ", "р": "ر", "с": "س", "т": "ت", "у": "ۋ", "ұ": "ۇ",
    "ү": "ۇ", "ф": "ف", "х": "ح", "һ": "ھ", "ц": "تس", "ч": "چ", "ш": "ش", "щ": "شش", "ъ": "",
    "ы": "ى", "і": "ى", "ь": "", "э": "ە", "ю": "يۋ", "я": "يا",
}
_CYRL_ARAB = str.maketrans({**_CYRL_ARAB_LOWER, **{c.upper(): v for c, v in _CYRL_ARAB_LOWER.items()}})
_FRONT_VOWELS = "әөүіӘӨҮІ"
_SHOWS_HARMONY = "еэкгқғЕЭКГҚҒ"  # е э к г already show a front word, қ ғ a back one
# High hamza before each Cyrillic word with a front vowel and no letter that shows harmony.
_HAMZA_RE = re.compile(f"(?<!{_CYR})(?={_CYR}*[{_FRONT_VOWELS}])(?!{_CYR}*[{_SHOWS_HARMONY}])")
# After и the й-glide of я ю ё is already written: кию = كيۋ, қия = قيا (not word-initially:
# ию stays ييۋ, so it reads back as ию rather than ю).
_I_BEFORE_IOTA_RE = re.compile(f"(?<={_CYR})[иИ](?=[яюёЯЮЁ])")
_ARAB_PUNCT = {",": "،", ";": "؛", "?": "؟"}
# Only punctuation that follows Kazakh (not a digit or an English word) becomes Arabic.
_PUNCT_AFTER_CYR_RE = re.compile(f"(?<={_CYR})([)\\]»\"'”’]*)([,;?])")


def _cyrl_to_arab(text: str) -> str:
    text = _HAMZA_RE.sub(HAMZA, text)
    text = _I_BEFORE_IOTA_RE.sub("", text)
    if "," in text or ";" in text or "?" in text:
        text = _PUNCT_AFTER_CYR_RE.sub(lambda m: m.group(1) + _ARAB_PUNCT[m.group(2)], text)
    return text.translate(_CYRL_ARAB)


# --- Arabic -> Cyrillic -----------------------------------------------------------------------
_ARAB_CYRL = {
    "ب": "б", "پ": "п", "ت": "т", "ج": "ж", "چ": "ч", "ح": "х", "خ": "х", "د": "д", "ر": "р",
    "ز": "з", "س": "с", "ش": "ш", "ع": "ғ", "ف": "ф", "ق": "қ", "ك": "к", "ک": "к", "گ": "г",
    "ڭ": "ң", "ل": "л", "م": "м", "ن": "н", "ە": "е", "ھ": "һ", "ه": "һ", "ۆ": "в", "ۋ": "у",
}
_AMBIGUOUS = {"ا": ("а", "ә"), "و": ("о", "ө"), "ۇ": ("ұ", "ү"), "ى": ("ы", "і")}
_FRONT_MARKS, _BACK_MARKS = set("ەكکگ"), set("قع")
# Precomposed hamza letters and the plain hamza some texts use: all mean "front word".
_HAMZA_FORMS = str.maketrans({"ٵ": HAMZA + "ا", "ٶ": HAMZA + "و", "ٷ": HAMZA + "ۇ", "ٸ": HAMZA + "ى",
                              "ء": HAMZA})
_ARAB_DROP = {ord(c): None for c in "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"}
_ARAB_PUNCT_BACK = str.maketrans({"،": ",", "؛": ";", "؟": "?", "٪": "%", "٭": "*",
                                  **{chr(0x06F0 + d): str(d) for d in range(10)},
                                  **{chr(0x0660 + d): str(d) for d in range(10)}})
_IOTA_ARAB = {"ا": "я", "ۋ": "ю", "و": "ё"}
_IOTA_ARAB_AFTER_CONSONANT = {"ا": "ия", "ۋ": "ию", "و": "ио"}
# ي before ا ۋ و is я ю ё at the start of a word or after a vowel (ۋ counts: қую = قۋيۋ)...
_ARAB_IOTA_RE = re.compile(f"(?:(?<=[اەوۇىۋيی{HAMZA}])|^)[يی]([اۋو])")
# ...and и + vowel after a consonant: the glide after и is not written (кию = كيۋ, қия = قيا).
_ARAB_I_IOTA_RE = re.compile("[يی]([اۋو])")
# Any other ي after a vowel (not ۋ: Ясауи) is й; the rest are и.
_ARAB_GLIDE_RE = re.compile("(?<=[اەوۇىيیяюё])[يی]")
_ARAB_FIRST_VOWEL_RE = re.compile("[اەوۇىيیяюё]")
_ARAB_BASE = {**_ARAB_CYRL, "ي": "и", "ی": "и", HAMZA: ""}
_ARAB_BACK_T = str.maketrans({**_ARAB_BASE, **{c: v[0] for c, v in _AMBIGUOUS.items()}})
_ARAB_FRONT_T = str.maketrans({**_ARAB_BASE, **{c: v[1] for c, v in _AMBIGUOUS.items()}})
# Front by е к г only: a native word is front throughout, but ә ө stand in the first syllable
# only; later а о are a loan's back vowels (кітап, телефон, республика).
_ARAB_LATER_T = str.maketrans({**_ARAB_BASE, "ا": "а", "و": "о", "ۇ": "ү", "ى": "і"})


def _mixed_harmony(word: str) -> str:
    """Both front (е к г) and back (қ ғ) markers, as in compounds and loans: each vowel follows
    the nearest marker, the preceding one on a tie since suffixes follow their stem."""
    marks = [(i, c in _FRONT_MARKS) for i, c in enumerate(word) if c in _FRONT_MARKS or c in _BACK_MARKS]
    letters = list(word)
    for i, c in enumerate(letters):
        if c in _AMBIGUOUS:
            letters[i] = _AMBIGUOUS[c][min(marks, key=lambda m: (abs(m[0] - i), m[0] > i))[1]]
    return "".join(letters).translate(_ARAB_BACK_T)


def _front_by_letters(word: str) -> str:
    first = _ARAB_FIRST_VOWEL_RE.search(word)
    if first and first.group() in _AMBIGUOUS:
        i = first.start()
        word = word[:i] + _AMBIGUOUS[word[i]][1] + word[i + 1:]
    return word.translate(_ARAB_LATER_T)


@lru_cache(maxsize=200_000)
def _arab_word_to_cyrl(word: str) -> str:
    word = word.translate(_HAMZA_FORMS).translate(_ARAB_DROP)
    if "شش" in word:
        word = word.replace("شش", "щ")  # щ is written شش (ащы, тұщы); Cyrillic шш hardly occurs
    if "ي" in word or "ی" in word:
        word = _ARAB_IOTA_RE.sub(lambda m: _IOTA_ARAB[m.group(1)], word)
        word = _ARAB_I_IOTA_RE.sub(lambda m: _IOTA_ARAB_AFTER_CONSONANT[m.group(1)], word)
        word = _ARAB_GLIDE_RE.sub("й", word)
    if HAMZA in word:
        return word.translate(_ARAB_FRONT_T)
    front = any(c in _FRONT_MARKS for c in word)
    if not front:
        return word.translate(_ARAB_BACK_T)
    if any(c in _BACK_MARKS for c in word):
        return _mixed_harmony(word)
    return _front_by_letters(word)


# Where a sentence starts: the text's start or after . ! ? ؟ … or a line break (poem lines).
_SENTENCE_START_RE = re.compile(f"(?:^|[.!?؟…\n])[ \t«\"“„'(—–-]*(?=[{_ARAB_CLASS}])")


def _arab_to_cyrl(text: str) -> str:
    words = _ARAB_WORD.finditer(text)
    several = next(words, None) is not None and next(words, None) is not None
    # Arabic has no case; a running Cyrillic text (two words or more) starts sentences with a capital.
    starts = {m.end() for m in _SENTENCE_START_RE.finditer(text)} if several else set()

    def word(m: re.Match) -> str:
        out = _arab_word_to_cyrl(m.group())
        return out[:1].upper() + out[1:] if m.start() in starts else out

    return _ARAB_WORD.sub(word, text).translate(_ARAB_PUNCT_BACK)


# --- protected spans, detection, the public API -----------------------------------------------
_PROTECTED_RE = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Letters that prove Kazakh in Cyrillic/Arabic; ъ ь and the bare hamza vanish in conversion, so
# they do not count (this keeps source=None stable on already-converted text).
_CYR_OR_ARAB_KAZAKH_RE = re.compile("[" + re.sub("[ъьЪЬ]", "", _CYR_LETTERS)
                                    + "\u0620\u0622-\u063f\u0641-\u064a\u0671-\u0673\u0675-\u06d3\u06d5]")
_COUNT_RES = {
    "cyrl": re.compile(_CYR),
    "latn": re.compile(f"[{_LAT_CLASS}]"),
    "arab": re.compile(f"[{_ARAB_CLASS}]"),
}


def _outside_protected(text: str, fn) -> str:
    """Apply fn to everything except URLs and e-mail addresses."""
    if "://" not in text and "@" not in text and "www." not in text:
        return fn(text)
    parts = _PROTECTED_RE.split(text)
    spans = _PROTECTED_RE.findall(text)
    out = [fn(parts[0])]
    for span, part in zip(spans, parts[1:]):
        out += [span, fn(part)]
    return "".join(out)


def _script_code(code: object, what: str) -> str:
    key = code.strip().lower() if isinstance(code, str) else code
    key = _ALIASES.get(key, key)
    if key not in SCRIPTS:
        raise ValueError(f"Unknown {what} script {code!r}: use one of {', '.join(map(repr, SCRIPTS))}.")
    return key


def detect(text: str) -> str:
    """The script most of the text's letters are written in: "cyrl", "latn" or "arab".

    Text with no letters at all is "cyrl", the course's source script; plain ASCII words are
    "latn" (they may be English, but they are certainly not Cyrillic or Arabic).
    """
    if not isinstance(text, str):
        raise TypeError(f"detect() needs text (str), not {type(text).__name__}.")
    counts = {code: len(rx.findall(text)) for code, rx in _COUNT_RES.items()}
    best = max(SCRIPTS, key=lambda code: counts[code])  # ties keep SCRIPTS order: cyrl first
    return best if counts[best] else "cyrl"


_STEPS = {
    ("cyrl", "latn"): _cyrl_to_latn,
    ("cyrl", "arab"): _cyrl_to_arab,
    ("latn", "cyrl"): _latn_to_cyrl,
    ("latn", "arab"): lambda t: _cyrl_to_arab(_latn_to_cyrl(t)),
    ("arab", "cyrl"): _arab_to_cyrl,
    ("arab", "latn"): lambda t: _cyrl_to_latn(_arab_to_cyrl(t)),
}


def _auto(text: str, to: str) -> str:
    # Every Cyrillic and Arabic word is Kazakh. A Latin word is taken as Kazakh only when the
    # text has no Cyrillic or Arabic Kazakh at all: in a Cyrillic text, Latin is English or code.
    latin_is_kazakh = to != "latn" and not _CYR_OR_ARAB_KAZAKH_RE.search(text)
    if latin_is_kazakh:
        text = _latn_to_cyrl(text)
    if to == "cyrl":
        return _arab_to_cyrl(text)
    if to == "latn":
        return _cyrl_to_latn(_arab_to_cyrl(text))
    return _cyrl_to_arab(text)


def convert(text: str, to: str, source: str | None = None) -> str:
    """Kazakh ``text`` written in ``to`` ("cyrl", "latn" or "arab").

    ``source`` names the script the text is in; with ``None`` each Kazakh word is converted from
    whichever script it is written in (see ``detect`` for the dominant script). Never raises on
    text; raises ValueError for an unknown script code and TypeError for non-text.
    """
    to = _script_code(to, "target")
    source = None if source is None else _script_code(source, "source")
    if not isinstance(text, str):
        raise TypeError(f"convert() needs text (str), not {type(text).__name__}.")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)  # й, ё, ä... may arrive decomposed
    if source == to:
        return text
    step = (lambda t: _auto(t, to)) if source is None else _STEPS[(source, to)]
    return _outside_protected(text, step)
