"""Taught before used (issue 15): every Kazakh word form a lesson shows is analysed with the
morphology engine, its analysis mapped to the grammar points of the syllabus
(``qazaq.syllabus``), and each point must be introduced in that lesson or an earlier one.

What a lesson shows: every ``{{…}}`` in its texts, its example sentences, its hand-written
practice items, the engine tables it displays, and the examples of the vocabulary entries it
makes active (the vocabulary's ``load`` column; ``check_planned_examples`` checks those examples
for every lesson of the syllabus, with or without a lesson file). Exempt: fixed expressions, i.e. the lesson file's ``fixed:`` list (with glosses)
and the vocabulary's ``phrase`` entries, of this lesson or an earlier one.

A form with several analyses gets the kindest one (the analysis whose points were all
introduced earliest): the checker reports only what cannot be read with what was taught.
Words the course lexicon does not know (names, words outside the vocabulary) are counted as
unanalysed, never reported as violations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Mapping

import yaml

from qazaq.content.lessons import active_vocabulary, course_vocabulary, lesson_files, load
from qazaq.content.vocab import verb_stem_candidates, vocabulary
from qazaq.content.lessons import numbers as all_numbers
from qazaq.lesson_items import form_claims, lesson_kazakh
from qazaq.morphology import analyze, inflect, irregular_lemmas
from qazaq.morphology.analysis import _candidates
from qazaq.shared import ASSETS
from qazaq.syllabus import Point, Syllabus, syllabus, vocabulary_plan

WORD = re.compile(r"(?<![-\w])[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+(?:-[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+)*(?!\w)")
_NOT_KAZAKH = re.compile(r"[^\wӘәҒғҚқҢңӨөҰұҮүҺһІі-]+")
# Function words without grammar that the vocabulary lists once or not at all: sound variants
# (мен: пен, бен; да: де, та, те) and the conjunction ал (and, but), which is not the verb ал- here.
FUNCTION_WORDS = frozenset("пен бен да де та те ғой екен ал ше".split())
_CASE_AND_PSS = ("GEN", "DAT", "ACC", "LOC", "ABL", "INS", "PSS1S", "PSS2S", "PSS3", "PSS1P",
                 "PSS1S;DAT", "PSS3;DAT", "PSS3;LOC", "PSS1S;ACC", "PSS3;ACC")
VERBAL_NOUN_BUNDLES = tuple(f"V;{kind};{extra}" for kind in ("NFIN", "PTCP;PST", "PTCP;PRS") for extra in _CASE_AND_PSS)
IRREGULAR = frozenset({"мен", "сен", "ол", "бұл", "мына", "осы", "сол", "сіз", "біз"})


@dataclass(frozen=True)
class Finding:
    """A form whose grammar point comes after the lesson that uses it."""
    lesson: int
    where: str
    form: str
    point: str
    introduced: int
    text: str

    def __str__(self) -> str:
        return (f"lesson {self.lesson}, {self.where}: {self.form} — {self.point} "
                f"(introduced in lesson {self.introduced}) in «{self.text}»")


@dataclass
class Report:
    forms: int = 0                     # word forms checked (occurrences)
    with_grammar: int = 0              # of which realise at least one checked grammar point
    unanalysed: dict[str, int] = field(default_factory=dict)   # forms the course lexicon does not know
    findings: list[Finding] = field(default_factory=list)

    def by_lesson(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for f in self.findings:
            out[f.lesson] = out.get(f.lesson, 0) + 1
        return dict(sorted(out.items()))


# ---------------------------------------------------------------- the course lexicon
@dataclass(frozen=True)
class Lexicon:
    nouns: frozenset[str]        # every non-verb lemma (nouns, adjectives, numbers, pronouns …): N paradigm
    verbs: frozenset[str]        # verb stems
    by_pos: Mapping[str, frozenset[str]]   # vocabulary pos -> single-word headwords (for suffix points)

    def bare(self, word: str) -> bool:
        """A form that is itself a non-verb lemma carries no grammar."""
        return word in self.nouns or word in FUNCTION_WORDS


@lru_cache(maxsize=1)
def lexicon(extra: tuple[tuple[str, str], ...] = ()) -> Lexicon:
    """Lemmas of the vocabulary, the engine's irregular pronouns and the lemmas lesson files name."""

    frame = vocabulary(derived=False)
    nouns, verbs, by_pos = set(irregular_lemmas()), set(), {}
    for kk, pos in zip(frame["kk"].str.lower(), frame["pos"]):
        words = kk.split()
        if pos == "verb":
            verbs.update(s.split()[-1] for s in verb_stem_candidates(kk))
            nouns.update(words[:-1])            # дем алу: дем is a noun
        else:
            nouns.update(words)
            nouns.add(kk)                       # он бес: a number of two words
            if len(words) == 1:
                by_pos.setdefault(pos, set()).add(kk)
    for lemma, pos in extra:
        (verbs if pos == "V" else nouns).add(lemma.lower())
    return Lexicon(frozenset(nouns), frozenset(verbs), {k: frozenset(v) for k, v in by_pos.items()})


