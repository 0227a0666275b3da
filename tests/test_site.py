"""The public site over plain HTTP: home page catalogue, path safety, no code execution, busy page."""
from __future__ import annotations

import html
import http.client
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from qazaq.content.lessons import load as lessons_load
from qazaq.shared import REPO_ROOT
from qazaq.site import catalogue, voila_command
from qazaq.site.fonts import KAZAKH_LETTERS, font_path

# Strings that only exist in solutions, hidden tests or grading config: none may ever be served.
SECRETS = ["BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "nbgrader_config", "get_config()", "db_url"]
EXERCISE = "exercises/source/a01-alphabet/a01-alphabet.ipynb"
GRADING = "grading/nbgrader_config.py"


def fetch(base: str, raw_path: str, method: str = "GET", body: str | None = None) -> tuple[int, dict, str]:
    """Send `raw_path` byte-for-byte (no client-side normalisation of `..` or %-escapes)."""
    url = urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    try:
        conn.request(method, raw_path, body=body, headers={"Content-Type": "application/json"} if body else {})
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def home_links(base: str) -> list[str]:
    status, _, body = fetch(base, "/")
    assert status == 200
    return re.findall(r'<a href="(/voila/render/[^"]+)"', body)


# --- home page -----------------------------------------------------------------------------------

def test_home_lists_every_lesson_and_abai_text_as_plain_links(voila_server):
    links = home_links(voila_server)
    notebooks = sorted(p.relative_to(catalogue.LESSONS).as_posix() for p in catalogue.LESSONS.rglob("*.ipynb")
                       if ".ipynb_checkpoints" not in p.parts)
    assert sorted(link.removeprefix("/voila/render/") for link in links) == notebooks
    assert "/voila/render/01-alphabet.ipynb" in links
    assert "/voila/render/abai/01-qys.ipynb" in links


def test_home_shows_kazakh_and_english_titles_levels_and_descriptions(voila_server):
    _, _, body = fetch(voila_server, "/")
    assert "Әліпби және дыбыстар" in body and "The alphabet and its sounds" in body
    assert "Level A1" in body
    assert "Қыс" in body and "Winter" in body
    assert "Read the 42 letters of the Kazakh Cyrillic alphabet." in body
    assert "http://" not in body.replace("http://www.w3.org", "") and "https://" not in body


def test_home_shows_lesson_titles_and_descriptions_in_the_visitors_language(voila_server):
    """Issue 16: the catalogue in Russian and Turkish (?lang=), each text marked with its language."""
    alphabet = lessons_load(1)
    for lang in ("ru", "tr"):
        _, _, body = fetch(voila_server, f"/?lang={lang}")
        title = html.escape(alphabet["title"][lang], quote=False)
        assert f'<span class="qz-en" lang="{lang}" dir="auto">{title}</span>' in body, lang
        goal = re.sub(r"\{\{(.+?)\}\}", r"\1", alphabet["goals"][lang].strip().splitlines()[0].lstrip("-* ").strip())
        assert html.escape(goal, quote=False) in body or html.escape(goal) in body, (lang, goal)
        assert alphabet["title"]["en"] not in body


def test_catalogue_reads_titles_and_descriptions_by_language(tmp_path):
    meta = {"title_kk": "Көпше", "title": {"en": "Plural", "ru": "Множественное число"},
            "description": {"en": "Make nouns plural.", "tr": "İsimleri çoğul yapmak."}}
    (tmp_path / "03-plural.ipynb").write_text(json.dumps({"cells": [], "metadata": {"qazaq": meta}}), encoding="utf-8")
    [entry] = catalogue.entries(tmp_path)
    assert entry.title_in("ru") == ("Множественное число", "ru") and entry.title_in("tr") == ("Plural", "en")
    assert entry.description_in("tr") == ("İsimleri çoğul yapmak.", "tr")
    assert entry.description_in("fa") == ("Make nouns plural.", "en")


def test_catalogue_falls_back_to_the_file_name(tmp_path):
    (tmp_path / "07-my-lesson.ipynb").write_text(json.dumps({"cells": [], "metadata": {}}), encoding="utf-8")
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    by_path = {e.path: e for e in catalogue.entries(tmp_path)}
    assert by_path["07-my-lesson.ipynb"].title_en == "My lesson"
    assert by_path["07-my-lesson.ipynb"].number == 7
    assert by_path["broken.ipynb"].title_en == "Broken"


def test_catalogue_reads_notebook_metadata_first(tmp_path):
    nb = {"cells": [{"cell_type": "markdown", "source": "# Lesson 3 · Көпше — Plural\n\n**Level A1**"}],
          "metadata": {"qazaq": {"level": "A2", "description": "Make nouns plural."}}}
    (tmp_path / "03-plural.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    [entry] = catalogue.entries(tmp_path)
    assert (entry.title_kk, entry.title_en, entry.level, entry.description) == ("Көпше", "Plural", "A2", "Make nouns plural.")


def test_title_with_a_dash_inside_the_kazakh_part():
    assert catalogue._split_title("Бір дәурен кемді күнге — бозбалалық — Youth is a heyday") == (
        "Бір дәурен кемді күнге — бозбалалық", "Youth is a heyday")


# --- template, font, offline -----------------------------------------------------------------------

def test_bundled_font_covers_kazakh_in_all_three_scripts():
    from fontTools.ttLib import TTFont

    for weight in ("regular", "bold"):
        cmap = TTFont(str(font_path(weight))).getBestCmap()
        missing = [c for letters in KAZAKH_LETTERS.values() for c in letters if ord(c) not in cmap]
        assert missing == [], f"{weight}: {missing}"
    assert (REPO_ROOT / "assets" / "fonts" / "LICENSE-DejaVu.txt").exists()


def test_font_and_stylesheet_are_served_locally(voila_server):
    status, headers, _ = fetch(voila_server, "/qazaq/fonts/DejaVuSans-kk-regular.woff2")
    assert status == 200 and "max-age" in headers.get("Cache-Control", "")
    status, _, css = fetch(voila_server, "/voila/templates/qazaq/static/qazaq.css")
    assert status == 200 and "Qazaq Sans" in css and "@media (max-width: 600px)" in css


def test_lesson_page_has_no_cdn_links_no_sources_and_frees_its_kernel(voila_server):
    status, _, body = fetch(voila_server, "/voila/render/01-alphabet.ipynb")
    assert status == 200
    assert not re.search(r'(src|href)="https?://', body)
    assert "cdn.jsdelivr.net" not in body and "cdnjs" not in body
    assert "from qazaq.lesson import start" not in body  # sources stripped
    assert "qazaq/api/leave/" in body
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]{36})"', body).group(1)
    assert fetch(voila_server, f"/qazaq/api/leave/{kernel_id}", "POST")[0] == 204
    assert fetch(voila_server, f"/api/kernels/{kernel_id}")[0] == 404


