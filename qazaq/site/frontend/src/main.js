// Lean front end for Qazaq lesson pages (Voila template `qazaq-fast`).
//
// The page arrives with every output already rendered to HTML by the server; each widget is a
// `<script type="application/vnd.jupyter.widget-view+json">` tag. Here we connect to the page's
// existing kernel (id from `jupyter-config-data`), create the widget models from the state the page
// embeds (or, without it, fetch every state in one round trip on the ipywidgets 8
// `jupyter.widget.control` comm) and replace each tag by the live view.
import '@lumino/widgets/style/index.css';
import '@jupyter-widgets/controls/css/widgets-base.css';
import '@fortawesome/fontawesome-free/css/fontawesome.css';
import './page.css';

import { anywidgetModule } from './anywidget.js';
import * as base from '@jupyter-widgets/base';
import * as controls from '@jupyter-widgets/controls';
import * as output from '@jupyter-widgets/output';
import { ManagerBase } from '@jupyter-widgets/base-manager';
import { MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

const VIEW_MIMETYPE = 'application/vnd.jupyter.widget-view+json';
const STATE_MIMETYPE = 'application/vnd.jupyter.widget-state+json';
const LAST_STATE_ID = 'qazaq-widget-state'; // the template's last state piece: the state is complete

// Audio players fetch their (blob) sound only when played: a page full of them loads as fast as
// one without, and its network goes idle.
class AudioView extends controls.AudioView {
  render() {
    this.el.preload = 'none';
    super.render();
  }
}

// The widget modules in this bundle, by the name models give (ipywidgets 8, anywidget 0.11).
// Output widgets get @jupyter-widgets/output's base model and an empty view (no rendermime).
const MODULES = {
  '@jupyter-widgets/base': base,
  '@jupyter-widgets/controls': { ...controls, AudioView },
  '@jupyter-widgets/output': output,
  anywidget: anywidgetModule,
};
const IPYWIDGETS_7 = /^[~^]?1\./;  // base/controls 1.x: ipywidgets 7 models, not in this bundle

/**
 * A widget manager talking to a live kernel: the pattern of ipywidgets' "web3" example, on
 * ManagerBase itself rather than HTMLManager, whose JupyterLab rendermime stack (for Output
 * widgets; the lessons use none) would double this bundle's start-up work.
 */
class KernelWidgetManager extends ManagerBase {
  constructor(kernel) {
    super();
    this.kernel = kernel;
    this.ownComms = new Map();  // model id -> comm of a model built from the page's own state
    kernel.registerCommTarget(this.comm_target_name, async (comm, msg) => {
      // While the page streams in, the kernel also announces the widgets of cells still running.
      // A model the page builds from its own state keeps its comm: the announcement's messages
      // are passed on to it. Any other is built from the announcement, as usual.
      const own = this.ownComms.get(comm.commId);
      if (own) {
        comm.onMsg = (m) => own.onMsg && own.onMsg(m);
        comm.onClose = (m) => own.onClose && own.onClose(m);
        return;
      }
      // A widget of a cell still running may contain widgets the page has not built yet.
      if (this.pageState) await this.pageState.waitForReferences(msg.content.data.state, 10000);
      await this.handle_comm_open(new base.shims.services.Comm(comm), msg);
    });
    this._views = new Set();
    window.addEventListener('resize', () => {
      this._views.forEach((view) => MessageLoop.postMessage(view.luminoWidget, Widget.ResizeMessage.UnknownSize));
    });
  }

  /** Attach a view in `el` (as HTMLManager.display_view does). */
  async display_view(view, el) {
    const v = await view;
    Widget.attach(v.luminoWidget, el);
    this._views.add(v);
    v.once('remove', () => this._views.delete(v));
    return v;
  }

  loadClass(className, moduleName, moduleVersion) {
    const module = MODULES[moduleName];
    if (!module || (moduleName.startsWith('@jupyter-widgets/') && IPYWIDGETS_7.test(moduleVersion))) {
      return Promise.reject(new Error(`widget module ${moduleName}@${moduleVersion} is not in this page's bundle`));
    }
    const cls = module[className];
    return cls ? Promise.resolve(cls) : Promise.reject(new Error(`class ${className} not found in ${moduleName}`));
  }

  async _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = this.kernel.createComm(targetName, modelId);
    if (data || metadata) comm.open(data, metadata, buffers);
    return new base.shims.services.Comm(comm);
  }

  async _get_comm_info() {
    const reply = await this.kernel.requestCommInfo({ target_name: this.comm_target_name });
    return reply.content.status === 'ok' ? reply.content.comms : {};
  }
}

