"""Abai's poems and Words (Қара сөздер) with our translations and word glosses.

Data lives in ``assets/texts/abai/<slug>.yaml`` (format in that folder's README.md).
Each word of a line is written compactly as ``form | lemma | pos | tags | gloss_en [| note]``
so that a whole poem stays readable; a note starting with ``irregular:`` flags a form the
morphology engine is not expected to produce (derivation, converb, archaic form...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from qazaq.shared import ASSETS

ABAI_DIR = ASSETS / "texts" / "abai"
# The glossary's English glosses and word notes in other languages, keyed "lemma | gloss_en" and by the
# English note (one file, not one per text: the same word with the same sense recurs across texts).
GLOSSES_FILE = ASSETS / "texts" / "abai-glosses.yaml"
KINDS = ("poem", "word")
LANGS = ("en", "ru", "tr")  # the languages a text's learner-facing fields are written in
QUIZ_KINDS = ("choice", "typed")
IRREGULAR_PREFIX = "irregular:"
# Punctuation that separates tokens; hyphens inside words (үсті-басы) are kept.
_PUNCT = "«»\"“”„,.;:!?()…–—"
_TOKEN_SPLIT = re.compile(r"[\s" + re.escape(_PUNCT) + r"]+")


class AbaiDataError(ValueError):
    """A text file under assets/texts/abai/ is malformed (the message names file and line)."""


@dataclass(frozen=True)
class Word:
    form: str
    lemma: str
    pos: str
    tags: str
    gloss_en: str
    irregular: bool = False
    note: str = ""

    def gloss(self, lang: str = "en") -> str:
        """The meaning in the learner's language; English where no translation is written yet."""
        if lang == "en":
            return self.gloss_en
        return gloss_translations().get(f"{self.lemma} | {self.gloss_en}", {}).get(lang) or self.gloss_en

    def note_in(self, lang: str = "en") -> str:
        """The note (analysis, loan origin) in the learner's language; English where not written yet."""
        if lang == "en" or not self.note:
            return self.note
        return note_translations().get(self.note, {}).get(lang) or self.note


@dataclass(frozen=True)
class Line:
    kk: str
    en: str
    ru: str = ""
    tr: str = ""
    verified: bool = False
    note: str = ""
    words: tuple[Word, ...] = ()


Localized = dict  # {"en": …, "ru": …, "tr": …}: one learner-facing text in each language


def in_lang(text: Localized, lang: str) -> str:
    """``text`` in ``lang``; English where that language is not written."""
    return text.get(lang) or text.get("en", "")


def _localized(raw, where: str) -> Localized:
    # A plain string is the English text (the files' older form); a mapping gives each language.
    if isinstance(raw, dict):
        found = {str(k): str(v).strip() for k, v in raw.items() if v}
    else:
        found = {"en": str(raw or "").strip()}
    if not found.get("en"):
        raise AbaiDataError(f"{where}: needs an English text (en)")
    return found


@dataclass(frozen=True)
class QuizItem:
    """An authored comprehension question: ``kind`` "choice" (options + answer index) or "typed".

    Prompt and options are {lang: text}; the stored answer is the option's index, the same in
    every language."""
    kind: str
    prompt: Localized
    options: tuple[Localized, ...] = ()
    answer: int = 0
    accepted: tuple[str, ...] = ()


@dataclass(frozen=True)
class Text:
    slug: str
    title: str
    title_en: str
    kind: str
    source: str
    notes: str
    intro_en: str
    lines: tuple[Line, ...]
    excerpt: str = ""
    year: str = ""
    copies: tuple[str, ...] = ()
    questions: tuple[Localized, ...] = field(default=())
    quiz: tuple[QuizItem, ...] = field(default=())
    # The title, introduction and excerpt note in each language (en from title_en, intro_en, excerpt).
    titles: Localized = field(default_factory=dict)
    intros: Localized = field(default_factory=dict)
    excerpts: Localized = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """True when the whole text is given (no excerpt note)."""
        return not self.excerpt

    def title_in(self, lang: str) -> str:
        return in_lang(self.titles, lang) or self.title_en

    def intro(self, lang: str) -> str:
        return in_lang(self.intros, lang) or self.intro_en

    def scope(self, lang: str) -> str:
        """Which part of the work is given ("" for a complete text)."""
        return (in_lang(self.excerpts, lang) or self.excerpt) if self.excerpt else ""

    def question_list(self, lang: str) -> list[str]:
        return [in_lang(q, lang) for q in self.questions]


def tokens(kk: str) -> list[str]:
    """The word tokens of a Kazakh line: split on spaces and punctuation, hyphens kept."""
    return [t.strip("-") for t in _TOKEN_SPLIT.split(kk) if t.strip("-")]


def parse_word(spec: str, where: str) -> Word:
    """Parse ``form | lemma | pos | tags | gloss_en [| note]``."""
    if not isinstance(spec, str):
        # An unquoted "a: b" inside a word line turns it into a YAML mapping.
        raise AbaiDataError(f"{where}: word {spec!r} must be a quoted string")
    parts = [p.strip() for p in str(spec).split("|")]
    if len(parts) not in (5, 6):
        raise AbaiDataError(f"{where}: word {spec!r} needs 5 or 6 '|'-separated fields")
    form, lemma, pos, tags, gloss = parts[:5]
    note = parts[5] if len(parts) == 6 else ""
    irregular = note.startswith(IRREGULAR_PREFIX)
    if irregular:
        note = note[len(IRREGULAR_PREFIX):].strip()
    if not (form and lemma and pos and gloss):
        raise AbaiDataError(f"{where}: word {spec!r} lacks form, lemma, pos or gloss")
    return Word(form, lemma, pos, tags, gloss, irregular, note)


