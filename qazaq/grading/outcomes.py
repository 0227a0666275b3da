"""What happened to one submission, in words a teacher can act on, and its verified item scores.

Everything here reads files only (submitted/, release/, autograded/), so the report can be
rebuilt at any time and a broken submission never stops the others.
"""
from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from qazaq.assignment import AnswersUnreadable, Score, answers_filename, find_answers, read_answers, score_item
from qazaq.grading.collect import remembered
from qazaq.grading.keys import Key

# What a learner-added cell has no business using: the grading functions and their module,
# and the builtins that reach them by name.
_GRADING_NAMES = {"grade", "graded", "score_item", "load_answers", "read_answers", "save_answers", "find_answers",
                  "Score", "AnswerSheet", "_SCORED", "_ACTIVE", "qazaq",
                  "exec", "eval", "compile", "__import__", "setattr", "globals", "__builtins__"}
_TIMEOUT_ERRORS = {"CellTimeoutError", "KeyboardInterrupt", "TimeoutError"}


@dataclass
class Inspection:
    outcomes: list[str] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)  # verified, item by item
    responses_readable: bool = True

    @property
    def verified_points(self) -> float:
        return round(sum(s.points for s in self.scores), 2)


def _nb(path: Path):
    try:
        return nbformat.read(str(path), as_version=4)
    except Exception:  # a mangled notebook is an outcome, not a crash
        return None


def _by_grade_id(nb) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id")}


def edited_locked_cells(submitted, released) -> list[str]:
    theirs = _by_grade_id(submitted)
    return [gid for gid, cell in _by_grade_id(released).items()
            if cell.metadata["nbgrader"].get("locked") and not cell.metadata["nbgrader"].get("grade")
            and (gid not in theirs or theirs[gid].source != cell.source)]


def code_names(source: str) -> set[str]:
    """Names the code uses (not its comments or strings): a note about "checking my spelling" is harmless."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # half-written code: its name tokens, still without comments and strings
        names = set()
        try:
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type == tokenize.NAME:
                    names.add(tok.string)
        except (tokenize.TokenError, SyntaxError):
            pass
        return names
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(a.name.split(".")[0] for a in node.names)
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module.split(".")[0])
    return names


def tampering_cells(submitted, released) -> int:
    """Learner-added code cells that use the grading machinery."""
    known = set(_by_grade_id(released))
    return sum(1 for c in submitted.cells if c.cell_type == "code"
               and c.metadata.get("nbgrader", {}).get("grade_id") not in known
               and code_names(c.source) & _GRADING_NAMES)


def timed_out(autograded) -> bool:
    return any(o.get("output_type") == "error" and o.get("ename") in _TIMEOUT_ERRORS
               for c in autograded.cells if c.cell_type == "code" for o in c.get("outputs", []))


def _unanswered(keys: list[Key]) -> list[Score]:
    return [score_item(k.item, None, k.accepted, k.points, exact=k.exact) for k in keys]


def rescore(folder: Path, keys: list[Key], assignment: str | None = None) -> tuple[list[Score], str]:
    """Score the answers file against the keys outside any learner kernel; '' or a problem."""
    path = find_answers(folder, assignment)
    if path is None:
        return _unanswered(keys), "missing"
    try:
        data = read_answers(path)
    except AnswersUnreadable as exc:
        return _unanswered(keys), f"{exc}: every autograded item scored 0"
    if assignment and data.assignment and data.assignment != assignment:
        return _unanswered(keys), (f"{path.name} holds the answers of {data.assignment}, not of {assignment}: "
                                   "every autograded item scored 0 (the file is kept)")
    scores = [score_item(k.item, data.answers.get(k.item), k.accepted, k.points, exact=k.exact) for k in keys]
    return scores, (f"note: {data.note}" if data.note else "")


def inspect(submitted_dir: Path, release_nb: Path, keys: list[Key], autograded_dir: Path | None = None,
            assignment: str | None = None) -> Inspection:
    assignment = assignment or release_nb.parent.name
    found = Inspection()
    found.outcomes += remembered(submitted_dir)
    found.scores, problem = rescore(submitted_dir, keys, assignment)
    if problem == "missing":
        found.outcomes.append(f"no answers file ({answers_filename(assignment)}) handed in: every autograded item scored 0")
        found.responses_readable = False
    elif problem.startswith("note: "):
        found.outcomes.append(problem[len("note: "):])
    elif problem:
        found.outcomes.append(problem)
        found.responses_readable = False
    notebook = submitted_dir / release_nb.name
    submitted = _nb(notebook) if notebook.exists() else None
    released = _nb(release_nb)
    if submitted is None:
        found.outcomes.append(f"notebook {release_nb.name} missing or unreadable: run `qazaq-grade autograde` "
                              "to grade the answers file with the released notebook")
    elif released is not None:
        edited = edited_locked_cells(submitted, released)
        if edited:
            found.outcomes.append(f"edited locked cell(s) {', '.join(edited)}: restored from the source before grading")
        if tampering_cells(submitted, released):
            found.outcomes.append("added code touching the checking functions")
    graded = autograded_dir / release_nb.name if autograded_dir else None
    if graded and graded.exists():
        nb = _nb(graded)
        if nb is not None and timed_out(nb):
            found.outcomes.append("a cell ran past the time limit and was interrupted; the rest was graded")
    return found