def test_lesson_page_carries_its_widget_state_cell_by_cell(voila_server):
    """The state arrives in pieces after the cells (so the first widgets are drawn while later
    cells run); the last piece marks it complete; every widget on the page has its model."""
    status, _, body = fetch(voila_server, "/voila/render/04-present.ipynb")
    assert status == 200
    pieces = re.findall(r'<script type="application/vnd.jupyter.widget-state\+json" class="qz-widget-state"'
                        r'( id="qazaq-widget-state")?>\s*(.*?)\s*</script>', body, re.S)
    assert len(pieces) >= 5 and pieces[-1][0] and not any(last for last, _ in pieces[:-1])
    models = {}
    for _, text in pieces:
        models.update(json.loads(text)["state"])
    views = [json.loads(v)["model_id"] for v in
             re.findall(r'<script type="application/vnd.jupyter.widget-view\+json">\s*(.*?)\s*</script>', body, re.S)]
    assert len(views) >= 10 and all(v in models for v in views)
    first_view = body.index("application/vnd.jupyter.widget-view+json")
    assert body.index("qz-widget-state") < body.index("qazaq-widget-state") and first_view < body.index("qz-widget-state")
    layouts = [m for m in models.values() if m["model_name"] == "LayoutModel"]
    assert len(layouts) < len(models) / 5  # widgets share their Layout models
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]{36})"', body).group(1)
    fetch(voila_server, f"/qazaq/api/leave/{kernel_id}", "POST")


