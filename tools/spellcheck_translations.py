"""Spelling witness for our Russian and Turkish: Debian's hunspell ru_RU and tr_TR dictionaries.

    python tools/spellcheck_translations.py [--all]

Checks every ru and tr text of the Abai reader (assets/texts/abai/*.yaml: lines, titles,
introductions, excerpt notes, questions, quiz; assets/texts/abai-glosses.yaml: glosses and word
notes), the interface strings (assets/i18n/ru.yaml, tr.yaml), the lessons (assets/lessons/NN-*.yaml:
every text mapping, {{Kazakh}} and markup stripped), the syllabus point titles, the alphabet's
glosses and notes, the vocabulary's example sentences, the graded assignments and the level tests. Prints, per language, the words checked, the share
hunspell does not know, and the unknown words not yet in the reviewed allow-list
(assets/spelling/translations-allowlist.yaml: word -> why it is right). hunspell is a witness,
not an oracle: it misses proper names, rare and poetic words; those are reviewed and listed,
real misspellings are fixed in the text. --all also prints the allow-listed unknown words.
Exit status 1 when a word is unknown and unreviewed, 2 when hunspell or a dictionary is missing
(apt-get install hunspell hunspell-ru hunspell-tr).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.alphabet import letters  # noqa: E402
from qazaq.content.abai import abai_texts, gloss_translations, note_translations  # noqa: E402
from qazaq.content.lessons import KAZAKH_MARKUP, load, numbers, text_slots  # noqa: E402
from qazaq.content.assignments import assignments  # noqa: E402
from qazaq.content.vocab import vocabulary  # noqa: E402
from qazaq.level_test.items import LEVELS, spec  # noqa: E402
from qazaq.i18n import strings  # noqa: E402
from qazaq.shared import ASSETS  # noqa: E402
from qazaq.syllabus import syllabus  # noqa: E402

DICTIONARIES = {"ru": "ru_RU", "tr": "tr_TR"}
DICT_DIR = Path("/usr/share/hunspell")
ALLOWLIST = ASSETS / "spelling" / "translations-allowlist.yaml"
# A word is a run of the language's letters, apostrophes and hyphens inside it kept
# (Kazak'ın, по-русски); {placeholders} of interface strings are removed first.
WORD = {
    "ru": re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+(?:-[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+)*"),
    "tr": re.compile(r"[A-Za-zÇçĞğİıÖöŞşÜüÂâÎîÛû]+(?:['’-][A-Za-zÇçĞğİıÖöŞşÜüÂâÎîÛû]+)*"),
}
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Cited pieces that are not words of the language: a suffix (-dan, -ған), a Kazakh letter with a
# Turkish ending (а'nın), a letter with one (k'nin), a single letter (ы, b).
_SUFFIX = re.compile(r"(?<![\w'’])-[^\s),;.:/]+")
_CYRILLIC_WITH_ENDING = re.compile(r"[\dА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+['’]\w*")  # а'nın, 1929'dan
_LETTER = re.compile(r"^\w(['’]\w+)?$")
# An ending whose word is gone or quoted: {{Алматы}}'da once the Kazakh is stripped, …mam, "değil"dir.
_ORPHAN_ENDING = re.compile(r"(?:(?<!\w)['’…]|(?<=\w[\"”»]))\w+")
# A Kazakh word quoted in a Russian text (төте) is not Russian: it is left to the Kazakh checks.
_KAZAKH_ONLY = re.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
# Not words of the text's language, so not hunspell's to judge: a cited ending (-ып, -dığında) or stem
# (тап-), a romanized Arabic or Persian word (ḥikma, dawrān), markup (<b>), a letter cited as a
# letter (п becomes у).
_NOT_WORDS = re.compile(r"(?<![\w'’])-\w+(?:['’]\w+)?|(?<![\w-])\w+-(?![\w-])|\S*[ʿḥṣṭḍẓāīūṯḏġ]\S*|</?\w+>")


@dataclass(frozen=True)
class Report:
    lang: str
    tokens: int           # running words checked
    distinct: int         # distinct words
    unknown: dict         # word -> where it occurs, for every word hunspell does not know
    unreviewed: dict      # the unknown words that the allow-list does not cover

    @property
    def unknown_tokens(self) -> int:
        return sum(n for n, _where in self.unknown.values())


def available() -> str | None:
    """None when hunspell and both dictionaries are installed, else what is missing."""
    if shutil.which("hunspell") is None:
        return "hunspell is not installed (apt-get install hunspell hunspell-ru hunspell-tr)"
    missing = [d for d in DICTIONARIES.values() if not (DICT_DIR / f"{d}.dic").exists()]
    return f"hunspell dictionaries missing: {', '.join(missing)} (apt-get install hunspell-ru hunspell-tr)" if missing else None


def _abai_texts(lang: str) -> list[tuple[str, str]]:
    out = []
    for t in abai_texts():
        out += [(f"{t.slug} {name}", field.get(lang, "")) for name, field in
                (("title", t.titles), ("intro", t.intros), ("excerpt", t.excerpts))]
        out += [(f"{t.slug} question {i + 1}", q.get(lang, "")) for i, q in enumerate(t.questions)]
        for i, q in enumerate(t.quiz):
            out += [(f"{t.slug} quiz {i + 1}", text.get(lang, "")) for text in (q.prompt, *q.options)]
        out += [(f"{t.slug} line {i + 1}", getattr(line, lang)) for i, line in enumerate(t.lines)]
    out += [(f"gloss {key}", value.get(lang, "")) for key, value in gloss_translations().items()]
    out += [(f"word note {key[:30]}", value.get(lang, "")) for key, value in note_translations().items()]
    return out


def _assignment_texts(lang: str) -> list[tuple[str, str]]:
    out = []
    for a in assignments():
        local = [("title", a.title), ("intro", a.intro)] + [(i.id, i.prompt) for i in a.items]
        local += [(f"{e.id} {n}", x) for e in a.essays for n, x in [("task", e.task)] + [("rubric", r) for r in e.rubric]]
        out += [(f"assignment {a.id} {where}", text.texts.get(lang, "")) for where, text in local]
    return out


def _level_test_texts(lang: str) -> list[tuple[str, str]]:
    """Every text of the level-test templates in ``lang`` (asks, title, essay), slots left out."""
    out = []

    def walk(value, where: str) -> None:
        if isinstance(value, dict):
            if lang in value and "en" in value:
                out.append((where, str(value[lang])))
            for k, v in value.items():
                walk(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")

    for level in LEVELS:
        walk(spec(level), f"level test {level}")
    return out


def texts(lang: str) -> list[tuple[str, str]]:
    """(where, text) for every text in ``lang``: the Abai texts and glossary, then the interface strings."""
    out = _abai_texts(lang)
    out += [(f"i18n {key}", value) for key, value in strings(lang).items()]
    out += [(f"lesson {n}, {where}", texts[lang]) for n in numbers() for where, texts in text_slots(load(n))
            if texts.get(lang)]
    out += [(f"syllabus point {p.id}", p.title_in(lang)) for p in syllabus().points.values() if dict(p.titles).get(lang)]
    out += [(f"alphabet {x.letter}", f"{x.gloss(lang)} {x.note_in(lang)}") for x in letters()]
    out += [(f"vocabulary {r.id} example", getattr(r, f"example_{lang}")) for r in vocabulary(derived=False).itertuples()]
    out += _assignment_texts(lang) + _level_test_texts(lang)
    return [(where, _prose(text)) for where, text in out if text]


def _prose(text: str) -> str:
    """A text without its {{Kazakh}} and markup (links keep their words)."""
    text = KAZAKH_MARKUP.sub(" ", str(text))
    return _LINK.sub(r"\1", text).replace("**", " ").replace("*", "")  # öğrenci*yim* is one word


def words(lang: str, text: str) -> list[str]:
    text = _CYRILLIC_WITH_ENDING.sub(" ", _SUFFIX.sub(" ", _NOT_WORDS.sub(" ", _PLACEHOLDER.sub(" ", text))))
    text = _ORPHAN_ENDING.sub(" ", text)
    found = [w for w in WORD[lang].findall(text) if not _LETTER.match(w) and len(w) > 1]
    return [w for w in found if not _KAZAKH_ONLY.search(w)] if lang == "ru" else found


def unknown_to_hunspell(lang: str, candidates: set[str]) -> set[str]:
    """The words that hunspell's dictionary for ``lang`` does not accept."""
    result = subprocess.run(["hunspell", "-i", "utf-8", "-d", DICTIONARIES[lang], "-l"],
                            input="\n".join(sorted(candidates)), capture_output=True, text=True, check=True)
    return {w.strip() for w in result.stdout.splitlines() if w.strip()}


