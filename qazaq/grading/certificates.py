"""Certificates for the level tests: `qazaq-grade certificates ASSIGNMENT`, `qazaq-grade verify CODE`.

Only a learner who passed every block gets one. Scores are re-computed from the submitted
answers.json with the learner's seed (as the teacher's report does: a kernel that redefined the
grading function cannot buy a certificate); the free text's points come from the gradebook, where
the teacher graded it. Each certificate gets a verification code: an HMAC of its content with a
secret kept in the course folder (``certificate_secret``, never handed out), the last two
characters a check on the rest, so an altered code is told apart from one never issued. Issued
certificates are listed in ``certificates/register.jsonl``, which `verify` reads.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import platformdirs
from traitlets.config.loader import PyFileConfigLoader

from qazaq.assignment import AnswersUnreadable, load_answers
from qazaq.grading.course import Course, GradingError
from qazaq.level_test import BLOCK_TITLES, LEVELS, generate, score, seed_of
from qazaq.site.fonts import font_path

SECRET_FILE = "certificate_secret"
REGISTER = Path("certificates") / "register.jsonl"
CODE_PREFIX = "QZ"
DEFAULT_COURSE_TITLE = "Qazaq Notebooks: Kazakh for the diaspora"
DEFAULT_ORGANISATION = "Qazaq Notebooks"


@dataclass
class Outcome:
    student: str
    name: str
    certified: bool
    reason: str
    blocks: dict = field(default_factory=dict)    # block -> BlockResult
    code: str = ""
    pdf: Path | None = None


# ---------------------------------------------------------------- course settings and secret

def course_settings(course: Course) -> dict[str, str]:
    """Course title and issuing organisation: ``c.QazaqCourse.title`` / ``.organisation`` in
    nbgrader_config.py (defaults when not set)."""
    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    section = cfg.get("QazaqCourse", {})
    return {"course": str(section.get("title") or DEFAULT_COURSE_TITLE),
            "organisation": str(section.get("organisation") or DEFAULT_ORGANISATION)}


def secret(course: Course, create: bool = True) -> bytes:
    path = course.root / SECRET_FILE
    if not path.exists():
        if not create:
            raise GradingError(f"This course has issued no certificates yet (no {SECRET_FILE} in {course.root}).")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # readable by the teacher only
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32) + "\n")
    return bytes.fromhex(path.read_text().strip())


# ---------------------------------------------------------------- codes

def _b32(data: bytes, n: int) -> str:
    return base64.b32encode(data).decode()[:n]


def _check(key: bytes, body: str) -> str:
    return _b32(hmac.new(key, b"check:" + body.encode(), hashlib.sha256).digest(), 2)


def _canonical(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def make_code(key: bytes, payload: dict) -> str:
    body = _b32(hmac.new(key, _canonical(payload), hashlib.sha256).digest(), 14)
    raw = body + _check(key, body)
    return f"{CODE_PREFIX}-" + "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def normalize_code(code: str) -> str:
    raw = "".join(c for c in str(code).upper() if c.isalnum())
    return raw[len(CODE_PREFIX):] if raw.startswith(CODE_PREFIX) else raw


# ---------------------------------------------------------------- register

def _register(course: Course) -> Path:
    return course.root / REGISTER


def register_entries(course: Course) -> list[dict]:
    path = _register(course)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _record(course: Course, code: str, payload: dict) -> None:
    if any(e["code"] == code for e in register_entries(course)):
        return  # the same certificate issued again: same content, same code
    path = _register(course)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"code": code, **payload}, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class Verdict:
    genuine: bool
    message: str
    entry: dict | None = None


def verify(course: Course, code: str) -> Verdict:
    raw = normalize_code(code)
    if len(raw) != 16 or any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for c in raw):
        return Verdict(False, f"{code!r} is not a certificate code of this course (a code looks like QZ-XXXX-XXXX-XXXX-XXXX).")
    key = secret(course, create=False)
    if not hmac.compare_digest(_check(key, raw[:14]), raw[14:]):
        return Verdict(False, f"NOT GENUINE: {code} was altered or mistyped; this course never issued it.")
    wanted = f"{CODE_PREFIX}-" + "-".join(raw[i:i + 4] for i in range(0, 16, 4))
    entry = next((e for e in register_entries(course) if e["code"] == wanted), None)
    if entry is None:
        return Verdict(False, f"NOT GENUINE: {wanted} is not in this course's register of certificates.")
    payload = {k: v for k, v in entry.items() if k != "code"}
    if not hmac.compare_digest(make_code(key, payload), wanted):
        return Verdict(False, f"NOT GENUINE: the register entry of {wanted} was changed after it was issued.")
    scores = ", ".join(f"{b} {s}" for b, s in entry["scores"].items())
    return Verdict(True, f"GENUINE: {wanted} was issued on {entry['date']} by {entry['organisation']} to "
                         f"{entry['name']} ({entry['student']}), level {entry['level']}, "
                         f"{entry['course']}; {scores}.", entry)


# ---------------------------------------------------------------- who passed

def level_of(assignment: str) -> str:
    level = assignment.removeprefix("level-").upper()
    if level not in LEVELS:
        raise GradingError(f"{assignment} is not a level test: certificates are for "
                           f"{', '.join('level-' + lv.lower() for lv in LEVELS)}.")
    return level


def _roster(course: Course) -> dict[str, str]:
    with course.gradebook() as gb:
        return {s.id: " ".join(p.strip() for p in (s.first_name or "", s.last_name or "") if p and p.strip())
                for s in gb.students}


def _essay_points(course: Course, assignment: str, student: str) -> float | None:
    """The teacher's points for the free text; None while it is not graded."""
    with course.gradebook() as gb:
        try:
            grade = gb.find_grade("essay", assignment, assignment, student)
        except Exception:  # not autograded yet: no grade row
            return None
        if grade.manual_score is None and grade.needs_manual_grade:
            return None
        return grade.score


