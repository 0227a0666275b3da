"""`qazaq-grade check ASSIGNMENT`: what an author must get right before a source notebook is released.

Keys readable without running anything, points in the test call equal to the cell's points,
unique item and cell ids, every item asked by a widget, choice keys among the choices, every
key earning its own points, forms re-derived by the morphology engine where a key names one,
and no stray answers file in the source folder.
"""
from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from qazaq.assignment import ANSWER_FILE_PATTERNS, score_item
from qazaq.grading.keys import BadKey, Key, cell_keys, sheet_assignments
from qazaq.morphology import inflect


@dataclass
class Report:
    assignment: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # worth knowing, harmless to grading
    items: int = 0
    points: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        notes = [f"  note: {w}" for w in self.warnings]
        if self.ok:
            return [f"{self.assignment}: {self.items} autograded item(s), {self.points:g} point(s): all checks passed", *notes]
        return [f"{self.assignment}: {len(self.problems)} problem(s)"] + [f"  - {p}" for p in self.problems] + notes


def _calls(nb, method: str) -> dict[str, ast.Call]:
    """sheet.text('q1', …) / sheet.choice(…) calls of the widget cells, by item id."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found[str(node.args[0].value)] = node
    return found


def _form_problems(key: Key) -> list[str]:
    named = [a for a in key.accepted if isinstance(a, dict) and a.get("lemma") and a.get("tags")]
    if not named:
        return []
    out = []
    for a in named:
        try:
            form = inflect(a["lemma"], a["tags"])
        except ValueError as exc:
            out.append(f"{key.item}: the engine cannot build {a['lemma']} {a['tags']}: {exc}")
            continue
        if form != a["text"]:
            out.append(f"{key.item}: key «{a['text']}» but the engine derives «{form}» from {a['lemma']} {a['tags']}")
    return out


def check_notebook(path: Path, assignment: str) -> Report:
    report = Report(assignment)
    p = report.problems
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # an author's broken JSON is a message, not a traceback
        p.append(f"{path.name} cannot be read as a notebook: {exc}")
        return report
    try:
        keys = cell_keys(nb)
    except BadKey as exc:
        p.append(str(exc))
        return report
    grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")]
    p += [f"cell id {g!r} is used {n} times (nbgrader grade_id must be unique)" for g, n in Counter(grade_ids).items() if n > 1]
    p += [f"item id {i!r} is graded {n} times" for i, n in Counter(k.item for k in keys).items() if n > 1]
    sheets = sorted(sheet_assignments(nb))
    for other in (s for s in sheets if s != assignment):
        p.append(f"AnswerSheet({other!r}) in {assignment}: the answers file would be answers-{other}.json; "
                 f"write AnswerSheet({assignment!r})")
    asked = {**_calls(nb, "text"), **_calls(nb, "essay")}
    choices = _calls(nb, "choice")
    for k in keys:
        if k.cell_points is not None and abs(k.cell_points - k.points) > 1e-9:
            p.append(f"{k.item}: grade(…, points={k.points:g}) but the test cell {k.grade_id} is worth "
                     f"{k.cell_points:g} point(s) in nbgrader: make them equal")
        if sheets and k.item not in asked and k.item not in choices:
            p.append(f"{k.item}: graded but no widget asks it (sheet.text/choice({k.item!r}, …))")
        if k.item in choices:
            try:
                options = ast.literal_eval(choices[k.item].args[2] if len(choices[k.item].args) > 2 else "[]")
            except ValueError:
                options = None
            if options is not None and not set(k.texts) & set(options):
                p.append(f"{k.item}: key «{k.texts[0]}» is not one of the choices {options}")
        own = score_item(k.item, k.texts[0], k.accepted, k.points, exact=k.exact)
        if own.points != k.points:
            p.append(f"{k.item}: the key «{k.texts[0]}» earns only {own.points:g}/{k.points:g} ({own.verdict})")
        p += _form_problems(k)
    stray = sorted({f.name for pattern in ANSWER_FILE_PATTERNS for f in path.parent.glob(pattern)})
    if stray:
        report.warnings.append(f"answers file(s) {', '.join(stray)} in the source folder: they are never released nor used "
                 "in grading, but remove them to avoid confusion")
    report.items, report.points = len(keys), sum(k.points for k in keys)
    return report


def check(source_dir: Path, assignment: str) -> Report:
    notebooks = sorted((source_dir / assignment).glob("*.ipynb"))
    if not notebooks:
        return Report(assignment, [f"no source notebook in {source_dir / assignment}"])
    return check_notebook(notebooks[0], assignment)
