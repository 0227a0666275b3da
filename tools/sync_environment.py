"""Write environment.yml from pyproject.toml, so the two dependency lists never drift.

Usage: python tools/sync_environment.py  (tests/test_environment.py checks they agree)
"""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pinned_dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["dependencies"] + project["optional-dependencies"]["test"]


def render() -> str:
    lines = [
        "# Generated from pyproject.toml by tools/sync_environment.py; keep them in sync.",
        "# Conda users: conda env create -f environment.yml && pip install -e . --no-deps",
        "name: qazaq-notebooks",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {dep}" for dep in pinned_dependencies()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (ROOT / "environment.yml").write_text(render(), encoding="utf-8")
    print("environment.yml written")
