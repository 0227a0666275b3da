"""Course content loaded from data files under ``assets/``.

Each kind of content has its own module; this package re-exports the loaders.
"""
from __future__ import annotations

from qazaq.content.abai import abai_texts  # noqa: F401 - re-exported


def vocabulary(*args, **kwargs):
    """The A1-A2 vocabulary as a pandas DataFrame (see qazaq.content.vocab)."""
    from qazaq.content.vocab import vocabulary as _vocabulary  # here: importing qazaq.content loads no pandas

    return _vocabulary(*args, **kwargs)
