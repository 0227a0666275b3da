"""What is wrong with a typed word: alignment of the response with the expected word.

Works on normalized Cyrillic words and needs no morphology engine: the letters that
differ, where they sit (stem or ending) and which ending they belong to tell a
keyboard problem (special-letter) from a grammar slip (vowel-harmony,
consonant-assimilation, stem-alternation, wrong-form) from a typo or a wrong word.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from qazaq.answers import endings as E

ALTERNATING = {"б": "п", "г": "к", "ғ": "қ"}  # voiced stem end -> the voiceless one typed
HIGH_VOWELS = frozenset("ыіұү")
# Consonants that change with the vowel of an ending: -ға/-ге, -қа/-ке differ by harmony alone.
HARMONY_CONSONANTS = (frozenset("ғг"), frozenset("қк"))  # the vowels dropped in ауыз -> аузы, орын -> орны
MAX_STEM_SEARCH = 8  # how far back from the first difference a stem boundary may be


class Finding(NamedTuple):
    """One mistake, before it is put into words in the learner's language."""
    code: str
    pos: int = 0  # 1-based letter in the expected word (0: the whole word)
    found: str = ""
    wanted: str = ""
    word: str = ""  # the expected word
    extra: str = ""  # code-specific detail (grammar ids, a variant of the message)


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def damerau(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance, capped at ``limit`` (enough to call a typo)."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) >= limit:
            return limit
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def _vowel_before(word: str, i: int) -> bool:
    return any(ch in E.VOWELS for ch in word[:i])


def _special_pairs(response: str, expected: str) -> list[int]:
    """Positions where the response has the keyboard stand-in of a Kazakh letter.

    Keyboard problems never move letters, so past the first other difference the
    words are only compared when they have the same length (no insertions).
    ы for і after another vowel is a vowel-harmony slip in an ending, not a keyboard one.
    """
    same_length = len(response) == len(expected)
    out = []
    for i, (r, e) in enumerate(zip(response, expected)):
        if r == e:
            continue
        if r in E.PLAIN_FOR.get(e, "") and not (r == "ы" and _vowel_before(expected, i)):
            out.append(i)
        elif not same_length:
            break
    return out


def _stem_alternation(response: str, expected: str) -> Finding | None:
    """кітапы for кітабы (voicing), ауызы for аузы (dropped vowel)."""
    cp = common_prefix(response, expected)
    if cp < 2 or cp >= len(expected) or cp >= len(response):
        return None
    r, e = response[cp], expected[cp]
    nxt = expected[cp + 1: cp + 2]
    if expected[cp:cp + 2] in ("ға", "ге"):
        return None  # қалақа for қалаға: the dative ending's consonant, not the stem's
    if ALTERNATING.get(e) == r and nxt in E.VOWELS and response[cp + 1:] == expected[cp + 1:]:
        return Finding("stem-alternation", cp + 1, r, e, expected, "voicing")
    if (r in HIGH_VOWELS and e not in E.VOWELS and nxt in E.VOWELS
            and response[cp + 1:] == expected[cp:]):
        return Finding("stem-alternation", cp + 1, r, "", expected, "vowel-drop")
    return None


def _allomorph_findings(r: E.Ending, e: E.Ending, start: int, word: str) -> list[Finding]:
    """Right ending, wrong variant: harmony if only vowels differ, else assimilation."""
    if r.text == e.text:
        return []
    vowels_only = len(r.text) == len(e.text) and all(
        x == y or (x in E.VOWELS and y in E.VOWELS) or frozenset((x, y)) in HARMONY_CONSONANTS
        for x, y in zip(r.text, e.text)) and any(x != y and x in E.VOWELS for x, y in zip(r.text, e.text))
    code = "vowel-harmony" if vowels_only else "consonant-assimilation"
    return [Finding(code, start + 1, r.text, e.text, word, e.gram)]  # pos: where the ending starts


_family = E.family


def _ending_cost(pair: tuple) -> tuple:
    r_seq, e_seq = pair
    mismatched = sum(a.gram != b.gram for a, b in zip(r_seq, e_seq)) + abs(len(r_seq) - len(e_seq))
    families = sum(_family(a.gram) != _family(b.gram) for a, b in zip(r_seq, e_seq))
    return (mismatched, families, sum(len(x.text) == 1 for x in r_seq + e_seq))


def _joins(stem: str, seq: tuple) -> bool:
    """Consonant-only endings (-м, -ң, -н, -қ) follow a vowel, never a consonant."""
    prev = stem[-1:]
    for x in seq:
        if prev and prev not in E.VOWELS and not any(ch in E.VOWELS for ch in x.text):
            return False
        prev = x.text[-1]
    return True


@lru_cache(maxsize=16384)
def readings(tail: str, lenient: bool, prev: str) -> tuple:
    """Readings of ``tail`` as endings in a possible order after the letter ``prev``."""
    return tuple(seq for seq in E.parses(tail, lenient) if _joins(prev, seq))


def _plausible(pair: tuple) -> bool:
    """Variants of one ending differ in their letters, not by a dropped vowel.

    (мұғалмдер is a typo for мұғалімдер, not a wrong variant -м of the ending -ім.)
    """
    for r, e in zip(*pair):
        if r.gram == e.gram and len(r.text) != len(e.text) and (
                r.text[:1] in E.VOWELS or e.text[:1] in E.VOWELS):
            return False
    return True


def _best_reading(r_tail: str, e_tail: str, stem: str) -> tuple | None:
    r_readings = readings(r_tail, True, stem[-1:])
    e_readings = readings(e_tail, False, stem[-1:]) if r_readings else ()
    pairs = [(rp, ep) for rp in r_readings for ep in e_readings if _plausible((rp, ep))]
    return min(pairs, key=_ending_cost) if pairs else None


def _ending_findings(r_seq, e_seq, k: int, word: str, after_number: bool) -> list[Finding]:
    """Compare the endings typed with the endings wanted, one by one from the stem."""
    while r_seq and e_seq and r_seq[0] == e_seq[0]:  # report only where they part
        k += len(e_seq[0].text)
        r_seq, e_seq = r_seq[1:], e_seq[1:]
    if [x.gram for x in r_seq] == [x.gram for x in e_seq]:
        out, start = [], k
        for r, e in zip(r_seq, e_seq):
            out += _allomorph_findings(r, e, start, word)
            start += len(e.text)
        return out
    r_grams, e_grams = [x.gram for x in r_seq], [x.gram for x in e_seq]
    if after_number and "pl" in r_grams and "pl" not in e_grams:
        return [Finding("wrong-form", k + 1, "".join(x.text for x in r_seq), "", word,
                        "plural-after-number")]
    found = "+".join(r_grams) or "-"
    wanted = "+".join(e_grams) or "-"
    return [Finding("wrong-form", k + 1, "".join(x.text for x in r_seq),
                    "".join(x.text for x in e_seq), word, f"{found}>{wanted}")]


def _endings(response: str, expected: str, after_number: bool) -> list[Finding] | None:
    """Split both words at a shared stem and read the rest as endings (кітап|қа, кітап|та)."""
    cp = common_prefix(response, expected)
    best = None
    for k in range(cp, max(1, cp - MAX_STEM_SEARCH), -1):  # stems of 2+ letters
        if not any(ch in E.VOWELS for ch in expected[:k]):
            break
        reading = _best_reading(response[k:], expected[k:], expected[:k])
        if reading is None:
            continue
        both = bool(reading[0]) and bool(reading[1])
        if not both and k != cp:
            continue  # a whole missing or extra ending starts exactly where they differ
        cost = _ending_cost(reading)
        rank = (not both, cost[:2], k, cost[2])
        if best is None or rank < best[0]:
            best = (rank, k, reading)
    if best is None:
        return None
    _, k, (r_seq, e_seq) = best
    return _ending_findings(r_seq, e_seq, k, expected, after_number)


def _particle(response: str, expected: str) -> list[Finding] | None:
    """Question particle and да/та written as words: ма/ме/ба/бе/па/пе."""
    table = E.particles()
    if response not in table or expected not in table:
        return None
    r, e = E.Ending(table[response], response), E.Ending(table[expected], expected)
    if r.gram == e.gram:
        return _allomorph_findings(r, e, 0, expected)
    return [Finding("wrong-form", 1, response, expected, expected, f"{r.gram}>{e.gram}")]


def _doubled(response: str, expected: str) -> Finding | None:
    """қалағаа for қалаға: one letter typed twice is a slip of the finger, not an extra ending."""
    if len(expected) < 4 or len(response) != len(expected) + 1:
        return None
    for i in range(1, len(response)):
        if response[i] == response[i - 1] and response[:i] + response[i + 1:] == expected:
            return Finding("typo", i, response[i - 1:i + 1], response[i], expected, "double")
    return None


def _harmony_first(response: str, expected: str, after_number: bool, special: list[int]) -> tuple[Finding, ...]:
    """қалаге for қалаға: the г of -ге is right for -ге; the real cause is the front vowel, so
    vowel harmony is named alone, not a "special letter" г for ғ."""
    by_endings = _endings(response, expected, after_number) or []
    if not by_endings or any(f.code != "vowel-harmony" for f in by_endings):
        return ()
    start = by_endings[0].pos - 1  # the stem before the ending must be exactly right
    typed_is_real = bool(readings(response[start:], False, expected[start - 1:start]))  # -ге yes, -ни no
    if typed_is_real and min(special) >= start and response[:start] == expected[:start]:
        return tuple(by_endings)
    return ()


def _typo(response: str, expected: str) -> Finding | None:
    """One slip in a word of 5+ letters, two in a word of 9+, is a typo."""
    allowed = 2 if len(expected) >= 9 else 1 if len(expected) >= 5 else 0
    if not allowed or damerau(response, expected, allowed + 1) > allowed:
        return None
    i = common_prefix(response, expected)
    return Finding("typo", i + 1, response[i:i + 1], expected[i:i + 1], expected)


@lru_cache(maxsize=65536)
def diagnose_word(response: str, expected: str, after_number: bool = False) -> tuple[Finding, ...]:
    """Findings that explain how ``response`` differs from ``expected`` (() if equal)."""
    if response == expected:
        return ()
    double = _doubled(response, expected)
    if double:
        return (double,)
    special = _special_pairs(response, expected)
    if special:
        harmony = _harmony_first(response, expected, after_number, special)
        if harmony:
            return harmony
        found = [Finding("special-letter", i + 1, response[i], expected[i], expected) for i in special]
        fixed = "".join(expected[i] if i in special else ch for i, ch in enumerate(response))
        rest = diagnose_word(fixed, expected, after_number)
        if rest and rest[0].code == "wrong-word":
            return (rest[0]._replace(found=response),)  # су for сүт is not a keyboard problem
        return tuple(found) + rest
    particle = _particle(response, expected)
    if particle is not None:
        return tuple(particle)
    alternation = _stem_alternation(response, expected)
    if alternation:
        return (alternation,)
    by_endings = _endings(response, expected, after_number)
    if by_endings:
        return tuple(by_endings)
    typo = _typo(response, expected)
    if typo:
        return (typo,)
    return (Finding("wrong-word", 0, response, expected, expected),)
