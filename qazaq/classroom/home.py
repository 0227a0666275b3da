"""The course home page inside each person's server (`/qazaq/home`, where the hub sends them).

Every lesson in their own `~/lessons` with two links: open it in JupyterLab (to read, run and keep
notes) or as an app (Voila). The teacher also gets formgrader, the class view and the approvals page.
"""
from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import quote

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from qazaq.site.catalogue import grouped

STYLE = ("body{font-family:'DejaVu Sans',sans-serif;margin:0 auto;max-width:52em;padding:1em;line-height:1.4}"
         "li{margin:.35em 0}a.app{margin-left:.8em;font-size:90%}nav a{margin-right:1.2em}"
         ".box{background:#f3f6fb;border-radius:6px;padding:.6em 1em}")


def lesson_links(base: str, lessons: Path) -> str:
    parts = []
    for heading, entries in grouped(lessons):
        items = []
        for e in entries:
            rel = quote(f"lessons/{e.path}")
            title = html.escape(" — ".join(t for t in (e.title_kk, e.title_en) if t) or e.path)
            items.append(f'<li><a class="lab" href="{url_path_join(base, "lab/tree", rel)}">{title}</a>'
                         f'<a class="app" href="{url_path_join(base, "voila/render", rel)}">open as an app</a></li>')
        parts.append(f"<h2>{html.escape(heading)}</h2><ul>{''.join(items)}</ul>")
    return "".join(parts)


def page(base: str, user: str, home: Path, teacher: bool) -> str:
    lessons = home / "lessons"
    tools = ('<p class="box"><b>Assignments:</b> in JupyterLab open the menu <i>Nbgrader → Assignment List</i>: '
             "<i>Fetch</i> a new assignment, answer in its boxes, then <i>Submit</i>. When your teacher has "
             "graded it, <i>Fetch Feedback</i> there.</p>")
    if teacher:
        hub = os.environ.get("JUPYTERHUB_BASE_URL", "/")
        tools = ('<p class="box"><b>Teacher:</b> '
                 f'<a href="{url_path_join(hub, "hub/authorize")}">approve learners</a> · '
                 f'<a href="{url_path_join(base, "formgrader")}">formgrader</a> (release, collect, grade, feedback) · '
                 f'<a href="{url_path_join(base, "lab/tree/course/class_view.ipynb")}">class view</a></p>')
    body = lesson_links(base, lessons) if lessons.is_dir() else "<p>Your lessons folder is missing; ask your teacher.</p>"
    return ("<!doctype html><html lang='en'><meta charset='utf-8'><title>Qazaq Notebooks — your class</title>"
            f"<style>{STYLE}</style><h1>Qazaq Notebooks</h1><p>Сәлем, {html.escape(user)}! "
            "Your lessons and progress are kept in your own folder on this server.</p>"
            f'<nav><a href="{url_path_join(base, "lab")}">JupyterLab</a></nav>{tools}{body}</html>')


class HomeHandler(JupyterHandler):
    @web.authenticated
    def get(self) -> None:
        teacher = os.environ.get("QAZAQ_CLASSROOM_ROLE") == "teacher"
        user = os.environ.get("JUPYTERHUB_USER", "")
        self.finish(page(self.base_url, user, Path.home(), teacher))


def _jupyter_server_extension_points():
    return [{"module": "qazaq.classroom.home"}]


def _load_jupyter_server_extension(server_app) -> None:
    web_app = server_app.web_app
    route = url_path_join(web_app.settings["base_url"], "qazaq/home")
    web_app.add_handlers(".*$", [(route, HomeHandler)])
