"""explain(): the morpheme chain of a form with the rule behind each choice, in en / ru / tr."""
from __future__ import annotations

from dataclasses import dataclass, field

from .chain import Chain, RawStep
from .derive import derivation_chain
from .engine import build
from .phonology import BACK_VOWELS, FRONT_VOWELS, GLIDE, L, NASAL, V, VL, ZH
from .suffixes import SUFFIXES

LANGS = ("en", "ru", "tr")

T = {
    "en": {
        "stem": "{m}: {harm} word ({why})",
        "back": "back", "front": "front",
        "why.vowel": "last vowel {v}", "why.listed": "listed exception", "why.soft_sign": "ends in ь",
        "why.neutral": "и/у word, read as {harm}",
        "voicing": "{before} → {m}-: {old} becomes {new} before a vowel",
        "vowel_drop": "{before} → {m}-: the {vowel} drops before a vowel",
        "soft_sign": "{before} → {m}-: ь is dropped before a vowel",
        "geminate": "{before} → {m}-: the double {letter} is written once before a suffix",
        "p_to_u": "{before} → {m}-: п becomes у before -ып",
        "silent_d": "{before} → {m}-: the silent д of -зд is not written before a suffix",
        "merge": "{left} + {right} is written {written}",
        "irregular": "{lemma} → {m}: irregular form of the pronoun",
        "word": "{m}: separate word",
        "suffix": "-{m}: {gloss}; {harm_rule}; {cons_rule}",
        "harm.back": "back vowel {v} before it", "harm.front": "front vowel {v} before it",
        "harm.fixed": "always front", "harm.none": "no vowel choice",
        "cls." + V: "after a vowel", "cls." + GLIDE: "after р/й/у/и", "cls." + L: "after л",
        "cls." + NASAL: "after м/н/ң", "cls." + ZH: "after з/ж", "cls." + VL: "after a voiceless sound",
        "linking": "after a consonant, with linking vowel", "px3": "н after the 3rd-person possessive",
        "px12": "bare vowel after -м/-ң",
    },
    "ru": {
        "stem": "{m}: слово {harm} ряда ({why})",
        "back": "заднего", "front": "переднего",
        "why.vowel": "последняя гласная {v}", "why.listed": "исключение из списка", "why.soft_sign": "оканчивается на ь",
        "why.neutral": "слово на и/у, читается как {harm} ряд",
        "voicing": "{before} → {m}-: {old} переходит в {new} перед гласной",
        "vowel_drop": "{before} → {m}-: {vowel} выпадает перед гласной",
        "soft_sign": "{before} → {m}-: ь опускается перед гласной",
        "geminate": "{before} → {m}-: двойная {letter} пишется одна перед аффиксом",
        "p_to_u": "{before} → {m}-: п переходит в у перед -ып",
        "silent_d": "{before} → {m}-: непроизносимая д в -зд не пишется перед аффиксом",
        "merge": "{left} + {right} пишется как {written}",
        "irregular": "{lemma} → {m}: особая форма местоимения",
        "word": "{m}: отдельное слово",
        "suffix": "-{m}: {gloss}; {harm_rule}; {cons_rule}",
        "harm.back": "перед ним гласная заднего ряда {v}", "harm.front": "перед ним гласная переднего ряда {v}",
        "harm.fixed": "всегда переднего ряда", "harm.none": "без выбора гласной",
        "cls." + V: "после гласной", "cls." + GLIDE: "после р/й/у/и", "cls." + L: "после л",
        "cls." + NASAL: "после м/н/ң", "cls." + ZH: "после з/ж", "cls." + VL: "после глухого звука",
        "linking": "после согласной, с соединительной гласной", "px3": "н после притяжательного аффикса 3-го лица",
        "px12": "только гласная после -м/-ң",
    },
    "tr": {
        "stem": "{m}: {harm} sözcük ({why})",
        "back": "kalın ünlülü", "front": "ince ünlülü",
        "why.vowel": "son ünlü {v}", "why.listed": "listedeki istisna", "why.soft_sign": "ь ile biter",
        "why.neutral": "и/у sözcüğü, {harm} okunur",
        "voicing": "{before} → {m}-: {old}, ünlüden önce {new} olur",
        "vowel_drop": "{before} → {m}-: {vowel} ünlüden önce düşer",
        "soft_sign": "{before} → {m}-: ь ünlüden önce düşer",
        "geminate": "{before} → {m}-: çift {letter} ekten önce tek yazılır",
        "p_to_u": "{before} → {m}-: п, -ып ekinden önce у olur",
        "silent_d": "{before} → {m}-: -зд sonundaki okunmayan д ekten önce yazılmaz",
        "merge": "{left} + {right} birlikte {written} yazılır",
        "irregular": "{lemma} → {m}: zamirin düzensiz biçimi",
        "word": "{m}: ayrı sözcük",
        "suffix": "-{m}: {gloss}; {harm_rule}; {cons_rule}",
        "harm.back": "önünde kalın ünlü {v}", "harm.front": "önünde ince ünlü {v}",
        "harm.fixed": "her zaman ince", "harm.none": "ünlü seçimi yok",
        "cls." + V: "ünlüden sonra", "cls." + GLIDE: "р/й/у/и'den sonra", "cls." + L: "л'den sonra",
        "cls." + NASAL: "м/н/ң'den sonra", "cls." + ZH: "з/ж'den sonra", "cls." + VL: "sert (ötümsüz) sesten sonra",
        "linking": "ünsüzden sonra, bağlayıcı ünlüyle", "px3": "3. şahıs iyelik ekinden sonra н",
        "px12": "-м/-ң'den sonra yalnız ünlü",
    },
}
GLOSS_RU = {
    "PL": "множественное число", "PSS1S": "мой", "PSS1P": "наш", "PSS2S": "твой", "PSS2S.F": "ваш (вежл.)",
    "PSS2P": "ваш (мн.)", "PSS2P.F": "ваш (вежл., мн.)", "PSS3": "его/её/их", "GEN": "родительный падеж",
    "ACC": "винительный падеж", "DAT": "дательно-направительный падеж", "LOC": "местный падеж",
    "ABL": "исходный падеж", "INS": "творительный падеж", "Q": "вопросительная частица", "NEG": "отрицание",
    "INF": "инфинитив", "PRS": "настояще-будущее время", "PST": "прошедшее время", "PTCP.PST": "причастие прошедшего времени",
    "FUT": "будущее время (-ар)", "FUT.NEG": "отрицательное будущее (-мас)", "INTEN": "намерение (-мақ)",
    "CVB": "деепричастие (-ып)", "P1SG": "я (есть)", "P1PL": "мы (есть)", "P2SG": "ты (есть)", "P2SG.F": "вы (есть)",
    "P2PL": "вы (мн.)", "P2PL.F": "вы (вежл., мн.)",
    "PRS.3": "3-е лицо", "PTCP.PRS": "причастие (-атын)", "CVB.NEG": "отрицательное деепричастие (-й)",
    "PST1SG": "я", "PST2SG": "ты", "PST2SG.F": "вы (вежл.)", "PST1PL": "мы", "PST2PL": "вы (мн.)",
    "PST2PL.F": "вы (вежл., мн.)", "IMP2SG.F": "повелительное, вежл.", "IMP2PL": "повелительное, мн.",
    "IMP2PL.F": "повелительное, вежл. мн.", "IMP1SG": "давай я", "IMP1PL": "давайте мы", "IMP3": "пусть он/она/они",
    "DAT.PX12": "дательный падеж", "COND": "условное наклонение (-са)", "DES": "желание (-ғы + притяж. + келу)",
    "AGT": "деятель, профессия (-шы)", "ABST": "отвлечённое существительное (-лық)",
    "PROPR": "обладающий чем-то (-лы)", "PRIV": "без чего-то (-сыз)",
}
GLOSS_TR = {
    "PL": "çoğul", "PSS1S": "benim", "PSS1P": "bizim", "PSS2S": "senin", "PSS2S.F": "sizin (nezaket)",
    "PSS2P": "sizin (çoğul)", "PSS2P.F": "sizin (nezaket, çoğul)", "PSS3": "onun/onların", "GEN": "ilgi hâli",
    "ACC": "belirtme hâli", "DAT": "yönelme hâli", "LOC": "bulunma hâli", "ABL": "ayrılma hâli",
    "INS": "vasıta hâli (ile)", "Q": "soru edatı", "NEG": "olumsuzluk", "INF": "mastar (-у)",
    "PRS": "geniş/şimdiki zaman", "PRS.3": "3. şahıs", "PTCP.PRS": "sıfat-fiil (-атын)", "PST": "geçmiş zaman",
    "PTCP.PST": "geçmiş zaman sıfat-fiili (-ған)", "FUT": "gelecek zaman (-ар)", "FUT.NEG": "olumsuz gelecek (-мас)",
    "INTEN": "niyet geleceği (-мақ)", "CVB": "zarf-fiil (-ып)", "CVB.NEG": "olumsuz zarf-fiil (-й)",
    "P1SG": "ben (-im)", "P1PL": "biz (-iz)", "P2SG": "sen (-sin)", "P2SG.F": "siz (nezaket)", "P2PL": "siz (çoğul)",
    "P2PL.F": "siz (nezaket, çoğul)", "PST1SG": "ben", "PST2SG": "sen", "PST2SG.F": "siz (nezaket)", "PST1PL": "biz",
    "PST2PL": "siz (çoğul)", "PST2PL.F": "siz (nezaket, çoğul)", "IMP2SG.F": "emir, nezaket", "IMP2PL": "emir, çoğul",
    "IMP2PL.F": "emir, nezaket çoğul", "IMP1SG": "istek, ben (-ayım)", "IMP1PL": "istek, biz (-alım)",
    "IMP3": "emir, o/onlar (-sın)", "DAT.PX12": "yönelme hâli", "COND": "şart kipi (-са)",
    "DES": "istek (-ғы + iyelik + келу)", "AGT": "meslek, yapan kişi (-шы)", "ABST": "soyut isim (-лық)",
    "PROPR": "sahip, -li (-лы)", "PRIV": "yoksun, -siz (-сыз)",
}
GLOSSES = {"ru": GLOSS_RU, "tr": GLOSS_TR}


