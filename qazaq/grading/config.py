"""nbgrader settings shared by the course in grading/ and by throwaway courses (demo, tests)."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from qazaq.assignment import ANSWER_FILE_PATTERNS
from qazaq.shared import REPO_ROOT

# Downloaded files are named  <student_id>__<file>, e.g. "aigerim_s__a01-alphabet.ipynb" and
# "aigerim_s__answers-a01-alphabet.json" (two underscores between the learner's id and the file
# name). `qazaq-grade collect` (qazaq.grading.collect) also reads the doubtful variants; the
# pattern stays configured for teachers who run nbgrader's own zip_collect.
FILENAME_PATTERN = r".*/(?P<student_id>[^/]+?)__(?P<file_id>[^/]+)$"
DEFAULT_SOURCE = REPO_ROOT / "exercises" / "source"
COURSE_ID = "qazaq"  # PostgreSQL enforces the gradebook's course foreign key; SQLite does not
CELL_TIMEOUT = 30  # seconds per cell before nbgrader interrupts a runaway loop


def sqlite_url(root: Path) -> str:
    # timeout: parallel autograde workers wait for each other's short writes instead of failing
    return f"sqlite:///{Path(root).resolve() / 'gradebook.db'}?timeout=120"


def gradebook_url(root: Path, db_url: str | None = None) -> str:
    """db_url argument, else $QAZAQ_DB_URL (e.g. postgresql://user@host:5432/qazaq), else SQLite."""
    url = db_url or os.environ.get("QAZAQ_DB_URL") or sqlite_url(root)
    # SQLAlchemy 2.1 reads a bare postgresql:// as psycopg 3; the pinned driver is psycopg2.
    if url.startswith("postgresql://") and importlib.util.find_spec("psycopg") is None:
        url = "postgresql+psycopg2://" + url[len("postgresql://"):]
    return url


def configure(c, root: str | os.PathLike, *, source: str | os.PathLike | None = None,
              db_url: str | None = None, cell_timeout: int = CELL_TIMEOUT) -> None:
    """Fill an nbgrader config object `c` for the course rooted at `root`."""
    root = Path(root).resolve()
    source = Path(source or DEFAULT_SOURCE).resolve()
    c.CourseDirectory.root = str(root)
    # nbgrader joins this name under the root, so a relative path lets sources live in exercises/
    c.CourseDirectory.source_directory = os.path.relpath(source, root)
    c.CourseDirectory.db_url = gradebook_url(root, db_url)
    c.CourseDirectory.course_id = COURSE_ID
    c.Execute.timeout = cell_timeout
    c.ZipCollectApp.collector_plugin = "nbgrader.plugins.zipcollect.FileNameCollectorPlugin"
    c.FileNameCollectorPlugin.named_regexp = FILENAME_PATTERN
    c.FileNameCollectorPlugin.valid_ext = [".ipynb", ".json"]
    # An answers file left in a source folder (a teacher who tried the notebook) must never be
    # copied over a learner's own during autograde.
    c.Autograde.exclude_overwriting = source_answer_files(source)
    # Validate cannot score a learner's copy (the keys are hidden): say so instead of nbgrader's
    # "you WILL NOT receive full credit"; in a source notebook a failure means a key is wrong.
    c.Validator.failed_warning = (
        "VALIDATION FAILED ON {num_failed} CELL(S). In a learner's copy this always happens: only the\n"
        "teacher's hidden tests can score the answers (see each message below; \u00abCheck before\n"
        "submitting\u00bb shows what is answered and saved). In a source notebook it means a key does\n"
        "not earn its own points: run `qazaq-grade check`.\n")
    # Feedback pages show answers, verdicts, points and hints: no code, no keys, no Out[…].
    c.GenerateFeedback.preprocessors = ["nbgrader.preprocessors.GetGrades",
                                        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
                                        "qazaq.grading.feedback.LearnerFeedback"]


def source_answer_files(source: Path) -> dict[str, list[str]]:
    """{assignment: [answers files in its source folder]}, for nbgrader's Autograde.exclude_overwriting."""
    found = {}
    for folder in sorted(p for p in Path(source).glob("*") if p.is_dir()):
        names = sorted({f.name for pattern in ANSWER_FILE_PATTERNS for f in folder.glob(pattern)})
        if names:
            found[folder.name] = names
    return found
