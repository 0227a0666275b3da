// qazaq-boot.js: a small first script (deferred, before qazaq-widgets.js) that opens the page's
// kernel connection as early as possible.
// - Usually the page embeds the widget state (the template writes what the server's executor
//   recorded), so main.js draws the widgets without waiting for the kernel at all.
// - Otherwise it asks the kernel for every widget state at once (`request_states` on the
//   ipywidgets 8 control comm), queued by KernelConnection until the socket is up.
import { KernelConnection } from '@jupyterlab/services/lib/kernel/default';
import { ServerConnection } from '@jupyterlab/services/lib/serverconnection';

const VIEW_MIMETYPE = 'application/vnd.jupyter.widget-view+json';
const CONTROL_TARGET = 'jupyter.widget.control';
const STATE_ID = 'qazaq-widget-state'; // <script type="application/vnd.jupyter.widget-state+json">
// = CONTROL_COMM_PROTOCOL_VERSION of @jupyter-widgets/base-manager (not imported: it would be
// evaluated, with all of its dependencies, before this module).
const CONTROL_PROTOCOL_VERSION = '1.0.0';

function pageConfig() {
  const el = document.getElementById('jupyter-config-data');
  try {
    return el ? JSON.parse(el.textContent) : {};
  } catch (e) {
    return {};
  }
}

function start() {
  const config = pageConfig();
  if (!config.kernelId || !document.querySelector(`script[type="${VIEW_MIMETYPE}"]`)) return null;
  performance.mark('qz-boot');
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: new URL(config.baseUrl || '/', window.location.href).href,
  });
  const kernel = new KernelConnection({
    model: { id: config.kernelId, name: config.kernelName || 'python3' },
    serverSettings,
    handleComms: true,
  });
  const embedded = document.getElementById(STATE_ID);
  if (embedded) {
    // The server embedded the widget state: nothing to ask the kernel before drawing.
    return { config, kernel, embedded, CONTROL_TARGET, VIEW_MIMETYPE };
  }
  // Otherwise ask for it now; KernelConnection queues these until the socket is up.
  const control = kernel.createComm(CONTROL_TARGET);
  let closed;
  const closedPromise = new Promise((resolve) => { closed = resolve; });
  const states = new Promise((resolve) => {
    control.onMsg = (msg) => {
      if (msg.content.data && msg.content.data.method === 'update_states') resolve(msg);
    };
  });
  control.onClose = () => closed();
  control.open({}, { version: CONTROL_PROTOCOL_VERSION });
  control.send({ method: 'request_states' }, {});
  return { config, kernel, control, states, closed: closedPromise, CONTROL_TARGET, VIEW_MIMETYPE };
}

const boot = start();
window.qazaqBoot = boot;
