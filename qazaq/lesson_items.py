"""Practice items of a lesson (``practice:`` in assets/lessons/NN-slug.yaml) turned into activities.

Hand-written items (``choice type cloze order suffix match listen``) carry their Kazakh and
their translation; generated items (``vocab_match vocab_choice vocab_type vocab_listen``) are
drawn from the lesson's vocabulary with a fixed seed, so a lesson is the same every time.
Kazakh in a ``str`` field, translations as ``en`` (optionally ``ru``, ``tr``) keys.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping

from qazaq.content.lessons import GLOSS_LANGS, LessonError, kazakh_in_markup, lesson_vocabulary, seeded
from qazaq.widgets.choice import Matching, MultipleChoice
from qazaq.widgets.typed import Cloze, Listening, SuffixBuilder, TypeAnswer
from qazaq.widgets.word_order import WordOrder


def _tr(spec: Mapping, prefix: str = "") -> dict | None:
    """The translation mapping of an item: keys en / ru / tr (or prompt_en … with a prefix)."""
    found = {g: spec[prefix + g] for g in GLOSS_LANGS if spec.get(prefix + g)}
    return found or None


def _text(value: Any) -> Any:
    """A YAML value as widget text: a str is Kazakh, a mapping is the learner's language."""
    return dict(value) if isinstance(value, Mapping) else str(value)


def _first(gloss: str) -> str:
    """The first of "a; b" glosses, splitting only outside brackets: "to get married (of a man;
    of a couple)" stays whole rather than showing "to get married (of a man"."""
    depth = 0
    for i, ch in enumerate(gloss):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and gloss.startswith("; ", i):
            return gloss[:i]
    return gloss


def _first_glosses(row) -> set[str]:
    """The first gloss in every language: two entries sharing any of them would make a matching or
    a choice ambiguous for a learner reading that language (en "time" vs "hour" may both be ru "час")."""
    return {_first(str(getattr(row, g))).strip().lower() for g in GLOSS_LANGS if getattr(row, g, None)}


def _gloss(row, first_only: bool = True) -> dict:
    return {g: (_first(str(getattr(row, g))) if first_only else str(getattr(row, g))) for g in GLOSS_LANGS}


# ---------------------------------------------------------------- hand-written items
def _choice(spec, lesson):
    prompt = _text(spec["prompt"]) if "prompt" in spec else _tr(spec, "prompt_")
    return [MultipleChoice(prompt, [_text(o) for o in spec["options"]], spec["answer"], lesson=lesson.key)]


def _type(spec, lesson):
    prompt = _text(spec["prompt"]) if "prompt" in spec else _tr(spec, "prompt_")
    return [TypeAnswer(prompt, spec["accepted"], lesson=lesson.key)]


def _cloze(spec, lesson):
    return [Cloze(spec["sentence"], spec["answers"], translation=_tr(spec), lesson=lesson.key)]


def _order(spec, lesson):
    return [WordOrder(spec["sentence"], translation=_tr(spec), lesson=lesson.key, seed=spec.get("seed", 1))]


def _suffix(spec, lesson):
    stems = spec.get("stems") or [spec["stem"]]
    return [SuffixBuilder(stem, spec["tags"], variants=spec.get("variants"), prompt=_tr(spec, "prompt_"),
                          lesson=lesson.key) for stem in stems]


def _match(spec, lesson):
    pairs = [(kk, _text(right)) for kk, right in spec["pairs"]]
    return [Matching(pairs, lesson=lesson.key, seed=spec.get("seed", 1))]


def _listen(spec, lesson):
    texts = spec.get("texts") or [{"kk": spec["text"], **{g: spec[g] for g in GLOSS_LANGS if g in spec}}]
    return [Listening(t["kk"], translation=_tr(t), lesson=lesson.key) for t in texts]


