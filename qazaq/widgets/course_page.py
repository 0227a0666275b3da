"""The page around the activities: course styles, page language, live verdicts, focus, skip link.

One invisible anywidget per kernel (``course_page()``) rides along with every activity, the
settings bar and the reader. Its front-end code does what no single widget can do for itself:

- styles shared by every family (verdict colours, right-to-left rows for Arabic script, the
  mirrored interface of a right-to-left interface language (``qazaq.widgets.direction``),
  scrollable tables, wrapping of long text) in JupyterLab and on the public site alike;
- ``<html lang>`` follows the interface language (public pages; Lab keeps its own);
- icon-only buttons are named by their tooltip;
- every ``.qz-live`` element is a polite live region *before* its text changes, so screen
  readers announce each new verdict (a region inserted together with its text is not read);
- focus is kept: when the control a learner pressed disappears or hides (a word tile moved,
  "Show answer", a rating), focus goes to the control that took its place, not to the page;
- a "Skip to the exercises" link is the first Tab stop of a public lesson page.
"""
from __future__ import annotations

import anywidget
import traitlets

from qazaq import settings
from qazaq.i18n import t

_ESM = r"""
const FOCUSABLE = "button, input, select, textarea, a[href], [tabindex='0']";
const G = window.__qazaqPage || (window.__qazaqPage = { installed: false, models: [] });
const shown = (el) => el && el.isConnected && el.getClientRects().length > 0 && !el.disabled;
const onSite = () => !!document.querySelector("#rendered_cells");

function markLive(root) {
  if (!root || !root.querySelectorAll) return;
  const found = [...root.querySelectorAll(".qz-live")];
  if (root.matches && root.matches(".qz-live")) found.push(root);
  for (const el of found) {
    if (!el.hasAttribute("aria-live")) { el.setAttribute("role", "status"); el.setAttribute("aria-live", "polite"); }
  }
}

function nameIcons(root) {
  // An icon-only button (reader's Translation / Listen) is named by its tooltip, not its glyph.
  if (!root || !root.querySelectorAll) return;
  for (const b of root.querySelectorAll("button[title]")) {
    if (!b.textContent.trim() && b.getAttribute("aria-label") !== b.title) b.setAttribute("aria-label", b.title);
  }
}

function replacement(area, target, box, pos) {
  const items = [...area.querySelectorAll(FOCUSABLE)].filter(shown);
  if (target.isConnected) {  // hidden in place: the next control after it, else the one before
    const after = items.find((el) => target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    return after || items[items.length - 1];
  }
  if (box && box.isConnected) {  // removed from a row of tiles: the tile now at its place
    const row = [...box.children].map((c) => c.matches(FOCUSABLE) ? c : c.querySelector(FOCUSABLE)).filter(shown);
    if (row.length) return row[Math.min(pos, row.length - 1)];
  }
  return items[0];
}

function keepFocus(event) {
  const target = event.target.closest && event.target.closest("button");
  const area = target && target.closest(".qz-activity, .qz-review, .qz-reader");
  if (!area) return;
  const box = target.parentElement;
  const pos = [...box.children].indexOf(target);
  let tries = 0;
  const tick = () => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost && !shown(target)) {
      const next = replacement(area.isConnected ? area : document, target, box, pos);
      if (next) { next.focus(); return; }
    }
    if (!lost && document.activeElement !== target) return;  // the learner moved on
    if (++tries < 60) setTimeout(tick, 50);
  };
  setTimeout(tick, 30);
}

function skipLink(label) {
  if (!onSite()) return;
  let link = document.querySelector("a.qz-skip");
  if (!link) {
    link = document.createElement("a");
    link.className = "qz-skip"; link.href = "#";
    link.addEventListener("click", (e) => {
      e.preventDefault();
      const first = [...document.querySelectorAll(".qz-activity input, .qz-activity button, .qz-activity select")]
        .find(shown);
      if (first) { first.focus(); first.scrollIntoView({ block: "center" }); }
    });
    document.body.prepend(link);
  }
  link.textContent = label;
}

function install() {
  if (G.installed) return;
  G.installed = true;
  markLive(document);
  nameIcons(document);
  // Widgets may get their classes after they are attached: watch both.
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === "attributes") { if (c.target.classList.contains("qz-live")) markLive(c.target.parentNode); }
      else for (const n of c.addedNodes) if (n.nodeType === 1) { markLive(n); nameIcons(n.parentNode); }
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
  document.addEventListener("click", keepFocus, true);
}

function sync(model) {
  if (onSite()) document.documentElement.lang = model.get("lang");
  skipLink(model.get("skip_label"));
}

export default {
  initialize({ model }) {
    install();
    sync(model);
    model.on("change", () => sync(model));
  },
  render({ model, el }) {
    install();
    sync(model);
    el.style.display = "none";
    el.setAttribute("aria-hidden", "true");
  },
};
"""