def test_voila_command_hides_sources_and_tracebacks():
    argv = voila_command(8866)
    assert "--strip_sources=True" in argv and "--show_tracebacks=False" in argv
    assert "--template=qazaq-fast" in argv and "--preheat_kernel=True" in argv
    assert any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in argv)


# --- path safety -----------------------------------------------------------------------------------

ROOT = str(REPO_ROOT)
FORBIDDEN = [
    f"/voila/render/../{EXERCISE}",
    f"/voila/render/%2e%2e/{EXERCISE}",
    f"/voila/render/%2E%2E%2F{EXERCISE.replace('/', '%2F')}",
    f"/voila/render/%252e%252e/{EXERCISE}",
    f"/voila/render/..%2f..%2f{GRADING}",
    f"/voila/render/{ROOT}/{EXERCISE}",
    f"/voila/render//{ROOT}/{EXERCISE}",
    f"/voila/render/%2F{ROOT.lstrip('/')}/{EXERCISE}",
    f"/voila/files/../{GRADING}",
    f"/voila/files/%2e%2e/{GRADING}",
    f"/voila/files/..%2f{GRADING}",
    f"/voila/files/{ROOT}/{GRADING}",
    "/voila/files/01-alphabet.ipynb",
    f"/files/{GRADING}",
    f"/files/../{GRADING}",
    f"/api/contents/{GRADING}",
    f"/api/contents/../{GRADING}",
    f"/voila/api/contents/../{EXERCISE}",
    f"/voila/api/contents/%2e%2e/{EXERCISE}",
    "/voila/api/contents/..%2f..%2fgrading",
    "/voila/tree/..",
    "/voila/tree/%2e%2e/grading",
    f"/voila/tree/../{GRADING}",
    "/tree",
    "/tree/grading",
    f"/voila/templates/../../../../{GRADING}",
    f"/voila/templates/qazaq/static/../../../../../../{GRADING}",
    f"/voila/templates/qazaq/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/{GRADING}",
    f"/voila/static/../../{GRADING}",
    f"/voila/static/{ROOT}/{GRADING}",
    f"/qazaq/fonts/../../{GRADING}",
    f"/qazaq/fonts/%2e%2e%2f%2e%2e%2f{GRADING}",
    f"/voila/labextensions/../../../{GRADING}",
    "/voila/render/../../../../../../etc/passwd",
]


@pytest.mark.parametrize("path", FORBIDDEN)
def test_nothing_outside_lessons_is_served(voila_server, path):
    status, _, body = fetch(voila_server, path)
    assert status in (301, 302, 400, 403, 404, 405), (status, body[:300])
    assert not any(secret in body for secret in SECRETS)
    assert "root:x:0:0" not in body


def test_directory_listing_api_hides_everything_outside_lessons(voila_server):
    status, _, body = fetch(voila_server, "/voila/api/contents/")
    assert status == 200
    names = {item["name"] for item in json.loads(body)["content"]}
    assert "01-alphabet.ipynb" in names and "abai" in names
    assert not names & {"exercises", "grading", "qazaq", "assets"}
    status, _, body = fetch(voila_server, "/voila/api/contents/01-alphabet.ipynb")
    assert status == 200 and json.loads(body)["content"] is None  # never the notebook's source


# --- no code execution -----------------------------------------------------------------------------

