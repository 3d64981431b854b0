import path from 'node:path';
import { loadBook } from '../book/load-book.js';
import { configSchema } from '../config/schema.js';
import { formatMessage } from '../util/diagnostics.js';
import { SharedBrowser } from './shared-browser.js';
import { buildProject, effectiveConfig, resolveOutDir } from './index.js';
import { printHtml, renderEpubPackage } from './renderers.js';
import { createPreviewServer, listen, previewEpub, type PreviewState } from './preview-server.js';
import { RebuildQueue } from './rebuild-queue.js';
import { watchProject } from './project-watcher.js';
import type { BuildSummary, ParsedProject } from './project-types.js';

export interface WatchOptions {
  /** Preferred port; the next free one is used when busy. Default: config watch.port. */
  port?: number;
  /** Rebuild the outputs after each save (default: config watch.build). */
  build?: boolean;
  browserPath?: string;
  /** Where progress lines go (the terminal). */
  log?: (line: string) => void;
  /** What to print for an error: the command's one reporter (a person's mistake as vfile messages, or a bug). */
  describe: (err: unknown) => string;
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

/**
 * `pamphleteer watch`: a preview server on 127.0.0.1 (preview-server.ts). It shows the print edition
 * laid out live by Paged.js in the person's own browser (spreads side by side) and the EPUB's
 * documents, and tells the open pages to reload after every save of a manuscript, config, template
 * or style file (project-watcher.ts), one rebuild at a time (rebuild-queue.ts). A manuscript error
 * is shown in the page and the terminal; the server stays up. When `build` is on, the outputs are
 * rebuilt after the preview, with one browser kept warm.
 */
export async function startWatch(root: string, options: WatchOptions): Promise<WatchServer> {
  const describe = options.describe;
  const absRoot = path.resolve(root);
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const state: PreviewState = { version: 0, title: path.basename(absRoot) };
  const browser = new SharedBrowser(options.browserPath);
  let lastBuild: BuildSummary | undefined;
  const preview = createPreviewServer({ root: absRoot, state, lastBuild: () => lastBuild });

  /** The preview's parse, handed on to the build that follows it; undefined after an error. */
  const refreshPreview = async (): Promise<ParsedProject | undefined> => {
    try {
      const { config } = effectiveConfig(absRoot);
      const { book, warnings } = loadBook(absRoot, config);
      const epub = await renderEpubPackage(book, {});
      state.printHtml = await printHtml(book, config.print);
      state.epub = await previewEpub(epub);
      state.title = book.metadata.title;
      state.error = undefined;
      for (const w of warnings) log(formatMessage(w));
      return { config, book, warnings };
    } catch (err) {
      state.error = describe(err);
      log(state.error);
      return undefined;
    } finally {
      state.version++;
      preview.broadcast();
    }
  };

  const queue = new RebuildQueue(async () => {
    const started = performance.now();
    const parsed = await refreshPreview();
    if (parsed) log(`preview updated (${Math.round(performance.now() - started)} ms)`);
    const build = options.build ?? parsed?.config.watch.build ?? true;
    // A save during the preview: the next round builds, not this one.
    if (!parsed || !build || queue.superseded) return;
    try {
      lastBuild = await buildProject(absRoot, { browser, parsed });
      log(
        `built ${lastBuild.outputs.map((o) => path.relative(absRoot, o.path)).join(', ')} ` +
          `(${Math.round(lastBuild.totalMs)} ms)`,
      );
    } catch (err) {
      log(`build failed:\n${describe(err)}`);
    }
  });

  // A config with errors still has a preview (the error page): its defaults serve meanwhile.
  const startConfig = effectiveConfigSafe(absRoot) ?? configSchema.parse({});
  const requestedPort = options.port ?? startConfig.watch.port;
  const port = await listen(preview.server, requestedPort);
  const watcher = watchProject(absRoot, resolveOutDir(absRoot, startConfig), (changed) => {
    log(`changed: ${changed}`);
    void queue.request();
  });

  const ready = queue.request();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requestedPort,
    ready,
    close: async () => {
      await watcher.close();
      await preview.close();
      await queue.idle();
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
