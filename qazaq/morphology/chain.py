"""Attach suffixes one by one, applying stem changes and spelling merges, and record why.

Every inflected form is built by a ``Chain``: the lemma, then each suffix in order.
Each step is recorded (``RawStep``) so that ``explain`` can tell a learner which rule
chose each variant; ``inflect`` just reads ``chain.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import exceptions
from .phonology import BACK_VOWELS, FRONT_VOWELS, VOWELS, V, harmony, sound_class, vowel_harmony_of_suffix
from .suffixes import SUFFIXES

VOICING = {"п": "б", "к": "г", "қ": "ғ"}
# Spelling merges at a morpheme boundary (Kazakh writes ый/ій as и, йа as я, ...).
_MERGES = {
    ("ы", "й"): ("", "и"), ("і", "й"): ("", "и"),   # оқы + й -> оқи
    ("ы", "у"): ("", "у"), ("і", "у"): ("", "у"),   # оқы + у -> оқу
    ("й", "а"): ("", "я"), ("й", "у"): ("", "ю"),   # қой + а -> қоя, қой + у -> қою
    ("и", "а"): ("и", "я"), ("и", "у"): ("и", "ю"),  # жи + а -> жия, си + у -> сию
}


@dataclass
class RawStep:
    """One link of the chain; ``kind`` is a rule key rendered by explain.py."""
    kind: str                 # "stem", "suffix", "voicing", "vowel_drop", "soft_sign", "geminate", "merge", "p_to_u", "word"
    morpheme: str
    info: dict = field(default_factory=dict)


class Chain:
    __slots__ = ("lemma", "pos", "text", "harm", "steps", "bare", "record")

    def __init__(self, lemma: str, pos: str, record: bool = True, harm: str | None = None):
        self.lemma = lemma
        self.pos = pos
        self.text = lemma
        self.harm = harm or harmony(lemma)
        self.bare = True  # no suffix attached yet: lexical stem changes apply only here
        self.record = record
        self.steps: list[RawStep] = [RawStep("stem", lemma, {"harmony": self.harm, "reason": harmony_reason(lemma, self.harm)})] if record else []

    def copy(self) -> "Chain":
        """A cheap copy (for paradigms that share a prefix: кітабым -> кітабымды, кітабымда ...)."""
        new = Chain.__new__(Chain)
        new.lemma, new.pos, new.text, new.harm = self.lemma, self.pos, self.text, self.harm
        new.bare, new.record, new.steps = self.bare, self.record, list(self.steps)
        return new

    # -- stem changes -------------------------------------------------------
    def _note(self, kind: str, before: str, after: str, **info) -> None:
        if self.record:
            self.steps.append(RawStep(kind, after, {"before": before, **info}))

    def _simplify_geminate(self) -> None:
        """процесс -> процес-: a loan's final double consonant is written once before a suffix."""
        t = self.text
        if self.bare and len(t) > 2 and t[-1] == t[-2] and t[-1] not in VOWELS:
            self.text = t[:-1]
            self._note("geminate", t, self.text, letter=t[-1])

    def _before_vowel(self) -> None:
        """Changes of a consonant-final stem before a vowel-initial suffix."""
        t = self.text
        ex = exceptions()
        lemma = self.lemma.lower()
        if t.endswith("ь"):
            self.text = t[:-1]
            self._note("soft_sign", t, self.text)
            return
        drops = ex.vowel_drop_nouns if self.pos == "N" else ex.vowel_drop_verbs
        if self.bare and lemma in drops and len(t) > 2 and t[-2] in "ыі":
            self.text = t[:-2] + t[-1]
            self._note("vowel_drop", t, self.text, vowel=t[-2])
            return
        self._simplify_geminate()
        t = self.text
        keeps = ex.no_voicing_nouns if self.pos == "N" else ex.no_voicing_verbs
        if t[-1] in VOICING and len(t) > 1 and t[-2] in VOWELS and not (self.bare and lemma in keeps):
            self.text = t[:-1] + VOICING[t[-1]]
            self._note("voicing", t, self.text, old=t[-1], new=VOICING[t[-1]])

    # -- attaching ------------------------------------------------------------
    def _silent_d(self, vowel_initial: bool) -> None:
        """съезд -> съез-ге: the д of a loan's final -зд is silent and not written before a
        consonant; before a vowel it is heard and kept (съезді, apertium agrees)."""
        t = self.text
        if self.bare and not vowel_initial and t.endswith("зд") and self.pos == "N":
            self.text = t[:-1]
            self._note("silent_d", t, self.text)

    def add(self, suffix_id: str) -> "Chain":
        suf = SUFFIXES[suffix_id]
        self._silent_d(suf.vowel_initial)
        cls = sound_class(self.text)
        if suf.vowel_initial and cls != V:
            self._before_vowel()
        elif self.bare:
            self._simplify_geminate()
        harm = suf.fixed_harmony or self.harm
        form = suf.form(cls, self.harm)
        self._join(form)
        if self.record:
            self.steps.append(RawStep("suffix", form, {"id": suffix_id, "cls": cls, "harmony": harm,
                                                        "after": self._previous_text(form)}))
        new_harm = _suffix_harmony(form)
        if new_harm:
            self.harm = new_harm
        self.bare = False
        return self

    def _previous_text(self, form: str) -> str:
        return self.text[: len(self.text) - len(form)] if self.text.endswith(form) else self.text

    def _join(self, form: str) -> None:
        t = self.text
        if form and self._st_t(form):
            # журналист + тер -> журналистер: a loan's final -ст absorbs the т of a suffix
            if self.record:
                self.steps.append(RawStep("merge", t + form[1:], {"left": "ст", "right": "т", "written": "ст"}))
            self.text = t + form[1:]
            return
        if form:
            merge = _MERGES.get((t[-1], form[0]))
            if merge is not None:
                keep, first = merge
                left, cut = t[-1], 1
                if first == "у" and keep == "" and t[-2:-1] == "й":
                    left, cut, first = t[-2:], 2, "ю"   # ұйы + у -> ұю (й + у is written ю)
                joined = t[:-cut] + keep + first + form[1:]
                if self.record:
                    self.steps.append(RawStep("merge", joined, {"left": left, "right": form[0], "written": keep + first}))
                self.text = joined
                return
        self.text = t + form

    def _st_t(self, form: str) -> bool:
        """Polysyllabic nouns in -ст (журналист, турист, социалист; not үст) before т-."""
        t = self.text
        return (self.bare and self.pos == "N" and form[0] == "т" and t.endswith("ст")
                and sum(c in VOWELS for c in t) > 1)

    def add_word(self, word: str) -> "Chain":
        """A separate word after a space (question particle, auxiliary verb)."""
        self.text = f"{self.text} {word}"
        self.harm = vowel_harmony_of_suffix(word)
        self.bare = False
        if self.record:
            self.steps.append(RawStep("word", word, {}))
        return self

    def replace_last(self, old: str, new: str, kind: str) -> None:
        """Lexical stem change such as тап -> тау- before the converb -ып."""
        before = self.text
        self.text = self.text[: len(self.text) - len(old)] + new
        self._note(kind, before, self.text)


@lru_cache(maxsize=4096)
def _suffix_harmony(form: str) -> str | None:
    """Harmony a suffix passes on (None if it has no back/front vowel: -й, -р, -м)."""
    return vowel_harmony_of_suffix(form) if any(c in BACK_VOWELS or c in FRONT_VOWELS for c in form) else None


def harmony_reason(word: str, harm: str) -> dict:
    """Which letter decided the harmony of ``word`` (for explanations)."""
    w = word.lower()
    if w in exceptions().harmony:
        return {"why": "listed"}
    if w.endswith("ь"):
        return {"why": "soft_sign"}
    wanted = BACK_VOWELS if harm == "back" else FRONT_VOWELS
    for c in reversed(w):
        if c in wanted:
            return {"why": "vowel", "vowel": c}
    return {"why": "neutral", "vowel": next((c for c in reversed(w) if c in VOWELS), "")}
