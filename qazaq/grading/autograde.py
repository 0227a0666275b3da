"""Autograde many submissions at once: N worker processes, each running nbgrader in-process.

Most of nbgrader's time per submission is spent starting a kernel and waiting on it, so
several workers overlap well even on two cores. Each worker loads nbgrader once; kernels are
forked from one warm template process (`qazaq.kernels`) instead of importing IPython anew for
every submission; the gradebook takes the short writes in turn (SQLite waits, PostgreSQL locks rows).
"""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path

from qazaq.assignment import GRADING_ENV
from qazaq.grading.config import gradebook_url
from qazaq.grading.course import Course, nbgrader_env
from qazaq.kernels import PROVISIONER, TEMPLATE_ENV, Template

_API = None  # one nbgrader API per worker process


@dataclass
class Result:
    student: str
    ok: bool
    message: str = ""


def _init(root: str, db_url: str | None, quiet: bool = True, template: str | None = None) -> None:
    global _API
    os.environ["PATH"] = nbgrader_env()["PATH"]
    os.environ[GRADING_ENV] = "1"  # inherited by the kernels this worker starts
    if template:  # jupyter_client reads the provisioner's name when it first starts a kernel
        os.environ["JUPYTER_DEFAULT_PROVISIONER_NAME"] = PROVISIONER
        os.environ[TEMPLATE_ENV] = template
    if quiet:  # kernels' start-up chatter would break the progress bar; errors come back as results
        log = os.open(os.path.join(root, ".autograde.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 2)
    # nbgrader here, not on top: loaded in each worker process, after its stderr went to the log.
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    cfg = PyFileConfigLoader("nbgrader_config.py", path=root).load_config()
    if db_url:
        cfg.CourseDirectory.db_url = gradebook_url(Path(root), db_url)
    _API = NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)


def _grade_one(task: tuple[str, str, bool], attempts: int = 2) -> Result:
    assignment, student, force = task
    for attempt in range(attempts):  # a kernel that fails to start on a busy machine gets a second go
        try:
            out = _API.autograde(assignment, student, force=force or attempt > 0, create=True)
        except Exception as exc:  # one broken submission must not stop the class
            out = {"success": False, "error": f"{type(exc).__name__}: {exc}"}
        if out.get("success"):
            return Result(student, True)
    # nbgrader's last line only says "see above": keep the first error line of its log
    log = (out.get("log") or "") + "\n" + (out.get("error") or "")  # of the last attempt
    errors = [l.strip() for l in log.splitlines() if "ERROR" in l or "Error" in l]
    return Result(student, False, errors[0] if errors else "unknown error")


def pending(course: Course, assignment: str, students: list[str], force: bool) -> tuple[list[str], list[str]]:
    """(to grade, already graded): results are never overwritten without --force."""
    done = [s for s in students if course.path("autograded", s, assignment).exists()]
    return ([s for s in students if force or s not in done], [] if force else done)


def autograde(course: Course, assignment: str, students: list[str], *, workers: int = 4,
              force: bool = False, progress: bool = True) -> list[Result]:
    from tqdm import tqdm  # here, not on top: imported in the parent process only, not in each worker

    tasks = [(assignment, s, force) for s in students]
    if not tasks:
        return []
    results: list[Result] = []
    bar = tqdm(total=len(tasks), desc=f"autograde {assignment}", unit="sub", disable=not progress)
    # Kernels' start-up chatter goes to the log, not over the progress bar.
    with open(course.root / ".autograde.log", "ab") as log:
        template = Template.start(stderr=log, warm=False)
    try:
        if workers <= 1:
            _init(str(course.root), course.db_url, quiet=False, template=template.sock)
            for t in tasks:
                results.append(_grade_one(t))
                bar.update()
        else:
            # forkserver: a clean process (no threads, no open DB handles) that has imported
            # nbgrader once, so each worker starts in milliseconds instead of seconds.
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["nbgrader.apps", "qazaq.grading.autograde"])
            init = (str(course.root), course.db_url, True, template.sock)
            with ctx.Pool(workers, initializer=_init, initargs=init) as pool:
                for r in pool.imap_unordered(_grade_one, tasks):
                    results.append(r)
                    bar.update()
    finally:
        template.stop()
    bar.close()
    return sorted(results, key=lambda r: r.student)
