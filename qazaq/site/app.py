"""`python -m qazaq.site.app ROOT [voila options]`: Voila with the Qazaq home page, font and limits.

A thin subclass of Voila's own application, so everything else (rendering, kernels,
preheating, widget websockets with execute requests refused) stays Voila's:
- the `qazaq` template is found through JUPYTER_PATH (assets/jupyter), set before Voila looks;
- the home page (`tree.html`) gets the catalogue as the jinja global `qazaq_catalogue()`;
- the site's own pages (home, busy) speak the visitor's language (`qazaq.site.page_language`):
  `?lang=xx`, else the browser's Accept-Language, else English;
- the bundled font is served from assets/fonts at `/qazaq/fonts/`;
- past `max_kernels` visitor kernels, or when the machine's memory runs short (`capacity`), a
  lesson request gets a friendly 503 "busy" page, which lets the visitor in by itself once there
  is room (`/qazaq/api/room`);
- lesson pages set the `qazaq_node` cookie naming this process for their kernel's URLs, so a
  proxy in front of several processes sends the page's websocket to the process running its
  kernel (deploy/nginx-voila.conf);
- `/qazaq/api/kernel/<id>` tells a page whether its kernel still runs here (the page says so
  when it is gone: culled, crashed, server restarted or process dead);
- kernels are forked from a warm template (`qazaq.kernels`), pre-rendered two at a time;
- page templates are compiled once per server, not once per page;
- lesson pages carry their widget state after each cell (`qazaq.site.widget_state`), so the
  browser draws widgets while the lesson still runs.
"""
from __future__ import annotations

import asyncio
import datetime
import inspect
import os
import re
import sys
import threading
from pathlib import Path

from qazaq.shared import REPO_ROOT

TEMPLATE_ROOT = REPO_ROOT / "assets" / "jupyter"
FONT_DIR = REPO_ROOT / "assets" / "fonts"
# Voila collects template paths from jupyter_path() when it initialises: put ours first.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(TEMPLATE_ROOT)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])
# Lesson kernels are forked from a warm template process (qazaq.kernels): ready in a fraction
# of the time, and the imported course code is shared between them instead of copied per visitor.
from qazaq.kernels import PROVISIONER, Template  # noqa: E402

os.environ.setdefault("JUPYTER_DEFAULT_PROVISIONER_NAME", PROVISIONER)

import jinja2  # noqa: E402
import jupyter_client.jsonutil  # noqa: E402
import tornado.web  # noqa: E402
import voila.app  # noqa: E402
from traitlets import Integer, Unicode  # noqa: E402
from voila.app import Voila  # noqa: E402
from voila.exporter import VoilaExporter  # noqa: E402
from voila.static_file_handler import TemplateStaticFileHandler  # noqa: E402
from voila.tornado.handler import TornadoVoilaHandler  # noqa: E402
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler, WebsocketHandler  # noqa: E402
from voila.tornado.treehandler import TornadoVoilaTreeHandler  # noqa: E402

from qazaq import i18n  # noqa: E402
from qazaq.content import languages  # noqa: E402
from qazaq.site import capacity, catalogue, page_language, widget_state  # noqa: E402

RETRY_AFTER_S = 20
NODE_COOKIE = "qazaq_node"  # which process runs a page's kernel (deploy/nginx-voila.conf maps it)
PAGE_STRINGS = ("site.kernel_lost.", "site.busy.")  # interface strings the page's own scripts show
PREHEAT_AT_ONCE = 2  # notebooks pre-rendered at the same time (one per core here)


class QueuedPreheat:
    """Mixin for Voila's preheating kernel manager: pre-render a few notebooks at a time.

    Voila starts a kernel for every notebook at once; with ~40 lessons on two cores some
    kernels then miss their 60 s start-up deadline and their pooled page has no widgets.
    In a queue each kernel starts on an idle machine, and the first lessons are ready first.
    """

    _slots: asyncio.Semaphore | None = None

    async def _initialize(self, notebook_path, kernel_id=None, **kwargs):
        if kernel_id is not None:  # a restarted kernel, not a pool fill
            return await super()._initialize(notebook_path, kernel_id, **kwargs)
        if self._slots is None:
            self._slots = asyncio.Semaphore(PREHEAT_AT_ONCE)
        async with self._slots:
            content = await super()._initialize(notebook_path, None, **kwargs)
            await asyncio.wait([content["task"]])  # hold the slot until pre-rendered (or failed)
        return content

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        # Voila's own shutdown reads every pool entry's result: one entry whose kernel failed
        # to start would make every shutdown (a leaving tab, the culler) raise. Drop those first.
        for pool in self._pools.values():
            pool[:] = [item for item in pool if not start_failed(item)]
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)


