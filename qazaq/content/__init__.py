"""Course content loaded from data files under ``assets/``.

Each kind of content has its own module; this package re-exports the loaders.
"""
from __future__ import annotations


def vocabulary(*args, **kwargs):
    """The A1-A2 vocabulary as a pandas DataFrame (see qazaq.content.vocab)."""
    from qazaq.content.vocab import vocabulary as _vocabulary

    return _vocabulary(*args, **kwargs)


def abai_texts(*args, **kwargs):
    """Abai's poems and Words with translations and glosses (see qazaq.content.abai)."""
    from qazaq.content.abai import abai_texts as _abai_texts

    return _abai_texts(*args, **kwargs)
