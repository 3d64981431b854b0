import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { VFileMessage } from 'vfile-message';
import { loadBook } from '../book/load.js';
import { loadConfig } from '../config/load.js';
import type { Book } from '../book/types.js';
import type { Config, OutputKind } from '../config/schema.js';
import { formatMessage } from '../util/diagnostics.js';
import { sourceDateEpoch as sourceDateEpochFromEnv } from '../util/source-date.js';
import { SharedBrowser } from './browser.js';
import { imposeZine, renderEpub, renderPrint, zineSidePictures, type PrintResult } from './renderers.js';
import { StagedWrite } from './staged-write.js';
import { checkpoint } from './interrupt.js';
import { buildSettings, titleRecordFile, upToDate } from '../catalogue/incremental.js';
import { modifiedDate } from '../render/epub/package.js';
import { plural, type BuildOptions, BuildSummary, OutputSummary, StepName, WarningSummary } from './types.js';

export * from './types.js';
export { SharedBrowser } from './browser.js';
export { resolveProjects } from './projects.js';

/** The config a build uses: the project's file, with the command line's overrides on top. */
export function effectiveConfig(root: string, options: Pick<BuildOptions, 'only' | 'html'> = {}): { config: Config; file?: string } {
  const { config, file } = loadConfig(root);
  return {
    config: {
      ...config,
      outputs: options.only ?? config.outputs,
      print: { ...config.print, html: options.html ?? config.print.html },
    },
    file,
  };
}

/** Output file names, shared by build, check (which looks for the EPUB) and watch. */
export function outputPaths(outDir: string, slug: string) {
  return {
    epub: path.join(outDir, `${slug}.epub`),
    pdf: path.join(outDir, `${slug}.pdf`),
    zine: path.join(outDir, `${slug}-zine.pdf`),
    html: path.join(outDir, `${slug}.html`),
    previewDir: path.join(outDir, 'preview'),
  };
}

export function resolveOutDir(root: string, config: Config, outDirOption?: string): string {
  return outDirOption ? path.resolve(outDirOption) : path.resolve(root, config.outDir);
}

/**
 * Builds one pamphlet project: parse the manuscript once, lay out the print edition (which gives
 * the page starts the EPUB's page list needs), make the EPUB, impose the zine, then write every
 * output at once. Nothing is written unless every step succeeded, and each file is replaced by an
 * atomic rename, so a failed or interrupted build leaves the previous outputs exactly as they were.
 */