@lru_cache(maxsize=1)
def _lesson_lemmas() -> tuple[tuple[str, str], ...]:
    """Lemmas that lesson files and the spelling allow-list name with their tags (names, loans)."""
    found = set()
    for path in lesson_files():
        for _where, _form, lemma, tags in form_claims(load(int(path.name[:2]))):
            found.add((lemma.lower(), "V" if tags.startswith("V") else "N"))
    allow = yaml.safe_load((ASSETS / "lessons" / "spelling-allowlist.yaml").read_text(encoding="utf-8"))["words"]
    for entry in allow.values():
        if entry.get("lemma"):
            found.add((entry["lemma"].lower(), "V" if entry["tags"].startswith("V") else "N"))
    return tuple(sorted(found))


# ---------------------------------------------------------------- analysing one form
@lru_cache(maxsize=None)
def analyses(word: str) -> tuple[tuple[str, str], ...]:
    """(lemma, tags) readings of a lower-case word with lemmas of the course lexicon."""

    lex = lexicon(_lesson_lemmas())
    candidates = _candidates(word) | {word} | IRREGULAR   # маған, оны: suppletive stems
    found = []
    nouns = sorted(candidates & lex.nouns)
    verbs = sorted(candidates & lex.verbs)
    if nouns:
        found += analyze(word, nouns, pos="N")
    if verbs:
        found += analyze(word, verbs, pos="V")
    # мені is мен's accusative, never "his I": the pronouns' possessive readings are noise.
    found = [(lemma, tags) for lemma, tags in found if not (lemma in IRREGULAR and "PSS" in tags)]
    if not found and verbs:                 # кіруге, баруым: the -у noun and participles take case endings
        found += [(v, tags) for v in verbs for tags in VERBAL_NOUN_BUNDLES if inflect(v, tags) == word]
    if not found and word[-2:] in ("шы", "ші") and len(word) > 3:   # айтыңызшы: imperative + softening -шы
        found = [(lemma, tags) for lemma, tags in analyses(word[:-2]) if ";IMP" in tags]
    return tuple(dict.fromkeys(found))


def _suffix_points(word: str, points: Iterable[Point], lex: Lexicon) -> set[str]:
    out = set()
    for p in points:
        for suffix in p.suffix:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and stem in lex.by_pos.get(p.stem_pos, ()):
                out.add(p.id)
    return out


