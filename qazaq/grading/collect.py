"""Collect downloaded submissions into submitted/<student>/<assignment>/, naming every file it
sets aside or doubts, and repair what nbgrader could not read (the learner's files are kept).

Why not nbgrader's `zip_collect`: one duplicate file aborts the whole class there, and skipped
files are only counted in its log. Here each file gets a line: collected, doubtful (and how it
was read), or set aside (and why). Accepted names, loose or inside zip files:

    <student>__<file>            the course's naming (two underscores), any case: Chingis__ = chingis__
    <student>_<file>             one underscore, when <file> is one of this assignment's files
    <student>/<file>             a folder per learner (e.g. a zip of the class's folders)
    "<file> (1).ipynb"           a browser's second download of the same file

Two copies of one file: the newest is graded, the others are kept in other-files/.
"""
from __future__ import annotations

import codecs
import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import nbformat

from qazaq.assignment import ANSWERS_FILE, answers_filename, find_answers
from qazaq.grading.keys import sheet_assignments

OTHER = "other-files"  # learner files that are not graded, kept beside the submission
NOTES = ".qazaq-notes.json"  # what collect/repair did to a submission; the outcome repeats it
_COPY = re.compile(r"^(?P<stem>.*?)(?: \(\d+\)| - Copy(?: \(\d+\))?| copy(?: \d+)?)(?P<ext>\.[^.]+)$")
_JUNK = ("__MACOSX", ".ipynb_checkpoints", ".DS_Store", "Thumbs.db")


@dataclass
class Found:
    shown: str  # where the teacher finds it: "class.zip:arman/a06-plural.ipynb"
    path: Path
    mtime: float


@dataclass
class Result:
    new: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already collected, left as they were
    notes: list[str] = field(default_factory=list)  # "file: what happened and why"


# ------------------------------------------------------------------ finding files

def _unzip(archive: Path, shown: str, into: Path, notes: list[str]) -> list[Found]:
    out = []
    try:
        with zipfile.ZipFile(archive) as z:
            for info in z.infolist():
                name = info.filename
                if info.is_dir():
                    continue
                if name.startswith("/") or ".." in Path(name).parts:
                    notes.append(f"{shown}:{name}: set aside: unsafe path inside the zip")
                    continue
                target = into / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(info))
                out.append(Found(f"{shown}:{name}", target, datetime(*info.date_time).timestamp()))
    except (zipfile.BadZipFile, OSError) as exc:
        notes.append(f"{shown}: set aside: not a readable zip file ({exc})")
    return out


def gather(downloads: Path, work: Path, notes: list[str]) -> list[Found]:
    found = []
    for path in sorted(p for p in downloads.rglob("*") if p.is_file()):
        shown = str(path.relative_to(downloads))
        if path.suffix.lower() == ".zip":
            found += _unzip(path, shown, work / f"z{len(found)}-{path.stem}", notes)
        else:
            found.append(Found(shown, path, path.stat().st_mtime))
    return found


# ------------------------------------------------------------------ reading names

@dataclass
class Named:
    found: Found
    student: str
    name: str  # the file name inside the submission
    how: str = ""  # why the name was doubtful, if it was


def _uncopied(name: str) -> tuple[str, bool]:
    m = _COPY.match(name)
    return (m["stem"] + m["ext"], True) if m else (name, False)


def read_name(f: Found, known: set[str], assignment: str = "") -> Named | str:
    """Who handed it in and which file it is, or the reason it cannot be told."""
    parts = re.split(r"[/:]", f.shown)
    base = parts[-1]
    if any(j in parts for j in _JUNK) or base.startswith("."):
        return "system or hidden file"
    if "__" in base:
        student, name = base.split("__", 1)
        how = ""
    else:
        hit = next((k for k in sorted(known, key=len, reverse=True)
                    if _uncopied(base)[0].endswith(k) and len(base) > len(k) and _uncopied(base)[0][-len(k) - 1] in "_- "), None)
        folders = [p for p in parts[:-1] if not p.lower().endswith(".zip") and p not in known and p != assignment]
        if hit:
            student, name = _uncopied(base)[0][:-len(hit) - 1], hit
            how = f"one separator instead of two underscores: read as learner {student!r}"
        elif _uncopied(base)[0] in known and folders:
            student, name = folders[-1], base
            how = f"read as learner {student!r} from the folder name"
        else:
            return "no learner id in the name (expected <student_id>__<file>)"
    student = student.strip()
    if not student:
        return "no learner id in the name (expected <student_id>__<file>)"
    name, copy = _uncopied(name)
    if copy:
        how = (how + "; " if how else "") + f"a browser's extra copy of {name}"
    return Named(f, student, name, how)


# ------------------------------------------------------------------ collecting

