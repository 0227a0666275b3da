"""Level-test items made from the templates in ``assets/level_tests/<level>.yaml``.

A template's ``{slot}`` is a word drawn from a pool of vocabulary headwords, ``{slot|TAGS}`` its
form made by the morphology engine, ``{slot.en}`` its English gloss. The seed fixes every draw,
so one learner always gets the same test back and two learners get equivalent, different ones.
Each item keeps the engine forms it used (``forms``) so a test can re-derive every key.
"""
from __future__ import annotations

import hashlib
import math
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

import yaml

from qazaq.content import vocabulary
from qazaq.content.assignments import Essay  # one free-text item for assignments and level tests
from qazaq.content.languages import Local
from qazaq.i18n import t
from qazaq.morphology import inflect, question
from qazaq.shared import ASSETS

TESTS_DIR = ASSETS / "level_tests"
LEVELS = ("A1", "A2")
LANGS = ("en", "ru", "tr")  # the languages the templates are written in (others read English)
BLOCKS = ("listening", "lexis", "reading", "writing")
BLOCK_TITLES = {"listening": "Listening", "lexis": "Lexis and grammar", "reading": "Reading", "writing": "Writing"}
PARTICLES = ("ма", "ме", "ба", "бе", "па", "пе")
OPTIONS = 4  # answer options of a choice item
DICTATION_POINTS = 2.5
_SLOT = re.compile(r"\{(?P<slot>[^{}|.]+?)(?:\.(?P<attr>\w+))?(?:\|(?P<tags>[^{}]+))?\}")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|—\s+)([a-zа-яёәғқңөұүһі])", re.M)


class LevelTestError(ValueError):
    """A level is unknown or its template file is malformed; the message says which."""


@dataclass(frozen=True)
class Word:
    kk: str          # the vocabulary headword (checked against the level's vocabulary)
    stem: str        # what the engine inflects (the verb stem for verbs)
    en: str
    extra: tuple[tuple[str, str], ...] = ()  # more forms and glosses, e.g. ("past", "went"), ("ru", "идти")
    lesson: int = 0

    def attr(self, name: str) -> str:
        found = {"en": self.en, "kk": self.kk}.get(name) or dict(self.extra).get(name)
        if found is None and name in LANGS:
            return self.en  # a gloss not written in that language: English, never an error
        if found is None:
            raise KeyError(name)
        return found


@dataclass(frozen=True)
class Stimulus:
    """What several items refer to: a sentence or dialogue to listen to, a text to read."""
    id: str
    kind: str   # "audio" | "text"
    kazakh: str


@dataclass(frozen=True)
class Item:
    id: str
    block: str
    kind: str   # "choice" | "text"
    prompt: str  # a Local: English as a str, the learner's language by prompt.in_(lang)
    key: str
    choices: tuple[str, ...] = ()
    labels: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (lang, what each choice shows); values stay `choices`
    points: float = 1.0
    lesson: int = 0
    stimulus: str = ""                                   # Stimulus.id
    forms: tuple[tuple[str, str, str], ...] = ()         # (form, lemma, tags) made by the engine
    kazakh: tuple[str, ...] = ()                         # every Kazakh text the item shows or plays

    @property
    def exact(self) -> bool:  # a choice is right or wrong; typed answers earn partial credit
        return self.kind == "choice"


@dataclass(frozen=True)
class LevelTest:
    level: str
    seed: int
    title: str
    minutes: int
    items: tuple[Item, ...]
    stimuli: dict[str, Stimulus]
    essay: Essay
    version: str  # hash of the template file: grading with other templates would change the keys

    def block(self, name: str) -> list[Item]:
        return [i for i in self.items if i.block == name]

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)


# ---------------------------------------------------------------- templates and pools

def _level(level: str) -> str:
    lv = str(level).strip().upper()
    if lv not in LEVELS:
        raise LevelTestError(f"No level test {level!r}: choose one of {', '.join(LEVELS)}")
    return lv


