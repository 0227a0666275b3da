"""nbgrader configuration of the Qazaq course (run `qazaq-grade` or `nbgrader` from this folder).

Source notebooks live in ../exercises/source; release/, submitted/, autograded/, feedback/,
downloaded/, reports/ and gradebook.db are created here and are not committed.
"""
from pathlib import Path

from qazaq.grading.config import configure

c = get_config()  # noqa: F821 (provided by nbgrader)

# Gradebook: SQLite in this folder by default. For PostgreSQL set db_url here, e.g.
#   db_url = "postgresql://teacher@localhost:5432/qazaq"
# or export QAZAQ_DB_URL, or pass `qazaq-grade --db-url ...`.
db_url = None

configure(c, Path(__file__).resolve().parent, db_url=db_url)
