"""Qazaq Notebooks: a Kazakh course that lives in Jupyter."""
