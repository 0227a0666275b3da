"""Progress for anonymous visitors of the public pages, kept in *their* browser.

Under Voila every visitor gets a fresh kernel, but all kernels run as one server user,
so a file on the server would be shared (and would keep data about anonymous people).
Instead the kernel keeps progress in memory and mirrors it into the visitor's
``localStorage`` through :class:`LocalStorage`, a tiny anywidget. A reload in the same
browser restores it; another browser (or a private window) sees nothing.

The bridge also reports the page's ``?lang=`` and the browser's preferred languages
(``navigator.languages``, what it sends as ``Accept-Language``): an explicit ``?lang=xx``
chooses the interface language and is remembered; without a saved choice, the first visit
follows the browser's preferences.

Public mode is detected from the environment:
- ``QAZAQ_PUBLIC=1`` forces it, ``QAZAQ_PUBLIC=0`` turns it off (e.g. a teacher running
  Voila on their own machine who wants the SQLite file);
- otherwise it is on when Voila's kernel variables are present (``VOILA_REQUEST_URL``,
  ``VOILA_BASE_URL``, ``VOILA_SERVER_URL`` or ``VOILA_KERNEL_ID``).
"""
from __future__ import annotations

import json
import os
from typing import Callable

import anywidget
import traitlets

from qazaq.content import languages
from qazaq.storage import MemoryBackend

STORAGE_KEY = "qazaq-notebooks:progress:v1"
_VOILA_VARS = ("VOILA_REQUEST_URL", "VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_KERNEL_ID")


def is_public() -> bool:
    flag = os.environ.get("QAZAQ_PUBLIC", "").strip().lower()
    if flag in ("1", "true", "yes"):
        return True
    if flag in ("0", "false", "no"):
        return False
    return any(os.environ.get(name) for name in _VOILA_VARS)


class LocalStorage(anywidget.AnyWidget):
    """Invisible bridge: ``browser_data`` is what the browser had, ``data`` is written back."""

    # Load once per page when the model is created (initialize), then mirror every change of
    # `data` into localStorage. try/catch: storage can be disabled (private modes, quotas).
    # On the site's page (qazaq/site/frontend) widgets are first built from the state embedded in
    # the page; the kernel re-renders them in the saved language and script as soon as it hears
    # from here, so wait until that build is over: a late embedded state would undo the update.
    _esm = """
    function pageBuilt() {
      const ready = () => !window.qazaqWidgetManager || document.body.classList.contains("qz-widgets-ready");
      if (ready()) return Promise.resolve();
      return new Promise((resolve) => {
        const watch = new MutationObserver(() => { if (ready()) { watch.disconnect(); resolve(); } });
        watch.observe(document.body, { attributes: true, attributeFilter: ["class"] });
        setTimeout(() => { watch.disconnect(); resolve(); }, 20000);  // never hold progress back for good
      });
    }
    async function load(model) {
      if (model.get("loaded") || model.qzLoading) return;
      model.qzLoading = true;
      await pageBuilt();
      let stored = "";
      try { stored = window.localStorage.getItem(model.get("key")) || ""; }
      catch (e) { model.set("error", String(e)); }
      model.set("browser_data", stored);
      try {
        model.set("page_lang", new URLSearchParams(window.location.search).get("lang") || "");
        model.set("browser_langs", Array.from(navigator.languages || [navigator.language || ""]));
      } catch (e) { /* no preferences: English */ }
      model.set("loaded", true);
      model.save_changes();
    }
    export default {
      initialize({ model }) {
        load(model);
        model.on("change:data", () => {
          try { window.localStorage.setItem(model.get("key"), model.get("data")); }
          catch (e) { model.set("error", String(e)); model.save_changes(); }
        });
      },
      render({ model, el }) {
        load(model);
        el.style.display = "none";
        el.setAttribute("aria-hidden", "true");
      },
    };
    """
    key = traitlets.Unicode(STORAGE_KEY).tag(sync=True)
    data = traitlets.Unicode("").tag(sync=True)
    browser_data = traitlets.Unicode("").tag(sync=True)
    loaded = traitlets.Bool(False).tag(sync=True)
    page_lang = traitlets.Unicode("").tag(sync=True)
    browser_langs = traitlets.List(traitlets.Unicode()).tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)


class BrowserBackend(MemoryBackend):
    """Memory rows mirrored to the browser; merges what the browser had once it reports."""

    name = "browser"

    def __init__(self, bridge: LocalStorage | None = None) -> None:
        super().__init__()
        self.bridge = bridge or LocalStorage()
        self.on_loaded: list[Callable[[], None]] = []
        self.bridge.observe(self._browser_loaded, names="loaded")

    def _browser_loaded(self, change) -> None:
        if not change["new"]:
            return
        self._merge_snapshot(self.bridge.browser_data)
        self._choose_language()
        self._persist()  # write back the merged rows (kernel reviews made before load included)
        for callback in list(self.on_loaded):
            callback()

    def _merge_snapshot(self, text: str) -> None:
        try:
            snapshot = json.loads(text) if text else {}
            cards, reviews, settings = snapshot.get("cards", {}), snapshot.get("reviews", []), snapshot.get("settings", {})
        except (ValueError, AttributeError):
            return  # unreadable browser data: start fresh rather than fail the lesson
        for key, row in cards.items():
            mine = self.cards.get(key)
            if mine is None or _last_review(row) > _last_review(mine):
                self.cards[key] = row
        seen = {(r["key"], r["reviewed_at"]) for r in self.reviews}
        self.reviews[:0] = [r for r in reviews if (r.get("key"), r.get("reviewed_at")) not in seen]
        for name, value in settings.items():
            self.settings.setdefault(name, value)

    def _choose_language(self) -> None:
        """``?lang=xx`` chooses (and is saved); else a saved choice; else the browser's preference."""
        asked = self.bridge.page_lang.strip().lower()
        if languages.language(asked) is not None:
            self.settings["lang"] = asked
        elif languages.language(str(self.settings.get("lang", ""))) is None:
            self.settings["lang"] = languages.best_match(self.bridge.browser_langs)

    def snapshot(self) -> str:
        return json.dumps({"cards": self.cards, "reviews": self.reviews, "settings": self.settings}, ensure_ascii=False)

    def _persist(self) -> None:
        # Before the browser reported, writing would overwrite what it kept.
        if self.bridge.loaded:
            self.bridge.data = self.snapshot()


def _last_review(row: dict) -> str:
    # ISO-8601 UTC strings compare in time order.
    return json.loads(row["card"]).get("last_review") or ""
