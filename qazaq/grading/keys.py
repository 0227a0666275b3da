"""Read the answer keys back from the hidden tests of a source notebook.

Each autograder test cell calls ``grade(item, accepted, points=…, exact=…)`` with literal
arguments, so the notebook stays the one place where keys live and the teacher's tools can
re-score answers outside the learner's kernel. An accepted answer may name its form,
``{"text": "балалар", "lemma": "бала", "tags": "N;PL"}``: `qazaq-grade check` re-derives it
with the morphology engine and the checker uses the form for its grammar hints.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from qazaq.assignment import key_text


class BadKey(ValueError):
    """A test cell whose keys cannot be read without running it; the message says how to write it."""


@dataclass(frozen=True)
class Key:
    grade_id: str  # the nbgrader test cell
    item: str
    accepted: tuple  # strings, or dicts {"text", "lemma", "tags"} for items that name their form
    points: float
    exact: bool = False
    cell_points: float | None = None  # what nbgrader's cell metadata says the cell is worth

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(key_text(a) for a in self.accepted)


def _grade_calls(source: str):
    tree = ast.parse("\n".join(l for l in source.splitlines() if not l.lstrip().startswith("###")))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "grade":
            yield node


def _literal(grade_id: str, node: ast.AST, what: str):
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise BadKey(f"test cell {grade_id}: {what} must be written out literally, e.g. "
                     f"grade('q1', ['балалар'], points=1); found {ast.unparse(node)}") from None


def _key(grade_id: str, call: ast.Call, cell_points: float | None) -> Key:
    args = [_literal(grade_id, a, "every argument of grade()") for a in call.args]
    kw = {k.arg: _literal(grade_id, k.value, f"{k.arg}=") for k in call.keywords}
    if not args:
        raise BadKey(f"test cell {grade_id}: grade() needs the item id first, e.g. grade('q1', ['балалар'])")
    if len(args) < 2 and "accepted" not in kw:
        raise BadKey(f"test cell {grade_id}: grade({args[0]!r}) has no accepted answers")
    accepted = args[1] if len(args) > 1 else kw["accepted"]
    accepted = (accepted,) if isinstance(accepted, (str, dict)) else tuple(accepted)
    bad = [a for a in accepted if not (isinstance(a, str) or isinstance(a, dict) and isinstance(a.get("text"), str))]
    if not accepted or bad:
        raise BadKey(f"test cell {grade_id}: accepted answers must be strings or "
                     f"{{'text': …, 'lemma': …, 'tags': …}}; found {accepted!r}")
    points = float(args[2] if len(args) > 2 else kw.get("points", 1))
    return Key(grade_id, str(args[0]), accepted, points, bool(kw.get("exact", False)), cell_points)


def cell_keys(nb) -> list[Key]:
    """The keys of a notebook object; BadKey names the first cell that cannot be read."""
    found = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            try:
                calls = list(_grade_calls(cell.source))
            except SyntaxError as exc:
                raise BadKey(f"test cell {meta.get('grade_id')}: Python syntax error ({exc.msg}, line {exc.lineno})") from None
            points = meta.get("points")
            found.extend(_key(meta["grade_id"], call, None if points is None else float(points)) for call in calls)
    return found


def sheet_assignments(nb) -> set[str]:
    """The assignments named by AnswerSheet('…') in a notebook's code cells."""
    return {m.group(1) for c in nb.cells if c.cell_type == "code"
            for m in re.finditer(r"AnswerSheet\(\s*['\"]([^'\"]+)['\"]", c.source)}


def keys(notebook: str | Path) -> list[Key]:
    return cell_keys(nbformat.read(str(notebook), as_version=4))


def source_notebook(source_dir: Path, assignment: str) -> Path:
    notebooks = sorted((source_dir / assignment).glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no source notebook for {assignment} in {source_dir}")
    return notebooks[0]
