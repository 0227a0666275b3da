"""Learners and the teacher as real system users, each home private (0700), and the shared exchange.

Run as root (the hub and `python -m qazaq.classroom` are). JupyterHub's LocalProcessSpawner then
starts each person's server under their own uid, so the kernel is the only thing that can read
their files, and file permissions alone keep learners apart.
"""
from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from pathlib import Path

from qazaq.classroom import Settings
from qazaq.shared import REPO_ROOT

USERNAME = re.compile(r"^[a-z][a-z0-9_-]{1,30}$")
FIRST_LOGIN_UID = 1000  # below this: accounts of the system (root, daemons), never a learner
LESSONS = REPO_ROOT / "lessons"
SOURCE = REPO_ROOT / "exercises" / "source"
# Folders of the checkout that hold answer keys or hidden tests: closed to other users, since the
# learners' kernels run on the same machine. The teacher grades from their own copy.
# Keys live in the assignments' YAML and the source notebooks built from it; grading/ holds the gradebook.
ANSWER_KEYS = [REPO_ROOT / "exercises", REPO_ROOT / "grading", REPO_ROOT / "assets" / "assignments"]
CLASS_VIEW = REPO_ROOT / "deploy" / "classroom" / "class_view.ipynb"


class AccountError(RuntimeError):
    """A name that cannot be a learner's account; the message says why."""


def find(name: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def ensure_user(name: str) -> pwd.struct_passwd:
    """The system user `name`, created with a private home if missing. System accounts are refused."""
    if not USERNAME.match(name):
        raise AccountError(f"{name!r} cannot be an account name: use 2-31 lower-case letters, digits, - or _.")
    user = find(name)
    if user is None:
        subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", name],
                       check=True, capture_output=True)
        user = pwd.getpwnam(name)
    elif user.pw_uid < FIRST_LOGIN_UID:
        raise AccountError(f"{name!r} is a system account (uid {user.pw_uid}) and cannot log in to the class.")
    os.chmod(user.pw_dir, 0o700)  # useradd's HOME_MODE varies between distributions
    return user


def remove_user(name: str, wait: float = 15) -> None:
    """Delete the account and its home (tests and clean-up of a finished class), its processes first."""
    user = find(name)
    if user is None or user.pw_uid < FIRST_LOGIN_UID:
        return
    deadline = time.monotonic() + wait
    while subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True).returncode == 0 \
            and time.monotonic() < deadline:  # 0: something was still running
        time.sleep(0.2)
    subprocess.run(["userdel", "--remove", name], capture_output=True)
    if find(name) is not None:
        raise AccountError(f"could not remove the account {name}")
    shutil.rmtree(user.pw_dir, ignore_errors=True)


def chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    for folder, dirs, files in os.walk(path):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.lchown(name, user.pw_uid, user.pw_gid)


def give_copy(src: Path, dest: Path, user: pwd.struct_passwd) -> bool:
    """Copy `src` to `dest` owned by `user`, unless it is there already (their edits stay theirs)."""
    if dest.exists():
        return False
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "answers*.json", ".answers-*"))
    chown_tree(dest, user)
    return True


def prepare_learner(name: str) -> pwd.struct_passwd:
    """Account, and the lessons in their home on first login (progress is kept there too)."""
    user = ensure_user(name)
    give_copy(LESSONS, Path(user.pw_dir) / "lessons", user)
    return user


def course_root(settings: Settings) -> Path:
    return Path(pwd.getpwnam(settings.teacher).pw_dir) / "course"


def prepare_teacher(settings: Settings) -> Path:
    """The teacher's account and their course folder: nbgrader config, source notebooks, class view."""
    user = prepare_learner(settings.teacher)
    root = course_root(settings)
    if not root.exists():
        root.mkdir(mode=0o700)
        shutil.copytree(SOURCE, root / "source", ignore=shutil.ignore_patterns("answers*.json", ".answers-*"))
        shutil.copy(CLASS_VIEW, root / CLASS_VIEW.name)
    # Written each time: the exchange's place is the hub's, so `qazaq-grade` works from any shell.
    (root / "nbgrader_config.py").write_text(
        '"""nbgrader configuration of this class (written by `make classroom`)."""\n'
        "from pathlib import Path\n\nfrom qazaq.classroom.nbgrader import configure_course\n\n"
        f"configure_course(get_config(), Path(__file__).resolve().parent, exchange={str(settings.exchange)!r})\n",
        encoding="utf-8")
    chown_tree(root, user)
    return root


def prepare_exchange(settings: Settings) -> Path:
    """nbgrader's exchange: root-owned, world-writable with the sticky bit (as nbgrader requires),
    and the course's folder made in advance for the teacher so no learner can claim its name."""
    settings.state.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.state, 0o711)  # traversable to reach exchange/, not listable
    ex = settings.exchange
    ex.mkdir(exist_ok=True)
    os.chown(ex, 0, 0)
    os.chmod(ex, 0o1777)
    course = ex / settings.course_id
    course.mkdir(exist_ok=True)
    teacher = pwd.getpwnam(settings.teacher)
    os.chown(course, teacher.pw_uid, teacher.pw_gid)
    os.chmod(course, 0o755)
    return ex


def close_answer_keys() -> list[Path]:
    """Other users may not read the checkout's answer keys and hidden tests (files stay the owner's)."""
    closed = []
    for path in ANSWER_KEYS:
        if path.exists():
            os.chmod(path, os.stat(path).st_mode & ~0o007)
            closed.append(path)
    return closed


def prepare_machine(settings: Settings) -> Path:
    """Everything the hub needs before it starts; safe to run again for the same class."""
    if os.geteuid() != 0:
        raise AccountError("the class hub starts servers as the learners' own users: run it as root.")
    course = prepare_teacher(settings)
    prepare_exchange(settings)
    close_answer_keys()
    return course
