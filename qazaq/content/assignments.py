"""Graded assignments as data: ``assets/assignments/<id>.yaml``, one file per assignment.

A file gives the title, the lesson it follows, an introduction, the autograded ``items`` (their
keys and points) and the ``essays`` graded by hand with their rubric. ``tools/build_assignments.py``
turns each file into the nbgrader source notebook ``exercises/source/<id>/<id>.ipynb``. The format
is described, with an example, in docs/teachers.md ("Writing an assignment").
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from qazaq.content.languages import Local
from qazaq.shared import ASSETS

ASSIGNMENTS_DIR = ASSETS / "assignments"
SCRIPTS = ("cyrl", "latn", "arab", "any")  # "any": numbers, or answers in no particular script
ITEM_FIELDS = {"id", "type", "prompt", "options", "answer", "accepted", "script", "exact", "points"}
ESSAY_FIELDS = {"id", "task", "rubric", "model", "points"}
FIELDS = {"title", "lesson", "intro", "items", "essays"}


class AssignmentError(ValueError):
    """An assignment file is missing or malformed; the message names the file and the item."""


@dataclass(frozen=True)
class Item:
    """One autograded item: a choice (``choices`` given) or a typed answer. Texts are ``Local``:
    English as a str, the learner's language by ``in_(lang)``."""
    id: str
    prompt: str
    accepted: tuple[str, ...]
    choices: tuple[str, ...] = ()
    script: str = "cyrl"  # the script of a well-formed typed answer
    points: float = 1
    exact: bool = False  # no partial credit (choices, numbers, single letters)


@dataclass(frozen=True)
class Essay:
    """A free-text answer graded by the teacher with the rubric."""
    id: str
    task: str
    rubric: tuple[str, ...]
    model: str
    points: float


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    lesson: int
    intro: str
    items: tuple[Item, ...]
    essays: tuple[Essay, ...] = ()


def assignment_files(folder: Path = ASSIGNMENTS_DIR) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def assignments(folder: Path = ASSIGNMENTS_DIR) -> list[Assignment]:
    """Every assignment, in file-name order."""
    return [load(path) for path in assignment_files(folder)]


def load(path: str | Path) -> Assignment:
    """One assignment file (a path, or an id under assets/assignments/)."""
    path = Path(path)
    if path.suffix != ".yaml":
        path = ASSIGNMENTS_DIR / f"{path}.yaml"
    if not path.is_file():
        raise AssignmentError(f"No assignment file {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise AssignmentError(f"{path.name}: not valid YAML ({exc})") from None
    return parse(path.stem, data, where=path.name)


def parse(assignment_id: str, data: Any, *, where: str) -> Assignment:
    """An assignment from the mapping a YAML file holds; every mistake is named."""
    if not isinstance(data, Mapping):
        raise AssignmentError(f"{where}: not a YAML mapping")
    _known(data, FIELDS, where)
    for name in ("title", "lesson", "intro", "items"):
        if name not in data:
            raise AssignmentError(f"{where}: missing {name!r}")
    if not isinstance(data["lesson"], int):
        raise AssignmentError(f"{where}: 'lesson' must be a lesson number, got {data['lesson']!r}")
    items = tuple(_item(spec, f"{where}, item {i + 1}") for i, spec in enumerate(_list(data["items"], where)))
    essays = tuple(_essay(spec, f"{where}, essay {i + 1}") for i, spec in enumerate(_list(data.get("essays") or [], where)))
    ids = [x.id for x in items + essays]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise AssignmentError(f"{where}: item ids must differ; repeated: {', '.join(repeated)}")
    return Assignment(assignment_id, _local(data["title"], where, "title"), data["lesson"],
                      _local(data["intro"], where, "intro"), items, essays)


def _local(value: Any, where: str, name: str) -> Local:
    """A learner-facing text: English, or a mapping {en, ru, tr, …} with English in it (the fallback)."""
    if isinstance(value, Mapping) and not str(value.get("en") or "").strip():
        raise AssignmentError(f"{where}: {name!r} in several languages needs its English text (en)")
    return Local(dict(value) if isinstance(value, Mapping) else value)


def _item(spec: Any, where: str) -> Item:
    if not isinstance(spec, Mapping):
        raise AssignmentError(f"{where}: an item is a mapping (id, type, prompt, ...)")
    _known(spec, ITEM_FIELDS, where)
    for name in ("id", "type", "prompt"):
        if not spec.get(name):
            raise AssignmentError(f"{where}: missing {name!r}")
    where = f"{where} ({spec['id']})"
    points = _points(spec.get("points", 1), where)
    if spec["type"] == "choice":
        options = [str(o) for o in _list(spec.get("options"), where, "options")]
        answer = str(spec.get("answer", ""))
        if answer not in options:
            raise AssignmentError(f"{where}: 'answer' must be one of the options, got {answer!r}")
        return Item(str(spec["id"]), _local(spec["prompt"], where, "prompt"), (answer,), tuple(options), points=points, exact=True)
    if spec["type"] == "text":
        accepted = spec.get("accepted") or []
        accepted = [accepted] if isinstance(accepted, (str, int, float)) else _list(accepted, where, "accepted")
        if not accepted or not all(str(a).strip() for a in accepted):
            raise AssignmentError(f"{where}: 'accepted' needs at least one answer")
        script = spec.get("script", "cyrl")
        if script not in SCRIPTS:
            raise AssignmentError(f"{where}: 'script' must be one of {', '.join(SCRIPTS)}, got {script!r}")
        return Item(str(spec["id"]), _local(spec["prompt"], where, "prompt"), tuple(str(a) for a in accepted), script=script,
                    points=points, exact=bool(spec.get("exact", False)))
    raise AssignmentError(f"{where}: 'type' must be choice or text, got {spec['type']!r}")


def _essay(spec: Any, where: str) -> Essay:
    if not isinstance(spec, Mapping):
        raise AssignmentError(f"{where}: an essay is a mapping (id, task, rubric, model, points)")
    _known(spec, ESSAY_FIELDS, where)
    for name in ESSAY_FIELDS:
        if not spec.get(name):
            raise AssignmentError(f"{where}: missing {name!r}")
    where = f"{where} ({spec['id']})"
    rubric = tuple(_local(line, where, "rubric") for line in _list(spec["rubric"], where, "rubric"))
    return Essay(str(spec["id"]), _local(spec["task"], where, "task"), rubric, str(spec["model"]).strip(),
                 _points(spec["points"], where))


def _points(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise AssignmentError(f"{where}: 'points' must be a positive number, got {value!r}")
    return value


def _list(value: Any, where: str, name: str = "items") -> list:
    if not isinstance(value, list):
        raise AssignmentError(f"{where}: {name!r} must be a list")
    return value


def _known(spec: Mapping, fields: set[str], where: str) -> None:
    unknown = sorted(set(map(str, spec)) - fields)
    if unknown:
        raise AssignmentError(f"{where}: unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(fields))})")
