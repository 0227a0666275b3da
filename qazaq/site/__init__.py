"""The public site: how Voila is started to serve the lessons as web apps.

`make serve` and the browser-test fixture both start the site through `voila_command`,
so what the tests check is what the public gets. The command runs `qazaq.site.app`
(Voila plus the home page, template, font and kernel limit); every option is visible here.
"""
from __future__ import annotations

import sys
from pathlib import Path

from qazaq.shared import REPO_ROOT

LESSONS = REPO_ROOT / "lessons"
# JupyterLab-only front-end extensions that fail inside Voila pages (console errors, wasted requests).
LAB_ONLY_EXTENSIONS = ["@jupyter/nbgrader", "@jupyter-notebook/lab-extension", "@voila-dashboards/jupyterlab-preview"]
# Visitor kernels at once, then the friendly "busy" page: by default as many as the machine's
# memory holds (qazaq.site.capacity), and never a new one when memory runs short.
MAX_KERNELS_FROM_MEMORY = -1
POOL_SIZE = 1             # preheated kernels kept ready per notebook
CULL_IDLE_S = 900         # an abandoned tab's kernel is shut down after 15 idle minutes
CULL_INTERVAL_S = 60
IOPUB_TIMEOUT_S = 30
KERNEL_START_TIMEOUT_S = 120  # Voila's 60 s is tight for a kernel started while the machine is busy
# Lesson pages: outputs rendered on the server plus one small widgets bundle (qazaq/site/frontend).
TEMPLATE = "qazaq-fast"
# The previous page template (Voila's full JupyterLab front end), kept working as a fallback.
FALLBACK_TEMPLATE = "qazaq"


def voila_command(port: int, root: Path = LESSONS, *, ip: str = "127.0.0.1", preheat: bool = True,
                  max_kernels: int = MAX_KERNELS_FROM_MEMORY, pool_size: int = POOL_SIZE,
                  node_name: str = "") -> list[str]:
    """The argv that serves `root`: sources hidden, no tracebacks, no browser, preheated, bounded.
    `node_name` names the process in the sticky-session cookie (default: its port)."""
    argv = [
        sys.executable, "-m", "qazaq.site.app", str(root),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--no-browser",
        f"--template={TEMPLATE}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--classic-tree",
        "--VoilaConfiguration.extension_denylist=" + repr(LAB_ONLY_EXTENSIONS),
        f"--QazaqVoila.max_kernels={max_kernels}",
        # Kernels of tabs left open but unused are culled too (cull_connected), busy ones never.
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_S}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
        # A restarted lesson kernel has none of the page's widgets: restarting it would only hold
        # memory. A dead kernel stays dead; its page learns so (/qazaq/api/kernel) and reopens.
        "--KernelManager.autorestart=False",
        "--MappingKernelManager.cull_connected=True",
        # On a loaded machine a cell's output can trail its reply by seconds; nbclient's default
        # 4 s wait then drops it and the learner gets a lesson without its widgets.
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_S}",
        f"--VoilaExecutor.startup_timeout={KERNEL_START_TIMEOUT_S}",
    ]
    if node_name:
        argv.append(f"--QazaqVoila.node_name={node_name}")
    if preheat:
        argv += ["--preheat_kernel=True", f"--pool_size={pool_size}"]
    return argv
