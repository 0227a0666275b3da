// A lesson page whose kernel is gone says so, and reopens the lesson at the same section in one
// click. The kernel can go while the page stays on screen: culled after a long idle time, crashed,
// the server restarted, or (behind a proxy) the page's process died. The page then asks its
// server (`/qazaq/api/kernel/<id>`: {"alive": true} = still running here) when the connection
// drops, when the visitor acts (click, key, change), when a message a widget sent gets no
// answer within 3 s, and when the tab comes back into view; once the answer is no, the notice
// covers the lesson and any further click on a widget is answered by it.
// Progress is not at stake: it lives in this browser's localStorage, and the reopened lesson's
// kernel reads it back.

import { pageText } from './visitor-lang.js';

const RETURN_KEY = 'qazaq-notebooks:reopen-at';  // sessionStorage: the section to return to
const PROBE_EVERY_MS = 2000;   // at most one question per 2 s, however fast the visitor clicks
const PROBE_TIMEOUT_MS = 5000;
const REPLY_WAIT_MS = 3000;    // a message to the kernel unanswered this long: ask whether it still runs
const SECTIONS = '#rendered_cells h1[id], #rendered_cells h2[id], #rendered_cells h3[id]';

/** The section heading the visitor is reading: the last one above the upper third of the window. */
function currentSection() {
  let found = null;
  for (const heading of document.querySelectorAll(SECTIONS)) {
    if (heading.getBoundingClientRect().top > window.innerHeight / 3) break;
    found = heading;
  }
  return found;
}

const STYLE = `
.qz-lost { position: fixed; z-index: 10000; left: 50%; top: 1rem; transform: translateX(-50%);
  width: min(36rem, calc(100vw - 2rem)); box-sizing: border-box; padding: 1rem 1.25rem;
  background: #fff8e6; color: #222; border: 2px solid #b26a00; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .25); font-size: 1rem; line-height: 1.45; }
.qz-lost h2 { margin: 0 0 .4rem; font-size: 1.15rem; }
.qz-lost p { margin: 0 0 .8rem; }
.qz-lost button { font: inherit; font-weight: bold; padding: .5rem 1rem; border-radius: 6px;
  border: 0; background: #005a9c; color: #fff; cursor: pointer; min-height: 44px; }
.qz-lost.qz-lost-again { animation: qz-lost-nudge .4s; }
@keyframes qz-lost-nudge { 25% { transform: translateX(calc(-50% - 6px)); } 75% { transform: translateX(calc(-50% + 6px)); } }
body.qz-kernel-lost #rendered_cells { opacity: .55; }
`;

class LostNotice {
  /** `serverUrl`: a cheap URL of the site, asked before reopening (it may be restarting). */
  constructor(serverUrl) {
    this.el = null;
    this.serverUrl = serverUrl;
  }

  show() {
    if (this.el) {
      this.nudge();
      return;
    }
    const style = document.createElement('style');
    style.textContent = STYLE;
    document.head.appendChild(style);
    const title = pageText('site.kernel_lost.title');
    const el = document.createElement('section');
    el.className = 'qz-lost';
    el.setAttribute('role', 'alertdialog');
    el.setAttribute('aria-labelledby', 'qz-lost-title');
    el.lang = title.lang;
    const h = document.createElement('h2');
    h.id = 'qz-lost-title';
    h.textContent = title.text;
    const p = document.createElement('p');
    p.textContent = pageText('site.kernel_lost.body').text;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'qz-lost-reopen';
    button.textContent = pageText('site.kernel_lost.button').text;
    button.addEventListener('click', async () => {
      button.disabled = true;
      button.textContent = pageText('site.kernel_lost.reopening').text;
      await serverAnswers(this.serverUrl);
      reopenHere();
    });
    el.append(h, p, button);
    document.body.appendChild(el);
    document.body.classList.add('qz-kernel-lost');
    this.el = el;
    button.focus({ preventScroll: true });
  }

  /** A click on the lesson after the notice: point at the notice again (the click is not lost in silence). */
  nudge() {
    this.el.classList.remove('qz-lost-again');
    void this.el.offsetWidth;  // restart the animation
    this.el.classList.add('qz-lost-again');
    this.el.querySelector('button').focus({ preventScroll: true });
  }
}

