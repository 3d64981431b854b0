// Never download a browser at install: pamphleteer finds an installed Chrome/Chromium
// or uses the one shipped in @sparticuz/chromium (see src/render/print/browser.ts).
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  'chrome-headless-shell': { skipDownload: true },
  firefox: { skipDownload: true },
};