def allowlist() -> dict[str, dict[str, str]]:
    """{lang: {word: reason}} from the reviewed allow-list."""
    data = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8")) or {}
    return {lang: {str(w): str(r) for w, r in (data.get(lang) or {}).items()} for lang in DICTIONARIES}


def check(lang: str, allowed: dict[str, str] | None = None) -> Report:
    counts: Counter = Counter()
    first_seen: dict[str, str] = {}
    for where, text in texts(lang):
        for w in words(lang, text):
            counts[w] += 1
            first_seen.setdefault(w, where)
    parts = unknown_to_hunspell(lang, set(counts))
    # hunspell may answer for a part of a hyphenated word (жеребёнок-годовичок -> годовичок)
    unknown = {w for w in counts if w in parts or any(p in parts for p in re.split(r"[-'’]", w))}
    allowed = allowlist()[lang] if allowed is None else allowed
    found = {w: (counts[w], first_seen[w]) for w in sorted(unknown)}
    lowered = {a.lower() for a in allowed}  # a reviewed word is reviewed at the start of a sentence too
    return Report(lang, sum(counts.values()), len(counts), found,
                  {w: v for w, v in found.items() if w.lower() not in lowered})


def stale(lang: str, report: Report, allowed: dict[str, str]) -> list[str]:
    """Allow-listed words that are no longer unknown or used (in any capitalisation)."""
    unknown = {w.lower() for w in report.unknown}
    return sorted(w for w in allowed if w.lower() not in unknown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="also list the reviewed (allow-listed) unknown words")
    args = parser.parse_args(argv)
    missing = available()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    allowed = allowlist()
    ok = True
    for lang in DICTIONARIES:
        r = check(lang, allowed[lang])
        print(f"{lang}: {r.tokens} words ({r.distinct} distinct); unknown to hunspell {DICTIONARIES[lang]}: "
              f"{len(r.unknown)} distinct = {len(r.unknown) / max(r.distinct, 1):.1%}, "
              f"{r.unknown_tokens} running = {r.unknown_tokens / max(r.tokens, 1):.1%}; "
              f"reviewed (allow-listed): {len(r.unknown) - len(r.unreviewed)}; unreviewed: {len(r.unreviewed)}")
        for w, (n, where) in r.unreviewed.items():
            print(f"  UNREVIEWED {w}  ({n}x, first in {where})")
        if args.all:
            for w in sorted(set(r.unknown) - set(r.unreviewed)):
                print(f"  reviewed {w}: {allowed[lang][w]}")
        old = stale(lang, r, allowed[lang])
        if old:
            print(f"  allow-listed but no longer unknown or used (remove): {', '.join(old)}")
        ok = ok and not r.unreviewed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
