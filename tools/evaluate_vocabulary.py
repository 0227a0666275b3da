"""Evaluate the A1-A2 vocabulary against reference data from outside the project.

    python tools/evaluate_vocabulary.py [--data PATH] [--vocab DIR] [--quiet]

Checks (issue 6): headwords attested in the apertium lexicon / headword list or hunspell-kk
(the rest listed, must stay < 2%); every example contains its headword in some form
(qazaq.morphology when available, else a stem-prefix heuristic) and is spelled correctly
(hunspell-kk; unknown words listed for review); no duplicate (kk, pos), no headword both as a
phrase and as a word, no spelling variant the course does not teach (рахмет); every entry in a
lesson of the syllabus (1-24) with the level of that lesson (assets/lessons/syllabus.yaml: A1 in
1-12, A2 in 13-24), every lesson with vocabulary; English glosses compared with apertium-eng-kaz. Exit status 1
when a hard check fails.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qazaq.content.vocab import VOCAB_DIR, verb_stem_candidates, vocabulary  # noqa: E402
from qazaq.shared import SharedDataMissing, shared_data  # noqa: E402
from qazaq.syllabus import syllabus  # noqa: E402

TOKEN = re.compile(r"[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІіЁё]+(?:-[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІіЁё]+)*")
MAX_UNATTESTED = 0.02
# Final consonants that voice before a vowel-initial suffix (кітап -> кітабы, көк -> көгі).
VOICING = {"п": "б", "к": "г", "қ": "ғ"}
# Particles and clitics written as their harmony variants (да ~ де ~ та ~ те).
PARTICLE_VARIANTS = {"да": ["де", "та", "те"], "ма": ["ме", "ба", "бе", "па", "пе"], "ше": ["ша"]}
# Spelling variants the course does not teach -> the course spelling (README, Conventions). The
# variant is mentioned in the entry's glosses ("also written рахмет"), never used in Kazakh text.
COURSE_SPELLING = {"рахмет": "рақмет"}


def documented_topics(folder: Path = VOCAB_DIR) -> set[str]:
    """The topic list documented in assets/vocabulary/topics.csv."""
    import csv

    with (folder / "topics.csv").open(encoding="utf-8") as fh:
        return {row["topic"] for row in csv.DictReader(fh)}


def tokens(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text)]


# --- reference data -------------------------------------------------------------------

@lru_cache(maxsize=2)
def lexicon(data: Path) -> dict[str, set[str]]:
    """Headword -> inflection classes, from apertium-kaz's lexc and headword list."""
    entries: dict[str, set[str]] = defaultdict(set)
    folder = data / "apertium-kaz" / "lexicon"
    for line in (folder / "headwords.csv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            entries[parts[0].lower()].add(parts[2].split(";")[0].strip())
    lexc = re.compile(r"^\s*([^\s:!%<]+)(?::\S+)?\s+([A-Za-z][\w-]*)\s*;")
    for line in (folder / "apertium-kaz.kaz.lexc").read_text(encoding="utf-8").splitlines():
        match = lexc.match(line)
        if match:
            entries[match.group(1).replace("%", "").lower()].add(match.group(2))
    return entries


# Our part of speech -> apertium tags, so that ту (flag) is not compared with туу (to be born).
APERTIUM_POS = {"noun": {"n", "np"}, "verb": {"v", "vblex", "vbser", "vaux", "vbmod"}, "adj": {"adj"},
                "adv": {"adv"}, "pron": {"prn", "det"}, "num": {"num"}, "post": {"post", "pr"},
                "conj": {"cnjcoo", "cnjsub", "cnjadv"}, "particle": {"part", "postadv", "qst", "adv", "ij"},
                "interj": {"ij"}, "phrase": set()}


@lru_cache(maxsize=2)
def english_pairs(data: Path) -> dict[str, set[tuple[str, str]]]:
    """Kazakh lemma -> (English lemma, apertium tag of the Kazakh side) in apertium-eng-kaz."""
    pairs: dict[str, set[tuple[str, str]]] = defaultdict(set)
    entry = re.compile(r"<l>(.*?)</l>\s*<r>(.*?)</r>")
    strip = re.compile(r"<s [^>]*/>|<g>|</g>|<j/>")
    first_tag = re.compile(r'<s n="([^"]+)"')
    text = (data / "bilingual" / "apertium-eng-kaz.eng-kaz.dix").read_text(encoding="utf-8")
    for eng, kaz in entry.findall(text):
        tag = first_tag.search(kaz)
        eng = strip.sub("", eng).replace("<b/>", " ").replace("_", " ").strip().lower()
        kaz = strip.sub("", kaz).replace("<b/>", " ").strip().lower()
        if eng and kaz:
            pairs[kaz].add((eng, tag.group(1) if tag else ""))
    return pairs


def english_known(pairs, kk: str, pos: str) -> set[str]:
    """Apertium's English for an entry, restricted to the same part of speech when it has any."""
    found = set().union(*(pairs.get(f, set()) for f in lookup_forms(kk.lower(), pos)))
    wanted = APERTIUM_POS.get(pos, set())
    same = {eng for eng, tag in found if tag in wanted}
    return same or ({eng for eng, _ in found} if not wanted else set())


def _singular(gloss: str) -> str:
    """grapes ~ grape, twins ~ twin: number is not a disagreement about meaning."""
    return gloss[:-1] if gloss.endswith("s") and not gloss.endswith("ss") and len(gloss) > 3 else gloss


def our_glosses(en: str) -> set[str]:
    """Our English glosses as bare lemmas: split on ; and , drop (notes) and a leading 'to '."""
    out = set()
    for gloss in re.split(r"[;,]", en):
        gloss = re.sub(r"\(.*?\)", "", gloss).strip().lower()
        out.add(gloss.removeprefix("to ").removeprefix("a ").removeprefix("the ").strip())
    return out - {""}


def hunspell_unknown(words: set[str]) -> set[str] | None:
    """The words hunspell-kk does not accept, or None when hunspell-kk is not installed."""
    if not shutil.which("hunspell") or not Path("/usr/share/hunspell/kk_KZ.dic").exists():
        return None
    result = subprocess.run(["hunspell", "-d", "kk_KZ", "-l"], input="\n".join(sorted(words)),
                            capture_output=True, text=True, check=True)
    return {w.strip().lower() for w in result.stdout.splitlines() if w.strip()}


# --- checks ----------------------------------------------------------------------------

def lookup_forms(kk: str, pos: str) -> list[str]:
    """The strings to look up in a lexicon: verb stems for -у verbs, the word itself otherwise."""
    return verb_stem_candidates(kk) if pos == "verb" else [kk]


def attested(row, lex: dict[str, set[str]], unknown: set[str] | None, analyze=None) -> bool:
    """Single-word headword found outside the project; a one-word phrase (жақсымын) via its lemma."""
    word = row.kk.lower()
    if row.pos == "phrase" and analyze is not None:
        lemmas = {str(a[0]).lower() for a in _cached_analyze(analyze, word)}
        if any(len(l) >= 3 and l != word and l in lex for l in lemmas):
            return True
    for form in lookup_forms(word, row.pos):
        classes = lex.get(form, set())
        if row.pos == "verb" and any(c.startswith("V") for c in classes):
            return True
        if row.pos != "verb" and classes:
            return True
    return unknown is not None and word not in unknown


def _safe_analyze(analyze, word: str) -> list:
    try:
        return list(analyze(word))
    except Exception:  # the engine is young: a crash on one word must not stop the report
        return []


def _morphology():
    try:
        from qazaq.morphology import analyze
    except ImportError:
        return None
    return analyze


def stems(kk: str, pos: str) -> list[str]:
    """Stems whose inflected forms may appear in an example (with final-consonant voicing)."""
    out = []
    for stem in lookup_forms(kk.lower(), pos) or [kk.lower()]:
        out.append(stem)
        if stem[-1:] in VOICING:
            out.append(stem[:-1] + VOICING[stem[-1]])
        if pos == "verb" and stem[-1:] in "ыі":  # оқы-ды but оқ-и-ды
            out.append(stem[:-1])
        if pos == "verb" and stem[-1:] == "п":  # жап- -> жауып, тап- -> тауып
            out.append(stem[:-1] + "у")
        if pos == "noun" and len(stem) > 3 and stem[-2] in "ыі":  # ауыз -> аузы, мұрын -> мұрны
            out.append(stem[:-2] + stem[-1])
    return out + PARTICLE_VARIANTS.get(kk.lower(), [])


def headword_match(kk: str, pos: str, example: str, analyze=None) -> str | None:
    """How ``example`` contains a form of ``kk``: "engine" (qazaq.morphology analysed a token to
    the headword), "heuristic" (stem prefix only), or None. Phrases: each word present in order."""
    words = tokens(example)
    parts = kk.lower().split()
    if len(parts) > 1:  # phrases: every word present, the last one possibly inflected
        last = parts[-1]
        head_ok = all(p in words for p in parts[:-1])
        if head_ok and any(w.startswith(last[:max(2, len(last) - 2)]) for w in words):
            return "heuristic"
        return None
    variants = stems(kk, pos)
    if analyze is not None:
        target = set(variants) | {kk.lower()}
        # only tokens sharing the first letters are analysed: the engine is the slow part
        for word in (w for w in words if any(w[:2] == v[:2] for v in target)):
            if {str(a[0]).lower() for a in _cached_analyze(analyze, word)} & target:
                return "engine"
    if pos in ("particle", "conj", "post") or len(kk) <= 2:  # short words must match exactly
        return "heuristic" if any(w in variants for w in words) else None
    if any(w == s or (w.startswith(s) and len(s) >= 2) for w in words for s in variants):
        return "heuristic"
    return None


def contains_headword(kk: str, pos: str, example: str, analyze=None) -> bool:
    return headword_match(kk, pos, example, analyze) is not None


_ANALYSES: dict[str, list] = {}


def _cached_analyze(analyze, word: str) -> list:
    if word not in _ANALYSES:
        _ANALYSES[word] = _safe_analyze(analyze, word)
    return _ANALYSES[word]


def evaluate(frame, data: Path | None) -> dict:
    report: dict = {"n": len(frame)}
    report["by_level"] = frame.groupby("level").size().to_dict()
    report["by_topic"] = frame.groupby(["level", "topic"]).size().to_dict()
    dup = frame[frame.duplicated(["kk", "pos"], keep=False)]
    report["duplicates"] = sorted(set(zip(dup.kk, dup.pos, dup.id)))
    report["dup_ids"] = frame[frame.id.duplicated()].id.tolist()
    report["phrase_duplicates"] = phrase_duplicates(frame)
    report["variant_spellings"] = variant_spellings(frame)
    report["both_levels"] = both_levels(frame)
    report["lesson_load"] = frame.groupby("lesson").size().to_dict()
    lessons = syllabus().lessons   # an entry's level is the level of the lesson that introduces it
    report["bad_lessons"] = [r.id for r in frame.itertuples() if r.lesson not in lessons or lessons[r.lesson].level != r.level]
    report["lessons_missing"] = sorted(set(lessons) - set(frame.lesson))
    report["unknown_topics"] = sorted(set(frame.topic) - documented_topics())
    analyze = _morphology()
    report["engine"] = "qazaq.morphology.analyze" if analyze else "stem-prefix heuristic (qazaq.morphology absent)"
    how = {r.id: headword_match(r.kk, r.pos, r.example_kk, analyze) for r in frame.itertuples()}
    report["examples_without_headword"] = [(r.id, r.kk, r.example_kk) for r in frame.itertuples() if how[r.id] is None]
    report["examples_engine_confirmed"] = sum(v == "engine" for v in how.values())
    report["examples_single_word"] = int((~frame.kk.str.contains(" ")).sum())
    words = {w for text in frame.example_kk for w in tokens(text)} | {r.kk.lower() for r in frame.itertuples()}
    unknown = hunspell_unknown(words)
    report["hunspell"] = unknown is not None
    if unknown is not None:
        report["example_unknown_words"] = sorted({w for t in frame.example_kk for w in tokens(t)} & unknown)
    if data is None:
        return report
    lex = lexicon(data)
    single = frame[~frame.kk.str.contains(" ")]
    report["single"] = len(single)
    report["unattested"] = [(r.id, r.kk, r.pos) for r in single.itertuples() if not attested(r, lex, unknown, analyze)]
    pairs = english_pairs(data)
    agree, disagree = 0, []
    for r in frame.itertuples():
        known = english_known(pairs, r.kk, r.pos)
        if not known:
            continue
        if {_singular(g) for g in our_glosses(r.en)} & {_singular(g) for g in known}:
            agree += 1
        else:
            disagree.append((r.id, r.kk, r.en, "; ".join(sorted(known)[:6])))
    report["en_covered"] = agree + len(disagree)
    report["en_agree"] = agree
    report["en_disagreements"] = disagree
    return report


def phrase_duplicates(frame) -> list[tuple[str, str]]:
    """The same headword once as a phrase and once as another part of speech (киіз үй): one word
    taught twice. Homonyms with different parts of speech (жас noun / adj) are fine."""
    out = []
    for kk, group in frame.groupby("kk"):
        if len(group) > 1 and (group.pos == "phrase").any():
            out.append((kk, ", ".join(group.id)))
    return out


def variant_spellings(frame) -> list[tuple[str, str, str]]:
    """(id, variant, course spelling) for Kazakh text written with a variant the course does not teach."""
    out = []
    for r in frame.itertuples():
        for word in tokens(r.kk) + tokens(r.example_kk):
            for variant, course in COURSE_SPELLING.items():
                if word.startswith(variant):
                    out.append((r.id, word, course + word[len(variant):]))
    return out


def both_levels(frame) -> list[tuple[str, str]]:
    """Headwords with entries at A1 and at A2 (review: a different sense, or a word taught twice)."""
    levels = frame.groupby("kk")["level"].nunique()
    return [(kk, ", ".join(frame[frame.kk == kk].id)) for kk in levels[levels > 1].index]


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def print_report(report: dict, quiet: bool = False) -> bool:
    ok = True
    print(f"entries: {report['n']}  by level: {report['by_level']}")
    print("by topic:")
    for (level, topic), n in sorted(report["by_topic"].items()):
        print(f"  {level} {topic:20s} {n}")
    print("entries per lesson: " + ", ".join(f"{k}: {v}" for k, v in sorted(report["lesson_load"].items())))
    for key, label in [("duplicates", "duplicate (kk, pos)"), ("dup_ids", "duplicate ids"),
                       ("phrase_duplicates", "headword both as a phrase and as a word"),
                       ("variant_spellings", "Kazakh text using a spelling the course does not teach"),
                       ("bad_lessons", "lesson not in the syllabus, or of another level"), ("unknown_topics", "topics not in topics.csv"), ("lessons_missing", "lessons without vocabulary")]:
        print(f"{label}: {len(report[key])}")
        if report[key]:
            ok = ok and key != "lessons_missing"
            for item in report[key][:50]:
                print("   ", item)
    print(f"headwords at both A1 and A2 (review: another sense, or taught twice): {len(report['both_levels'])}")
    for item in report["both_levels"]:
        print("   ", item)
    bad = report["examples_without_headword"]
    print(f"examples containing their headword ({report['engine']}): "
          f"{_pct(report['n'] - len(bad), report['n'])} ({len(bad)} without); confirmed by the engine for "
          f"{report['examples_engine_confirmed']} of {report['examples_single_word']} single-word headwords, "
          "the rest by stem prefix")
    for item in bad:
        print("   ", item)
    ok = ok and not bad
    if not report["hunspell"]:
        print("hunspell-kk not installed: spelling checks skipped (apt-get install hunspell hunspell-kk)")
    else:
        unk = report["example_unknown_words"]
        print(f"example words unknown to hunspell-kk (review; hunspell misses valid forms): {len(unk)}")
        if not quiet:
            print("   ", " ".join(unk))
    if "unattested" in report:
        un = report["unattested"]
        print(f"single-word headwords attested outside the project: "
              f"{_pct(report['single'] - len(un), report['single'])} ({len(un)} of {report['single']} not)")
        for item in un:
            print("   ", item)
        ok = ok and len(un) <= MAX_UNATTESTED * report["single"]
        print(f"English glosses agreeing with apertium-eng-kaz: {report['en_agree']} of {report['en_covered']} "
              f"covered = {_pct(report['en_agree'], report['en_covered'])}")
        if not quiet:
            for item in report["en_disagreements"]:
                print("    {} {}: ours '{}' / apertium '{}'".format(*item))
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--data", help="reference data folder (default: ../shared/data)")
    parser.add_argument("--vocab", default=str(VOCAB_DIR), help="vocabulary folder")
    parser.add_argument("--quiet", action="store_true", help="do not list review items")
    args = parser.parse_args(argv)
    try:
        data = shared_data(args.data)
    except SharedDataMissing as exc:
        print(f"{exc}\nChecks needing reference data are skipped.")
        data = None
    try:
        frame = vocabulary(args.vocab, derived=False)
    except (ValueError, FileNotFoundError) as exc:
        print(f"Cannot load the vocabulary: {exc}")
        return 2
    return 0 if print_report(evaluate(frame, data), args.quiet) else 1


if __name__ == "__main__":
    sys.exit(main())
