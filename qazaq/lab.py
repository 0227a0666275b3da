"""JupyterLab as a learner gets it (`make lab`, `python -m qazaq.lab`).

Stock JupyterLab in this environment is a teacher's Lab: nbgrader's Formgrader tab, menu and
Create Assignment panel are there, lessons open as bare code cells, and autosave writes every
output (and widget state) into the lesson file of the learner's checkout. The learner's Lab:

- a "▶ Start the lesson" button leads the notebook toolbar: it restarts the kernel and runs
  every cell (no confirmation dialog), so a lesson starts with one obvious action and never
  shows stale widgets of a previous kernel;
- lesson files stay as they are on disk: autosave is off, widget state is not saved, and a
  save (Ctrl+S) of a lesson whose cells the learner did not change writes the file back exactly
  as it was (``keep_lessons_clean``); a changed lesson is saved without outputs;
- nbgrader's teacher tools are switched off (its Lab extension and the Formgrader server
  extension) for this Lab only; teachers keep them in their own `jupyter lab`.

Everything lives in a private directory under the learner's data dir (``progress.data_dir()``),
passed through JUPYTER_CONFIG_PATH and ``--LabApp.user_settings_dir``; nothing global changes.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat

from qazaq.progress import data_dir
from qazaq.shared import REPO_ROOT

LESSONS = REPO_ROOT / "lessons"
START_LABEL = "▶ Start the lesson"
# Lab settings a learner starts with (plugin id -> settings), written as user settings.
LEARNER_SETTINGS: dict[str, dict] = {
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": False},
    "@jupyterlab/apputils-extension:sessionDialogs": {"skipKernelRestartDialog": True},
    # Offline first, and no pop-up between a learner and the lesson.
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension:panel": {"toolbar": [
        {"name": "qazaq-start", "command": "notebook:restart-run-all", "label": START_LABEL,
         "caption": "Restart the lesson's Python and run every cell", "rank": 0},
    ]},
}
TEACHER_LAB_EXTENSIONS = ("@jupyter/nbgrader",)
TEACHER_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader",)


def lab_dir(home: Path | None = None) -> Path:
    return (home or data_dir()) / "jupyterlab"


def write_learner_config(base: Path) -> None:
    """The config directory (server + page config) and the Lab user settings of the learner's Lab."""
    config = base / "config"
    (config / "labconfig").mkdir(parents=True, exist_ok=True)
    (config / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {name: True for name in TEACHER_LAB_EXTENSIONS}}, indent=1))
    (config / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {name: False for name in TEACHER_SERVER_EXTENSIONS}}}, indent=1))
    for plugin, values in LEARNER_SETTINGS.items():
        package, _, name = plugin.partition(":")
        path = base / "settings" / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=1, ensure_ascii=False), encoding="utf-8")


def lab_command(root: Path = LESSONS, *, port: int | None = None, home: Path | None = None,
                open_browser: bool = True) -> tuple[list[str], dict[str, str]]:
    """The argv and environment of the learner's Lab serving ``root``."""
    base = lab_dir(home)
    write_learner_config(base)
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
        [str(base / "config")] + ([env["JUPYTER_CONFIG_PATH"]] if env.get("JUPYTER_CONFIG_PATH") else []))
    argv = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}",
            f"--LabApp.user_settings_dir={base / 'settings'}", f"--LabApp.workspaces_dir={base / 'workspaces'}",
            "--ContentsManager.pre_save_hook=qazaq.lab.keep_lessons_clean"]
    if port is not None:
        argv.append(f"--ServerApp.port={port}")
    if not open_browser:
        argv.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI machines run as root
        argv.append("--allow-root")
    return argv, env


def _sources(nb) -> list[tuple[str, str]]:
    return [(c.get("cell_type", ""), "".join(c.get("source", ""))) for c in nb.get("cells", [])]


def keep_lessons_clean(model: dict, path: str, contents_manager, **_kw) -> None:
    """Jupyter pre-save hook: a lesson is saved as the learner wrote it, never with outputs.

    Unchanged cells: the file on disk is written back as it is (byte for byte). Changed cells
    (the learner's notes): saved without outputs, execution counts or widget state.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    nb = model["content"]
    try:
        on_disk = nbformat.read(contents_manager._get_os_path(path), as_version=4)
    except Exception:  # a new notebook or an unreadable file: just strip it below
        on_disk = None
    if on_disk is not None and _sources(on_disk) == _sources(nb):
        model["content"] = json.loads(nbformat.writes(on_disk))
        return
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
        cell.get("metadata", {}).pop("execution", None)
    nb.get("metadata", {}).pop("widgets", None)


def main() -> None:
    argv, env = lab_command()
    os.execve(argv[0], argv, env)


if __name__ == "__main__":
    main()
