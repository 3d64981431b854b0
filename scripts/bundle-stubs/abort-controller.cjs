// Node's own AbortController, for the bundled epub-gen-memory (which requires the abort-controller package).
module.exports = globalThis.AbortController;