async function renderView(manager, tag) {
  let spec;
  try {
    spec = JSON.parse(tag.textContent);
  } catch (e) {
    return;
  }
  const slot = tag.parentElement;
  if (!manager.has_model(spec.model_id)) {
    slot.classList.add('qz-widget-gone');  // closed before the page opened: nothing to show
    return;
  }
  const model = await manager.get_model(spec.model_id);
  const view = await manager.create_view(model);
  tag.remove();
  await manager.display_view(view, slot);
}

function base64ToDataView(text) {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return new DataView(bytes.buffer);
}

/**
 * The ids of `roots` and of every model their state refers to ("IPY_MODEL_<id>"), recursively,
 * or null while one of them has not arrived yet.
 */
function reachable(models, roots, manager) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    if (!models[id]) {
      if (manager.has_model(id)) continue;  // built already
      return null;
    }
    for (const match of JSON.stringify(models[id].state).matchAll(/IPY_MODEL_([0-9a-f]{32})/g)) stack.push(match[1]);
  }
  return [...seen];
}

/**
 * Create models from the state the server embedded (nbconvert's widget-state format), each with
 * its comm to the kernel: like ManagerBase._loadFromKernel, without asking the kernel.
 */
async function createModels(manager, models, wanted, comms) {
  const ids = wanted.filter((id) => models[id] && !manager.has_model(id));
  await Promise.all(ids.map(async (id) => {
    const { model_name, model_module, model_module_version, state, buffers } = models[id];
    if (buffers && buffers.length) {
      base.put_buffers(state, buffers.map((b) => b.path), buffers.map((b) => base64ToDataView(b.data)));
    }
    try {
      await manager.new_model({ model_name, model_module, model_module_version, model_id: id, comm: comms.get(id) }, state);
    } catch (error) {
      console.warn(`widget ${id} (${model_name}) could not be created`, error);
    }
  }));
}

/**
 * The comm of a model that will be created a little later: kernel messages that arrive before
 * the model listens (an update caused by another widget already live) are kept and replayed.
 */
function bufferedComm(manager, kernel, targetName, id) {
  const comm = kernel.createComm(targetName, id);
  manager.ownComms.set(id, comm);
  const early = [];
  comm.onMsg = (msg) => { early.push(msg); };
  const shim = new base.shims.services.Comm(comm);
  const onMsg = shim.on_msg.bind(shim);
  shim.on_msg = (callback) => {
    onMsg(callback);
    for (const msg of early.splice(0)) callback(msg);
  };
  return shim;
}

const parsed = new Promise((resolve) => {
  if (document.readyState !== 'loading') resolve();
  else document.addEventListener('DOMContentLoaded', resolve, { once: true });
});
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 4));

function viewId(tag) {
  try {
    return JSON.parse(tag.textContent).model_id;
  } catch (e) {
    return undefined;  // still arriving
  }
}

/**
 * Reads the state pieces the page has received so far (one after each cell): new models are
 * remembered until a view needs them; models already built take the newer state.
 */
class StreamedState {
  constructor(manager, kernel) {
    this.manager = manager;
    this.kernel = kernel;
    this.models = {};
    this.comms = new Map();
    this.read = new WeakSet();
    this.newer = new Map();  // id -> newer state of a model already built, applied once its references are here
    this.complete = false;
    this.any = false;
  }

