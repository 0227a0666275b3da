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
KAZAKH_MARKUP = re.compile(r"\{\{(.+?)\}\}")  # {{Kazakh}} inside lesson text


class LessonError(ValueError):
    """A lesson content file is missing or malformed; the message names the file and the place."""


def lesson_files() -> list[Path]:
    return sorted(LESSONS_DIR.glob("[0-9][0-9]-*.yaml"))


def _number(path: Path) -> int:
    return int(path.name[:2])


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


@lru_cache(maxsize=1)
def course_vocabulary():
    from qazaq.content.vocab import vocabulary  # here, not on top: pages without vocabulary load no pandas

    return vocabulary(derived=False)  # IPA is computed on request, not for all 1,200 words


def lesson_vocabulary(number: int, load: str | None = None):
    """The entries lesson ``number`` introduces; ``load="active"`` only those it drills and
    schedules for review, ``"passive"`` those it shows for recognition."""
    frame = course_vocabulary()
    chosen = frame["lesson"] == int(number)
    if load is not None:
        chosen &= frame["load"] == load
    return frame[chosen].sort_values("id").reset_index(drop=True)


def active_vocabulary(number: int):
    """The entries lesson ``number`` makes active: drilled in its activities, reviewed later."""
    return lesson_vocabulary(number, "active")


def seeded(seed: Any) -> random.Random:
    """The one source of randomness for generated items: the same lesson every time."""
    return random.Random(str(seed))
