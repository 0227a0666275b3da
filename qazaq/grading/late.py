"""The course's late policy, as an nbgrader late-submission plugin.

A submission after the due date loses a share of its score for each started day late, up to a
cap, so late work still counts. Set in `qazaq.classroom.nbgrader`; the due date is the
assignment's (`qazaq-grade release --exchange --due ...` or formgrader).
"""
from __future__ import annotations

import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float


class PercentPerDay(LateSubmissionPlugin):
    percent_per_day = Float(10.0, help="share of the score lost per started day late (%)").tag(config=True)
    max_percent = Float(50.0, help="never more than this share of the score (%)").tag(config=True)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float) -> float | None:
        if total_seconds_late <= 0:
            return None
        days = math.ceil(total_seconds_late / 86400)
        share = min(self.max_percent, self.percent_per_day * days) / 100
        return round(score * share, 2)
