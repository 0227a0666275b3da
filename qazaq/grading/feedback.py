"""The learner's feedback page: their answers, the verdicts, points and hints; never code or keys.

nbgrader renders feedback from the autograded notebook, which holds the hidden tests again
(answer keys included) and each test's score as an `Out[…]` number. `LearnerFeedback` is
registered in `GenerateFeedback.preprocessors` (qazaq.grading.config), so `qazaq-grade feedback`,
`nbgrader generate_feedback` and formgrader's button all strip them the same way.
"""
from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_output
from traitlets import Bool

# Code boxes are emptied, so hide them and the In/Out prompts; long hint lines wrap instead of
# being cut at the box edge.
CSS = """
div.code_cell div.input, div.code_cell div.prompt, div.output_prompt { display: none; }
div.output_area pre, div.output_text pre { white-space: pre-wrap; word-break: break-word; }
"""


def _is_test(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def learner_outputs(cell) -> list:
    """What a learner may see of a code cell's outputs."""
    kept = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream" and out.get("name") == "stdout":
            kept.append(out)
        elif kind in ("display_data", "execute_result") and not _is_test(cell):
            # a widget cell's saved answer; without "Out[n]"
            kept.append(new_output("display_data", data=out.get("data", {}), metadata=out.get("metadata", {})))
        elif kind == "error":  # a traceback would quote the hidden test, keys and all
            kept.append(new_output("stream", name="stdout", text=f"(this cell stopped with {out.get('ename')})\n"))
    return kept


class LearnerFeedback(Preprocessor):
    """Empty every code cell's source, keep the learner-facing outputs, add the page's CSS."""

    enabled = Bool(True, help="nbconvert runs a preprocessor only when enabled").tag(config=True)

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.source = ""
                cell.outputs = learner_outputs(cell)
                cell.execution_count = None
        resources.setdefault("inlining", {}).setdefault("css", []).append(CSS)
        return nb, resources