# ---------------------------------------------------------------- generated from the vocabulary
def _pool(spec, lesson, wanted: int = 4):
    """The lesson's entries that fit the item's filters. The vocabulary is data that keeps
    growing, so when a filter leaves too few entries the filters are relaxed, never the lesson broken."""
    everything = lesson_vocabulary(lesson.number)
    frame = everything
    if spec.get("pos"):
        frame = frame[frame["pos"].isin(_list(spec["pos"]))]
    if spec.get("single_word"):
        frame = frame[~frame["kk"].str.contains(" ")]
    if len(frame) < wanted:
        frame = everything
    rows = list(frame.itertuples())
    if len(rows) < 2:
        raise LessonError(f"Lesson {lesson.number}: too few vocabulary entries for {spec['type']}")
    return rows


def _sample(spec, lesson, default_n: int):
    rows = _pool(spec, lesson, wanted=max(4, spec.get("n", default_n)))
    rng = seeded(f"{lesson.key}:{spec['type']}:{spec.get('seed', 1)}")
    return rows, rng.sample(rows, min(spec.get("n", default_n), len(rows))), rng


def _vocab_match(spec, lesson):
    _rows, chosen, _rng = _sample(spec, lesson, 6)
    # Two entries with the same first gloss (in any language) would make the matching ambiguous: keep the first.
    seen, pairs = set(), []
    for r in chosen:
        if not _first_glosses(r) & seen:
            seen |= _first_glosses(r)
            pairs.append((r.kk, _gloss(r)))
    return [Matching(pairs, lesson=lesson.key, seed=spec.get("seed", 1))]


def _vocab_choice(spec, lesson):
    rows, chosen, rng = _sample(spec, lesson, 3)
    out = []
    for r in chosen:
        others = [o for o in rows if not _first_glosses(o) & _first_glosses(r)]
        options = rng.sample(others, min(3, len(others))) + [r]
        rng.shuffle(options)
        out.append(MultipleChoice(r.kk, [_gloss(o) for o in options], options.index(r), lesson=lesson.key))
    return out


def _vocab_type(spec, lesson):
    _rows, chosen, _rng = _sample(spec, lesson, 3)
    return [TypeAnswer(_gloss(r, first_only=False), r.kk, lesson=lesson.key) for r in chosen]


def _vocab_listen(spec, lesson):
    _rows, chosen, _rng = _sample(spec, lesson, 2)
    return [Listening(r.kk, entry_id=r.id, translation=_gloss(r, first_only=False), lesson=lesson.key)
            for r in chosen]


BUILDERS: dict[str, Callable] = {
    "choice": _choice, "type": _type, "cloze": _cloze, "order": _order, "suffix": _suffix, "match": _match,
    "listen": _listen, "vocab_match": _vocab_match, "vocab_choice": _vocab_choice, "vocab_type": _vocab_type,
    "vocab_listen": _vocab_listen,
}

FAMILY = {"choice": "MultipleChoice", "type": "TypeAnswer", "cloze": "Cloze", "order": "WordOrder",
          "suffix": "SuffixBuilder", "match": "Matching", "listen": "Listening", "vocab_match": "Matching",
          "vocab_choice": "MultipleChoice", "vocab_type": "TypeAnswer", "vocab_listen": "Listening"}


def _list(value) -> list:
    return value if isinstance(value, list) else [value]


def build(practice: Mapping, lesson) -> list:
    """All activities of one practice set, in order."""
    out = []
    for spec in practice.get("items", []):
        builder = BUILDERS.get(spec.get("type"))
        if builder is None:
            raise LessonError(f"Lesson {lesson.number}, practice {practice.get('id')}: unknown item type "
                              f"{spec.get('type')!r} (use one of {', '.join(BUILDERS)})")
        out += builder(spec, lesson)
    return out


# ---------------------------------------------------------------- for the tests
def kazakh_texts(spec: Mapping) -> Iterator[str]:
    """Every Kazakh string a hand-written item shows or accepts (gaps filled with the first answer)."""
    kind = spec.get("type")
    for field in ("prompt",):
        if isinstance(spec.get(field), str):
            yield spec[field]
    if kind == "choice":
        yield from (o for o in spec["options"] if isinstance(o, str))
    elif kind == "type":
        yield from _list(spec["accepted"])
    elif kind == "cloze":
        sentence = spec["sentence"]
        for answer in spec["answers"]:
            sentence = sentence.replace("___", _list(answer)[0], 1)
        yield sentence
    elif kind == "order":
        yield spec["sentence"]
    elif kind == "suffix":
        yield from spec.get("stems") or [spec["stem"]]
    elif kind == "match":
        for kk, right in spec["pairs"]:
            yield kk
            if isinstance(right, str):
                yield right
    elif kind == "listen":
        yield from ([t["kk"] for t in spec["texts"]] if spec.get("texts") else [spec["text"]])


