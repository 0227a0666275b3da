// The visitor's interface language and the page's strings in it, for the scripts of the site's
// own pages (lost-kernel notice, busy page). Only the browser knows the language the visitor
// picked: it is saved with their progress in localStorage (qazaq.browser_storage). The server
// writes the strings of every language into the page (`#qazaq-page-strings`, from assets/i18n/).

export const PROGRESS_KEY = 'qazaq-notebooks:progress:v1';  // qazaq.browser_storage.STORAGE_KEY

/** Every language the page carries strings for: the languages are data (assets/i18n/), not code. */
function pageStrings() {
  try {
    return JSON.parse(document.getElementById('qazaq-page-strings').textContent);
  } catch (e) { return {}; /* no strings in the page */ }
}

/** The language picked in a lesson (saved with the progress), else the browser's, else English. */
export function visitorLang() {
  const LANGS = Object.keys(pageStrings());
  try {
    const lang = JSON.parse(localStorage.getItem(PROGRESS_KEY) || '{}').settings?.lang;
    if (LANGS.includes(lang)) return lang;
  } catch (e) { /* storage off or unreadable: the browser's language */ }
  for (const tag of navigator.languages || [navigator.language || '']) {
    const lang = String(tag).slice(0, 2).toLowerCase();
    if (LANGS.includes(lang)) return lang;
  }
  return 'en';
}

/** `{ lang, text }`: the page string `key` in the visitor's language (English, then the key, if missing). */
export function pageText(key) {
  const all = pageStrings();
  const lang = visitorLang();
  const own = (all[lang] || {})[key];
  return { lang: own ? lang : 'en', text: own || (all.en || {})[key] || key };
}