/** Until the site answers again (a restarting server, a proxy with no live process yet), at most a minute. */
async function serverAnswers(url) {
  const deadline = performance.now() + 60000;
  while (performance.now() < deadline) {
    try {
      if ((await fetch(url, { cache: 'no-store', credentials: 'same-origin' })).status < 500) return;
    } catch (e) { /* not yet */ }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Reload this lesson (a new kernel) and come back to the section being read. */
function reopenHere() {
  const section = currentSection();
  try {
    if (section) {
      sessionStorage.setItem(RETURN_KEY, JSON.stringify({
        path: location.pathname, id: section.id, offset: section.getBoundingClientRect().top,
      }));
    }
  } catch (e) { /* no sessionStorage: the fragment below still leads there */ }
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  const url = new URL(location.href);
  url.hash = section ? section.id : '';
  history.replaceState(history.state, '', url.href);
  location.reload();
}

/** On a reopened lesson: keep the section in view while the widgets above it are drawn. */
function returnToSection() {
  let target;
  try {
    target = JSON.parse(sessionStorage.getItem(RETURN_KEY) || 'null');
    sessionStorage.removeItem(RETURN_KEY);
  } catch (e) {
    return;
  }
  if (!target || target.path !== location.pathname) return;
  const place = () => {
    const heading = document.getElementById(target.id);
    if (heading) window.scrollTo(0, window.scrollY + heading.getBoundingClientRect().top - (target.offset || 0));
    return heading;
  };
  // Widgets replace their placeholders as they arrive and change the page's height: place the
  // section again until the page has settled (the widgets bundle marks the body when done), or
  // until the visitor scrolls on their own.
  const started = performance.now();
  let theirs = false;
  for (const type of ['wheel', 'touchstart', 'keydown', 'mousedown']) {
    window.addEventListener(type, () => { theirs = true; }, { once: true, capture: true, passive: true });
  }
  const again = () => {
    if (theirs) return;
    place();
    if (document.body?.classList.contains('qz-widgets-ready') && performance.now() - started > 500) return;
    if (performance.now() - started < 20000) setTimeout(again, 150);
  };
  again();
}

/**
 * Watch this page's kernel: `config` is the page's `jupyter-config-data`, `kernel` its
 * KernelConnection (@jupyterlab/services).
 */
export function watchKernel(config, kernel) {
  const base = new URL(config.baseUrl || '/', location.href).href;
  const notice = new LostNotice(`${base}qazaq/api/room`);
  const probeUrl = `${base}qazaq/api/kernel/${config.kernelId}`;
  let lost = false;
  let lastAsked = 0;
  let asking = null;

  const declareLost = (why) => {
    if (lost) return;
    lost = true;
    console.warn(`Qazaq: this lesson's kernel is gone (${why})`);
    window.__qzKernelLost = why;
    notice.show();
  };

  /** One question to the server; a network failure is asked once more before it counts. */
  const askOnce = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
    try {
      const response = await fetch(probeUrl, { cache: 'no-store', credentials: 'same-origin', signal: controller.signal });
      if (!response.ok) return 'unreachable';
      return (await response.json()).alive ? 'alive' : 'gone';
    } catch (e) {
      return 'unreachable';
    } finally {
      clearTimeout(timer);
    }
  };
  const ask = () => {
    if (lost || asking) return asking;
    lastAsked = performance.now();
    asking = (async () => {
      let answer = await askOnce();
      if (answer === 'unreachable') {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        answer = await askOnce();
      }
      if (answer === 'gone') declareLost('the server no longer runs it');
      else if (answer === 'unreachable') declareLost('the server does not answer');
    })().finally(() => { asking = null; });
    return asking;
  };

  // Every message a widget sends is answered by the kernel (at least a busy status naming it).
  const unanswered = new Map();  // msg_id -> timer
  kernel.anyMessage.connect((_, { msg, direction }) => {
    if (direction === 'send') {
      const id = msg.header.msg_id;
      unanswered.set(id, setTimeout(() => { unanswered.delete(id); ask(); }, REPLY_WAIT_MS));
      return;
    }
    const parent = msg.parent_header && msg.parent_header.msg_id;
    if (parent && unanswered.has(parent)) {
      clearTimeout(unanswered.get(parent));
      unanswered.delete(parent);
    }
  });
  kernel.statusChanged.connect((_, status) => {
    if (status === 'dead' || status === 'restarting' || status === 'autorestarting') declareLost(`kernel ${status}`);
  });
  let wasConnected = false;
  kernel.connectionStatusChanged.connect((_, status) => {
    if (status === 'connected') wasConnected = true;
    else if (status === 'disconnected') declareLost('connection closed');
    else if (status === 'connecting' && wasConnected) setTimeout(ask, 500);  // dropped: gone, or a blip?
  });

  const onAction = (event) => {
    if (lost) {
      if (notice.el && notice.el.contains(event.target)) return;
      if (event.target.closest && event.target.closest('#rendered_cells')) {
        // A widget would send this into the void: answer with the notice instead.
        event.preventDefault();
        event.stopPropagation();
        notice.nudge();
      }
      return;
    }
    if (performance.now() - lastAsked > PROBE_EVERY_MS) ask();
  };
  for (const type of ['pointerdown', 'click', 'keydown', 'change']) {
    document.addEventListener(type, onAction, true);
  }
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) ask();
  });
  window.qazaqCheckKernel = ask;  // for tests and the console
}

returnToSection();
