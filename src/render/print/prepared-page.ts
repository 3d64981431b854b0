import fs from 'node:fs';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { mediaTypeOf } from '../../util/media-type.js';
import { resolveInProject } from '../../util/project-path.js';
import type { PrintBrowser } from './browser.js';
import { FONT_PATH, servedFont } from './fonts.js';
import { pagedjsForPage } from './pagedjs.js';
import { pageScript } from './page-script.js';

/** The page's own origin: requests to it are answered from the project folder, nothing else is. */
// http, not https: an https page would block (or upgrade) http images as mixed content when remote loads are allowed.
export const ORIGIN = 'http://pamphleteer.invalid';

/**
 * Where the page's own scripts are asked for: Paged.js, then our handlers (page-script.ts). By URL,
 * not evaluated as text, so Chromium compiles them off the page's thread as they arrive.
 */
export const SCRIPT_PATH = '/.pamphleteer-scripts/';
const SCRIPT_NAMES = ['paged.js', 'page-script.js'] as const;
type ScriptName = (typeof SCRIPT_NAMES)[number];

/**
 * The document a page is prepared with: no book yet, only Paged.js and our handlers. Each book is
 * then written into the same document (document.open keeps the window and its scripts).
 */
const SHELL_HTML =
  '<!DOCTYPE html><html><head><meta charset="utf-8"/>' +
  SCRIPT_NAMES.map((name) => `<script src="${SCRIPT_PATH}${name}"></script>`).join('') +
  '</head><body></body></html>';

export type RequestDecision =
  | { action: 'page' }
  | { action: 'script'; name: ScriptName }
  | { action: 'font'; bytes: Buffer }
  | { action: 'file'; file: string }
  | { action: 'not-found' }
  | { action: 'continue' }
  | { action: 'abort' };

/**
 * The request policy: the page itself, its scripts, the bundled fonts it names (fonts.ts:
 * servedFontUrl), files inside the project folder, data: URLs and, only when allowed, http(s).
 * Everything else (other local files, other hosts) is refused.
 */
export function requestDecision(rawUrl: string, root: string, allowRemote: boolean): RequestDecision {
  const url = new URL(rawUrl);
  if (url.protocol === 'data:') return { action: 'continue' };
  if (url.origin === ORIGIN) {
    if (url.pathname === '/') return { action: 'page' };
    if (url.pathname.startsWith(FONT_PATH)) {
      const bytes = servedFont(decodeURIComponent(url.pathname.slice(FONT_PATH.length)));
      return bytes ? { action: 'font', bytes } : { action: 'not-found' };
    }
    if (url.pathname.startsWith(SCRIPT_PATH)) {
      const name = url.pathname.slice(SCRIPT_PATH.length);
      return SCRIPT_NAMES.includes(name as ScriptName)
        ? { action: 'script', name: name as ScriptName }
        : { action: 'not-found' };
    }
    const located = resolveInProject(root, '.' + decodeURIComponent(url.pathname));
    return located.ok && fs.statSync(located.real).isFile()
      ? { action: 'file', file: located.real }
      : { action: 'not-found' };
  }
  if (allowRemote && (url.protocol === 'https:' || url.protocol === 'http:')) return { action: 'continue' };
  return { action: 'abort' };
}

/** The book a prepared page is laying out: where its files come from, whom to tell of progress. */
export interface PrintJob {
  root: string;
  allowRemote: boolean;
  onProgress?: (pagesLaidOut: number) => void;
}

/** A page holding Paged.js and our handlers, ready for a book; then busy with one book at a time. */
export interface PreparedPage {
  readonly page: Page;
  /** The browser the page belongs to (its idle pages are kept per browser). */
  readonly browser: PrintBrowser;
  job?: PrintJob;
  /** Told once the last script has been sent to the page (it is being compiled there). */
  scriptsSent?: () => void;
}

/** Never changes while the package is installed: the browser may keep it for every later page. */
const IMMUTABLE = { 'Cache-Control': 'public, max-age=31536000, immutable' };

