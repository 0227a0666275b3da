"""Lesson content files (``assets/lessons/NN-slug.yaml``): finding and loading them, the Kazakh
inside their markup, each lesson's vocabulary, and the seeded randomness of generated items.

Data only: ``qazaq.lesson`` turns it into views and ``qazaq.lesson_items`` into activities.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from qazaq.shared import ASSETS

LESSONS_DIR = ASSETS / "lessons"
GLOSS_LANGS = ("en", "ru", "tr")
MAP_NOTEBOOK = "00-course-map.ipynb"
KAZAKH_MARKUP = re.compile(r"\{\{(.+?)\}\}")  # {{Kazakh}} inside lesson text


class LessonError(ValueError):
    """A lesson content file is missing or malformed; the message names the file and the place."""


def lesson_files() -> list[Path]:
    return sorted(LESSONS_DIR.glob("[0-9][0-9]-*.yaml"))


def _number(path: Path) -> int:
    return int(path.name[:2])


def numbers() -> list[int]:
    """The lesson numbers, in course order."""
    return [_number(p) for p in lesson_files()]


def neighbours(number: int) -> tuple[int | None, int | None]:
    """The lessons before and after ``number`` (None at either end of the course)."""
    found = numbers()
    i = found.index(int(number))
    return (found[i - 1] if i > 0 else None), (found[i + 1] if i + 1 < len(found) else None)


def text_in(value: Any, lang: str) -> str:
    """A learner-facing text in ``lang``: a mapping ``{en, ru, tr}`` gives that language's string,
    English when it lacks one (de, fa: the interface is translated, lesson texts not yet); a plain
    string is English."""
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or next((v for v in value.values() if v), ""))
    return "" if value is None else str(value)


def lesson_title(data: Mapping, lang: str) -> str:
    return text_in(data.get("title"), lang)


@lru_cache(maxsize=32)
def load(number: int) -> dict:
    """The content of lesson ``number`` as a dict (see assets/lessons/README.md)."""
    found = [p for p in lesson_files() if _number(p) == int(number)]
    if not found:
        raise LessonError(f"No lesson {number}: expected assets/lessons/{int(number):02d}-<slug>.yaml")
    with found[0].open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if not isinstance(data, dict):
        raise LessonError(f"{found[0].name}: not a YAML mapping")
    if "title" not in data and "title_en" in data:  # the format before Curriculum 2.0
        data["title"] = data.pop("title_en")
    data.setdefault("number", int(number))
    data.setdefault("slug", found[0].stem[3:])
    return data


def notebook_name(number: int) -> str:
    return f"{int(number):02d}-{load(number)['slug']}.ipynb"


def kazakh_in_markup(text: Any) -> list[str]:
    """The Kazakh pieces of a markup text (``{{…}}``), for the spelling tests."""
    if isinstance(text, Mapping):
        return [k for v in text.values() for k in kazakh_in_markup(v)]
    return [m.group(1).replace("**", "") for m in KAZAKH_MARKUP.finditer(str(text))]


# Fields whose plain-string value is learner-facing prose (English), not Kazakh: each should be a
# mapping {en, ru, tr}. Elsewhere a plain string is Kazakh (a prompt, an option, a sentence) or data.
PROSE_FIELDS = frozenset({"title", "grammar", "goals", "culture_title", "culture", "summary", "text", "after",
                          "markdown", "caption", "headers"})
_LATIN = re.compile(r"[A-Za-z]{2,}")


def _is_prose(text: str) -> bool:
    """Whether a plain string says something in a learner's language (not only {{Kazakh}} or tags)."""
    return bool(_LATIN.search(KAZAKH_MARKUP.sub(" ", text)))


def text_slots(value: Any, where: str = "", field: str = "") -> list[tuple[str, dict]]:
    """Every learner-facing text of a lesson (or a part of one) as (where, {language: text}): a
    mapping with an ``en`` key is one text; ``prompt_en``/``prompt_ru``/``prompt_tr`` keys are one
    text; a plain string in a prose field is an English-only text. For the translation counts."""
    if isinstance(value, Mapping):
        if "en" in value and field not in ("", "sections", "practice", "self_check"):
            return [(where, {k: v for k, v in value.items() if k in GLOSS_LANGS and v})]
        found = []
        if any(k in value for k in GLOSS_LANGS):  # an item or example with its translation beside "kk"
            found.append((f"{where}: translation" if where else "translation",
                          {g: value[g] for g in GLOSS_LANGS if value.get(g)}))
        prefixes = {k[:-3] for k in value if isinstance(k, str) and k[-3:] in ("_en", "_ru", "_tr")}
        for prefix in sorted(prefixes - {"title"}):  # title_en: the old format, counted below as prose
            found.append((f"{where}: {prefix}", {g: value[f"{prefix}_{g}"] for g in GLOSS_LANGS if value.get(f"{prefix}_{g}")}))
        for key, inner in value.items():
            if key in GLOSS_LANGS or (isinstance(key, str) and key[:-3] in prefixes and key[-3:] in ("_en", "_ru", "_tr")):
                continue
            label = _label(value, key, where)
            found += text_slots(inner, label, key)
        return found
    if isinstance(value, list):
        found = []
        for i, inner in enumerate(value):
            found += text_slots(inner, _item_label(inner, where, i), field)
        return found
    if isinstance(value, str) and field in PROSE_FIELDS and _is_prose(value):
        return [(where, {"en": value})]
    return []


def _label(parent: Mapping, key: str, where: str) -> str:
    return f"{where}: {key}" if where else str(key)


def _item_label(item: Any, where: str, i: int) -> str:
    if isinstance(item, Mapping) and item.get("id"):
        return f"{where} {item['id']}"
    return f"{where} [{i + 1}]"


@lru_cache(maxsize=1)
def course_vocabulary():
    from qazaq.content.vocab import vocabulary  # here, not on top: pages without vocabulary load no pandas

    return vocabulary(derived=False)  # IPA is computed on request, not for all 1,200 words


def lesson_vocabulary(number: int):
    frame = course_vocabulary()
    return frame[frame["lesson"] == int(number)].sort_values("id").reset_index(drop=True)


def seeded(seed: Any) -> random.Random:
    """The one source of randomness for generated items: the same lesson every time."""
    return random.Random(str(seed))
