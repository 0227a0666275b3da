"""A labelled text box with an on-screen row of Kazakh letters, where Enter submits.

ipywidgets' ``Text.on_submit`` is deprecated, and ``continuous_update=False`` also commits
on blur, which would submit every time the learner clicks an on-screen letter. So this is a
small anywidget: Enter sends an explicit ``submit`` message, letters are inserted at the
caret, and the letter row is an ARIA toolbar (one Tab stop, arrow keys move inside) so Tab
goes input -> letters -> Check.
"""
from __future__ import annotations

from typing import Callable

import anywidget
import traitlets

KAZAKH_LETTERS = ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"]


class KazakhInput(anywidget.AnyWidget):
    _esm = """
    function render({ model, el }) {
      const id = "qz-in-" + Math.random().toString(36).slice(2);
      const wrap = document.createElement("div");
      wrap.className = "qz-kazakh-input";
      const label = document.createElement("label");
      label.htmlFor = id;
      const input = document.createElement("input");
      input.type = "text"; input.id = id; input.className = "qz-text";
      input.setAttribute("autocomplete", "off"); input.setAttribute("spellcheck", "false");
      input.setAttribute("lang", "kk");
      const after = document.createElement("span");  // punctuation that follows a gap: "___."
      after.className = "qz-after"; after.setAttribute("lang", "kk");
      const bar = document.createElement("div");
      bar.setAttribute("role", "toolbar");
      bar.className = "qz-keys";
      wrap.append(label, input, after, bar);
      el.append(wrap);

      const push = () => { model.set("value", input.value); model.save_changes(); };
      input.addEventListener("input", push);
      input.addEventListener("keydown", (e) => {
        // The value rides in the message: state syncs are throttled, custom messages are not.
        if (e.key === "Enter") { e.preventDefault(); push(); model.send({ event: "submit", value: input.value }); }
      });

      function insert(letter) {
        const start = input.selectionStart ?? input.value.length;
        const end = input.selectionEnd ?? start;
        input.value = input.value.slice(0, start) + letter + input.value.slice(end);
        input.focus();
        input.setSelectionRange(start + letter.length, start + letter.length);
        push();
      }

      function keys() {
        bar.replaceChildren();
        bar.hidden = !model.get("show_keys");
        bar.setAttribute("aria-label", model.get("keys_label"));
        const letters = model.get("letters");
        const all = letters.concat(letters.map((l) => l.toUpperCase())).filter((l, i, a) => a.indexOf(l) === i);
        all.forEach((letter, i) => {
          const b = document.createElement("button");
          b.type = "button"; b.textContent = letter; b.className = "qz-key";
          b.tabIndex = i === 0 ? 0 : -1;  // roving tabindex: the toolbar is one Tab stop
          b.setAttribute("aria-label", model.get("key_label").replace("{letter}", letter));
          b.disabled = model.get("disabled");
          // mousedown default would move focus away from the input and lose the caret
          b.addEventListener("mousedown", (e) => e.preventDefault());
          b.addEventListener("click", () => insert(letter));
          b.addEventListener("keydown", (e) => {
            const buttons = [...bar.querySelectorAll("button")];
            const k = buttons.indexOf(b);
            const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
            if (!step) return;
            e.preventDefault();
            const next = buttons[(k + step + buttons.length) % buttons.length];
            b.tabIndex = -1; next.tabIndex = 0; next.focus();
          });
          bar.append(b);
        });
      }

      function sync() {
        label.textContent = model.get("label");
        if (input.value !== model.get("value")) input.value = model.get("value");
        input.disabled = model.get("disabled");
        input.placeholder = model.get("placeholder");
        after.textContent = model.get("after");
        after.hidden = !model.get("after");
        if (model.get("max_length") > 0) input.maxLength = model.get("max_length");
        input.dir = model.get("rtl") ? "rtl" : "auto";
        wrap.dir = model.get("rtl") ? "rtl" : "ltr";  // label, box, "." and keys read right to left too
        keys();
      }
      sync();
      model.on("change", sync);
    }
    export default { render };
    """
    _css = """
    .qz-kazakh-input { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em; margin: 0.3em 0; }
    .qz-kazakh-input .qz-text { font-size: 1.1em; padding: 0.2em 0.4em; min-width: 16em; }
    .qz-kazakh-input .qz-after { font-size: 1.1em; margin-inline-start: -0.3em; }
    .qz-keys { display: flex; flex-wrap: wrap; gap: 0.15em; flex-basis: 100%; }
    .qz-key { min-width: 2em; font-size: 1em; padding: 0.1em 0.3em; }
    """
    value = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    letters = traitlets.List(traitlets.Unicode(), default_value=KAZAKH_LETTERS).tag(sync=True)
    key_label = traitlets.Unicode("Insert {letter}").tag(sync=True)
    keys_label = traitlets.Unicode("Kazakh letters").tag(sync=True)
    show_keys = traitlets.Bool(True).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    rtl = traitlets.Bool(False).tag(sync=True)
    max_length = traitlets.Int(0).tag(sync=True)  # 0: no limit
    after = traitlets.Unicode("").tag(sync=True)  # text glued right after the box (a gap's "." or ",")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._submit_callbacks: list[Callable[[], None]] = []
        self.on_msg(self._message)

    def _message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            if isinstance(content.get("value"), str):
                self.value = content["value"]
            self.submit()

    def on_submit(self, callback: Callable[[], None]) -> None:
        self._submit_callbacks.append(callback)

    def submit(self) -> None:
        """What Enter does (also the Python API for tests)."""
        if not self.disabled:
            for callback in list(self._submit_callbacks):
                callback()

    def press(self, letter: str) -> None:
        """What an on-screen key does, from Python (appends at the end)."""
        self.value += letter