@dataclass
class Step:
    morpheme: str
    rule: str


@dataclass
class Explanation:
    lemma: str
    tags: str
    form: str
    steps: list[Step] = field(default_factory=list)
    lang: str = "en"

    def __str__(self) -> str:
        lines = [f"{self.lemma} ({self.tags}) → {self.form}"]
        lines += [f"  • {s.rule}" for s in self.steps]
        return "\n".join(lines)


def explain(lemma: str, tags: str, lang: str = "en") -> Explanation:
    """Explain how ``inflect(lemma, tags)`` is built, e.g. кітап → кітаб-: п becomes б before a vowel."""
    if lang not in LANGS:
        raise ValueError(f"unsupported explanation language {lang!r}; choose one of {', '.join(LANGS)}")
    return _explained(lemma, tags, build(lemma, tags, record=True), lang)


def explain_derivation(lemma: str, suffix: str, lang: str = "en") -> Explanation:
    """Explain derive(lemma, suffix), e.g. дос + лық → достық (after a voiceless sound)."""
    if lang not in LANGS:
        raise ValueError(f"unsupported explanation language {lang!r}; choose one of {', '.join(LANGS)}")
    return _explained(lemma, f"+{suffix}", derivation_chain(lemma, suffix, record=True), lang)


def _explained(lemma: str, tags: str, chain: Chain, lang: str) -> Explanation:
    steps = [Step(s.morpheme, _render(s, T[lang], lang)) for s in chain.steps]
    return Explanation(lemma, tags, chain.text, steps, lang)


