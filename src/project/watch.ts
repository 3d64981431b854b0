import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { watch as watchFiles } from 'chokidar';
import JSZip from 'jszip';
import { loadBook } from '../book/load-book.js';
import { CONFIG_FILES } from '../config/load-config.js';
import { configSchema } from '../config/schema.js';
import { STYLES_DIR, TEMPLATES_DIR } from '../templates/render.js';
import { mediaTypeOf } from '../util/media-type.js';
import { resolveInProject } from '../util/project-path.js';
import { ManuscriptError, formatMessage } from '../util/diagnostics.js';
import { SharedBrowser } from './shared-browser.js';
import { buildProject, effectiveConfig, resolveOutDir } from './index.js';
import { printHtml, renderEpub } from './renderers.js';
import { pagedjsFile } from '../render/print/pagedjs.js';
import type { BuildSummary, ParsedProject } from './project-types.js';

export interface WatchOptions {
  /** Preferred port; the next free one is used when busy. Default: config watch.port. */
  port?: number;
  /** Rebuild the outputs after each save (default: config watch.build). */
  build?: boolean;
  browserPath?: string;
  /** Where progress lines go (the terminal). */
  log?: (line: string) => void;
}

export interface WatchServer {
  url: string;
  /** The port listened on, and the one asked for (they differ when that one was busy). */
  port: number;
  requestedPort: number;
  /** Resolves when the first preview is ready (or failed with a manuscript error shown in the page). */
  ready: Promise<void>;
  close(): Promise<void>;
}

interface PreviewState {
  /** Bumped on each rebuild; the pages reload when it changes. */
  version: number;
  title: string;
  printHtml?: string;
  epub?: { files: Map<string, Uint8Array>; spine: { href: string; title: string }[] };
  /** Manuscript or config errors, shown instead of the pages until fixed. */
  error?: string;
}

const pagedPolyfill = () => pagedjsFile('paged.polyfill.js');
/** Saves come in bursts (editors write a temp file, then rename): wait for quiet before rebuilding. */
const DEBOUNCE_MS = 80;
const PORT_ATTEMPTS = 20;

/**
 * `pamphleteer watch`: a preview server on 127.0.0.1. It shows the print edition laid out live by
 * Paged.js in the person's own browser (spreads side by side) and the EPUB's chapters, and tells
 * the open pages to reload (server-sent events) after every save of a manuscript, config, template
 * or style file. A manuscript error is shown in the page and the terminal; the server stays up.
 * When `build` is on, the outputs are rebuilt after the preview, with one browser kept warm.
 */
