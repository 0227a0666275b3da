"""Every suffix the engine attaches, with the rule that picks its variant.

Two kinds of suffix:
* consonant-initial: the first consonant depends on the sound class before it
  (``onset``: V vowel, S р/й/у/и, L л, N м/н/ң, Z з/ж, T voiceless) and the
  vowel on harmony (archiphonemes A = а/е, Y = ы/і, Q = қ/к, G = ғ/г);
* linking-vowel: one template after a vowel, another after a consonant
  (кітап-ым but бала-м).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from .phonology import GLIDE, L, NASAL, V, VL, ZH, realize

ALL_CLASSES = (V, GLIDE, L, NASAL, ZH, VL)


def _onset(v: str, s: str, l: str, n: str, z: str, t: str) -> dict[str, str]:
    return {V: v, GLIDE: s, L: l, NASAL: n, ZH: z, VL: t}


@dataclass(frozen=True)
class Suffix:
    id: str
    gloss: str                      # short English name shown in explanations
    body: str = ""                  # template after the onset consonant
    onset: dict | None = None       # sound class -> first consonant
    after_vowel: str | None = None  # linking-vowel suffixes
    after_consonant: str | None = None
    fixed_harmony: str | None = None  # -мен/-бен/-пен is always front

    @property
    def vowel_initial(self) -> bool:
        return self.after_consonant is not None

    def form(self, cls: str, harm: str) -> str:
        """The written variant after a sound of class ``cls`` in a word of harmony ``harm``."""
        key = (self.id, cls, harm)
        cached = _FORMS.get(key)
        if cached is None:
            cached = _FORMS[key] = self._form(cls, harm)
        return cached

    def _form(self, cls: str, harm: str) -> str:
        harm = self.fixed_harmony or harm
        if self.onset is not None:
            return realize(self.onset[cls] + self.body, harm)
        template = self.after_vowel if cls == V else self.after_consonant
        return realize(template, harm)

    def variants(self) -> list[str]:
        """All distinct written variants, e.g. PL -> лар лер дар дер тар тер."""
        seen: list[str] = []
        for cls, harm in product(ALL_CLASSES, ("back", "front")):
            f = self.form(cls, harm)
            if f not in seen:
                seen.append(f)
        return seen


_FORMS: dict[tuple[str, str, str], str] = {}  # (suffix id, class, harmony) -> written form

# Onset tables (Kazakh grammar, e.g. Балақаев; each row reads V S L N Z T).
_PL = _onset("л", "л", "д", "д", "д", "т")       # қала-лар, жол-дар, кітап-тар
_GEN = _onset("н", "д", "д", "н", "д", "т")      # қала-ның, үй-дің, адам-ның, кітап-тың
_ACC = _onset("н", "д", "д", "д", "д", "т")      # қала-ны, адам-ды, кітап-ты
_DAT = _onset("ғ", "ғ", "ғ", "ғ", "ғ", "қ")      # G/Q realised by harmony below
_LOC = _onset("д", "д", "д", "д", "д", "т")
_ABL = _onset("д", "д", "д", "н", "д", "т")      # адам-нан, жол-дан
_INS = _onset("м", "м", "м", "м", "б", "п")      # қалам-мен, қыз-бен, кітап-пен
_M_SG = _onset("м", "м", "м", "м", "б", "п")     # мұғалім-мін, қыз-бын, студент-пін
_M_PL = _onset("м", "м", "м", "б", "б", "п")     # дәрігер-міз, мұғалім-біз
_MA = _onset("м", "м", "м", "б", "б", "п")       # question ма/ба/па, negation -ма/-ба/-па, -мақ
_DY = _onset("д", "д", "д", "д", "д", "т")       # past -ды/-ты
_GAN = _onset("G", "G", "G", "G", "G", "Q")      # participle -ған/-қан


def _velar(table: dict[str, str]) -> dict[str, str]:
    """Dative/participle onsets are velar archiphonemes: harmony picks ғ/г, қ/к."""
    return {k: {"ғ": "G", "қ": "Q"}.get(v, v) for k, v in table.items()}


SUFFIXES: dict[str, Suffix] = {s.id: s for s in [
    # nouns
    Suffix("PL", "plural", "Aр", _PL),
    Suffix("PSS1S", "my", after_vowel="м", after_consonant="Yм"),
    Suffix("PSS1P", "our", after_vowel="мYз", after_consonant="YмYз"),
    Suffix("PSS2S", "your (informal)", after_vowel="ң", after_consonant="Yң"),
    Suffix("PSS2S.F", "your (formal)", after_vowel="ңYз", after_consonant="YңYз"),
    Suffix("PSS2P", "your (informal, plural)", after_vowel="ңдAр", after_consonant="YңдAр"),
    Suffix("PSS2P.F", "your (formal, plural)", after_vowel="ңYздAр", after_consonant="YңYздAр"),
    Suffix("PSS3", "his/her/its/their", after_vowel="сY", after_consonant="Y"),
    Suffix("GEN", "genitive", "Yң", _GEN),
    Suffix("ACC", "accusative", "Y", _ACC),
    Suffix("DAT", "dative", "A", _velar(_DAT)),
    Suffix("LOC", "locative", "A", _LOC),
    Suffix("ABL", "ablative", "Aн", _ABL),
    Suffix("INS", "instrumental", "ен", _INS, fixed_harmony="front"),
    # case after a 3rd-person possessive: the pronominal н
    Suffix("ACC.PX3", "accusative after -(с)ы", "", _onset(*"нннннн")),
    Suffix("DAT.PX3", "dative after -(с)ы", "A", _onset(*"нннннн")),
    Suffix("LOC.PX3", "locative after -(с)ы", "дA", _onset(*"нннннн")),
    Suffix("ABL.PX3", "ablative after -(с)ы", "Aн", _onset(*"нннннн")),
    # dative after -ым/-ың: a bare vowel (кітабыма, кітабыңа)
    Suffix("DAT.PX12", "dative after -м/-ң", after_vowel="A", after_consonant="A"),
    # predicate (copula) personal endings
    Suffix("P1SG", "I am", "Yн", _M_SG),
    Suffix("P1PL", "we are", "Yз", _M_PL),
    Suffix("P2SG", "you are (informal)", "Yң", _onset(*"сссссс")),
    Suffix("P2SG.F", "you are (formal)", "Yз", _onset(*"сссссс")),
    Suffix("P2PL", "you are (informal, plural)", "YңдAр", _onset(*"сссссс")),
    Suffix("P2PL.F", "you are (formal, plural)", "YздAр", _onset(*"сссссс")),
    Suffix("Q", "question particle", "A", _MA),
    # verbs
    Suffix("NEG", "negation", "A", _MA),
    Suffix("INF", "infinitive (verbal noun)", after_vowel="у", after_consonant="у"),
    Suffix("PRS", "present-future", after_vowel="й", after_consonant="A"),
    Suffix("PRS.3", "3rd person", "Y", _onset(*"дддддд")),
    Suffix("PTCP.PRS", "habitual participle", after_vowel="йтYн", after_consonant="AтYн"),
    Suffix("PST", "past", "Y", _DY),
    Suffix("PTCP.PST", "past participle", "Aн", _velar(_GAN)),
    Suffix("FUT", "future (-ар)", after_vowel="р", after_consonant="Aр"),
    Suffix("FUT.NEG", "negative future (-мас)", "Aс", _MA),
    Suffix("INTEN", "intentional future (-мақ)", "AQ", _MA),
    Suffix("CVB", "converb (-ып)", after_vowel="п", after_consonant="Yп"),
    Suffix("CVB.NEG", "negative converb (-й)", after_vowel="й", after_consonant="й"),
    # type-2 personal endings (after the past -ды)
    Suffix("PST1SG", "I", after_vowel="м", after_consonant="м"),
    Suffix("PST2SG", "you (informal)", after_vowel="ң", after_consonant="ң"),
    Suffix("PST2SG.F", "you (formal)", after_vowel="ңYз", after_consonant="ңYз"),
    Suffix("PST1PL", "we", after_vowel="Q", after_consonant="Q"),
    Suffix("PST2PL", "you (informal, plural)", after_vowel="ңдAр", after_consonant="ңдAр"),
    Suffix("PST2PL.F", "you (formal, plural)", after_vowel="ңYздAр", after_consonant="ңYздAр"),
    # imperative / voluntative
    Suffix("IMP2SG.F", "imperative, formal", after_vowel="ңYз", after_consonant="YңYз"),
    Suffix("IMP2PL", "imperative, plural", after_vowel="ңдAр", after_consonant="YңдAр"),
    Suffix("IMP2PL.F", "imperative, formal plural", after_vowel="ңYздAр", after_consonant="YңYздAр"),
    Suffix("IMP1SG", "let me", after_vowel="йYн", after_consonant="AйYн"),
    Suffix("IMP1PL", "let us", after_vowel="йYQ", after_consonant="AйYQ"),
    Suffix("IMP3", "let him/her/them", "Yн", _onset(*"сссссс")),
    # conditional mood -са/-се (always с); persons take the type-2 endings: барса-м, барса-қ
    Suffix("COND", "conditional (-са)", "A", _onset(*"сссссс")),
    # desire: -ғы/-гі/-қы/-кі + possessive, then келеді: барғым келеді
    Suffix("DES", "wish (-ғы + possessive + келу)", "Y", _GAN),
    # derivation (derive()): agent, abstract noun, "having", "without"
    Suffix("AGT", "person who does/deals with it (-шы)", "Y", _onset(*"шшшшшш")),
    Suffix("ABST", "abstract noun, -ness (-лық)", "YQ", _PL),
    Suffix("PROPR", "having, with (-лы)", "Y", _PL),
    Suffix("PRIV", "without, -less (-сыз)", "Yз", _onset(*"сссссс")),
]}


def variants(suffix_id: str) -> list[str]:
    """All written variants of a suffix (for answer checking): variants("DAT") -> ға ге қа ке."""
    try:
        return SUFFIXES[suffix_id].variants()
    except KeyError:
        raise ValueError(f"Unknown suffix id {suffix_id!r}; known: {', '.join(SUFFIXES)}") from None