def families(practice_sets: list[Mapping]) -> set[str]:
    return {FAMILY[i["type"]] for p in practice_sets for i in p.get("items", [])}


TEXT_FIELDS = ("title", "goals", "grammar", "culture_title", "culture", "summary")


def _translations_kazakh(spec: Mapping) -> list[str]:
    """Kazakh cited inside an item's translations and prompts (``{{…}}`` in any language)."""
    fields = [spec.get(g) for g in GLOSS_LANGS] + [spec.get("prompt_" + g) for g in GLOSS_LANGS]
    if isinstance(spec.get("prompt"), Mapping):
        fields.append(spec["prompt"])
    return [k for f in fields if f for k in kazakh_in_markup(f)]


def _items_kazakh(where: str, items: list[Mapping]) -> list[tuple[str, str]]:
    found = []
    for spec in items:
        found += [(where, k) for k in kazakh_texts(spec)]
        found += [(where, k) for k in _translations_kazakh(spec)]
    return found


def _table_kazakh(where: str, tables) -> list[tuple[str, str]]:
    tables = tables if isinstance(tables, list) else [tables] if tables else []
    return [(where, k) for table in tables for f in [table.get("caption"), *(table.get("headers") or [])]
            if f for k in kazakh_in_markup(f)]


def lesson_kazakh(data: Mapping) -> list[tuple[str, str]]:
    """(where, Kazakh text) for everything a lesson file shows in Kazakh: inline ``{{…}}`` in
    every text in every language, example sentences, hand-written practice and self-check items."""
    found: list[tuple[str, str]] = [("title_kk", data["title_kk"])]
    for field in TEXT_FIELDS:
        found += [(field, k) for k in kazakh_in_markup(data.get(field) or "")]
    found += [("fixed", item["kk"].replace("…", "").strip()) for item in data.get("fixed") or []]
    for s in data.get("sections", []):
        where = f"section {s['id']}"
        found += [(where, k) for f in ("title", "text", "after", "markdown") for k in kazakh_in_markup(s.get(f) or "")]
        found += [(where, e["kk"].replace("**", "")) for e in s.get("examples", [])]
        found += [(where, k) for e in s.get("examples", []) for g in GLOSS_LANGS for k in kazakh_in_markup(e.get(g) or "")]
        found += _table_kazakh(where, s.get("table"))
    for p in data.get("practice", []):
        where = f"practice {p['id']}"
        found += [(where, k) for f in ("title", "text") for k in kazakh_in_markup(p.get(f) or "")]
        found += _items_kazakh(where, p.get("items", []))
    found += _items_kazakh("self_check", data.get("self_check") or [])
    return found


def _item_claims(where: str, spec: Mapping) -> list[tuple[str, str, str, str]]:
    claims = [(where, *c) for c in spec.get("forms", [])]
    if spec.get("type") == "suffix" and spec.get("answer"):
        claims.append((where, spec["answer"], spec["stem"], spec["tags"]))
    return claims


def form_claims(data: Mapping) -> list[tuple[str, str, str, str]]:
    """(where, form, lemma, tags): every inflected form a lesson file says the engine makes, from
    ``forms: [[form, lemma, tags], …]`` on examples, practice and self-check items, and every suffix item."""
    claims = []
    for s in data.get("sections", []):
        for e in s.get("examples", []):
            claims += [(f"section {s['id']}: {e['kk']}", *c) for c in e.get("forms", [])]
    for p in data.get("practice", []):
        for spec in p.get("items", []):
            claims += _item_claims(f"practice {p['id']}", spec)
    for spec in data.get("self_check") or []:
        claims += _item_claims("self_check", spec)
    return claims