export async function buildProject(root: string, options: BuildOptions = {}): Promise<BuildSummary> {
  const started = performance.now();
  const absRoot = path.resolve(root);
  const reporter = options.reporter ?? {};
  const steps: BuildSummary['steps'] = {};
  const timed = async <T>(step: StepName, work: () => Promise<T> | T, detail?: (result: T) => string): Promise<T> => {
    reporter.stepStarted?.(step);
    const t0 = performance.now();
    const result = await work();
    const ms = performance.now() - t0;
    steps[step] = ms;
    reporter.stepFinished?.(step, { ms, detail: detail?.(result) });
    return result;
  };

  // A browser of our own when the caller shares none; closed however the build ends.
  const ownBrowser = options.browser ? undefined : new SharedBrowser();
  const browser = options.browser ?? ownBrowser!;
  try {
    // Incremental (catalogue) builds: an unchanged title is not parsed or laid out again.
    if (options.incremental && !options.parsed) {
      const { config } = effectiveConfig(absRoot, options);
      const outDir = resolveOutDir(absRoot, config, options.outDir);
      const fresh = upToDate(absRoot, config, outDir, buildSettings(config, outDir, { ...options, sourceDateEpoch: options.sourceDateEpoch ?? sourceDateEpochFromEnv() }));
      if (fresh) return fresh;
    }
    let configFile: string | undefined;
    const { config, book, warnings } = await timed(
      'parse',
      async () => {
        if (options.parsed) return options.parsed;
        const { config, file } = effectiveConfig(absRoot, options);
        configFile = file;
        // The browser starts in its own processes while the manuscript is parsed here: its process
        // is spawned first, since parsing holds this thread.
        if (needsPrint(config)) await browser.starting(config.browser.executablePath);
        return { config, ...loadBook(absRoot, config) };
      },
      ({ book }) => `${plural(book.chapters.length, 'chapter')}, ${plural(book.notes.length, 'note')}, ${plural(book.stats.words, 'word')}`,
    );
    const wanted = new Set<OutputKind>(config.outputs);
    const outDir = options.outFile ? path.dirname(path.resolve(options.outFile)) : resolveOutDir(absRoot, config, options.outDir);
    const paths = outputPaths(outDir, book.slug);
    if (options.outFile && config.outputs.length === 1) paths[config.outputs[0]] = path.resolve(options.outFile);
    const sourceDateEpoch = options.sourceDateEpoch ?? sourceDateEpochFromEnv();

    let print: PrintResult | undefined;
    if (needsPrint(config)) {
      print = await timed(
        'pdf',
        async () =>
          renderPrint(book, {
            browser: browser.get(config.browser.executablePath),
            print: config.print,
            allowRemote: config.browser.allowRemote,
            cover: config.cover,
            sourceDateEpoch,
            onProgress: (pages) => reporter.pdfProgress?.(pages),
          }),
        (r) => plural(r.pages, 'page'),
      );
    } else reporter.stepSkipped?.('pdf');

    const epub = wanted.has('epub')
      ? await timed('epub', () => renderEpub(book, { sourceDateEpoch, pageStarts: print?.pageStarts, coverDesign: config.cover.design }), () => plural(book.chapters.length, 'chapter'))
      : (reporter.stepSkipped?.('epub'), undefined);

    const zine =
      wanted.has('zine') && print
        ? await timed('zine', () => imposeZine(print!.pdf, { ...config.zine, rtl: config.zine.rtl ?? book.metadata.dir === 'rtl' }), (z) => `${plural(z.sheets, 'sheet')}, ${config.zine.layout}`)
        : (reporter.stepSkipped?.('zine'), undefined);

    const previews = options.preview
      ? await timed(
          'preview',
          async () => {
            const sides = zine ? await zineSidePictures(zine) : [];
            const { previewImages } = await import('./preview.js');
            return [
              ...(await previewImages(book.slug, print?.pdf, zine?.pdf, sides.map((side) => side.name))),
              // The imposition diagrams (page numbers, fold and cut lines) beside the rendered sheets.
              ...sides.map((side) => ({ name: `${book.slug}-zine-${side.name}.svg`, bytes: Buffer.from(side.svg) })),
            ];
          },
          (images) => plural(images.length, 'image'),
        )
      : (reporter.stepSkipped?.('preview'), []);

    await checkpoint();
    const outputs = await timed(
      'write',
      () => {
        const outputs: OutputSummary[] = [];
        StagedWrite.writeAll((stage) => {
          const add = (summary: OutputSummary, bytes: Uint8Array | string) => {
            stage(summary.path, bytes);
            outputs.push(summary);
          };
          if (print && wanted.has('pdf')) add({ kind: 'pdf', path: paths.pdf, bytes: print.pdf.byteLength, pages: print.pages }, print.pdf);
          if (epub) add({ kind: 'epub', path: paths.epub, bytes: epub.byteLength, chapters: book.chapters.length }, epub);
          if (zine) add({ kind: 'zine', path: paths.zine, bytes: zine.pdf.byteLength, sheets: zine.sheets }, zine.pdf);
          if (print && config.print.html) add({ kind: 'html', path: paths.html, bytes: Buffer.byteLength(print.html), pages: print.pages }, print.html);
          for (const image of previews) add({ kind: 'preview', path: path.join(paths.previewDir, image.name), bytes: image.bytes.byteLength }, image.bytes);
          // The title record (metadata for catalogues, and the inputs' hash for incremental builds);
          // not when -o names the one file the person asked for.
          if (!options.outFile) {
            const record = titleRecordFile(absRoot, config, book, outDir, buildSettings(config, outDir, { ...options, sourceDateEpoch }), outputs, modifiedDate(book, sourceDateEpoch));
            stage(record.path, record.json);
          }
        }, { inputs: buildInputs(book, configFile) });
        if (options.preview) removeStalePreviews(paths.previewDir, book.slug, new Set(previews.map((p) => p.name)));
        return outputs;
      },
      (o) => plural(o.length, 'file'),
    );

    return {
      root: absRoot,
      slug: book.slug,
      title: book.metadata.title,
      outDir,
      outputs,
      book: { chapters: book.chapters.length, notes: book.notes.length, words: book.stats.words },
      warnings: warnings.filter((m) => !m.fatal).map(warningSummary),
      steps,
      totalMs: performance.now() - started,
    };
  } finally {
    await ownBrowser?.close();
  }
}

/** Every file a build reads from the project: no output may replace one of them. */
function buildInputs(book: Book, configFile?: string): string[] {
  const styles = ['base.css', 'epub.css', 'print.css'].map((name) => path.join(book.root, 'styles', name)).filter((f) => fs.existsSync(f));
  return [...book.chapters.map((c) => path.resolve(book.root, c.sourceFile)), ...book.assets.map((a) => a.path), ...styles, ...(configFile ? [path.resolve(book.root, configFile)] : [])];
}

/** The print edition is laid out for the PDF, for the zine imposed from it, and for --html. */
function needsPrint(config: Config): boolean {
  return config.outputs.includes('pdf') || config.outputs.includes('zine') || config.print.html;
}

export interface ProjectResult {
  root: string;
  summary?: BuildSummary;
  error?: unknown;
}

/**
 * Builds several projects in one run, sharing one browser and running as many builds at once as
 * the machine has cores (the browser lays out in its own processes, so builds overlap well).
 * A failed project does not stop the others.
 */
export async function buildProjects(
  roots: string[],
  options: Omit<BuildOptions, 'browser' | 'reporter'> & { concurrency?: number; reporterFor?: (root: string) => BuildOptions['reporter']; browserPath?: string } = {},
): Promise<ProjectResult[]> {
  const browser = new SharedBrowser(options.browserPath);
  const results: ProjectResult[] = roots.map((root) => ({ root }));
  let next = 0;
  const worker = async () => {
    while (next < roots.length) {
      const i = next++;
      try {
        results[i].summary = await buildProject(roots[i], { ...options, browser, reporter: options.reporterFor?.(roots[i]) });
      } catch (error) {
        results[i].error = error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(roots.length, options.concurrency ?? defaultConcurrency()) }, worker));
  } finally {
    await browser.close();
  }
  return results;
}

export function defaultConcurrency(): number {
  return Math.max(1, os.availableParallelism());
}

export function warningSummary(m: VFileMessage): WarningSummary {
  return {
    text: formatMessage(m),
    file: m.file || undefined,
    line: m.line,
    column: m.column,
    message: m.reason,
    rule: m.ruleId,
  };
}

/** Previews of an earlier build with more sheets or spreads would otherwise linger and mislead. */
function removeStalePreviews(dir: string, slug: string, current: Set<string>): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(`${slug}-`) && /\.(png|svg)$/.test(name) && !current.has(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}
