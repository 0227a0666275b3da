// qazaq-busy.js: the busy page (503, too many visitors or too little memory) in the visitor's
// language, asking every 3-5 s whether there is room (/qazaq/api/room) and opening the lesson
// by itself as soon as there is. Without scripts the page's Retry-After refresh does the same.
import { pageText } from './visitor-lang.js';

for (const el of document.querySelectorAll('[data-qz-text]')) {
  const { lang, text } = pageText(el.dataset.qzText);
  if (text !== el.dataset.qzText) {
    el.textContent = text;
    el.lang = lang;
  }
}

const roomUrl = document.querySelector('[data-qz-room]')?.dataset.qzRoom;
// Spread out, so waiting visitors do not all come back at the same moment.
const later = () => setTimeout(ask, 3000 + Math.random() * 2000);
async function ask() {
  try {
    const response = await fetch(roomUrl, { cache: 'no-store', credentials: 'same-origin' });
    if (response.ok && (await response.json()).room) {
      location.reload();
      return;
    }
  } catch (e) { /* server unreachable for now: ask again */ }
  later();
}
if (roomUrl) later();