@pytest.mark.parametrize("method,path,body", [
    ("GET", "/api/kernels", None),
    ("POST", "/api/kernels", '{"name": "python3"}'),
    ("GET", "/api/sessions", None),
    ("POST", "/api/sessions", '{"path": "x.ipynb", "type": "notebook", "kernel": {"name": "python3"}}'),
    ("GET", "/api/terminals", None),
    ("POST", "/api/terminals", "{}"),
    ("GET", "/terminals/websocket/1", None),
    ("GET", "/api/kernelspecs", None),
    ("POST", "/api/contents/x.py", '{"type": "file", "format": "text", "content": "print(1)"}'),
    ("PUT", "/voila/api/contents/x.py", '{"type": "file", "format": "text", "content": "print(1)"}'),
    ("GET", "/lab", None),
])
def test_visitors_cannot_start_kernels_terminals_or_write_files(voila_server, method, path, body):
    status, _, _ = fetch(voila_server, path, method, body)
    assert status in (403, 404, 405)
    assert not (REPO_ROOT / "lessons" / "x.py").exists()


def test_kernel_websocket_refuses_execute_requests(voila_server):
    """The kernel channel of a real lesson page drops execute_request: a visitor cannot run code."""
    import asyncio
    import uuid

    from tornado.websocket import websocket_connect

    status, _, page = fetch(voila_server, "/voila/render/abai/01-qys.ipynb")
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]{36})"', page).group(1)
    marker = REPO_ROOT / "tests" / "artifacts" / f"pwned-{uuid.uuid4().hex}"

    def message(msg_type, content, channel="shell"):
        return json.dumps({"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": "t",
                                      "username": "v", "version": "5.3", "date": ""},
                           "parent_header": {}, "metadata": {}, "content": content, "channel": channel})

    async def attack() -> list[str]:
        ws = await websocket_connect(voila_server.replace("http", "ws") + f"/api/kernels/{kernel_id}/channels")
        code = f"open({str(marker)!r}, 'w').write('x')"
        ws.write_message(message("execute_request", {"code": code, "silent": False, "store_history": False,
                                                     "user_expressions": {}, "allow_stdin": False}))
        ws.write_message(message("kernel_info_request", {}))
        seen = []
        try:
            while "kernel_info_reply" not in seen:
                msg = await asyncio.wait_for(ws.read_message(), 30)
                if msg is None:
                    break
                seen.append(json.loads(msg)["header"]["msg_type"])
        finally:
            ws.close()
        await asyncio.sleep(1.0)  # had the code run, the file would exist by now
        return seen

    seen = asyncio.run(attack())
    fetch(voila_server, f"/qazaq/api/leave/{kernel_id}", "POST")
    assert "kernel_info_reply" in seen  # the channel works...
    assert "execute_reply" not in seen and "execute_input" not in seen  # ...but code is never run
    assert not marker.exists()


def test_missing_lesson_is_a_clean_404_without_traceback(voila_server):
    status, _, body = fetch(voila_server, "/voila/render/does-not-exist.ipynb")
    assert status == 404
    assert "Traceback" not in body and "File \"" not in body


# --- busy page -------------------------------------------------------------------------------------