export async function startWatch(root: string, options: WatchOptions = {}): Promise<WatchServer> {
  const absRoot = path.resolve(root);
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const state: PreviewState = { version: 0, title: path.basename(absRoot) };
  const clients = new Set<http.ServerResponse>();
  const browser = new SharedBrowser(options.browserPath);
  let lastBuild: BuildSummary | undefined;

  const broadcast = () => {
    for (const res of clients) res.write(`event: reload\ndata: ${state.version}\n\n`);
  };

  /** The preview's parse, handed on to the build that follows it; undefined after an error. */
  const refreshPreview = async (): Promise<ParsedProject | undefined> => {
    try {
      const { config } = effectiveConfig(absRoot);
      const { book, warnings } = loadBook(absRoot, config);
      const epubBytes = await renderEpub(book, {});
      state.printHtml = await printHtml(book, config.print);
      state.epub = await readEpub(epubBytes);
      state.title = book.metadata.title;
      state.error = undefined;
      for (const w of warnings) log(formatMessage(w));
      return { config, book, warnings };
    } catch (err) {
      state.error = err instanceof ManuscriptError ? err.messages.map((m) => formatMessage(m)).join('\n') : err instanceof Error ? err.message : String(err);
      log(state.error);
      return undefined;
    } finally {
      state.version++;
      broadcast();
    }
  };

  // One rebuild at a time; saves during a rebuild cause exactly one more afterwards.
  let running: Promise<void> | undefined;
  let again = false;
  const rebuild = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const started = performance.now();
        const parsed = await refreshPreview();
        if (parsed) log(`preview updated (${Math.round(performance.now() - started)} ms)`);
        const build = options.build ?? parsed?.config.watch.build ?? true;
        if (parsed && build && !again) {
          try {
            lastBuild = await buildProject(absRoot, { browser, parsed });
            log(`built ${lastBuild.outputs.map((o) => path.relative(absRoot, o.path)).join(', ')} (${Math.round(lastBuild.totalMs)} ms)`);
          } catch (err) {
            log(`build failed: ${err instanceof ManuscriptError ? err.messages.map((m) => formatMessage(m)).join('\n') : (err as Error).message}`);
          }
        }
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(err));
    });
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Only pages of this machine's own address: a web page that points some name at 127.0.0.1
    // (DNS rebinding) must not read the project through it.
    if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(req.headers.host ?? '')) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('pamphleteer watch answers only at http://127.0.0.1\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = decodeURIComponent(url.pathname);
    if (p === '/_pamphleteer/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`event: hello\ndata: ${state.version}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (p === '/_pamphleteer/paged.polyfill.js') return sendFile(res, pagedPolyfill());
    if (p === '/_pamphleteer/status') return send(res, 'application/json', JSON.stringify({ version: state.version, error: state.error ?? null, title: state.title }));
    if (p === '/') return send(res, 'text/html', shellPage(state));
    if (p === '/print') {
      if (state.error || !state.printHtml) return send(res, 'text/html', errorPage(state));
      return send(res, 'text/html', pagedPreview(state.printHtml, state.version));
    }
    if (p === '/zine' || p === '/zine.pdf') {
      // The zine of the last build, shown by the browser's own PDF viewer (sheets as they print).
      const zine = lastBuild?.outputs.find((o) => o.kind === 'zine');
      if (!zine || !fs.existsSync(zine.path)) {
        const why = state.error ? state.error : 'No zine yet: it appears after the first build (watch without --no-build, with "zine" in the outputs).';
        return send(res, 'text/html', errorPage({ ...state, error: why }));
      }
      return send(res, 'application/pdf', fs.readFileSync(zine.path));
    }
    if (p === '/epub' || p === '/epub/') {
      if (state.error || !state.epub) return send(res, 'text/html', errorPage(state));
      return send(res, 'text/html', epubIndex(state));
    }
    if (p.startsWith('/epub/')) {
      const file = state.epub?.files.get(p.slice('/epub/'.length));
      if (!file) return notFound(res);
      const type = mediaTypeOf(p);
      // Chapters get the reload script too, so the page being read follows the edits.
      const body = type.includes('xhtml') ? Buffer.from(injectBeforeBodyEnd(Buffer.from(file).toString('utf8'), liveReloadScript(state.version, true))) : file;
      return send(res, type, body);
    }
    if (p.startsWith('/project/')) {
      // Images and other assets the manuscript uses; never anything outside the project.
      const located = resolveInProject(absRoot, p.slice('/project/'.length));
      if (!located.ok || !fs.statSync(located.real).isFile()) return notFound(res);
      return sendFile(res, located.real);
    }
    notFound(res);
  };

  // A config with errors still has a preview (the error page): its defaults serve meanwhile.
  const startConfig = effectiveConfigSafe(absRoot) ?? configSchema.parse({});
  const requestedPort = options.port ?? startConfig.watch.port;
  const port = await listen(server, requestedPort);
  const url = `http://127.0.0.1:${port}/`;

  const watched = [absRoot, TEMPLATES_DIR, STYLES_DIR];
  const outDir = resolveOutDir(absRoot, startConfig);
  const watcher = watchFiles(watched, {
    ignoreInitial: true,
    ignored: (file: string) => {
      const rel = path.relative(absRoot, file);
      if (file === outDir || file.startsWith(outDir + path.sep)) return true;
      return /(^|[/\\])(node_modules|\.git)([/\\]|$)/.test(rel) || /(^|[/\\])\.[^/\\]+\.tmp$/.test(rel) || /~$|\.swp$/.test(file);
    },
  });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, file) => {
    const rel = path.relative(absRoot, file);
    const relevant =
      !rel.startsWith('..') ? /\.(md|markdown|css|ejs|json|ya?ml|png|jpe?g|gif|svg|webp)$/i.test(file) || CONFIG_FILES.includes(rel) : true;
    if (!relevant) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      log(`changed: ${rel.startsWith('..') ? file : rel}`);
      void rebuild();
    }, DEBOUNCE_MS);
  });

  const ready = rebuild();
  return {
    url,
    port,
    requestedPort,
    ready,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
      for (const res of clients) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await running?.catch(() => {});
      await browser.close();
    },
  };
}

function effectiveConfigSafe(root: string) {
  try {
    return effectiveConfig(root).config;
  } catch {
    return undefined;
  }
}

/** Listens on 127.0.0.1 only (the preview is for this machine), trying the next ports when busy. */
async function listen(server: http.Server, preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + PORT_ATTEMPTS; port++) {
    const ok = await new Promise<boolean>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(false);
        else reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve(true);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, '127.0.0.1');
    });
    if (ok) return port;
  }
  // Every port near the preferred one is taken: let the system choose.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function readEpub(bytes: Uint8Array): Promise<PreviewState['epub']> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) files.set(name, await entry.async('uint8array'));
  const text = (name: string) => Buffer.from(files.get(name) ?? new Uint8Array()).toString('utf8');
  const opfPath = /full-path="([^"]+)"/.exec(text('META-INF/container.xml'))?.[1] ?? '';
  const opf = text(opfPath);
  const base = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : '';
  const hrefs = new Map<string, string>();
  for (const m of opf.matchAll(/<item\b[^>]*>/g)) {
    const id = /\bid="([^"]+)"/.exec(m[0])?.[1];
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (id && href) hrefs.set(id, base + href);
  }
  const spine = [...opf.matchAll(/<itemref\b[^>]*\bidref="([^"]+)"/g)]
    .map((m) => hrefs.get(m[1]))
    .filter((h): h is string => !!h)
    .map((href) => ({ href, title: /<title>([^<]*)<\/title>/.exec(text(href))?.[1]?.trim() || path.basename(href) }));
  return { files, spine };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Reloads the page when the server says the book changed; keeps the scroll position across the reload. */