def points_of_word(word: str, syl: Syllabus | None = None) -> tuple[set[str], bool]:
    """(grammar points of the kindest reading, known?) for one lower-case word."""
    syl = syl or syllabus()
    lex = lexicon(_lesson_lemmas())
    word_points = {p.id for p in syl.points.values() if word in p.words}
    suffix_points = _suffix_points(word, (p for p in syl.points.values() if p.suffix), lex)
    if word_points or suffix_points:
        return word_points | suffix_points, True
    if lex.bare(word):
        return set(), True
    readings = analyses(word)
    if not readings:
        return set(), False
    options = [syl.points_of_tags(tags) for _lemma, tags in readings]
    return min(options, key=lambda pts: (max((syl.introduced_in(p) for p in pts), default=0), len(pts))), True


# ---------------------------------------------------------------- what a lesson shows
def _normal(text: str) -> str:
    return " " + " ".join(_NOT_KAZAKH.sub(" ", text.replace("**", "").lower()).split()) + " "


def lesson_texts(number: int) -> list[tuple[str, str]]:
    """(where, Kazakh text) for everything lesson ``number`` shows, the examples of its active
    vocabulary included (passive entries are for recognition: their examples are not taught)."""

    data = load(number)
    texts = [(where, text) for where, text in lesson_kazakh(data) if not text.strip().startswith("-")]
    for entry in active_vocabulary(number).itertuples():
        texts.append((f"vocabulary {entry.id} example", entry.example_kk))
    return texts


def lesson_tables(number: int) -> list[tuple[str, str, str]]:
    """(where, form, tags) of every engine table the lesson displays: the tags are known, not guessed."""

    out = []
    for s in load(number).get("sections", []):
        tables = s.get("table") or []
        for table in tables if isinstance(tables, list) else [tables]:
            if table.get("lemmas"):
                out += [(f"section {s['id']} table", inflect(lemma, tags), tags)
                        for lemma in table["lemmas"] for tags in table.get("cols", [])]
            elif table.get("lemma"):
                pos = table.get("pos", "N")
                for row in table.get("rows") or []:
                    for col in table.get("cols") or []:
                        tags = ";".join([pos, row, col] + (["SG"] if pos == "N" and col not in ("SG", "PL") else []))
                        if pos == "V":
                            tags = ";".join(["V", row, col])
                        out.append((f"section {s['id']} table", inflect(table["lemma"], tags), tags))
    return out


def fixed_expressions(number: int) -> list[str]:
    """Fixed expressions known in lesson ``number``: the ``fixed:`` lists of it and earlier lessons
    and the vocabulary's phrases taught so far, normalised for matching."""

    found = []
    for path in lesson_files():
        n = int(path.name[:2])
        if n <= number:
            found += [item["kk"].replace("…", " ") for item in load(n).get("fixed") or []]
    vocab = course_vocabulary()
    found += list(vocab[(vocab["pos"] == "phrase") & (vocab["lesson"] <= number)]["kk"])
    return sorted({_normal(f) for f in found if _normal(f).strip()}, key=len, reverse=True)


def _head_fits(point: Point, head: str) -> bool:
    """Whether the first word of a pattern match is what the construction needs."""
    if point.head_tags and not any(point.head_tags in tags for _l, tags in analyses(head)):
        return False
    if point.head_verb:                      # the -а/-е/-й converb: бар-а, оқ-и (оқы), сөйле-й
        verbs = lexicon(_lesson_lemmas()).verbs
        stems = {head[:-1]} | ({head[:-1] + "ы", head[:-1] + "і"} if head.endswith("и") else set())
        return bool(stems & verbs)
    return True


def realisations(text: str, *, fixed: list[str] = (), syl: Syllabus | None = None) -> Iterator[tuple[str, set[str] | None]]:
    """(form, grammar points it realises) for every Kazakh word form of ``text``, constructions
    of two words first (``бара аламын``); points ``None`` for a word the course lexicon does not
    know. Fixed expressions are left out whole; a single cited verb stem ({{кел}}) has no points."""
    syl = syl or syllabus()
    norm = _normal(text)
    for expr in fixed:                      # a fixed expression is exempt as a whole
        norm = norm.replace(expr, " ")
    for point in (p for p in syl.points.values() if p.pattern):
        for m in point.pattern.finditer(norm):
            if _head_fits(point, m.group(0).split()[0]):   # кітап жатыр, мына алма: no verb before the auxiliary
                yield m.group(0), {point.id}
        norm = point.pattern.sub(lambda m: " " if _head_fits(point, m.group(0).split()[0]) else m.group(0), norm)
    words = WORD.findall(norm)
    citation = len(words) == 1 and len(_normal(text).split()) == 1   # {{кел}} cites a stem, not a command
    for word in words:
        if len(word) < 2:
            continue
        if citation and word in lexicon(_lesson_lemmas()).verbs:
            yield word, set()
            continue
        points, known = points_of_word(word, syl)
        yield word, points if known else None


