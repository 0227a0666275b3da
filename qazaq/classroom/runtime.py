"""The Python that learners' servers run on.

Learners' servers run under their own uids, so every directory on the way to the interpreter and
its standard library must be open to other users. A venv made from an interpreter inside root's
home (pyenv under /root, say) is not. Then the class gets its own copy of that interpreter (binary,
shared library, standard library: about 100 MB) in the state folder, and a small venv from the copy
that loads the course venv's packages (site.addsitedir), with the console scripts
(jupyterhub-singleuser, jupyter, nbgrader, alembic, qazaq-grade) pointed at it. Same version, same
build: nothing behaves differently from the teacher's own venv.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

# Not needed to run a course, and large.
_SKIP = shutil.ignore_patterns("site-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3")


def open_to_others(path: Path) -> bool:
    """Every parent directory traversable by any user, and the file itself readable."""
    path = path.resolve()
    return all(os.stat(p).st_mode & stat.S_IXOTH for p in path.parents) and bool(os.stat(path).st_mode & stat.S_IROTH)


def _open_tree(top: Path) -> None:
    for folder, dirs, files in os.walk(top):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            if not os.path.islink(name):
                mode = os.stat(name).st_mode
                os.chmod(name, mode | (0o055 if stat.S_ISDIR(mode) else 0o044 | (0o011 if mode & 0o100 else 0)))


def library_path(state: Path) -> str:
    """LD_LIBRARY_PATH for a copied interpreter (its RUNPATH still names the original place)."""
    lib = state / "python" / "lib"
    return str(lib) if lib.exists() else ""


def copy_interpreter(target: Path) -> Path:
    """The base interpreter of this venv, copied where everyone can read it; returns its binary."""
    base = Path(sys.base_prefix)
    version = "python%d.%d" % sys.version_info[:2]
    binary = target / "bin" / version
    if not binary.exists():
        (target / "bin").mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(sys._base_executable).resolve(), binary)
        (target / "lib").mkdir(exist_ok=True)
        for lib in base.glob("lib/libpython*.so*"):
            shutil.copy2(lib, target / "lib" / lib.name, follow_symlinks=False)
        shutil.copytree(base / "lib" / version, target / "lib" / version, ignore=_SKIP, symlinks=True)
        _open_tree(target)
    return binary


def server_bin(state: Path) -> Path:
    """The bin/ folder whose python and scripts the spawned servers use."""
    here = Path(sys.executable).parent
    if open_to_others(Path(sys.executable)) and open_to_others(Path(sysconfig.get_paths()["stdlib"]) / "os.py"):
        return here
    python = copy_interpreter(state / "python")
    return shadow_venv(state / "venv", here, python, library_path(state))


def shadow_venv(target: Path, source_bin: Path, base_python: Path, ld_path: str = "") -> Path:
    """A venv from `base_python` that sees the course venv's packages and runs its console scripts."""
    env = dict(os.environ, LD_LIBRARY_PATH=ld_path) if ld_path else None
    python = target / "bin" / "python"
    if not python.exists():
        subprocess.run([str(base_python), "-m", "venv", "--without-pip", str(target)], check=True, env=env)
    purelib = Path(sysconfig.get_paths()["purelib"])
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True, env=env).stdout.strip()
    Path(site, "qazaq_course_venv.pth").write_text(f"import site; site.addsitedir({str(purelib)!r})\n", encoding="utf-8")
    old = f"#!{source_bin / 'python'}"
    for script in source_bin.iterdir():
        if script.name.startswith(("python", "activate", "pip")) or not script.is_file():
            continue
        try:
            text = script.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # a binary, not a console script
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
    _open_tree(target)
    return target / "bin"
