"""The Python that learners' servers run on.

Learners' servers run under their own uids, so every directory on the way to the interpreter
and its standard library must be open to other users. A venv made from an interpreter inside
root's home (pyenv under /root, say) is not. Then the class gets a small venv of its own from the
system's python3 of the same version that loads the course venv's packages (site.addsitedir), with
the console scripts (jupyterhub-singleuser, jupyter, nbgrader, alembic) pointed at it.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

SYSTEM_PYTHON = Path("/usr/bin/python3")


def open_to_others(path: Path) -> bool:
    """Every parent directory traversable by any user, and the file itself readable."""
    path = path.resolve()
    for parent in path.parents:
        if not os.stat(parent).st_mode & stat.S_IXOTH:
            return False
    return bool(os.stat(path).st_mode & stat.S_IROTH)


def _version(python: Path) -> str:
    out = subprocess.run([str(python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def server_bin(state: Path) -> Path:
    """The bin/ folder whose python and scripts the spawned servers use."""
    here = Path(sys.executable).parent
    if open_to_others(Path(sys.executable)) and open_to_others(Path(sysconfig.get_paths()["stdlib"]) / "os.py"):
        return here
    ours = "%d.%d" % sys.version_info[:2]
    if not SYSTEM_PYTHON.exists() or _version(SYSTEM_PYTHON) != ours:
        raise RuntimeError(f"{sys.executable} is not readable by other users and there is no system python{ours}: "
                           "build the venv from a Python all users can run (make classroom PYTHON=/usr/bin/python3).")
    return shadow_venv(state / "venv", here)


def shadow_venv(target: Path, source_bin: Path) -> Path:
    """A venv from the system python that sees the course venv's packages; rebuilt if the scripts change."""
    python = target / "bin" / "python"
    if not python.exists():
        subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", "--without-pip", str(target)], check=True)
    purelib = Path(sysconfig.get_paths()["purelib"])
    (Path(_site_packages(python)) / "qazaq_course_venv.pth").write_text(
        f"import site; site.addsitedir({str(purelib)!r})\n", encoding="utf-8")
    old = f"#!{source_bin / 'python'}"
    for script in source_bin.iterdir():
        if script.name.startswith(("python", "activate", "pip")) or not script.is_file():
            continue
        try:
            text = script.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # a binary: not a console script
            continue
        if text.startswith(old):
            dest = target / "bin" / script.name
            dest.write_text(f"#!{python}" + text[len(old):], encoding="utf-8")
            dest.chmod(0o755)
    # Jupyter's config (enabled server extensions) and data (JupyterLab extensions, kernels,
    # templates) are found under sys.prefix: show the course venv's own.
    for part in ("etc/jupyter", "share/jupyter"):
        link, real = target / part, source_bin.parent / part
        if real.exists() and not link.exists():
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(real)
    for folder in [target, *target.rglob("*")]:
        if folder.is_symlink():
            continue
        folder.chmod(folder.stat().st_mode | (0o055 if folder.is_dir() else 0o044))
    return target / "bin"


def _site_packages(python: Path) -> str:
    out = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()