def points_in_text(text: str, syl: Syllabus | None = None) -> set[str]:
    """Every grammar point the Kazakh ``text`` realises (mastery maps an answer to its points)."""
    return {p for _form, points in realisations(text, syl=syl) for p in points or ()}


def check_text(number: int, where: str, text: str, report: Report, *, fixed: list[str], syl: Syllabus) -> None:
    """Add one text's forms and findings to ``report``."""
    for form, points in realisations(text, fixed=fixed, syl=syl):
        report.forms += 1
        if points is None:
            report.unanalysed[form] = report.unanalysed.get(form, 0) + 1
            continue
        if points:
            report.with_grammar += 1
        for pid in sorted(points, key=syl.introduced_in):
            if syl.introduced_in(pid) > number:
                report.findings.append(Finding(number, where, form, pid, syl.introduced_in(pid), text))


def check_lesson(number: int, report: Report | None = None, syl: Syllabus | None = None, *,
                 as_lesson: int | None = None, vocabulary: bool = True) -> Report:
    """Lesson ``number`` checked as the lesson ``as_lesson`` of the syllabus (itself by default:
    a lesson whose content will move checks ready for its new place); ``vocabulary=False`` leaves
    out the examples of its vocabulary entries."""
    report = report if report is not None else Report()
    syl = syl or syllabus()
    place = as_lesson or number
    fixed = fixed_expressions(number)
    for where, text in lesson_texts(number):
        if vocabulary or not where.startswith("vocabulary "):
            check_text(place, where, text, report, fixed=fixed, syl=syl)
    for where, form, tags in lesson_tables(number):
        report.forms += 1
        if _normal(form) in fixed:          # атым in the greetings lesson: a set phrase, whole
            continue
        points = syl.points_of_tags(tags)
        report.with_grammar += bool(points)
        for pid in points:
            if syl.introduced_in(pid) > place:
                report.findings.append(Finding(place, where, form, pid, syl.introduced_in(pid), tags))
    return report


def check_course(numbers: Iterable[int] | None = None) -> Report:
    """Every lesson checked against the syllabus."""

    report, syl = Report(), syllabus()
    for n in (numbers or all_numbers()):
        check_lesson(n, report, syl)
    return report


def check_planned_examples(numbers: Iterable[int] | None = None) -> Report:
    """The examples of the entries each lesson of the syllabus makes active (the vocabulary's
    ``lesson`` and ``load``), checked against that lesson, whether or not its lesson file exists
    yet. Fixed expressions: the vocabulary's phrases of that lesson or earlier."""

    report, syl = Report(), syllabus()
    plan = vocabulary_plan().set_index("id")
    vocab = course_vocabulary().set_index("id")
    planned = plan["lesson"]
    for n in sorted(numbers or syl.lessons):
        phrases = [i for i in plan.index if planned[i] <= n and vocab.loc[i, "pos"] == "phrase"]
        fixed = sorted({_normal(vocab.loc[i, "kk"]) for i in phrases}, key=len, reverse=True)
        for entry_id in plan.index[(planned == n) & (plan["load"] == "active")]:
            check_text(n, f"vocabulary {entry_id} example", vocab.loc[entry_id, "example_kk"], report,
                       fixed=fixed, syl=syl)
    return report
