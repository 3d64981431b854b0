import fs from 'node:fs';
import http from 'node:http';
import JSZip from 'jszip';
import { mediaTypeOf } from '../util/media-type.js';
import { escapeHtml } from '../util/escape-html.js';
import { resolveInProject } from '../util/project-path.js';
import type { EpubPackage } from '../render/epub/index.js';
import type { PrintPreview } from '../render/print/index.js';
import type { BuildSummary } from './project-types.js';

/*
 * The preview's web side: its routes (the print edition laid out by Paged.js in the person's own
 * browser, the EPUB's documents, the last zine, the project's images), the pages around them, and
 * the events that tell open pages to reload. What is shown comes from a PreviewState that watch.ts
 * refreshes after every save.
 */

export interface PreviewState {
  /** Bumped on each rebuild; the pages reload when it changes. */
  version: number;
  title: string;
  /** The print edition as the PDF lays it out: page, scripts and layout steps (render/print printPreview). */
  print?: PrintPreview;
  epub?: { files: Map<string, Uint8Array>; spine: { href: string; title: string }[] };
  /** Manuscript or config errors, shown instead of the pages until fixed. */
  error?: string;
}

/** What the routes read: the state, the project (for its images), the last build (for its zine). */
interface PreviewSource {
  root: string;
  state: PreviewState;
  lastBuild(): BuildSummary | undefined;
  /** Open event streams, told to reload by `broadcast`. */
  clients: Set<http.ServerResponse>;
}

const PORT_ATTEMPTS = 20;

interface PreviewServer {
  server: http.Server;
  /** Tells every open page that the book changed. */
  broadcast(): void;
  close(): Promise<void>;
}

