"""Teacher tools around nbgrader: `qazaq-grade` / `python -m qazaq.grading` (see docs/teachers.md)."""
