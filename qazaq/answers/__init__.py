"""Answer checking that teaches: accepts what deserves it and names the mistake.

    >>> check("кiтапка", "кітапқа").verdict   # Latin i, and к for қ
    'almost'

See docs/answers.md for the hint codes, the scoring and the answer-key format.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from qazaq.answers import endings, grammar
from qazaq.answers.diagnose import Finding, common_prefix, diagnose_word, readings
from qazaq.answers.messages import message
from qazaq.answers.normalize import has_cyrillic, normalize, squash_space
from qazaq.answers.scripts import to_cyrillic

__all__ = ["Answer", "Check", "Hint", "check", "clear_caches"]

# Accepted, with a note (docs/answers.md: scoring).
ALMOST = {"special-letter": 0.8, "other-script": 0.8, "typo": 0.7, "spacing": 0.7}
# Wrong, but the right word with a grammar slip: a little partial credit.
RIGHT_WORD = {"vowel-harmony", "consonant-assimilation", "stem-alternation", "wrong-form", "word-order"}
PARTIAL_SCORE = 0.25
MAX_EXTRA_WORDS = 20  # beyond this a response is not diagnosed word by word


@dataclass(frozen=True)
class Hint:
    code: str
    message: str
    position: int = 0  # 1-based letter in `word` (0: the whole word or answer)
    found: str = ""
    wanted: str = ""
    word: str = ""


@dataclass(frozen=True)
class Answer:
    """An accepted answer; lemma and tags let the checker name the grammar of a wrong form."""
    text: str
    lemma: str | None = None
    tags: tuple[str, ...] | str | None = None


@dataclass(frozen=True)
class Check:
    correct: bool
    verdict: str  # "correct" | "almost" | "wrong"
    score: float
    hints: list[Hint] = field(default_factory=list)
    expected: str = ""  # the accepted answer closest to the response
    normalized: str = ""  # the response as compared (normalized, Cyrillic if converted)

    @property
    def codes(self) -> list[str]:
        return [h.code for h in self.hints]


def _as_answer(item) -> Answer:
    if isinstance(item, Answer):
        if isinstance(item.tags, list):  # keep answers hashable (results are cached)
            return Answer(item.text, item.lemma, tuple(item.tags))
        return item
    if isinstance(item, str):
        return Answer(item)
    if isinstance(item, Mapping) and isinstance(item.get("text"), str):
        tags = item.get("tags")
        return Answer(item["text"], item.get("lemma"), tuple(tags) if isinstance(tags, list) else tags)
    raise TypeError(f"An accepted answer must be a string, an Answer or a dict with 'text', not {item!r}")


def _answers(accepted) -> tuple[Answer, ...]:
    items = [accepted] if isinstance(accepted, (str, Answer, Mapping)) else list(accepted or [])
    answers = tuple(_as_answer(a) for a in items)
    if not answers:
        raise ValueError("check() needs at least one accepted answer")
    return answers


def _after_number(words: list[str], i: int) -> bool:
    return i > 0 and (words[i - 1] in endings.quantity_words() or words[i - 1].isdigit())


def _aligned(rw: list[str], ew: list[str]) -> Iterable[tuple[str | None, str | None, int]]:
    """Pairs (response word, expected word, index in expected) aligned by similarity."""
    if len(rw) == len(ew):
        yield from ((r, e, i) for i, (r, e) in enumerate(zip(rw, ew)))
        return
    matcher = difflib.SequenceMatcher(None, rw, ew, autojunk=False)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        n = max(i2 - i1, j2 - j1)
        for k in range(n):
            r = rw[i1 + k] if i1 + k < i2 else None
            e = ew[j1 + k] if j1 + k < j2 else None
            yield r, e, j1 + k if e is not None else j1


def _word_findings(rw: list[str], ew: list[str], lemma: str | None, tags: str | None) -> list[Finding]:
    out: list[Finding] = []
    for r, e, i in _aligned(rw, ew):
        if r is None:
            out.append(Finding("missing-word", i + 1, "", e, e))
        elif e is None:
            out.append(Finding("extra-word", 0, r, "", ""))
        else:
            out.extend(_engine_recheck(r, e, diagnose_word(r, e, _after_number(ew, i)), lemma, tags))
    return out


def _crosses(extra: str) -> bool:
    """The ending table read verb endings on one side and noun endings on the other (алма/алда)."""
    found, _, wanted = extra.partition(">")
    kinds = [{endings.family(g) in endings.VERBAL for g in side.split("+") if g != "-"} for side in (found, wanted)]
    return kinds[0] != kinds[1] and all(kinds)


def _doubtful(extra: str) -> bool:
    """A table reading worth the engine's check: a case or possessive followed by a personal
    ending is usually a misread verb (бар|амын read as dative + 'I am')."""
    grams = extra.replace(">", "+").split("+")
    return any(g.startswith("pers.") for g in grams) and any(endings.family(g) in endings.NOMINAL for g in grams)


def _engine_recheck(r: str, e: str, findings: tuple[Finding, ...], lemma: str | None,
                    tags: str | None) -> tuple[Finding, ...]:
    """The morphology engine's second opinion on a word the ending table calls wrong:
    another form of the right word (кітабым for кітапқа, маған for мені, барсам for барамын)
    becomes wrong-form with the grammar named from the engine's tags; a table "wrong form"
    whose endings cross noun/verb and that the engine cannot relate becomes wrong-word."""
    if len(findings) != 1:
        return findings
    f = findings[0]
    crossing = f.code == "wrong-form" and ">" in f.extra and _crosses(f.extra)
    doubtful = f.code == "wrong-form" and (lemma or _doubtful(f.extra) or grammar.is_pronoun_form(r)
                                           or grammar.is_pronoun_form(e))
    if not (f.code == "wrong-word" or crossing or doubtful):
        return findings
    verdict = grammar.recheck(r, e, lemma, tags)
    if verdict.same:
        got, want = verdict.same
        extra = f"engine|{got.lemma}|{got.tags}|{want.tags}"
        fixed = grammar.restore_letters(r, e)[0] if verdict.restored else r
        letters = tuple(Finding("special-letter", i, r[i - 1], fixed[i - 1], fixed) for i in verdict.restored)
        return letters + (Finding("wrong-form", common_prefix(r, e) + 1, r, e, e, extra),)
    if crossing and verdict.known:
        return (Finding("wrong-word", 0, r, e, e),)
    return findings


@lru_cache(maxsize=65536)
def compare(response: str, expected: str, lemma: str | None = None, tags: str | None = None) -> tuple[Finding, ...]:
    """Findings for a normalized response against one normalized accepted answer
    (``lemma``/``tags``: the answer key's UniMorph reading of it, if any)."""
    if response == expected:
        return ()
    rw, ew = response.split(), expected.split()
    if not rw:
        return (Finding("nothing"),)
    if len(rw) > len(ew) + MAX_EXTRA_WORDS:
        return (Finding("wrong-word", 0, response[:40] + "…", expected, expected),)
    if len(rw) != len(ew) and "".join(rw) == "".join(ew):
        return (Finding("spacing", 0, response, expected, expected),)
    if len(rw) > 1 and sorted(rw) == sorted(ew):
        return (Finding("word-order", 0, response, expected, expected),)
    return tuple(_word_findings(rw, ew, lemma, tags))


def score_of(findings: tuple[Finding, ...]) -> tuple[str, float]:
    """Verdict and score (docs/answers.md: scoring)."""
    if not findings:
        return "correct", 1.0
    codes = {f.code for f in findings}
    if codes <= ALMOST.keys():
        penalty = 0.1 * (len(findings) - 1)
        return "almost", round(max(0.5, min(ALMOST[c] for c in codes) - penalty), 2)
    wrong = codes - ALMOST.keys()
    return "wrong", PARTIAL_SCORE if wrong <= RIGHT_WORD else 0.0


def _key_reading(answer: Answer) -> tuple[str | None, str | None]:
    """The answer key's lemma and tags as the engine takes them (tags joined with ';')."""
    tags = answer.tags
    tags = ";".join(map(str, tags)) if isinstance(tags, tuple) else tags if isinstance(tags, str) else None
    lemma = answer.lemma.strip().lower() if isinstance(answer.lemma, str) and answer.lemma.strip() else None
    return lemma, (tags or None) if lemma else None


def _best(response: str, answers: tuple[Answer, ...]) -> tuple[tuple[Finding, ...], Answer]:
    """The accepted answer that explains the response best (first one wins ties)."""
    best = None
    for answer in answers:
        findings = compare(response, normalize(answer.text), *_key_reading(answer))
        if not findings:
            return findings, answer
        verdict, score = score_of(findings)
        rank = (score, -len(findings))
        if best is None or rank > best[0]:
            best = (rank, findings, answer)
    return best[1], best[2]


@lru_cache(maxsize=65536)
def _check(response: str, answers: tuple[Answer, ...], lang: str, script: str = "cyrl") -> Check:
    normalized = normalize(response)
    prefix: tuple[Finding, ...] = ()
    if not has_cyrillic(normalized) and any(has_cyrillic(a.text) for a in answers):
        converted = to_cyrillic(response)
        if converted is not None:
            typed, normalized = converted[0], normalize(converted[1])
            if typed != script:  # the learner's own script is no slip at all
                prefix = (Finding("other-script", 0, normalized, "", "", typed),)
    findings, answer = _best(normalized, answers)
    findings = prefix + findings
    verdict, score = score_of(findings)
    hints = [Hint(f.code, message(f, lang, script), f.pos, f.found, f.wanted, f.word) for f in findings]
    return Check(verdict != "wrong", verdict, score, hints, squash_space(answer.text), normalized)


def check(response: str, accepted: str | Answer | Mapping | list, *, lang: str = "en",
          script: str = "cyrl") -> Check:
    """Check a typed ``response`` against the accepted answer(s); never raises on any text.

    ``accepted``: one answer or a list (synonyms, variant spellings); each a string,
    an ``Answer(text, lemma=None, tags=None)`` or a dict with those keys.
    ``lang``: language of the hint messages, "en", "ru" or "tr" (others fall back to en).
    ``script``: the learner's chosen script ("cyrl", "latn", "arab"): an answer typed in it is
    judged as the same answer, and the Kazakh in the hints is written in it. (Answers stay
    Cyrillic in ``expected``/``normalized``; display them through qazaq.render.)
    """
    if not isinstance(response, str):
        response = "" if response is None else str(response)
    return _check(response, _answers(accepted), lang, script if script in ("latn", "arab") else "cyrl")


def clear_caches() -> None:
    """Forget every cached result (tests use it to show results do not depend on the cache)."""
    for fn in (_check, compare, diagnose_word, message, normalize, to_cyrillic, endings.parses, readings):
        fn.cache_clear()
    grammar.clear()
