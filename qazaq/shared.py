"""Where the third-party reference data lives (never copied into the repo).

Evaluation commands take a path; the default is ``../shared/data`` beside the
project checkout, overridable with ``QAZAQ_SHARED_DATA``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ASSETS = REPO_ROOT / "assets"


class SharedDataMissing(FileNotFoundError):
    """Raised with a clear message when ../shared/data is not beside the repo."""


def shared_data(path: str | os.PathLike | None = None) -> Path:
    """Return the reference-data folder, or raise SharedDataMissing saying where we looked."""
    candidate = Path(path or os.environ.get("QAZAQ_SHARED_DATA") or REPO_ROOT.parent / "shared" / "data")
    if not candidate.is_dir():
        raise SharedDataMissing(
            f"Reference data not found at {candidate}. Put the shared/ folder beside the "
            "project checkout or set QAZAQ_SHARED_DATA."
        )
    return candidate


def shared_data_or_exit(path: str | os.PathLike | None = None) -> Path:
    """For evaluation commands: the reference-data folder, or exit with the clear message (status 2)."""
    try:
        return shared_data(path)
    except SharedDataMissing as exc:
        print(exc, file=sys.stderr)
        raise SystemExit(2) from None
