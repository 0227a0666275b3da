"""The public site: how Voila is started to serve the lessons as web apps.

`make serve` and the browser-test fixture both start Voila through
`voila_command`, so what the tests check is what the public gets.
"""
from __future__ import annotations

import sys
from pathlib import Path

from qazaq.shared import REPO_ROOT

LESSONS = REPO_ROOT / "lessons"
# JupyterLab-only front-end extensions that fail inside Voila pages (console errors, wasted requests).
LAB_ONLY_EXTENSIONS = ["@jupyter/nbgrader", "@jupyter-notebook/lab-extension", "@voila-dashboards/jupyterlab-preview"]


def voila_command(port: int, root: Path = LESSONS, *, ip: str = "127.0.0.1") -> list[str]:
    """The argv that serves `root` with Voila: sources hidden, no browser, no tracebacks."""
    return [
        sys.executable, "-m", "voila", str(root),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--no-browser",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--classic-tree",
        "--VoilaConfiguration.extension_denylist=" + repr(LAB_ONLY_EXTENSIONS),
    ]