def _queued_kernel_manager_factory(base_class, preheat_kernel, default_pool_size, **kwargs):
    cls = _voila_kernel_manager_factory(base_class, preheat_kernel, default_pool_size, **kwargs)
    return type("QazaqKernelManager", (QueuedPreheat, cls), {}) if preheat_kernel else cls


# Voila builds its kernel manager class with this factory inside Voila.init_settings; wrapping
# it is the one way in short of copying that method.
_voila_kernel_manager_factory = voila.app.voila_kernel_manager_factory
voila.app.voila_kernel_manager_factory = _queued_kernel_manager_factory


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled page templates kept in memory for the server's lifetime.

    Voila makes a new exporter, and so a new jinja Environment, for every page it renders, so
    each page compiled its ~15 templates again (a fifth of the server's time for a cold page).
    Jinja checks a template's source checksum before using the cached code, so an edited
    template is still recompiled."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()
_voila_environment = VoilaExporter._create_environment


def _page_environment(exporter):
    """Voila's page environment with the compiled-template cache (every VoilaExporter environment
    is made alike, async with the same extensions, so code compiled in one is valid in the next)
    and the function the `qazaq-fast` template calls after each cell to write the widget state."""
    environment = _voila_environment(exporter)
    environment.bytecode_cache = COMPILED_TEMPLATES
    environment.globals["qazaq_widget_state_since_last"] = widget_state.state_since_last
    environment.globals["qazaq_page_strings"] = page_strings
    return environment


def page_strings() -> dict[str, dict[str, str]]:
    """The strings a page's scripts show themselves (lost kernel, busy), in every interface
    language: the script picks the visitor's, which only the browser knows."""
    return {lang: {key: text for key, text in i18n.strings(lang).items() if key.startswith(PAGE_STRINGS)}
            for lang in languages.codes()}


VoilaExporter._create_environment = _page_environment


def _parse_message_date(text: str) -> datetime.datetime:
    """Python's own ISO 8601 parser, ~10x faster than dateutil's, which jupyter_client calls for
    two dates in every kernel message, twice (Voila's executor and the activity watcher)."""
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        return _dateutil_isoparse(text)


_dateutil_isoparse = jupyter_client.jsonutil._dateutil_parse
jupyter_client.jsonutil._dateutil_parse = _parse_message_date


def start_failed(future: asyncio.Future) -> bool:
    """Did this future (a pool entry: its kernel's start; or its pre-rendering task) fail?"""
    return future.done() and (future.cancelled() or future.exception() is not None)


def failed_preheat(item: asyncio.Future) -> bool:
    """Did this pool entry's kernel fail to start or to pre-render its notebook?"""
    return start_failed(item) or (item.done() and start_failed(item.result()["task"]))


async def discard_failed_preheats(kernel_manager, notebook: str) -> int:
    """Drop broken pool entries for `notebook` (their pages would have no widgets) and refill."""
    pool = (getattr(kernel_manager, "_pools", None) or {}).get(notebook, [])
    broken = [item for item in pool if failed_preheat(item)]
    for item in broken:
        pool.remove(item)
        if not start_failed(item):
            kernel_id = item.result()["kernel_id"]
            if kernel_id in kernel_manager.list_kernel_ids():
                await kernel_manager.shutdown_kernel(kernel_id)
    if broken:
        kernel_manager.fill_if_needed(notebook_name=notebook)
    return len(broken)


def pooled_kernel_count(kernel_manager) -> int:
    """Kernels waiting in Voila's preheat pools (started or starting): not yet any visitor's."""
    pools = getattr(kernel_manager, "_pools", {}) or {}
    return sum(len(pool) for pool in pools.values())


def visitor_kernel_count(kernel_manager) -> int:
    return max(0, len(kernel_manager.list_kernel_ids()) - pooled_kernel_count(kernel_manager))


class LocalizedPages:
    """Mixin for Voila's page handlers: the site's own templates get `qz` (qazaq.site.page_language)."""

    def render_template(self, name, **ns):
        ns.setdefault("qz", page_language.for_request(self.get_argument("lang", ""),
                                                      self.request.headers.get("Accept-Language", "")))
        return super().render_template(name, **ns)


class LocalizedTreeHandler(LocalizedPages, TornadoVoilaTreeHandler):
    """The home page in the visitor's language."""


def room_for_visitor(kernel_manager, max_kernels: int) -> bool:
    """May one more visitor get a kernel here: under the cap, and memory left on the machine?"""
    if max_kernels and visitor_kernel_count(kernel_manager) >= max_kernels:
        return False
    return capacity.has_room()


def kernel_paths(base_url: str, kernel_id: str) -> list[str]:
    """The URL paths that concern one page's kernel: its websocket (and Jupyter's kernel model),
    the page's question whether it still runs, and its leaving beacon."""
    return [f"{base_url}api/kernels/{kernel_id}", f"{base_url}qazaq/api/kernel/{kernel_id}",
            f"{base_url}qazaq/api/leave/{kernel_id}"]


KERNEL_ID_IN_PAGE = re.compile(r'"kernelId": "([0-9a-f-]{36})"')


class LimitedVoilaHandler(LocalizedPages, TornadoVoilaHandler):
    """Voila's page handler, refusing politely once `max_kernels` visitors hold a kernel or the
    machine's memory runs short; every lesson page names this process in cookies for its kernel."""

    max_kernels = 0  # set on the subclass made by QazaqVoila
    node_name = ""

    @tornado.web.authenticated
    async def get(self, path=None):
        if not room_for_visitor(self.kernel_manager, self.max_kernels):
            self.log.warning("no room (kernel limit %d or memory): busy page for %s", self.max_kernels, path)
            self.set_status(503)
            self.set_header("Retry-After", str(RETRY_AFTER_S))
            self.set_header("Cache-Control", "no-store")
            self.finish(self.render_template("busy.html", base_url=self.base_url, retry_after=RETRY_AFTER_S,
                                             strings=page_strings()))
            return
        if path and await discard_failed_preheats(self.kernel_manager, path):
            self.log.warning("pre-rendering of %s had failed: this visitor gets a fresh kernel", path)
        # Voila's own loop (TornadoVoilaHandler.get), holding back the first pieces until the page
        # names its kernel: the cookies for that kernel must go out with the headers.
        held: list[str] | None = []
        async for html in self.get_generator(path=path):
            if held is not None:
                held.append(html)
                found = KERNEL_ID_IN_PAGE.search(html)
                if not found:
                    continue
                self.route_kernel_here(found.group(1))
                html, held = "".join(held), None
            self.write(html)
            self.flush()
        if held:
            self.write("".join(held))

    def route_kernel_here(self, kernel_id: str) -> None:
        """Name this process in the cookie `qazaq_node`, scoped to the URLs of this page's kernel,
        so a proxy sends exactly those here (deploy/nginx-voila.conf), whatever the browser's
        other tabs on other processes do. A day is longer than any kernel outlives its page."""
        if not self.node_name:
            return
        # One cookie name on several paths: Tornado's set_cookie keeps one cookie per name.
        for path in kernel_paths(self.base_url, kernel_id):
            self.add_header("Set-Cookie", f"{NODE_COOKIE}={self.node_name}; Path={path}; Max-Age=86400; "
                                          "HttpOnly; SameSite=Lax")


class FontHandler(tornado.web.StaticFileHandler):
    """The bundled WOFF2 fonts only; cached for a day (they change with a release, not a visit)."""

    def get_absolute_path(self, root, path):
        if not path.endswith(".woff2") or "/" in path or "\\" in path:
            raise tornado.web.HTTPError(404)
        return super().get_absolute_path(root, path)

    def set_extra_headers(self, path):
        self.set_header("Cache-Control", "public, max-age=86400")


class SafeTemplateStaticFileHandler(TemplateStaticFileHandler):
    """Voila's template static files, answering 404 (not a 500 from an assert) to `..` tricks."""

    def parse_url_path(self, path):
        try:
            return super().parse_url_path(path)
        except (AssertionError, ValueError):
            raise tornado.web.HTTPError(404) from None

    @classmethod
    def get_absolute_path(cls, root, path):
        try:
            return super().get_absolute_path(root, path)
        except (AssertionError, ValueError):
            raise tornado.web.HTTPError(404) from None


def _is_v1_binary(message: bytes) -> bool:
    """Does a binary frame start like the v1 kernel websocket protocol (a small offset table)?"""
    count = int.from_bytes(message[:8], "little")
    return 0 < count <= 64 and 8 * (count + 1) <= len(message)


class SafeKernelWebsocketHandler(VoilaKernelWebsocketHandler):
    """Voila's kernel channel without its hang: Voila reads every outgoing binary frame as v1
    and trusts the first 8 bytes as a count, so a legacy-protocol client receiving a widget
    buffer made the server loop over ~10^18 offsets (the whole site froze). Such frames skip
    the execute_input filter, which never concerns binary messages there."""

    def write_message(self, message, binary=False):
        if isinstance(message, bytes) and not _is_v1_binary(message):
            return WebsocketHandler.write_message(self, message, binary)
        return super().write_message(message, binary)


class LeaveHandler(tornado.web.RequestHandler):
    """POST from a closing lesson tab (navigator.sendBeacon): free its kernel at once.

    Voila 0.5's front end never shuts its kernel down, so without this every closed tab
    held ~60 MB until culled. A beacon cannot carry an XSRF header, hence a plain handler;
    knowing a kernel's random id is what entitles a page to end it.
    """

    def check_xsrf_cookie(self):
        pass

    async def post(self, kernel_id: str):
        km = self.settings["kernel_manager"]
        if kernel_id in km.list_kernel_ids():
            await km.shutdown_kernel(kernel_id)
        self.set_status(204)
        self.finish()


class KernelAliveHandler(tornado.web.RequestHandler):
    """GET from a lesson page: does its kernel still run in this process? {"alive": true/false}
    (always 200: a page asking is normal, not an error in its console).

    No means the lesson is gone for good (culled, crashed, the server restarted, or the page's
    process died and the proxy sent this request to another one): the page then says so and
    offers to reopen the lesson. A kernel found dead is shut down here, freeing its place.
    """

    async def get(self, kernel_id: str):
        km = self.settings["kernel_manager"]
        alive = False
        if kernel_id in km.list_kernel_ids():
            alive = km.get_kernel(kernel_id).is_alive()
            alive = await alive if inspect.isawaitable(alive) else alive  # async or not, by manager class
            if not alive:
                await km.shutdown_kernel(kernel_id, now=True)
        self.set_header("Cache-Control", "no-store")
        self.finish({"alive": alive})


class RoomHandler(tornado.web.RequestHandler):
    """GET from the busy page: is there room for one more visitor now? (it polls, then reloads)"""

    max_kernels = 0  # set on the subclass made by QazaqVoila

    def get(self):
        self.set_header("Cache-Control", "no-store")
        self.finish({"room": room_for_visitor(self.settings["kernel_manager"], self.max_kernels)})


class QazaqVoila(Voila):
    name = "qazaq-voila"
    max_kernels = Integer(
        -1, config=True,
        help="Most kernels held by visitors at once (preheated pool kernels not counted); "
             "-1 = as many as the machine's memory holds (qazaq.site.capacity); 0 = no limit.")
    node_name = Unicode(
        "", config=True,
        help="This process's name in the qazaq_node cookie that keeps a visitor on it behind a proxy "
             "(deploy/nginx-voila.conf); default: its port.")

    def initialize(self, argv=None):
        super().initialize(argv)
        # traitlets leaves the logger at DEBUG and filters in the handler: every debug call of
        # the executor (a few per kernel message) built a record only to drop it.
        self.log.setLevel(self.log_level)

    def start(self):
        if os.environ.get("JUPYTER_DEFAULT_PROVISIONER_NAME") == PROVISIONER:
            # Start the kernel template while the server starts listening, so the first visitor
            # does not wait for it (kernels asked for meanwhile wait on its lock).
            threading.Thread(target=self._start_kernel_template, daemon=True).start()
        super().start()

    def _start_kernel_template(self) -> None:
        try:
            Template.get()
        except Exception as exc:  # the first kernel will try again and report it
            self.log.warning("kernel template did not start: %s", exc)

    def init_settings(self):
        settings = super().init_settings()
        root = self.root_dir
        # Read per request (a few ms): lessons added while the server runs appear at once.
        settings["voila_jinja2_env"].globals["qazaq_catalogue"] = lambda: catalogue.grouped(Path(root))
        return settings

    @property
    def kernel_limit(self) -> int:
        return capacity.kernel_cap() if self.max_kernels < 0 else self.max_kernels

    def init_handlers(self):
        limit = self.kernel_limit
        self.log.info("at most %s visitor kernels in this process", limit or "unlimited")
        node = self.node_name or str(self.port)
        if not re.fullmatch(r"[\w.-]+", node):
            raise ValueError(f"QazaqVoila.node_name must be letters, digits, '.', '-' or '_': {node!r}")
        limited = type("QazaqLimitedVoilaHandler", (LimitedVoilaHandler,), {"max_kernels": limit, "node_name": node})
        room = type("QazaqRoomHandler", (RoomHandler,), {"max_kernels": limit})
        replace = {TornadoVoilaHandler: limited, TemplateStaticFileHandler: SafeTemplateStaticFileHandler,
                   VoilaKernelWebsocketHandler: SafeKernelWebsocketHandler, TornadoVoilaTreeHandler: LocalizedTreeHandler}
        handlers = [(pattern, replace.get(cls, cls), *rest) for pattern, cls, *rest in super().init_handlers()]
        api = self.server_url.rstrip("/") + "/qazaq/api/"
        kernel_id = r"(\w{8}-\w{4}-\w{4}-\w{4}-\w{12})"
        return [(self.server_url.rstrip("/") + "/qazaq/fonts/(.*)", FontHandler, {"path": str(FONT_DIR)}),
                (api + "leave/" + kernel_id, LeaveHandler), (api + "kernel/" + kernel_id, KernelAliveHandler),
                (api + "room", room)] + handlers


main = QazaqVoila.launch_instance

if __name__ == "__main__":
    sys.exit(main())
