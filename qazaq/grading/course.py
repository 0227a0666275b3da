"""A course directory and how nbgrader is run inside it."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from qazaq.grading.config import COURSE_ID, gradebook_url
from qazaq.shared import REPO_ROOT

DEFAULT_COURSE = REPO_ROOT / "grading"


def nbgrader_env() -> dict[str, str]:
    """nbgrader runs `alembic` through PATH: put this interpreter's bin/ first."""
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    if env.get("PATH", "").split(os.pathsep)[0] != bindir:
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    return env


class GradingError(RuntimeError):
    """A step failed; the message says what to do (shown without a traceback)."""


@dataclass
class Course:
    root: Path
    db_url: str | None = None

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        if not (self.root / "nbgrader_config.py").is_file():
            raise GradingError(f"{self.root} is not a course folder (no nbgrader_config.py there).")

    @property
    def url(self) -> str:
        return gradebook_url(self.root, self.db_url)

    def path(self, kind: str, *parts: str) -> Path:
        return self.root / kind / Path(*parts) if parts else self.root / kind

    @property
    def source(self) -> Path:
        from traitlets.config.loader import PyFileConfigLoader  # here, not on top: as nbgrader below

        cfg = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        return (self.root / cfg.CourseDirectory.source_directory).resolve()

    def nbgrader(self, *args: str, timeout: float | None = None, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "nbgrader", *args]
        if self.db_url:
            cmd.append(f"--CourseDirectory.db_url={self.url}")
        proc = subprocess.run(cmd, cwd=self.root, env=nbgrader_env(), capture_output=True, text=True, timeout=timeout)
        if check and proc.returncode != 0:
            tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-8:])
            raise GradingError(f"nbgrader {' '.join(args)} failed:\n{tail}")
        return proc

    def api(self):
        """nbgrader's own API for this course: results come back as data (success, log, error)."""
        # here, not on top: nbgrader takes a second to import; `qazaq-grade --help` never needs it
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config.loader import PyFileConfigLoader

        os.environ["PATH"] = nbgrader_env()["PATH"]  # nbgrader runs `alembic` through PATH
        cfg = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        if self.db_url:
            cfg.CourseDirectory.db_url = self.url
        return NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)

    def run_api(self, method: str, *args, **kwargs) -> dict:
        """Call one NbGraderAPI method; a failure becomes a GradingError with nbgrader's own words."""
        out = getattr(self.api(), method)(*args, **kwargs)
        if not out.get("success"):
            log = (out.get("log") or "") + "\n" + (out.get("error") or "")
            lines = [l.strip() for l in log.splitlines() if l.strip()]
            said = [l for l in lines if "ERROR" in l or "Error" in l] or lines[-8:]
            raise GradingError(f"nbgrader {method.replace('_', ' ')} {' '.join(map(str, args))} failed:\n" + "\n".join(said[:8]))
        return out

    def gradebook(self):
        from nbgrader.api import Gradebook  # here, not on top: nbgrader and SQLAlchemy only for the gradebook

        os.environ["PATH"] = nbgrader_env()["PATH"]
        return Gradebook(self.url, course_id=COURSE_ID)

    def students(self, assignment: str) -> list[str]:
        folder = self.path("submitted")
        return sorted(p.parent.name for p in folder.glob(f"*/{assignment}") if p.is_dir())


def course_of(args) -> Course:
    """The course a `qazaq-grade` command works on: --course, $QAZAQ_COURSE, ./ if it is one, else grading/."""
    root = args.course or os.environ.get("QAZAQ_COURSE") or (
        Path.cwd() if (Path.cwd() / "nbgrader_config.py").exists() else DEFAULT_COURSE)
    return Course(Path(root), db_url=args.db_url)


def import_roster(course: Course, csv: Path) -> tuple[int, int]:
    """Learners from a CSV with columns id, first_name, last_name, email (quoted fields welcome)."""
    import pandas as pd  # here, not on top: pandas only for the roster command

    try:
        table = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError) as exc:
        raise GradingError(f"{csv} cannot be read as a roster CSV: {exc}") from None
    if "id" not in table.columns:
        raise GradingError(f"{csv} has no 'id' column (columns: id,first_name,last_name,email)")
    added = updated = 0
    with course.gradebook() as gb:
        known = {s.id for s in gb.students}
        for row in table.to_dict("records"):
            sid = row["id"].strip()
            if not sid:
                continue
            info = {k: row[k].strip() or None for k in ("first_name", "last_name", "email") if k in row}
            gb.update_or_create_student(sid, **info)
            added, updated = (added + 1, updated) if sid not in known else (added, updated + 1)
    return added, updated
