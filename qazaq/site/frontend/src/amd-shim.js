// anywidget's front end ships as one AMD module (`define(["@jupyter-widgets/base"], factory)`).
// Capture its factory; imported just before `anywidget` (ES imports run in order), removed just
// after by amd-done.js. No `define.amd` flag, so UMD libraries (jQuery, Backbone) never use it.
export const amdFactories = [];
globalThis.define = function define(deps, factory) {
  amdFactories.push({ deps, factory });
};
