/**
 * Puppeteer must never download a browser: government networks are closed and
 * only the npm registry is reachable. The renderer finds a Chromium itself
 * (CHROMIUM_PATH, then the system `chromium`).
 * @type {import("puppeteer").Configuration}
 */
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  'chrome-headless-shell': { skipDownload: true },
  firefox: { skipDownload: true },
};