_CSS = r"""
.qz-feedback { padding: 0.35em 0.7em; margin: 0.3em 0; border-radius: 4px; max-width: 100%;
  overflow-wrap: anywhere; white-space: normal; }
.qz-feedback.qz-correct { color: #1b5e20; background: #e8f5e9; border-left: 4px solid #2e7d32; }
.qz-feedback.qz-almost { color: #6d4c00; background: #fff8e1; border-left: 4px solid #f9a825; }
.qz-feedback.qz-wrong { color: #b71c1c; background: #ffebee; border-left: 4px solid #c62828; }
.qz-feedback.qz-correct > b::before { content: "✓ "; }
.qz-feedback.qz-almost > b::before { content: "≈ "; }
.qz-feedback.qz-wrong > b::before { content: "✗ "; }
.qz-activity, .qz-reader, .qz-review { max-width: 100%; box-sizing: border-box; }
.qz-activity .widget-html-content, .qz-reader .widget-html-content { white-space: normal; overflow-wrap: anywhere; }
.qz-activity .jupyter-button, .qz-review .jupyter-button, .qz-reader .jupyter-button {
  width: auto; max-width: 100%; min-width: 2.4em; white-space: normal; height: auto; min-height: 2em; }
.qz-kk-arab .qz-kk-row { direction: rtl; }
.qz-kk-arab .qz-kk-row .jupyter-button { direction: rtl; unicode-bidi: plaintext; }
/* A right-to-left interface language (qazaq.widgets.direction) mirrors the widgets;
   Kazakh keeps the direction of its script. Logical properties: nothing tied to left or right. */
.qz-rtl { direction: rtl; text-align: start; }
.qz-rtl [lang="kk-Cyrl"], .qz-rtl [lang="kk-Latn"] { direction: ltr; unicode-bidi: isolate; }
.qz-rtl [lang="kk-Arab"] { direction: rtl; unicode-bidi: isolate; }
.qz-rtl .widget-label { text-align: end; margin-inline: 0 calc(var(--jp-widgets-inline-margin, 4px) * 2); }
.qz-rtl table { text-align: start; }
.qz-rtl th, .qz-rtl td { text-align: start; }
.qz-view, .qz-view .widget-html-content { max-width: 100%; min-width: 0; white-space: normal; overflow: visible; }
.qz-reader .qz-verse { flex-wrap: nowrap; }
.qz-reader .abai-gloss th { overflow-wrap: normal; }  /* a label (Словарная форма) breaks between words only */
.qz-reader .qz-verse-controls { flex: 0 0 auto; margin-left: auto; }
.qz-reader .qz-verse-controls .jupyter-button { flex: 0 0 auto; }
@media (max-width: 700px) { .qz-reader { flex-wrap: wrap; } .qz-reader .qz-verse { flex-wrap: wrap; }
  .qz-reader-side { width: 100% !important; padding: 0 !important; } }
.qz-scroll { overflow-x: auto; max-width: 100%; -webkit-overflow-scrolling: touch; }
.qz-scroll:focus { outline: 2px solid #0b4f8a; }
.qz-cloze .qz-kazakh-input .qz-text { min-width: 6em; width: 9em; }
a.qz-skip { position: absolute; left: -9999px; top: 0.5em; z-index: 1000; background: #fff; padding: 0.4em 0.8em;
  border: 2px solid #0b4f8a; }
a.qz-skip:focus { left: 0.5em; }
@media (max-width: 600px) {
  .qz-kazakh-input .qz-text { min-width: 0; width: 100%; }
  .qz-cloze .qz-kazakh-input .qz-text { width: 8em; }
}
"""


class CoursePage(anywidget.AnyWidget):
    """Invisible: page-level behaviour and styles for the activities around it (see module doc)."""

    _esm = _ESM
    _css = _CSS
    lang = traitlets.Unicode("en").tag(sync=True)
    skip_label = traitlets.Unicode("").tag(sync=True)

    def refresh(self) -> None:
        self.lang = settings.current().lang
        self.skip_label = t("page.skip")


_page: CoursePage | None = None


def course_page() -> CoursePage:
    """The kernel's one CoursePage (created on first use, kept in step with the settings)."""
    global _page
    if _page is None:
        _page = CoursePage()
        _page.refresh()
        settings.on_change(_page.refresh)
    return _page
