"""Widget state streamed with a lesson page, cell by cell.

Voila executes a lesson while it sends the page, and its executor (nbclient) records every
widget message. The `qazaq-fast` template writes, after each cell, the states of the models
that are new or changed since the previous cell (nbconvert's widget-state format), so the
browser draws the first widgets while later cells still run instead of waiting for the whole
lesson. A pre-rendered (preheated) page carries the same pieces.
"""
from __future__ import annotations

import hashlib
import json
import logging
import weakref
from typing import Any, Callable

log = logging.getLogger(__name__)
# executor -> {model id: fingerprint of the state last written}
_written: "weakref.WeakKeyDictionary[Any, dict[str, str]]" = weakref.WeakKeyDictionary()


def executor_of(cell_generator: Callable | None) -> Any | None:
    """Voila's executor: kept by the renderer whose bound method the template gets as
    `cell_generator` (Voila 0.5). None with another Voila: the page then asks the kernel."""
    renderer = getattr(cell_generator, "__self__", None)
    return getattr(renderer, "executor", None)


def _fingerprint(state: dict, buffers: list | None) -> str:
    text = json.dumps([state, buffers], sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def state_since_last(cell_generator: Callable | None) -> dict | None:
    """States of the models created or changed since the last call for this page, or None
    when there is no executor to read. Never raises: an exception in the template would leave
    the visitor's page hanging; a model that cannot be written now is written with a later piece."""
    executor = executor_of(cell_generator)
    if executor is None or not hasattr(executor, "widget_state"):
        return None
    written = _written.setdefault(executor, {})
    fresh = {}
    for model_id, state in list(executor.widget_state.items()):
        if "_model_name" not in state:  # an update seen before its model's opening: not yet usable
            continue
        try:
            buffers = list((executor.widget_buffers.get(model_id) or {}).values())
            mark = _fingerprint(state, buffers)
        except Exception:  # noqa: BLE001 - see the docstring
            log.warning("widget %s: state not written yet", model_id, exc_info=True)
            continue
        if written.get(model_id) == mark:
            continue
        written[model_id] = mark
        entry = {"model_name": state["_model_name"], "model_module": state.get("_model_module"),
                 "model_module_version": state.get("_model_module_version"), "state": state}
        if buffers:
            entry["buffers"] = buffers
        fresh[model_id] = entry
    return {"version_major": 2, "version_minor": 0, "state": fresh}