def test_busy_page_past_the_kernel_limit(tmp_path):
    """A server limited to one visitor kernel answers the second visitor with a friendly 503."""
    import subprocess

    from tests.conftest import free_port, test_env, wait_for_http

    port = free_port()
    argv = voila_command(port, preheat=False, max_kernels=1)
    log = open(tmp_path / "voila.log", "w+")
    proc = subprocess.Popen(argv, cwd=REPO_ROOT, env=test_env(tmp_path), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/")
        first = fetch(base, "/voila/render/abai/02-kuz.ipynb")
        assert first[0] == 200
        status, headers, body = fetch(base, "/voila/render/abai/01-qys.ipynb")
        assert status == 503
        assert headers.get("Retry-After") == "20"
        assert "Please wait a moment" in body and "Сәл күте тұрыңыз" in body and "Traceback" not in body
        kernel_id = re.search(r'"kernelId": "([0-9a-f-]{36})"', first[2]).group(1)
        assert fetch(base, f"/qazaq/api/leave/{kernel_id}", "POST")[0] == 204
        assert fetch(base, "/voila/render/abai/01-qys.ipynb")[0] == 200  # room again once the tab left
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_broken_preheated_pages_are_discarded_and_refilled():
    """A pool entry whose kernel failed to start or to pre-render is dropped (its kernel shut
    down) so the visitor gets a fresh kernel instead of a page without widgets."""
    import asyncio

    from qazaq.site.app import discard_failed_preheats, failed_preheat

    class FakeKernels:
        def __init__(self):
            self.ids, self.shut, self.refilled, self._pools = {"k-ok", "k-bad"}, [], [], {}

        def list_kernel_ids(self):
            return list(self.ids)

        async def shutdown_kernel(self, kernel_id):
            self.shut.append(kernel_id)
            self.ids.discard(kernel_id)

        def fill_if_needed(self, notebook_name=None, **kwargs):
            self.refilled.append(notebook_name)

    async def scenario():
        loop = asyncio.get_running_loop()

        def entry(kernel_id, render_error=None, start_error=None):
            item, task = loop.create_future(), loop.create_future()
            if start_error:
                item.set_exception(start_error)
                return item
            task.set_exception(render_error) if render_error else task.set_result(([], None))
            item.set_result({"kernel_id": kernel_id, "task": task})
            return item

        km = FakeKernels()
        ok = entry("k-ok")
        km._pools = {"a.ipynb": [entry("k-bad", render_error=RuntimeError("kernel did not start")),
                                 entry("x", start_error=RuntimeError("no kernel")), ok],
                     "b.ipynb": [entry("k-b")]}
        assert [failed_preheat(i) for i in km._pools["a.ipynb"]] == [True, True, False]
        assert await discard_failed_preheats(km, "a.ipynb") == 2
        assert km._pools["a.ipynb"] == [ok] and km.shut == ["k-bad"] and km.refilled == ["a.ipynb"]
        assert await discard_failed_preheats(km, "b.ipynb") == 0 and km.refilled == ["a.ipynb"]

    asyncio.run(scenario())


def test_widget_state_is_written_piece_by_piece():
    """After each cell the page gets the models created or changed since the last piece."""
    from qazaq.site import widget_state

    class Executor:
        widget_state: dict = {}
        widget_buffers: dict = {}

    class Renderer:
        executor = Executor()

        def cell_generator(self):
            pass

    gen = Renderer().cell_generator
    ex = Renderer.executor
    ex.widget_state = {"a": {"_model_name": "HTMLModel", "_model_module": "@jupyter-widgets/controls",
                             "_model_module_version": "2.0.0", "value": "x"}}
    first = widget_state.state_since_last(gen)["state"]
    assert list(first) == ["a"] and first["a"]["model_name"] == "HTMLModel" and first["a"]["state"]["value"] == "x"
    assert widget_state.state_since_last(gen)["state"] == {}  # nothing new
    ex.widget_state["a"]["value"] = "y"  # changed: written again
    ex.widget_state["b"] = {"value": 1}  # an update before its opening: not usable yet
    ex.widget_buffers["c"] = {("value",): {"data": "AAE=", "encoding": "base64", "path": ["value"]}}
    ex.widget_state["c"] = {"_model_name": "AudioModel"}
    piece = widget_state.state_since_last(gen)["state"]
    assert sorted(piece) == ["a", "c"] and piece["a"]["state"]["value"] == "y"
    assert piece["c"]["buffers"] == [{"data": "AAE=", "encoding": "base64", "path": ["value"]}]
    assert widget_state.state_since_last(lambda: None) is None  # no executor: the page asks the kernel