def _parse_line(raw: dict, where: str) -> Line:
    words = tuple(parse_word(w, f"{where} word {i + 1}") for i, w in enumerate(raw.get("words") or []))
    return Line(
        kk=str(raw["kk"]).strip(),
        en=str(raw.get("en") or "").strip(),
        ru=str(raw.get("ru") or "").strip(),
        tr=str(raw.get("tr") or "").strip(),
        verified=bool(raw.get("verified", False)),
        note=str(raw.get("note") or "").strip(),
        words=words,
    )


def _parse_quiz(raw: dict, where: str) -> QuizItem:
    kind = raw.get("type")
    if kind not in QUIZ_KINDS or not raw.get("prompt"):
        raise AbaiDataError(f"{where}: needs type ({' or '.join(QUIZ_KINDS)}) and prompt")
    prompt = _localized(raw["prompt"], f"{where} prompt")
    if kind == "choice":
        options = tuple(_localized(o, f"{where} option {i + 1}") for i, o in enumerate(raw.get("options") or ()))
        answer = raw.get("answer")
        if len(options) < 2 or not isinstance(answer, int) or not 0 <= answer < len(options):
            raise AbaiDataError(f"{where}: a choice needs two or more options and the index of the right one")
        return QuizItem(kind, prompt, options=options, answer=answer)
    accepted = tuple(str(a) for a in raw.get("accepted") or ())
    if not accepted:
        raise AbaiDataError(f"{where}: a typed question needs accepted answers")
    return QuizItem(kind, prompt, accepted=accepted)


def load_text(path: Path) -> Text:
    """Load one YAML text file, raising AbaiDataError with the file name on bad data."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise AbaiDataError(f"{path.name}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise AbaiDataError(f"{path.name}: expected a mapping at the top level")
    missing = [k for k in ("slug", "title", "title_en", "kind", "source", "lines") if not raw.get(k)]
    if missing:
        raise AbaiDataError(f"{path.name}: missing {', '.join(missing)}")
    if raw["kind"] not in KINDS:
        raise AbaiDataError(f"{path.name}: kind must be one of {KINDS}, not {raw['kind']!r}")
    lines = tuple(_parse_line(l, f"{path.name} line {i + 1}") for i, l in enumerate(raw["lines"]))
    return Text(
        slug=str(raw["slug"]),
        title=str(raw["title"]),
        title_en=str(raw["title_en"]),
        kind=str(raw["kind"]),
        source=str(raw["source"]).strip(),
        notes=str(raw.get("notes") or "").strip(),
        intro_en=str(raw.get("intro_en") or "").strip(),
        lines=lines,
        excerpt=str(raw.get("excerpt") or "").strip(),
        year=str(raw.get("year") or ""),
        copies=tuple(str(c) for c in raw.get("copies") or ()),
        questions=tuple(_localized(q, f"{path.name} question {i + 1}") for i, q in enumerate(raw.get("questions") or ())),
        quiz=tuple(_parse_quiz(q, f"{path.name} quiz {i + 1}") for i, q in enumerate(raw.get("quiz") or ())),
        titles=_by_lang(raw, "title"),
        intros=_by_lang(raw, "intro"),
        excerpts=_by_lang(raw, "excerpt"),
    )


def _by_lang(raw: dict, name: str) -> Localized:
    # title_en/title_ru/title_tr, intro_en/…; the English excerpt note is the plain ``excerpt``.
    keys = {lang: f"{name}_{lang}" for lang in LANGS} | ({"en": "excerpt"} if name == "excerpt" else {})
    return {lang: str(raw[key]).strip() for lang, key in keys.items() if raw.get(key)}


@lru_cache(maxsize=1)
def _glossary_translations() -> dict:
    # A missing or broken file means English glosses and notes, never an error in the reader.
    try:
        data = yaml.safe_load(GLOSSES_FILE.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _section(name: str) -> dict[str, dict[str, str]]:
    found = _glossary_translations().get(name) or {}
    return {str(k): {str(l): str(v) for l, v in d.items() if v} for k, d in found.items() if isinstance(d, dict)}


def gloss_translations() -> dict[str, dict[str, str]]:
    """``{"lemma | gloss_en": {"ru": …, "tr": …}}`` from GLOSSES_FILE."""
    return _section("glosses")


def note_translations() -> dict[str, dict[str, str]]:
    """``{note_en: {"ru": …, "tr": …}}``: the word notes, keyed by the English note."""
    return _section("notes")


@lru_cache(maxsize=4)
def _load_all(folder: str) -> tuple[Text, ...]:
    texts = [load_text(p) for p in sorted(Path(folder).glob("*.yaml"))]
    # Poems first, then Words, each in file-name order (files are named to sort sensibly).
    return tuple(sorted(texts, key=lambda t: KINDS.index(t.kind)))


def abai_texts(kind: str | None = None, folder: str | Path | None = None) -> list[Text]:
    """All texts (optionally only ``"poem"`` or ``"word"``), poems first."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS} or None, not {kind!r}")
    texts = _load_all(str(folder or ABAI_DIR))
    return [t for t in texts if kind is None or t.kind == kind]


def abai_text(slug: str, folder: str | Path | None = None) -> Text:
    """One text by slug; KeyError lists the known slugs."""
    for text in abai_texts(folder=folder):
        if text.slug == slug:
            return text
    known = ", ".join(t.slug for t in abai_texts(folder=folder))
    raise KeyError(f"No Abai text {slug!r}. Known: {known}")