/** The preview's HTTP server (not yet listening: see listen). */
export function createPreviewServer(source: Omit<PreviewSource, 'clients'>): PreviewServer {
  const preview: PreviewSource = { ...source, clients: new Set() };
  const server = http.createServer((req, res) => {
    void route(req, res, preview).catch((err) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(err));
    });
  });
  return {
    server,
    broadcast: () => {
      for (const res of preview.clients) res.write(`event: reload\ndata: ${preview.state.version}\n\n`);
    },
    close: async () => {
      for (const res of preview.clients) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/** The EPUB as the preview serves it: its files by path, and its reading order from the renderer. */
export async function previewEpub(epub: EpubPackage): Promise<PreviewState['epub']> {
  const zip = await JSZip.loadAsync(epub.bytes);
  const files = new Map<string, Uint8Array>();
  for (const [name, entry] of Object.entries(zip.files))
    if (!entry.dir) files.set(name, await entry.async('uint8array'));
  return { files, spine: epub.spine.map(({ path, title }) => ({ href: path, title })) };
}

async function route(req: http.IncomingMessage, res: http.ServerResponse, preview: PreviewSource): Promise<void> {
  const { state } = preview;
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
    preview.clients.add(res);
    req.on('close', () => preview.clients.delete(res));
    return;
  }
  if (p === '/_pamphleteer/paged.js' && state.print) return send(res, 'text/javascript', state.print.scripts[0]);
  if (p === '/_pamphleteer/page-script.js' && state.print) return send(res, 'text/javascript', state.print.scripts[1]);
  if (p === '/_pamphleteer/status')
    return send(
      res,
      'application/json',
      JSON.stringify({ version: state.version, error: state.error ?? null, title: state.title }),
    );
  if (p === '/') return send(res, 'text/html', shellPage(state));
  if (p === '/print') {
    if (state.error || !state.print) return send(res, 'text/html', errorPage(state));
    return send(res, 'text/html', pagedPreview(state.print, state.version));
  }
  if (p === '/zine' || p === '/zine.pdf') {
    // The zine of the last build, shown by the browser's own PDF viewer (sheets as they print).
    const zine = preview.lastBuild()?.outputs.find((o) => o.kind === 'zine');
    if (!zine || !fs.existsSync(zine.path)) {
      const why = state.error
        ? state.error
        : 'No zine yet: it appears after the first build (watch without --no-build, with "zine" in the outputs).';
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
    const body = type.includes('xhtml')
      ? Buffer.from(injectBeforeBodyEnd(Buffer.from(file).toString('utf8'), liveReloadScript(state.version, true)))
      : file;
    return send(res, type, body);
  }
  if (p.startsWith('/project/')) {
    // Images and other assets the manuscript uses; never anything outside the project.
    const located = resolveInProject(preview.root, p.slice('/project/'.length));
    if (!located.ok || !fs.statSync(located.real).isFile()) return notFound(res);
    return sendFile(res, located.real);
  }
  notFound(res);
}

/** Listens on 127.0.0.1 only (the preview is for this machine), trying the next ports when busy. */
export async function listen(server: http.Server, preferred: number): Promise<number> {
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

/** Reloads the page when the server says the book changed; keeps the scroll position across the reload. */
function liveReloadScript(version: number, xhtml = false): string {
  const code = `(() => {
  const key = 'pamphleteer-scroll:' + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved) {
    const restore = () => window.scrollTo(0, Number(saved));
    addEventListener('load', restore);
    document.addEventListener('pagedjs-done', restore);
  }
  const events = new EventSource('/_pamphleteer/events');
  events.addEventListener('reload', (e) => {
    if (Number(e.data) === ${version}) return;
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  events.addEventListener('hello', (e) => { if (Number(e.data) !== ${version}) location.reload(); });
})();`;
  return xhtml ? `<script>//<![CDATA[\n${code}\n//]]></script>` : `<script>${code}</script>`;
}

function injectBeforeBodyEnd(html: string, snippet: string): string {
  const i = html.lastIndexOf('</body>');
  return i < 0 ? html + snippet : html.slice(0, i) + snippet + html.slice(i);
}

/**
 * The print page laid out as the PDF is (Paged.js, our handlers, the same layout and finish steps:
 * covers, padding, running heads, long notes), shown as spreads: page 1 alone on the right. The
 * spread style is screen-only and marked for Paged.js to leave alone (it rewrites every other style
 * sheet for its pages). The page map lands in `window.pamphleteerPageMap`, the page count in
 * `data-pamphleteer-pages`, and `pagedjs-done` fires on the document when the pages are ready.
 */
function pagedPreview(print: PrintPreview, version: number): string {
  const spreads = `<style media="screen" data-pagedjs-ignore>
html { background: #5b5b5b; }
.pagedjs_pages {
  display: flex; flex-wrap: wrap; justify-content: center; width: calc(var(--pagedjs-width) * 2); margin: 24px auto;
}
.pagedjs_page { background: #fff; margin-bottom: 24px; box-shadow: 0 2px 8px rgba(0,0,0,.4); }
.pagedjs_first_page { margin-left: var(--pagedjs-width); }
</style>`;
  const layout = `<script src="/_pamphleteer/paged.js"></script>
<script src="/_pamphleteer/page-script.js"></script>
<script>
(async () => {
  const pages = window.pamphleteer;
  await pages.layout(${JSON.stringify(print.layout)});
  window.pamphleteerPageMap = pages.finish(${JSON.stringify(print.finish)});
  document.documentElement.dataset.pamphleteerPages = document.querySelectorAll('.pagedjs_page').length;
  document.dispatchEvent(new Event('pagedjs-done'));
})();
</script>`;
  const html = print.html.replace(/<base href="[^"]*"\s*\/?>/, '<base href="/project/"/>');
  // The live reload first: the layout takes the body's content into its pages as it starts, and a
  // script after it could be moved out of the document before it ran (no reload, ever, for that page).
  return injectBeforeBodyEnd(html.replace('</head>', `${spreads}</head>`), liveReloadScript(version) + layout);
}

function shellPage(state: PreviewState): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>
<title>${escapeHtml(state.title)} · pamphleteer watch</title>
<style>
body{margin:0;font:15px/1.4 system-ui,sans-serif;display:flex;flex-direction:column;height:100vh}
nav{display:flex;gap:1em;align-items:center;padding:.5em 1em;background:#222;color:#eee}
nav a{color:#fff}
iframe{flex:1;border:0;width:100%}
</style></head>
<body><nav><strong>${escapeHtml(state.title)}</strong>
<a href="/print" target="view">Print</a><a href="/epub/" target="view">EPUB</a><a href="/zine" target="view">Zine</a>
<span id="status">${state.error ? 'error: see the page' : ''}</span></nav>
<iframe name="view" src="/print"></iframe>${liveReloadScript(state.version)}</body></html>`;
}

function errorPage(state: PreviewState): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><title>Error · ${escapeHtml(state.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2em;color:#222}
pre{background:#fff0f0;border-left:4px solid #c00;padding:1em;white-space:pre-wrap}
</style></head>
<body><h1>The pamphlet has errors</h1><p>Fix them and save: this page reloads by itself.</p>
<pre id="pamphleteer-error">${escapeHtml(state.error ?? 'Still building…')}</pre>
${liveReloadScript(state.version)}</body></html>`;
}

function epubIndex(state: PreviewState): string {
  const items = state
    .epub!.spine.map((s) => `<li><a href="/epub/${encodeURI(s.href)}">${escapeHtml(s.title)}</a></li>`)
    .join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>
<title>EPUB · ${escapeHtml(state.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2em auto;max-width:40em}</style></head>
<body><h1>${escapeHtml(state.title)}: EPUB chapters</h1><ol>${items}</ol>
${liveReloadScript(state.version)}</body></html>`;
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