function liveReloadScript(version: number, xhtml = false): string {
  const code = `(() => {
  const key = 'pamphleteer-scroll:' + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved) { const y = Number(saved); const restore = () => window.scrollTo(0, y); addEventListener('load', restore); document.addEventListener('pagedjs-done', restore); }
  const events = new EventSource('/_pamphleteer/events');
  events.addEventListener('reload', (e) => { if (Number(e.data) !== ${version}) { sessionStorage.setItem(key, String(window.scrollY)); location.reload(); } });
  events.addEventListener('hello', (e) => { if (Number(e.data) !== ${version}) location.reload(); });
})();`;
  return xhtml ? `<script>//<![CDATA[\n${code}\n//]]></script>` : `<script>${code}</script>`;
}

function injectBeforeBodyEnd(html: string, snippet: string): string {
  const i = html.lastIndexOf('</body>');
  return i < 0 ? html + snippet : html.slice(0, i) + snippet + html.slice(i);
}

/** The print HTML with Paged.js's polyfill, laid out as spreads (page 1 alone on the right). */
function pagedPreview(printHtml: string, version: number): string {
  const spreads = `<style>
@media screen {
  html { background: #5b5b5b; }
  .pagedjs_pages { display: flex; flex-wrap: wrap; justify-content: center; width: calc(var(--pagedjs-width) * 2); margin: 24px auto; }
  .pagedjs_page { background: #fff; margin-bottom: 24px; box-shadow: 0 2px 8px rgba(0,0,0,.4); }
  .pagedjs_first_page { margin-left: var(--pagedjs-width); }
}
</style>`;
  const done = `<script>window.PagedConfig = { auto: true, after: () => { document.documentElement.dataset.pamphleteerPages = document.querySelectorAll('.pagedjs_page').length; document.dispatchEvent(new Event('pagedjs-done')); } };</script>`;
  const html = printHtml.replace(/<base href="[^"]*"\s*\/?>/, '<base href="/project/"/>');
  const head = `${spreads}${done}<script src="/_pamphleteer/paged.polyfill.js"></script>`;
  return injectBeforeBodyEnd(html.replace('</head>', `${head}</head>`), liveReloadScript(version));
}

function shellPage(state: PreviewState): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>${escapeHtml(state.title)} · pamphleteer watch</title>
<style>body{margin:0;font:15px/1.4 system-ui,sans-serif;display:flex;flex-direction:column;height:100vh}nav{display:flex;gap:1em;align-items:center;padding:.5em 1em;background:#222;color:#eee}nav a{color:#fff}iframe{flex:1;border:0;width:100%}</style></head>
<body><nav><strong>${escapeHtml(state.title)}</strong><a href="/print" target="view">Print</a><a href="/epub/" target="view">EPUB</a><a href="/zine" target="view">Zine</a><span id="status">${state.error ? 'error: see the page' : ''}</span></nav>
<iframe name="view" src="/print"></iframe>${liveReloadScript(state.version)}</body></html>`;
}

function errorPage(state: PreviewState): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>Error · ${escapeHtml(state.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2em;color:#222}pre{background:#fff0f0;border-left:4px solid #c00;padding:1em;white-space:pre-wrap}</style></head>
<body><h1>The pamphlet has errors</h1><p>Fix them and save: this page reloads by itself.</p><pre id="pamphleteer-error">${escapeHtml(state.error ?? 'Still building…')}</pre>${liveReloadScript(state.version)}</body></html>`;
}

function epubIndex(state: PreviewState): string {
  const items = state.epub!.spine.map((s) => `<li><a href="/epub/${encodeURI(s.href)}">${escapeHtml(s.title)}</a></li>`).join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>EPUB · ${escapeHtml(state.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2em auto;max-width:40em}</style></head>
<body><h1>${escapeHtml(state.title)}: EPUB chapters</h1><ol>${items}</ol>${liveReloadScript(state.version)}</body></html>`;
}


function send(res: http.ServerResponse, type: string, body: string | Uint8Array): void {
  const textual = /^text\/|xml|json|javascript/.test(type);
  res.writeHead(200, { 'content-type': textual ? `${type}; charset=utf-8` : type, 'cache-control': 'no-store' });
  res.end(body);
}

function sendFile(res: http.ServerResponse, file: string): void {
  send(res, mediaTypeOf(file), fs.readFileSync(file));
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
}
