"""Read the answer keys back from the hidden tests of a source notebook.

Each autograder test cell calls ``grade(item, accepted, points=…, exact=…)`` with literal
arguments, so the notebook stays the one place where keys live and the teacher's tools can
re-score answers outside the learner's kernel.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import nbformat


@dataclass(frozen=True)
class Key:
    grade_id: str  # the nbgrader test cell
    item: str
    accepted: tuple[str, ...]
    points: float
    exact: bool = False


def _grade_calls(source: str):
    tree = ast.parse("\n".join(l for l in source.splitlines() if not l.lstrip().startswith("###")))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "grade":
            yield node


def _key(grade_id: str, call: ast.Call) -> Key:
    args = [ast.literal_eval(a) for a in call.args]
    kw = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    accepted = args[1] if len(args) > 1 else kw["accepted"]
    accepted = (accepted,) if isinstance(accepted, str) else tuple(accepted)
    points = float(args[2] if len(args) > 2 else kw.get("points", 1))
    return Key(grade_id, args[0], accepted, points, bool(kw.get("exact", False)))


def keys(notebook: str | Path) -> list[Key]:
    nb = nbformat.read(str(notebook), as_version=4)
    found = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            found.extend(_key(meta["grade_id"], call) for call in _grade_calls(cell.source))
    return found


def source_notebook(source_dir: Path, assignment: str) -> Path:
    notebooks = sorted((source_dir / assignment).glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"no source notebook for {assignment} in {source_dir}")
    return notebooks[0]
