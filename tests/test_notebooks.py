"""Every notebook is stored clean and runs headless with nbclient."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from qazaq.shared import REPO_ROOT

NOTEBOOK_TIMEOUT = 120  # seconds per cell; a lesson should take far less


def notebooks(*folders: str) -> list[Path]:
    found = []
    for folder in folders:
        found += sorted(p for p in (REPO_ROOT / folder).rglob("*.ipynb")
                        if ".ipynb_checkpoints" not in p.parts)
    return found


def executable_notebooks() -> list[Path]:
    return notebooks("lessons", "exercises")


def ids(paths):
    return [str(p.relative_to(REPO_ROOT)) for p in paths]


ALL = notebooks("lessons", "exercises", "grading")


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_notebook_is_stored_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, c in enumerate(nb["cells"])
             if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"cells with outputs: {dirty}; run `make clean-outputs`"


@pytest.mark.notebook
@pytest.mark.parametrize("path", executable_notebooks(), ids=ids(executable_notebooks()))
def test_notebook_executes(path, tmp_path, monkeypatch):
    monkeypatch.setenv("QAZAQ_HOME", str(tmp_path / "home"))
    # Run in a copy of the notebook's folder so answers and progress files never land in the repo.
    workdir = tmp_path / "work"
    shutil.copytree(path.parent, workdir, ignore=shutil.ignore_patterns("*.ipynb_checkpoints"))
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=NOTEBOOK_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
