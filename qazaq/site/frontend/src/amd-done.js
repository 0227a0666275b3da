delete globalThis.define;
