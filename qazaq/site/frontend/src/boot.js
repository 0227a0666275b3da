// qazaq-boot.js: a small first script (async, in the page head) that opens the page's kernel
// connection as soon as the page names its kernel, while the widgets bundle is still loading.
// The page streams in while the lesson runs on the server; the kernel id arrives with the
// `jupyter-config-data` script once the kernel has started.
import { KernelConnection } from '@jupyterlab/services/lib/kernel/default';
import { ServerConnection } from '@jupyterlab/services/lib/serverconnection';
import { watchKernel } from './kernel-lost.js';

const VIEW_MIMETYPE = 'application/vnd.jupyter.widget-view+json';
const CONTROL_TARGET = 'jupyter.widget.control';

/** The page config once its script is complete, or null when the page has none. */
function pageConfig() {
  return new Promise((resolve) => {
    const read = () => {
      const el = document.getElementById('jupyter-config-data');
      if (!el) return undefined;
      try {
        return JSON.parse(el.textContent);
      } catch (e) {
        return undefined;  // still arriving
      }
    };
    const now = read();
    if (now !== undefined || document.readyState !== 'loading') {
      resolve(now || null);
      return;
    }
    const observer = new MutationObserver(() => {
      const config = read();
      if (config !== undefined) { observer.disconnect(); resolve(config); }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    document.addEventListener('DOMContentLoaded', () => { observer.disconnect(); resolve(read() || null); }, { once: true });
  });
}

async function start() {
  const config = await pageConfig();
  if (!config || !config.kernelId) return null;
  performance.mark('qz-boot');
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: new URL(config.baseUrl || '/', window.location.href).href,
  });
  const kernel = new KernelConnection({
    model: { id: config.kernelId, name: config.kernelName || 'python3' },
    serverSettings,
    handleComms: true,
  });
  watchKernel(config, kernel);
  return { config, kernel, CONTROL_TARGET, VIEW_MIMETYPE };
}

// The widgets bundle may run before or after this script: it awaits this promise.
window.qazaqBoot = start().catch((e) => { console.warn('Qazaq: no kernel connection', e); return null; });
window.dispatchEvent(new Event('qazaq-boot'));