def is_arabic(text: str) -> bool:
    return any("ARABIC" in unicodedata.name(c, "") for c in text)


def assess(course: Course, assignment: str, student: str, roster: dict[str, str]) -> Outcome:
    level = level_of(assignment)
    name = roster.get(student)
    if name is None:
        return Outcome(student, "", False, "not in the roster: import the class list "
                                            "(`nbgrader db student import roster.csv`)")
    try:
        answers = load_answers(course.path("submitted", student, assignment))
    except AnswersUnreadable as exc:
        return Outcome(student, name, False, f"answers could not be read: {exc}")
    seed = seed_of(answers)
    if seed is None:
        return Outcome(student, name, False, "did not take the test (no answers.json with a test in the submission)")
    result = score(generate(level, seed), answers, essay=_essay_points(course, assignment, student), with_essay=True)
    problems = [f"{BLOCK_TITLES[b.block]} {b.status}" + (f" ({b.percent:g}%)" if b.status == "failed" else "")
                for b in result.blocks.values() if not b.passed]
    if problems:
        return Outcome(student, name, False, "; ".join(problems), result.blocks)
    if not name:
        return Outcome(student, name, False, "passed every block, but the roster has no name for this learner: "
                                             "add it, then run certificates again", result.blocks)
    return Outcome(student, name, True, "passed every block", result.blocks)


# ---------------------------------------------------------------- the PDF

def _font_files() -> dict[str, Path]:
    """The bundled DejaVu Sans subset (Cyrillic, Latin, Arabic) as TTF files for the PDF library."""
    from fontTools.ttLib import TTFont  # here, not on top: fontTools only when certificates are written

    home = os.environ.get("QAZAQ_HOME")
    if home:
        folder = Path(home) / "fonts"
    else:
        folder = Path(platformdirs.user_cache_dir("qazaq-notebooks")) / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for weight in ("regular", "bold"):
        source = font_path(weight)
        target = folder / f"{source.stem}-{hashlib.sha1(source.read_bytes()).hexdigest()[:8]}.ttf"
        if not target.exists():
            font = TTFont(str(source))
            font.flavor = None  # the PDF embeds TrueType, not WOFF2
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            font.save(str(tmp))
            tmp.replace(target)
        out[weight] = target
    return out


def _qr_png(text: str) -> io.BytesIO:
    import segno  # here, not on top: segno only when certificates are written (not for `verify`)

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=2)
    buffer.seek(0)
    return buffer


