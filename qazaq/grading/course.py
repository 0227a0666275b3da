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

    def gradebook(self):
        from nbgrader.api import Gradebook  # here, not on top: nbgrader and SQLAlchemy only for the gradebook

        os.environ["PATH"] = nbgrader_env()["PATH"]
        return Gradebook(self.url, course_id=COURSE_ID)

    def students(self, assignment: str) -> list[str]:
        folder = self.path("submitted")
        return sorted(p.parent.name for p in folder.glob(f"*/{assignment}") if p.is_dir())
