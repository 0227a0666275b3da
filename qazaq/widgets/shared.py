"""Widgets that share their kernel's Layout and Style models.

ipywidgets gives every widget its own Layout model, and an HTML, Button or Dropdown its own
Style model too: a lesson of ~230 widgets sent ~630 models to the page, and each one costs a
message from the kernel, bytes in the page and a model in the browser. Widgets that never
change their layout or style can all point at one model with the same properties.

Use these constructors (or ``layout()``/``style()``) only where nothing later assigns to
``w.layout.<x>`` or ``w.style.<x>``; a widget that hides or moves itself needs its own
``widgets.Layout()``, or it would hide every widget sharing the model.

    html("<b>hi</b>")                         # default layout and style, shared
    button(description="OK", layout={"width": "auto"})
    hbox(children, layout={"flex_flow": "row wrap"})
"""
from __future__ import annotations

import os
from typing import Any, Callable

import ipywidgets as widgets

_models: dict[Any, widgets.Widget] = {}
_owner = {"pid": None}


def _shared(key: Any, make: Callable[[], widgets.Widget]) -> widgets.Widget:
    # Models belong to one kernel: a process forked from the kernel template starts afresh,
    # and a closed model (Widget.close_all) is made again.
    if _owner["pid"] != os.getpid():
        _models.clear()
        _owner["pid"] = os.getpid()
    model = _models.get(key)
    if model is None or model.comm is None:
        model = _models[key] = make()
    return model


def one(key: Any, make: Callable[[], widgets.Widget]) -> widgets.Widget:
    """The kernel's one widget made by ``make`` under ``key`` (e.g. an invisible helper widget)."""
    return _shared(key, make)


def layout(**props: str) -> widgets.Layout:
    """The kernel's one Layout with exactly these properties."""
    return _shared(("layout", tuple(sorted(props.items()))), lambda: widgets.Layout(**props))


def style(cls: type[widgets.Style], **props: str) -> widgets.Style:
    """The kernel's one ``cls`` style (HTMLStyle, ButtonStyle...) with exactly these properties."""
    return _shared((cls, tuple(sorted(props.items()))), lambda: cls(**props))


def defaults(widget_cls: type[widgets.DOMWidget], kw: dict) -> dict:
    """``kw`` with ``layout`` and ``style`` (given as a dict, or not at all) made the shared models;
    for subclasses: ``super().__init__(**shared.defaults(widgets.HTML, kw))``."""
    kw = dict(kw)
    if kw.get("layout") is None or isinstance(kw["layout"], dict):
        kw["layout"] = layout(**(kw.get("layout") or {}))
    style_trait = widget_cls.class_traits().get("style")  # the Style class ipywidgets would make
    if style_trait is not None and (kw.get("style") is None or isinstance(kw["style"], dict)):
        kw["style"] = style(style_trait.klass, **(kw.get("style") or {}))
    return kw


def html(value: str = "", **kw) -> widgets.HTML:
    return widgets.HTML(value, **defaults(widgets.HTML, kw))


def button(**kw) -> widgets.Button:
    return widgets.Button(**defaults(widgets.Button, kw))


def toggle_button(**kw) -> widgets.ToggleButton:
    return widgets.ToggleButton(**defaults(widgets.ToggleButton, kw))


def dropdown(**kw) -> widgets.Dropdown:
    return widgets.Dropdown(**defaults(widgets.Dropdown, kw))


def hbox(children=(), **kw) -> widgets.HBox:
    return widgets.HBox(list(children), **defaults(widgets.HBox, kw))


def vbox(children=(), **kw) -> widgets.VBox:
    return widgets.VBox(list(children), **defaults(widgets.VBox, kw))


def box(children=(), **kw) -> widgets.Box:
    return widgets.Box(list(children), **defaults(widgets.Box, kw))
