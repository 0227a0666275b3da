"""JupyterHub configuration of a class on one machine: `make classroom` (docs/classroom.md).

All settings are in qazaq/classroom/hub.py; the environment (QAZAQ_CLASSROOM_DIR, _PORT, _IP,
QAZAQ_TEACHER) chooses the state folder, the port and the teacher's account.
"""
from qazaq.classroom.hub import configure

configure(get_config())  # noqa: F821 (provided by JupyterHub)
