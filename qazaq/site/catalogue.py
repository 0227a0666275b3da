"""The course catalogue shown on the home page, read from the notebooks themselves.

A lesson's data file (``assets/lessons/NN-slug.yaml``: ``title_kk``, ``title`` {en, ru, tr},
``level``, ``goals``) is read first; otherwise each notebook describes itself in
``metadata.qazaq`` (``title_kk``, ``title`` or ``title_en``, ``level``, ``description``; a title or
description may be a mapping by language) or in its first markdown cell (``# Lesson 1 · Әліпби —
The alphabet``, ``**Level A1 ...**``). Missing pieces fall back to the file name, so a
half-written lesson still appears with a working link. Titles and descriptions are shown in the
visitor's language where the data has it (``Entry.title_in``), else in English.
"""
from __future__ import annotations

import json
import re

import yaml
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from qazaq.shared import REPO_ROOT

LESSONS = REPO_ROOT / "lessons"
LESSON_DATA = REPO_ROOT / "assets" / "lessons"
_HEADING = re.compile(r"^#\s+(?:Lesson\s+(?P<number>\d+)\s*[·:.-]\s*)?(?P<title>.+?)\s*$", re.M)
_LEVEL = re.compile(r"\bLevel\s+(?P<level>[ABC][12])\b")
_TITLE_SPLIT = re.compile(r"\s+[—–]\s+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@dataclass(frozen=True)
class Entry:
    path: str            # relative to lessons/, with forward slashes
    section: str         # "overview", "lesson", "abai" or "practice"
    title_kk: str
    title_en: str
    level: str           # "A1" ... or "" when unknown
    description: str
    number: int | None = None
    titles: tuple[tuple[str, str], ...] = ()        # (language, title) beside the English one
    descriptions: tuple[tuple[str, str], ...] = ()

    def title_in(self, lang: str) -> tuple[str, str]:
        """(title, its language): the visitor's language where there is one, else English."""
        return _in(self.titles, lang, self.title_en)

    def description_in(self, lang: str) -> tuple[str, str]:
        return _in(self.descriptions, lang, self.description)

    @property
    def url(self) -> str:
        return "/voila/render/" + quote(self.path)


def _in(texts: tuple[tuple[str, str], ...], lang: str, english: str) -> tuple[str, str]:
    found = dict(texts).get(lang)
    return (found, lang) if found else (english, "en")


def _by_language(value) -> dict[str, str]:
    """A title or description as {language: text}; a plain string is English."""
    if isinstance(value, dict):
        return {str(k): str(v).strip() for k, v in value.items() if v}
    return {"en": str(value).strip()} if value else {}


def _first_goal(goals: str) -> str:
    first = next((g.strip().lstrip("-* ").strip() for g in str(goals).splitlines() if g.strip()), "")
    return re.sub(r"\{\{(.+?)\}\}", r"\1", first)  # {{word}} markup -> word


def _markdown_cells(nb: dict) -> list[str]:
    return ["".join(c.get("source", "")) for c in nb.get("cells", []) if c.get("cell_type") == "markdown"]


def _split_title(title: str) -> tuple[str, str]:
    """'Әліпби және дыбыстар — The alphabet' -> (kk, en); a lone title goes where its script says."""
    parts = _TITLE_SPLIT.split(title)
    if len(parts) >= 2 and not _CYRILLIC.search(parts[-1]):  # a Kazakh title may itself hold a dash
        return " — ".join(parts[:-1]).strip(), parts[-1].strip()
    return (title, "") if _CYRILLIC.search(title) else ("", title)


def _first_sentence(text: str) -> str:
    text = re.sub(r"[*_`#>]", "", text).strip()
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # markdown links -> their text
    match = re.match(r"(.+?[.!?])(\s|$)", text, re.S)
    return " ".join((match.group(1) if match else text).split())


def _description(cells: list[str]) -> str:
    """First prose paragraph (not a heading, level line or byline), else the first goal."""
    for cell in cells:
        for para in re.split(r"\n\s*\n", cell):
            para = "\n".join(line for line in para.splitlines() if not line.lstrip().startswith("#")).strip()
            if not para or para.startswith(("#", "**Level", "*Abai", "|", "<")) or _LEVEL.search(para):
                continue
            if para.startswith(("- ", "* ", "1. ")):
                return _first_sentence(para.lstrip("-*1. "))
            return _first_sentence(para)
    return ""


def _lesson_data(rel: Path) -> dict:
    """The lesson's YAML (titles, level, first goal as description), {} when absent or unreadable."""
    path = LESSON_DATA / (rel.stem + ".yaml")
    if rel.parent != Path(".") or not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    out = {k: str(data[k]) for k in ("title_kk", "level") if data.get(k)}
    out["title"] = _by_language(data.get("title") or data.get("title_en"))
    out["description"] = {lang: _first_goal(goals) for lang, goals in _by_language(data.get("goals")).items()}
    return out


def _section(rel: Path) -> str:
    if rel.parts[0] == "abai":
        return "abai"
    if rel.name.startswith("00-"):  # the course map
        return "overview"
    return "lesson" if re.match(r"\d+-", rel.name) else "practice"


def read_entry(notebook: Path, root: Path = LESSONS) -> Entry:
    rel = notebook.relative_to(root)
    fallback = rel.stem.split("-", 1)[-1].replace("-", " ").capitalize()
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        nb = {}
    meta = nb.get("metadata", {}).get("qazaq", {}) if isinstance(nb.get("metadata"), dict) else {}
    lesson_data = _lesson_data(rel) if root == LESSONS else {}  # the YAML describes the course's own lessons
    meta = {**lesson_data, **(meta if isinstance(meta, dict) else {})}
    cells = _markdown_cells(nb)
    head = cells[0] if cells else ""
    heading = _HEADING.search(head)
    kk, en = _split_title(heading.group("title")) if heading else ("", "")
    number = re.match(r"(\d+)-", rel.name)
    level = _LEVEL.search(head)
    titles = _by_language(meta.get("title") or meta.get("title_en"))
    descriptions = _by_language(meta.get("description"))
    return Entry(
        path=rel.as_posix(),
        section=_section(rel),
        title_kk=meta.get("title_kk") or kk,
        title_en=titles.get("en") or en or (fallback if not (meta.get("title_kk") or kk) else ""),
        level=meta.get("level") or (level.group("level") if level else ""),
        description=descriptions.get("en") or _description(cells),
        number=int(number.group(1)) if number else None,
        titles=tuple(sorted(titles.items())),
        descriptions=tuple(sorted(descriptions.items())),
    )


def entries(root: Path = LESSONS) -> list[Entry]:
    """Every servable notebook under ``root`` (checkpoints and hidden folders skipped), in course order."""
    found = [p for p in root.rglob("*.ipynb")
             if not any(part.startswith(".") for part in p.relative_to(root).parts)]
    order = {"overview": 0, "lesson": 1, "abai": 2, "practice": 3}
    items = [read_entry(p, root) for p in found]
    return sorted(items, key=lambda e: (order[e.section], e.number if e.number is not None else 999, e.path))


def grouped(root: Path = LESSONS) -> list[tuple[str, list[Entry]]]:
    """(heading, entries) for the home page: lessons by level, then Abai, then practice."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries(root):
        if entry.section == "lesson":
            key = f"Level {entry.level}" if entry.level else "Lessons"
        elif entry.section == "overview":
            key = "Start here"
        elif entry.section == "abai":
            key = "Абай · Abai"
        else:
            key = "Practice"
        groups.setdefault(key, []).append(entry)
    return list(groups.items())