@lru_cache(maxsize=4)
def spec(level: str) -> dict:
    path = TESTS_DIR / f"{_level(level).lower()}.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["version"] = hashlib.sha1(text.encode()).hexdigest()[:10]
    return data


@lru_cache(maxsize=1)
def _vocab_rows() -> dict[str, tuple[str, int, tuple[tuple[str, str], ...]]]:
    frame = vocabulary(derived=False)
    return {r.kk: (r.en, int(r.lesson), (("ru", _gloss(r.ru)), ("tr", _gloss(r.tr)))) for r in frame.itertuples()}


def _gloss(en: str) -> str:
    return en.split(";")[0].strip()


def _word(entry) -> Word:
    rows = _vocab_rows()
    if isinstance(entry, dict):
        kk = entry["kk"]
        en, lesson, glosses = rows.get(kk, (entry.get("en", ""), 0, ()))
        own = tuple((k, str(v)) for k, v in entry.items() if k not in ("kk", "stem", "en"))
        extra = own + tuple(g for g in glosses if g[0] not in dict(own))  # the template's own words win
        return Word(kk, entry.get("stem", kk), str(entry.get("en") or _gloss(en)), extra, lesson)
    en, lesson, glosses = rows.get(entry, ("", 0, ()))
    return Word(entry, entry, _gloss(en), glosses, lesson)


def _by_lang(template) -> dict[str, str]:
    """A template in every language: a mapping {en, ru, tr}, or one str for all (Kazakh only)."""
    if isinstance(template, dict):
        return {lang: str(template.get(lang) or template["en"]) for lang in LANGS}
    return {lang: str(template) for lang in LANGS}


def _local(template, words: dict[str, "Word"]) -> Local:
    return Local({lang: render(text, words) for lang, text in _by_lang(template).items()})


