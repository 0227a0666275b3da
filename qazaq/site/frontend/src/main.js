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

// Started by qazaq-boot.js (boot.js), which has connected to the kernel and requested the states.
const boot = window.qazaqBoot;
const { CONTROL_TARGET, VIEW_MIMETYPE } = boot || {};

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
    kernel.registerCommTarget(this.comm_target_name, async (comm, msg) => {
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
    if (targetName === CONTROL_TARGET && boot && !this._usedBootControl) {
      this._usedBootControl = true;
      return prefetchedControl(boot);  // opened, and states requested, by boot.js
    }
    const comm = this.kernel.createComm(targetName, modelId);
    if (data || metadata) comm.open(data, metadata, buffers);
    return new base.shims.services.Comm(comm);
  }

  async _get_comm_info() {
    const reply = await this.kernel.requestCommInfo({ target_name: this.comm_target_name });
    return reply.content.status === 'ok' ? reply.content.comms : {};
  }
}

/** The control comm boot.js opened, as ManagerBase._loadFromKernel uses a new one. */
function prefetchedControl({ control, states, closed }) {
  return {
    comm_id: control.commId,
    target_name: CONTROL_TARGET,
    on_msg: (callback) => { states.then(callback); },
    on_close: (callback) => { closed.then(callback); },
    send: () => '',  // request_states was sent at boot
    close: () => { if (!control.isDisposed) control.close(); return ''; },
  };
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

/** The ids of `roots` and of every model their state refers to ("IPY_MODEL_<id>"), recursively. */
function reachable(models, roots) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop();
    if (seen.has(id) || !models[id]) continue;
    seen.add(id);
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
function bufferedComm(kernel, targetName, id) {
  const comm = kernel.createComm(targetName, id);
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

const loaded = new Promise((resolve) => {
  if (document.readyState === 'complete') resolve();
  else window.addEventListener('load', resolve, { once: true });
});
const pageShown = () => loaded.then(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 4));

function viewId(tag) {
  try {
    return JSON.parse(tag.textContent).model_id;
  } catch (e) {
    return undefined;
  }
}

async function main() {
  performance.mark('qz-start');
  if (!boot) return;
  const { kernel } = boot;
  const tags = [...document.querySelectorAll(`script[type="${VIEW_MIMETYPE}"]`)];
  window.qazaqKernel = kernel;
  const manager = new KernelWidgetManager(kernel);
  window.qazaqWidgetManager = manager;
  const render = (some) => Promise.all(some.map((tag) => renderView(manager, tag).catch((e) => console.warn('widget view failed', e))));
  if (boot.embedded) {
    const models = JSON.parse(boot.embedded.textContent).state || {};
    // Every comm first, so no kernel message for a model not built yet is lost.
    const comms = new Map(Object.keys(models).map((id) => [id, bufferedComm(kernel, manager.comm_target_name, id)]));
    // Top to bottom, one widget (with the models it uses) at a time, giving the browser a turn
    // every few tens of ms: the first widgets are painted and usable while later ones are built.
    let turn = performance.now();
    for (const tag of tags) {
      await createModels(manager, models, reachable(models, [viewId(tag)]), comms);
      await render([tag]);
      if (tag === tags[0]) {
        performance.mark('qz-first-view');
        await pageShown(); // the page with its first widget on screen before the rest is built
      } else if (performance.now() - turn > 16) {
        await nextTask();
        turn = performance.now();
      }
    }
    await createModels(manager, models, Object.keys(models), comms); // any not shown (yet)
    performance.mark('qz-states');
  } else {
    await manager._loadFromKernel();
    performance.mark('qz-states');
    await render(tags);
  }
  performance.mark('qz-views');
  document.body.classList.add('qz-widgets-ready');
}

main().catch((e) => console.warn('Qazaq widgets could not start:', e));