function answerRequest(request: HTTPRequest, prepared: PreparedPage, scripts: Record<ScriptName, string>): void {
  const job = prepared.job;
  const decision = requestDecision(request.url(), job?.root ?? '', job?.allowRemote ?? false);
  switch (decision.action) {
    case 'page':
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: SHELL_HTML });
      return;
    case 'script':
      void request.respond({
        status: 200,
        contentType: 'text/javascript; charset=utf-8',
        headers: IMMUTABLE,
        body: scripts[decision.name],
      });
      if (decision.name === SCRIPT_NAMES[SCRIPT_NAMES.length - 1]) prepared.scriptsSent?.();
      return;
    case 'font':
      void request.respond({ status: 200, contentType: 'font/woff2', headers: IMMUTABLE, body: decision.bytes });
      return;
    case 'file':
      // Never from a cache: the same URL names another project's file in the next book this page lays out.
      void request.respond({
        status: 200,
        contentType: mediaTypeOf(decision.file),
        headers: { 'Cache-Control': 'no-store' },
        body: job ? fs.readFileSync(decision.file) : '',
      });
      return;
    case 'not-found':
      void request.respond({ status: 404, body: '' });
      return;
    case 'continue':
      void request.continue();
      return;
    default:
      void request.abort('blockedbyclient');
  }
}

let pagedSource: string | undefined;
/** Paged.js as the page loads it (paged.js, not the polyfill: it exposes window.Paged without laying out). */
export function pagedJs(): string {
  pagedSource ??= pagedjsForPage();
  return pagedSource;
}

/**
 * A new page at the origin with Paged.js and our handlers loaded, its requests answered for
 * whichever book it is given (`job`), print media, and the progress function exposed.
 */
async function preparePage(browser: PrintBrowser, scriptsSent?: () => void): Promise<PreparedPage> {
  const scripts = { 'paged.js': pagedJs(), 'page-script.js': await pageScript() };
  const page = await browser.newPage();
  const prepared: PreparedPage = { page, browser, scriptsSent };
  try {
    await page.setRequestInterception(true);
    page.on('request', (request) => answerRequest(request, prepared, scripts));
    // PAMPHLETEER_DEBUG=print shows the page's console (Paged.js warnings, handler decisions).
    if (process.env.PAMPHLETEER_DEBUG?.includes('print'))
      page.on('console', (m) => console.error(`[print page] ${m.text()}`));
    await page.emulateMediaType('print');
    await page.exposeFunction('pamphleteerProgress', (n: number) => prepared.job?.onProgress?.(n));
    await page.goto(`${ORIGIN}/`, { waitUntil: 'load' });
    if (!(await page.evaluate(() => !!window.pamphleteer))) throw new Error('the print page did not load its scripts');
    prepared.scriptsSent = undefined;
  } catch (err) {
    await page.close().catch(() => undefined);
    throw err;
  }
  return prepared;
}

/**
 * The prepared pages of each browser not laying out a book just now, by page policy (the
 * Content-Security-Policy a book's document adds stays with the page, so a page only serves books
 * with the same one). A catalogue's titles take turns on them instead of each paying for a new tab
 * that parses and runs Paged.js again.
 */
const idlePages = new WeakMap<PrintBrowser, Map<string, PreparedPage[]>>();

/**
 * An idle prepared page of this browser for this policy, or a new one. `scriptsSent` is told when
 * the page has its scripts (at once for an idle page): the caller's own work can then overlap
 * their compiling in the browser.
 */
export async function takePreparedPage(
  browser: PrintBrowser | Promise<PrintBrowser>,
  policy: string,
  scriptsSent?: () => void,
): Promise<PreparedPage> {
  const ready = await browser;
  const idle = idlePages.get(ready)?.get(policy);
  let page = idle?.pop();
  while (page?.page.isClosed()) page = idle?.pop();
  if (page) {
    scriptsSent?.();
    return page;
  }
  return preparePage(ready, scriptsSent);
}

/** Back to the idle pages once its book is done; for the next book of the same browser and policy. */
export function releasePreparedPage(browser: PrintBrowser, policy: string, prepared: PreparedPage): void {
  prepared.job = undefined;
  if (prepared.page.isClosed()) return;
  const byPolicy = idlePages.get(browser) ?? new Map<string, PreparedPage[]>();
  idlePages.set(browser, byPolicy);
  const idle = byPolicy.get(policy) ?? [];
  idle.push(prepared);
  byPolicy.set(policy, idle);
}