def render_pdf(payload: dict, code: str, path: Path) -> Path:
    from fpdf import FPDF  # here, not on top: fpdf only when certificates are written (not for `verify`)

    fonts = _font_files()
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(fonts["regular"]))
    pdf.add_font("DejaVu", "B", str(fonts["bold"]))
    pdf.set_text_shaping(True)  # Arabic-script names join and run right to left
    pdf.set_draw_color(11, 79, 138)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, 271, 184)
    width = 257

    def line(text: str, size: float, style: str = "", h: float = 10, color=(20, 20, 20)) -> None:
        pdf.set_x(20)
        pdf.set_font("DejaVu", style, size)
        while pdf.get_string_width(text) > width and size > 8:  # a long name shrinks to fit one line
            size -= 1
            pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*color)
        pdf.cell(width, h, text, align="C", new_x="LMARGIN", new_y="NEXT")

    pdf.set_y(22)
    line(payload["organisation"], 14, "B", 8, (11, 79, 138))
    line(payload["course"], 11, "", 7, (80, 80, 80))
    pdf.ln(6)
    line("СЕРТИФИКАТ · CERTIFICATE", 28, "B", 14, (11, 79, 138))
    pdf.ln(4)
    line("This certifies that", 12, "", 8, (80, 80, 80))
    line(payload["name"], 26, "B", 16)
    line(f"passed the course's Kazakh level test {payload['level']}: four blocks as in KAZTEST, 60% needed in each",
         12, "", 8, (80, 80, 80))
    line(f"Деңгей · Level {payload['level']}", 22, "B", 14, (11, 79, 138))
    pdf.ln(4)
    col = 52
    pdf.set_x(20 + (width - 4 * col) / 2)
    pdf.set_font("DejaVu", "B", 11)
    pdf.set_text_color(20, 20, 20)
    for block in payload["scores"]:
        pdf.cell(col, 8, BLOCK_TITLES[block], border=1, align="C")
    pdf.ln(8)
    pdf.set_x(20 + (width - 4 * col) / 2)
    pdf.set_font("DejaVu", "", 11)
    for value in payload["scores"].values():
        pdf.cell(col, 8, value, border=1, align="C")
    pdf.ln(14)
    pdf.set_x(30)
    pdf.set_font("DejaVu", "", 11)
    pdf.set_text_color(40, 40, 40)
    pdf.cell(150, 7, f"Date: {payload['date']}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(30)
    pdf.set_font("DejaVu", "B", 12)
    pdf.cell(150, 8, f"Verification code: {code}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(30)
    pdf.set_font("DejaVu", "", 9)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(170, 5, f"Ask {payload['organisation']} to check this code (qazaq-grade verify {code}); "
                           "a code that was altered or never issued is reported as not genuine.")
    pdf.image(_qr_png(code), x=245, y=150, w=32)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


# ---------------------------------------------------------------- the command

def _safe_filename(student: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in student) or "learner"


def issue(course: Course, assignment: str, *, today: date | None = None, out: Path | None = None) -> list[Outcome]:
    """One outcome per learner who submitted; a PDF (and a register entry) for each who passed every block."""
    level = level_of(assignment)
    students = course.students(assignment)
    if not students:
        raise GradingError(f"No submissions of {assignment}: collect and autograde them first.")
    settings = course_settings(course)
    roster = _roster(course)
    key = secret(course)
    folder = out or course.path("certificates", assignment)
    outcomes = []
    for student in students:
        o = assess(course, assignment, student, roster)
        if o.certified:
            payload = {"assignment": assignment, "student": student, "name": o.name, "level": level,
                       "date": (today or date.today()).isoformat(), **settings,
                       "scores": {b: f"{r.points:g}/{r.max_points:g} ({r.percent:g}%)" for b, r in o.blocks.items()}}
            o.code = make_code(key, payload)
            _record(course, o.code, payload)
            o.pdf = render_pdf(payload, o.code, folder / f"{_safe_filename(student)}.pdf")
            if is_arabic(o.name):
                o.reason += "; name in Arabic script, printed right to left"
        outcomes.append(o)
    return outcomes