def _deciding_vowel(text: str, harm: str) -> str:
    wanted = BACK_VOWELS if harm == "back" else FRONT_VOWELS
    return next((c for c in reversed(text) if c in wanted), "")


def _render(step: RawStep, t: dict, lang: str) -> str:
    info, m = step.info, step.morpheme
    if step.kind == "stem":
        why = info["reason"]
        why_text = t["why." + why["why"]].format(v=why.get("vowel", ""), harm=t[info["harmony"]])
        return t["stem"].format(m=m, harm=t[info["harmony"]], why=why_text)
    if step.kind == "suffix":
        return _render_suffix(step, t, lang)
    return t[step.kind].format(m=m, **info)


def _render_suffix(step: RawStep, t: dict, lang: str) -> str:
    info, form = step.info, step.morpheme
    sid = info["id"]
    suf = SUFFIXES[sid]
    table = GLOSSES.get(lang, {})
    gloss = table.get(sid, table.get(sid.split(".")[0], suf.gloss))
    if suf.fixed_harmony:
        harm_rule = t["harm.fixed"]
    elif any(c in BACK_VOWELS or c in FRONT_VOWELS for c in form):
        v = _deciding_vowel(info.get("after", ""), info["harmony"])
        harm_rule = t["harm." + info["harmony"]].format(v=v) if v else t[info["harmony"]]
    else:
        harm_rule = t["harm.none"]
    if sid.endswith(".PX3"):
        cons_rule = t["px3"]
    elif sid == "DAT.PX12":
        cons_rule = t["px12"]
    elif suf.onset is None:
        cons_rule = t["cls." + V] if info["cls"] == V else t["linking"]
    else:
        cons_rule = t["cls." + info["cls"]]
    return t["suffix"].format(m=form, gloss=gloss, harm_rule=harm_rule, cons_rule=cons_rule)