def collect(downloads: Path, submitted: Path, assignment: str, release_nb: Path,
            roster: list[str]) -> Result:
    result = Result()
    known = {release_nb.name, answers_filename(assignment), ANSWERS_FILE}
    with tempfile.TemporaryDirectory(prefix="qazaq-collect-") as tmp:
        named: list[Named] = []
        for f in gather(downloads, Path(tmp), result.notes):
            got = read_name(f, known, assignment)
            if isinstance(got, str):
                result.notes.append(f"{f.shown}: set aside: {got}")
            else:
                named.append(got)
        by_lower = {r.lower(): r for r in roster}
        spellings: dict[str, set[str]] = {}
        for n in named:
            spellings.setdefault(n.student.lower(), set()).add(n.student)
        groups: dict[str, list[Named]] = {}
        for n in named:
            sid = by_lower.get(n.student.lower()) or (n.student.lower() if len(spellings[n.student.lower()]) > 1 else n.student)
            if sid != n.student:
                n.how = (n.how + "; " if n.how else "") + f"learner id {n.student!r} taken as {sid!r}"
            if sid not in roster and roster:
                n.how = (n.how + "; " if n.how else "") + f"{sid!r} is not on the roster"
            n.student = sid
            groups.setdefault(sid, []).append(n)
        for student, files in sorted(groups.items()):
            if not any(n.name in known for n in files):  # e.g. another assignment's downloads in the same folder
                result.notes += [f"{n.found.shown}: set aside: not a file of {assignment} (left where it is)"
                                 for n in files]
                continue
            target = submitted / student / assignment
            if target.exists():
                result.kept.append(student)
                continue
            _place(files, target, known, release_nb, assignment, result.notes)
            if find_answers(target, assignment) is None:
                result.notes.append(f"{student}: no answers file ({answers_filename(assignment)}) among their files: "
                                    "their autograded items will score 0")
            for line in repair(target, release_nb, assignment):
                result.notes.append(f"{student}: {line}")
            result.new.append(student)
    return result


def _place(files: list[Named], target: Path, known: set[str], release_nb: Path, assignment: str,
           notes: list[str]) -> None:
    target.mkdir(parents=True)
    by_name: dict[str, list[Named]] = {}
    for n in files:
        by_name.setdefault(n.name, []).append(n)
    for name, copies in sorted(by_name.items()):
        copies.sort(key=lambda n: (n.found.mtime, n.found.shown))
        graded = name in known
        for i, n in enumerate(copies):
            if graded and i == len(copies) - 1:
                shutil.copy2(n.found.path, target / name)
                if n.how:
                    notes.append(f"{n.found.shown}: collected as {n.student}/{name} ({n.how})")
                if len(copies) > 1:
                    notes.append(f"{n.found.shown}: {len(copies)} copies of {n.student}/{name}: graded this one "
                                 f"(the newest); the others are kept in {n.student}/{assignment}/{OTHER}/")
                continue
            keep = target / OTHER / (f"{len(copies) - i}-{name}" if len(copies) > 1 else name)
            keep.parent.mkdir(exist_ok=True)
            shutil.copy2(n.found.path, keep)
            if not graded:
                why = (f"not this assignment's notebook ({release_nb.name})" if name.endswith(".ipynb")
                       else f"not a file of {assignment}")
                notes.append(f"{n.found.shown}: not graded, {why}: kept in {n.student}/{assignment}/{OTHER}/{keep.name}")


# ------------------------------------------------------------------ repairing

def _decoded(raw: bytes) -> tuple[str, str]:
    """(text, how it was stored) for UTF-8 with a BOM, UTF-16 or plain UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace"), "UTF-8 with a BOM"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", "replace"), "UTF-16"
    return raw.decode("utf-8", "replace"), ""


def _grade_ids(nb) -> set[str]:
    return {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"}


def _other_assignment(nb, released) -> bool:
    """Another assignment's notebook: its answer sheet names another assignment, or no test cell matches."""
    sheets, ours = sheet_assignments(nb), sheet_assignments(released)
    return bool(sheets and ours and not sheets & ours) or not _grade_ids(nb) & _grade_ids(released)


def _set_aside(path: Path, folder: Path) -> str:
    keep = folder / OTHER / (path.name + ".original")
    keep.parent.mkdir(exist_ok=True)
    shutil.move(str(path), keep)
    return f"{OTHER}/{keep.name}"


def repair(folder: Path, release_nb: Path, assignment: str) -> list[str]:
    """Make the submission gradable without losing a byte; returns what was done (also kept in NOTES).

    The answers file holds the learner's work; the notebook is only its frame. A notebook nbgrader
    cannot read, or another assignment's notebook, is set aside and the released one takes its place.
    """
    notebook, notes = folder / release_nb.name, []
    if not notebook.exists():
        notes.append(f"no {release_nb.name} handed in: graded from the answers file with the released notebook")
    else:
        text, stored = _decoded(notebook.read_bytes())
        try:
            nb = nbformat.reads(text, as_version=4)
        except Exception as exc:  # nbformat raises several kinds; all mean "unreadable"
            kept = _set_aside(notebook, folder)
            reason = "empty (0 bytes)" if not text.strip() else f"unreadable ({type(exc).__name__})"
            notes.append(f"notebook {release_nb.name} was {reason}: kept as {kept}; "
                         "graded from the answers file with the released notebook")
        else:
            released = nbformat.read(str(release_nb), as_version=4)
            if _other_assignment(nb, released):
                kept = _set_aside(notebook, folder)
                notes.append(f"{release_nb.name} handed in is another assignment's notebook: kept as {kept}; "
                             "graded from the answers file with the released notebook")
            elif stored:
                kept = _set_aside(notebook, folder)
                notebook.write_text(text, encoding="utf-8")
                notes.append(f"notebook saved as {stored}: re-encoded as UTF-8 (original kept as {kept})")
    if not notebook.exists():
        shutil.copy(release_nb, notebook)
    return _remember(folder, notes)


def _remember(folder: Path, notes: list[str]) -> list[str]:
    path = folder / NOTES
    old = json.loads(path.read_text("utf-8")) if path.exists() else []
    path.write_text(json.dumps(old + [n for n in notes if n not in old], ensure_ascii=False, indent=1), "utf-8")
    return notes


def remembered(folder: Path) -> list[str]:
    path = folder / NOTES
    return json.loads(path.read_text("utf-8")) if path.exists() else []
