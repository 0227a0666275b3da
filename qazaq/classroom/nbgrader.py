"""nbgrader settings of a class hub: the exchange, the course id, the teacher's course, the late policy.

Every spawned server reads deploy/classroom/jupyter/common/nbgrader_config.py, which calls
`configure_exchange`; the teacher's server also has $QAZAQ_COURSE and so gets `configure_course`.
"""
from __future__ import annotations

import os
from pathlib import Path

from qazaq.grading.config import COURSE_ID, configure

LATE_POLICY = "qazaq.grading.late.PercentPerDay"


def configure_exchange(c, exchange: str | os.PathLike | None = None) -> None:
    c.Exchange.root = str(exchange or os.environ.get("QAZAQ_EXCHANGE", "/srv/qazaq-classroom/exchange"))
    c.CourseDirectory.course_id = COURSE_ID
    c.Exchange.path_includes_course = False


def configure_course(c, root: str | os.PathLike | None = None, exchange: str | os.PathLike | None = None) -> None:
    """The teacher's course folder: gradebook, source/, release/, submitted/, feedback/ (all private)."""
    root = Path(root or os.environ["QAZAQ_COURSE"])
    configure(c, root, source=root / "source")
    configure_exchange(c, exchange)
    c.AssignLatePenalties.plugin_class = LATE_POLICY
    # A learner's later submission replaces the collected one (all of them stay in the exchange).
    c.ExchangeCollect.update = True