def _labels(options: tuple["Word", ...], attr: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What each option shows per language when the options are glosses (the stored value is English)."""
    if attr != "en":
        return ()
    return tuple((lang, tuple(w.attr(lang) for w in options)) for lang in LANGS)


@lru_cache(maxsize=4)
def pools(level: str) -> dict[str, tuple[Word, ...]]:
    data = spec(level)
    out = {name: tuple(_word(e) for e in entries) for name, entries in data["pools"].items()}
    out["name"] = tuple(Word(n, n, n) for n in data["names"])
    return out


def _pool_of(slot: str) -> str:
    return slot.rstrip("0123456789")  # country2 draws from country


def _slots(*templates) -> list[str]:
    seen: list[str] = []
    for template in templates:
        for m in _SLOT.finditer(" ".join(_by_lang(template).values())):
            if m["slot"] not in seen and m["slot"] != "word":
                seen.append(m["slot"])
    return seen


def _draw(slots: list[str], level: str, rng: random.Random, taken: dict[str, set] | None = None) -> dict[str, Word]:
    """One word per slot; slots of one pool get different words (and avoid `taken`)."""
    taken = taken if taken is not None else {}
    chosen = {}
    for slot in slots:
        pool = _pool_of(slot)
        used = taken.setdefault(pool, set())
        options = [w for w in pools(level)[pool] if w.kk not in used]
        chosen[slot] = rng.choice(options)
        used.add(chosen[slot].kk)
    return chosen


def _capitalise(text: str) -> str:
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def render(template: str, words: dict[str, Word], forms: list | None = None) -> str:
    """Fill a template; the engine makes every inflected form (recorded in ``forms``)."""
    def fill(m: re.Match) -> str:
        w = words[m["slot"]]
        if m["tags"]:
            form = inflect(w.stem, m["tags"])
            if forms is not None:
                forms.append((form, w.stem, m["tags"]))
            return form
        return w.attr(m["attr"]) if m["attr"] else w.kk

    return _SLOT.sub(fill, template)


def _option_words(key: Word, pool: str, level: str, rng: random.Random, attr: str = "en") -> tuple[Word, ...]:
    """The key and OPTIONS - 1 other words of its pool, shuffled (no two options alike)."""
    by_attr = {w.attr(attr): w for w in pools(level)[pool]}
    others = sorted(set(by_attr) - {key.attr(attr)})
    options = [key] + [by_attr[o] for o in rng.sample(others, OPTIONS - 1)]
    rng.shuffle(options)
    return tuple(options)


def _options(key: Word, pool: str, level: str, rng: random.Random, attr: str = "en") -> tuple[str, ...]:
    return tuple(w.attr(attr) for w in _option_words(key, pool, level, rng, attr))


# ---------------------------------------------------------------- blocks

def _questions(block: str, prefix: str, start: int, stimulus: Stimulus, questions: list[dict],
               words: dict[str, Word], forms: list, level: str, rng: random.Random) -> list[Item]:
    items = []
    for n, q in enumerate(questions, start):
        answer = words[q["answer"]]
        options = _option_words(answer, _pool_of(q["answer"]), level, rng)
        items.append(Item(f"{prefix}{n}", block, "choice", _local(q["ask"], words), answer.en,
                          tuple(w.en for w in options), _labels(options, "en"), lesson=int(q.get("lesson", 0)),
                          stimulus=stimulus.id, forms=tuple(forms), kazakh=(stimulus.kazakh,)))
    return items


def _listening(data: dict, level: str, rng: random.Random, stimuli: dict) -> list[Item]:
    items = []
    sentences = data["sentences"]
    picked = sorted(rng.sample(range(len(sentences)), data["pick"]))
    for n, i in enumerate(picked, 1):
        s = sentences[i]
        words = _draw(_slots(s["say"], s["ask"]), level, rng)
        forms: list = []
        stim = Stimulus(f"L{n}-audio", "audio", _capitalise(render(s["say"], words, forms)))
        stimuli[stim.id] = stim
        items += _questions("listening", "L", n, stim, [s], words, forms, level, rng)
    for n, dialogue in enumerate(data["dialogues"], 1):
        words = _draw(_slots(*dialogue["lines"], *(q["ask"] for q in dialogue["questions"])), level, rng)
        forms = []
        text = "\n".join(_capitalise(render(line, words, forms)) for line in dialogue["lines"])
        stim = Stimulus(f"dialogue{n}", "audio", text)
        stimuli[stim.id] = stim
        items += _questions("listening", "L", len(items) + 1, stim, dialogue["questions"], words, forms, level, rng)
    return items


def _lexis(entries: list[dict], level: str, rng: random.Random) -> list[Item]:
    items, taken = [], {}
    for n, e in enumerate(entries, 1):
        kind = next(k for k in ("form", "particle", "meaning", "translate") if k in e)
        pool = e["pool"] if kind == "form" else e[kind]
        w = _draw([pool], level, rng, taken)[pool]
        prompts = {}
        for lang, text in _by_lang(e["ask"]).items():
            text = text.replace("{word}", w.kk)
            for name in ("en", *LANGS, *dict(w.extra)):
                text = text.replace("{" + name + "}", w.attr(name))
            prompts[lang] = text
        prompt = Local(prompts)
        iid, lesson = f"G{n}", int(e.get("lesson") or w.lesson)
        if kind == "form":
            form = inflect(w.stem, e["form"])
            items.append(Item(iid, "lexis", "text", prompt, form, lesson=lesson,
                              forms=((form, w.stem, e["form"]),), kazakh=(str(prompt), form)))
        elif kind == "particle":
            particle = question(w.kk).split()[-1]
            items.append(Item(iid, "lexis", "choice", prompt, particle, PARTICLES, lesson=lesson,
                              kazakh=(str(prompt).replace("___", particle),)))
        elif kind == "meaning":
            options = _option_words(w, pool, level, rng)
            items.append(Item(iid, "lexis", "choice", prompt, w.en, tuple(o.en for o in options),
                              _labels(options, "en"), lesson=lesson, kazakh=(w.kk,)))
        else:
            options = _options(w, pool, level, rng, attr="kk")
            items.append(Item(iid, "lexis", "choice", prompt, w.kk, options, lesson=lesson, kazakh=options))
    return items


def _reading(data: dict, level: str, rng: random.Random, stimuli: dict) -> list[Item]:
    items: list[Item] = []
    for n, t in enumerate(data["texts"], 1):
        words = _draw(_slots(t["text"], *(q["ask"] for q in t["questions"])), level, rng)
        forms: list = []
        stim = Stimulus(f"text{n}", "text", _capitalise(" ".join(render(t["text"], words, forms).split())))
        stimuli[stim.id] = stim
        items += _questions("reading", "R", len(items) + 1, stim, t["questions"], words, forms, level, rng)
    return items


def _writing(data: dict, level: str, rng: random.Random, stimuli: dict) -> list[Item]:
    items = []
    for n, d in enumerate(data["dictation"], 1):
        words = _draw(_slots(d["say"]), level, rng)
        forms: list = []
        sentence = _capitalise(render(d["say"], words, forms))
        stim = Stimulus(f"W{n}-audio", "audio", sentence)
        stimuli[stim.id] = stim
        prompt = Local({lang: t("level.dictation", lang, n=n) for lang in LANGS})
        items.append(Item(f"W{n}", "writing", "text", prompt, sentence,
                          points=DICTATION_POINTS, lesson=int(d.get("lesson", 0)), stimulus=stim.id,
                          forms=tuple(forms), kazakh=(sentence,)))
    return items


def generate(level: str, seed: int) -> LevelTest:
    """The test of ``level`` for ``seed``: the same seed always gives the same items."""
    data = spec(level)
    rng = random.Random(f"{data['level']}:{int(seed)}")
    stimuli: dict[str, Stimulus] = {}
    items = (_listening(data["listening"], level, rng, stimuli) + _lexis(data["lexis"], level, rng)
             + _reading(data["reading"], level, rng, stimuli) + _writing(data["writing"], level, rng, stimuli))
    e = data["writing"]["essay"]
    essay = Essay(f"W{len(data['writing']['dictation']) + 1}", Local(e["task"]), tuple(Local(r) for r in e["rubric"]),
                  e["model"], float(e["points"]))
    return LevelTest(data["level"], int(seed), Local(data["title"]), int(data["minutes"]), tuple(items), stimuli,
                     essay, data["version"])


# ---------------------------------------------------------------- how many different tests

def _arrangements(slots: list[str], level: str, taken: dict[str, int] | None = None) -> int:
    """Ways to fill `slots` (different words within a pool), given words already taken per pool."""
    taken = dict(taken or {})
    ways = 1
    for slot in slots:
        pool = _pool_of(slot)
        ways *= len(pools(level)[pool]) - taken.get(pool, 0)
        taken[pool] = taken.get(pool, 0) + 1
    return ways


def variant_count(level: str) -> int:
    """How many different item sets ``generate`` can make for ``level`` (items differ in their
    words and keys; which distractors are shown, and in what order, is not counted)."""
    data = spec(level)
    lis = data["listening"]
    per_sentence = [_arrangements(_slots(s["say"], s["ask"]), level) for s in lis["sentences"]]
    sentences = sum(math.prod(per_sentence[i] for i in c) for c in combinations(range(len(per_sentence)), lis["pick"]))
    dialogue = math.prod(_arrangements(_slots(*d["lines"], *(q["ask"] for q in d["questions"])), level)
                         for d in lis["dialogues"])
    lexis_pools = [e["pool"] if "form" in e else next(e[k] for k in ("particle", "meaning", "translate") if k in e)
                   for e in data["lexis"]]
    lexis = _arrangements(lexis_pools, level)
    reading = math.prod(_arrangements(_slots(t["text"], *(q["ask"] for q in t["questions"])), level)
                        for t in data["reading"]["texts"])
    writing = math.prod(_arrangements(_slots(x["say"]), level) for x in data["writing"]["dictation"])
    return sentences * dialogue * lexis * reading * writing


def item_counts(level: str) -> dict[str, int]:
    test = generate(level, 0)
    counts = {b: len(test.block(b)) for b in BLOCKS}
    counts["writing"] += 1  # the free text
    return counts