  async update(final) {
    for (const el of document.querySelectorAll(`script[type="${STATE_MIMETYPE}"]`)) {
      if (this.read.has(el)) continue;
      let piece;
      try {
        piece = JSON.parse(el.textContent);
      } catch (e) {
        if (final) this.read.add(el);
        continue;  // still arriving
      }
      this.read.add(el);
      this.any = true;
      if (el.id === LAST_STATE_ID) this.complete = true;
      for (const [id, entry] of Object.entries(piece.state || {})) {
        if (this.manager.has_model(id)) {
          this.newer.set(id, entry);
          continue;
        }
        if (!this.comms.has(id)) {
          if (this.kernel.hasComm(id)) continue;  // announced live by the kernel: being built already
          // Every comm at once, so no kernel message for a model not built yet is lost.
          this.comms.set(id, bufferedComm(this.manager, this.kernel, this.manager.comm_target_name, id));
        }
        this.models[id] = entry;
      }
    }
    for (const [id, entry] of [...this.newer]) {
      if (await this.refresh(id, entry) || final) this.newer.delete(id);
    }
  }

  /**
   * Builds the models `state` refers to that the page knows but has not built yet; false when
   * one of them has not arrived (yet).
   */
  async buildReferences(state) {
    const refs = [...JSON.stringify(state).matchAll(/IPY_MODEL_([0-9a-f]{32})/g)].map((m) => m[1]);
    const wanted = reachable(this.models, refs, this.manager);
    if (wanted === null) return false;
    await createModels(this.manager, this.models, wanted, this.comms);
    return true;
  }

  /** A newer state for a built model; false (try again later) while a model it refers to is missing. */
  async refresh(id, entry) {
    try {
      const { state, buffers } = entry;
      if (!await this.buildReferences(state)) return false;
      const model = await this.manager.get_model(id);
      if (buffers && buffers.length) {
        base.put_buffers(state, buffers.map((b) => b.path), buffers.map((b) => base64ToDataView(b.data)));
      }
      model.set_state(await model.constructor._deserialize_state(state, this.manager));
    } catch (error) {
      console.warn(`widget ${id} could not be updated`, error);
    }
    return true;
  }

  /** Until the models `state` refers to are built (or `ms` have passed). */
  async waitForReferences(state, ms) {
    const deadline = performance.now() + ms;
    while (!await this.buildReferences(state) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

async function main() {
  performance.mark('qz-start');
  const boot = await (window.qazaqBoot || new Promise((resolve) => {
    window.addEventListener('qazaq-boot', () => resolve(window.qazaqBoot), { once: true });
  }));
  if (!boot) return;
  const { kernel } = boot;
  window.qazaqKernel = kernel;
  const manager = new KernelWidgetManager(kernel);
  window.qazaqWidgetManager = manager;
  const render = (some) => Promise.all(some.map((tag) => renderView(manager, tag).catch((e) => console.warn('widget view failed', e))));
  const streamed = new StreamedState(manager, kernel);
  manager.pageState = streamed;
  const shown = new WeakSet();
  let done = false;
  parsed.then(() => { done = true; });
  // Top to bottom as the page streams in: a widget is built as soon as its view tag and every
  // model it uses have arrived, giving the browser a turn every few tens of ms.
  let turn = performance.now();
  for (;;) {
    const final = done;  // one more full pass once the page is complete
    await streamed.update(final);
    if (final && !streamed.any) break;  // no embedded state (another Voila): ask the kernel below
    for (const tag of document.querySelectorAll(`script[type="${VIEW_MIMETYPE}"]`)) {
      if (shown.has(tag)) continue;
      const id = viewId(tag);
      const wanted = id === undefined ? null : reachable(streamed.models, [id], manager);
      if (wanted === null && !(final && streamed.complete)) continue;  // not all here yet
      shown.add(tag);
      if (wanted) await createModels(manager, streamed.models, wanted, streamed.comms);
      await render([tag]);
      if (!window.__qzFirstView) {
        window.__qzFirstView = performance.now();
        performance.mark('qz-first-view');
      }
      if (performance.now() - turn > 16) {
        await nextTask();
        turn = performance.now();
      }
    }
    if (final) break;
    await Promise.race([parsed, new Promise((resolve) => setTimeout(resolve, 25))]);
  }
  if (streamed.any) {
    await createModels(manager, streamed.models, Object.keys(streamed.models), streamed.comms); // any not shown
  } else {
    await manager._loadFromKernel();
    await render([...document.querySelectorAll(`script[type="${VIEW_MIMETYPE}"]`)]);
  }
  performance.mark('qz-views');
  document.body.classList.add('qz-widgets-ready');
}

main().catch((e) => console.warn('Qazaq widgets could not start:', e));
