import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { VFileMessage } from 'vfile-message';
import { loadBook } from '../book/load-book.js';
import { loadConfig } from '../config/load-config.js';
import type { Book } from '../book/book-types.js';
import type { Config, OutputKind } from '../config/schema.js';
import { formatMessage } from '../util/diagnostics.js';
import { sourceDateEpoch as sourceDateEpochFromEnv } from '../util/source-date.js';
import { SharedBrowser } from './shared-browser.js';
import {
  imposeZine,
  renderEpub,
  renderPodCover,
  renderPress,
  renderPrint,
  renderRiso,
  zineSidePictures,
  type ImposedZine,
  type PressOutput,
  type PrintResult,
  type RisoOutput,
} from './renderers.js';
import type { PodCoverResult } from '../render/pod-cover/index.js';
import type { PreviewImage } from './preview-images.js';
import { StagedWrite } from '../util/staged-write.js';
import { checkpoint } from '../util/interrupt.js';
import { buildSettings, titleRecordFile, upToDate } from './incremental.js';
import { titleRecord } from './title-record.js';
import { flushCache } from '../util/content-cache.js';
import { modifiedDate } from '../render/epub/package.js';
import { paddingNote } from '../impose/plan.js';
import { PDFX_VERSION } from '../render/press/flavours.js';
import {
  plural,
  wordCount,
  STEPS,
  type BuildOptions,
  type BuildReporter,
  type BuildSummary,
  type OutputSummary,
  type ParsedProject,
  type StepName,
  type WarningSummary,
} from './project-types.js';

export * from './project-types.js';
export { SharedBrowser } from './shared-browser.js';
export { resolveProjects } from './project-folders.js';

/** The config a build uses: the project's file, with the command line's overrides on top. */
export function effectiveConfig(
  root: string,
  options: Pick<BuildOptions, 'only' | 'html'> = {},
): { config: Config; file?: string } {
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
    cover: path.join(outDir, `${slug}-cover.pdf`),
    press: path.join(outDir, `${slug}-press.pdf`),
    /** The riso drums are `<slug>-riso-<ink>.pdf`, the overprint preview `<slug>-riso-preview.png`. */
    riso: path.join(outDir, `${slug}-riso`),
    html: path.join(outDir, `${slug}.html`),
    previewDir: path.join(outDir, 'preview'),
  };
}

export function resolveOutDir(root: string, config: Config, outDirOption?: string): string {
  return outDirOption ? path.resolve(outDirOption) : path.resolve(root, config.outDir);
}

/** Everything one build knows: the project, the options, and what the steps have made so far. */
interface Build {
  root: string;
  options: BuildOptions;
  reporter: BuildReporter;
  browser: SharedBrowser;
  sourceDateEpoch: number | undefined;
  made: Made;
}

/** What each step produces, under its name; a later step reads what earlier ones made. */
interface Made {
  parse?: ParsedBuild;
  pdf?: PrintResult;
  epub?: Uint8Array;
  zine?: ImposedZine;
  cover?: PodCoverResult;
  press?: PressOutput;
  riso?: RisoOutput;
  preview?: PreviewImage[];
  write?: OutputSummary[];
}

/** The parsed project, and where its outputs go. */
interface ParsedBuild extends ParsedProject {
  /** The config file read, when not handed over already parsed. */
  configFile?: string;
  outDir: string;
  paths: ReturnType<typeof outputPaths>;
  wanted: Set<OutputKind>;
}

/**
 * One step of a build: when it runs, the work (its product is kept under its name), a short account for the reporter.
 */
interface Step<K extends StepName> {
  runs(build: Build): boolean;
  run(build: Build): Promise<NonNullable<Made[K]>> | NonNullable<Made[K]>;
  detail(product: NonNullable<Made[K]>, build: Build): string;
}

/** The parse step has run before every other step. */
const parsedOf = (build: Build): ParsedBuild => build.made.parse!;

/** The steps of a build, in the order of STEPS (project-types.ts); the loop in buildProject runs them. */
const BUILD_STEPS: { [K in StepName]: Step<K> } = {
  parse: {
    runs: () => true,
    run: async ({ root, options, browser }) => {
      let parsed: ParsedProject & { configFile?: string };
      if (options.parsed) parsed = options.parsed;
      else {
        const { config, file } = effectiveConfig(root, options);
        // The browser starts in its own processes while the manuscript is parsed here: its process
        // is spawned first, since parsing holds this thread.
        if (needsPrint(config)) await browser.starting(config.browser.executablePath);
        parsed = { config, configFile: file, ...loadBook(root, config) };
      }
      const { config, book } = parsed;
      const outDir = options.outFile
        ? path.dirname(path.resolve(options.outFile))
        : resolveOutDir(root, config, options.outDir);
      const paths = outputPaths(outDir, book.slug);
      if (options.outFile && config.outputs.length === 1) paths[config.outputs[0]] = path.resolve(options.outFile);
      return { ...parsed, outDir, paths, wanted: new Set(config.outputs) };
    },
    detail: ({ book }) =>
      [plural(book.chapters.length, 'chapter'), plural(book.notes.length, 'note'), wordCount(book.stats)].join(', '),
  },
  pdf: {
    // The print edition is laid out for the PDF, for the zine imposed from it, and for --html.
    runs: (build) => needsPrint(parsedOf(build).config),
    run: async (build) => {
      const { config, book } = parsedOf(build);
      return renderPrint(book, {
        browser: build.browser.get(config.browser.executablePath),
        print: config.print,
        allowRemote: config.browser.allowRemote,
        cover: config.cover,
        sourceDateEpoch: build.sourceDateEpoch,
        onProgress: (pages) => build.reporter.pdfProgress?.(pages),
      });
    },
    detail: (print) => plural(print.pages, 'page'),
  },
  epub: {
    runs: (build) => parsedOf(build).wanted.has('epub'),
    // After the print edition: its page starts give the EPUB its page list.
    run: (build) => {
      const { config, book } = parsedOf(build);
      return renderEpub(book, {
        sourceDateEpoch: build.sourceDateEpoch,
        pageStarts: build.made.pdf?.pageStarts,
        coverDesign: config.cover.design,
      });
    },
    detail: (_epub, build) => plural(parsedOf(build).book.chapters.length, 'chapter'),
  },
  zine: {
    runs: (build) => parsedOf(build).wanted.has('zine') && build.made.pdf !== undefined,
    run: (build) => {
      const { config, book } = parsedOf(build);
      return imposeZine(build.made.pdf!.pdf, { ...config.zine, rtl: config.zine.rtl ?? book.metadata.dir === 'rtl' });
    },
    detail: (zine, build) =>
      `${plural(zine.sheets, 'sheet')}, ${parsedOf(build).config.zine.layout}${paddingNote(zine.plan)}`,
  },
  cover: {
    runs: (build) => parsedOf(build).wanted.has('cover') && build.made.pdf !== undefined,
    run: (build) => {
      const { config, book } = parsedOf(build);
      const print = build.made.pdf!;
      return renderPodCover(book, {
        browser: build.browser.get(config.browser.executablePath),
        cover: config.cover,
        pageSize: print.pageSize,
        pages: print.pages,
        sourceDateEpoch: build.sourceDateEpoch,
      });
    },
    detail: ({ geometry, notice }) =>
      notice ??
      `spine ${(geometry.spineWidth / 72).toFixed(3)}in (${plural(geometry.pages, 'page')} at ${geometry.ppi} PPI)`,
  },
  press: {
    runs: (build) => parsedOf(build).wanted.has('press') && build.made.pdf !== undefined,
    run: (build) => {
      const { config, book } = parsedOf(build);
      return renderPress(book, config, build.made.pdf!, (print) => layOut(build, { print }));
    },
    detail: (press, build) => {
      const { color, pdfx } = parsedOf(build).config.press;
      return [`${plural(press.pages, 'page')}, ${PDFX_VERSION[pdfx]} ${color}`, ...press.notices].join('; ');
    },
  },
  riso: {
    runs: (build) => parsedOf(build).wanted.has('riso') && build.made.pdf !== undefined,
    run: (build) => {
      const { config, book } = parsedOf(build);
      return renderRiso(
        book,
        config,
        build.made.pdf!,
        (colourOnlyCss) => layOut(build, { colourOnlyCss }),
        async (pdf) =>
          (await imposeZine(pdf, { ...config.zine, rtl: config.zine.rtl ?? book.metadata.dir === 'rtl' })).pdf,
      );
    },
    detail: (riso) => `${plural(riso.drums.length, 'drum')}: ${riso.drums.map((d) => d.ink).join(', ')}`,
  },
  preview: {
    runs: (build) => build.options.preview === true,
    run: async (build) => {
      const { book } = parsedOf(build);
      const { pdf: print, zine, cover, riso } = build.made;
      const sides = zine ? await zineSidePictures(zine) : [];
      const { previewImages, pdfPreviewImages } = await import('./preview-images.js');
      return [
        // The print-shop outputs: the wraparound cover, and the riso drums overprinted.
        ...(cover ? await pdfPreviewImages(cover.pdf, [`${book.slug}-wraparound-cover.png`]) : []),
        ...(riso ? [{ name: `${book.slug}-riso-overprint.png`, bytes: riso.preview }] : []),
        ...(await previewImages(
          book.slug,
          print?.pdf,
          zine?.pdf,
          sides.map((side) => side.name),
        )),
        // The imposition diagrams (page numbers, fold and cut lines) beside the rendered sheets.
        ...sides.map((side) => ({ name: `${book.slug}-zine-${side.name}.svg`, bytes: Buffer.from(side.svg) })),
      ];
    },
    detail: (images) => plural(images.length, 'image'),
  },
  write: {
    runs: () => true,
    run: async (build) => {
      const thumbnail = await catalogueThumbnail(build);
      // The last moment a Ctrl-C stops the build with nothing written.
      await checkpoint();
      return writeOutputs(build, thumbnail);
    },
    detail: (outputs) => plural(outputs.length, 'file'),
  },
};

/**
 * Builds one pamphlet project: parse the manuscript once, lay out the print edition (which gives
 * the page starts the EPUB's page list needs), make the EPUB, impose the zine, then write every
 * output at once: the steps of BUILD_STEPS, in order, each timed and reported. Nothing is written
 * unless every step succeeded, and each file is replaced by an atomic rename, so a failed or
 * interrupted build leaves the previous outputs exactly as they were.
 */
export async function buildProject(root: string, options: BuildOptions = {}): Promise<BuildSummary> {
  const started = performance.now();
  const absRoot = path.resolve(root);
  const sourceDateEpoch = options.sourceDateEpoch ?? sourceDateEpochFromEnv();

  // Incremental (catalogue) builds: an unchanged title is not parsed or laid out again.
  if (options.incremental && !options.parsed) {
    const { config } = effectiveConfig(absRoot, options);
    const outDir = resolveOutDir(absRoot, config, options.outDir);
    const fresh = upToDate(absRoot, config, outDir, buildSettings(config, outDir, { ...options, sourceDateEpoch }));
    if (fresh) return fresh;
  }

  // A browser of our own when the caller shares none; closed however the build ends.
  const ownBrowser = options.browser ? undefined : new SharedBrowser();
  const reporter = options.reporter ?? {};
  const build: Build = {
    root: absRoot,
    options,
    reporter,
    browser: options.browser ?? ownBrowser!,
    sourceDateEpoch,
    made: {},
  };
  const steps: BuildSummary['steps'] = {};
  try {
    for (const name of STEPS) {
      const step = BUILD_STEPS[name] as Step<StepName>;
      if (!step.runs(build)) {
        reporter.stepSkipped?.(name);
        continue;
      }
      reporter.stepStarted?.(name);
      const t0 = performance.now();
      const product = await step.run(build);
      (build.made as Record<StepName, unknown>)[name] = product;
      steps[name] = performance.now() - t0;
      reporter.stepFinished?.(name, { ms: steps[name]!, detail: step.detail(product, build) });
    }
  } finally {
    await ownBrowser?.close();
  }

  const { book, warnings, outDir } = parsedOf(build);
  return {
    root: absRoot,
    slug: book.slug,
    title: book.metadata.title,
    outDir,
    outputs: build.made.write!,
    book: { chapters: book.chapters.length, notes: book.notes.length, words: book.stats.words },
    warnings: warnings.filter((m) => !m.fatal).map(warningSummary),
    steps,
    totalMs: performance.now() - started,
  };
}

/** The print edition laid out again, with other print settings or colours (press, riso drums). */
function layOut(build: Build, changes: { print?: Config['print']; colourOnlyCss?: string }): Promise<PrintResult> {
  const { config, book } = parsedOf(build);
  return renderPrint(book, {
    browser: build.browser.get(config.browser.executablePath),
    print: { ...(changes.print ?? config.print), html: false },
    allowRemote: config.browser.allowRemote,
    cover: config.cover,
    sourceDateEpoch: build.sourceDateEpoch,
    colourOnlyCss: changes.colourOnlyCss,
  });
}

/** A catalogue build's thumbnail of the title, drawn now so its site only copies it (src/templates/thumbnail.ts). */
async function catalogueThumbnail(build: Build): Promise<{ path: string; png: Uint8Array } | undefined> {
  if (!build.options.thumbnail || build.options.outFile) return undefined;
  const { book, outDir, paths } = parsedOf(build);
  const { epub } = build.made;
  const { thumbnailFileName, titleThumbnail } = await import('../templates/thumbnail.js');
  const { cover } = titleRecord(book, {
    inputHash: '',
    inputs: [],
    updated: new Date(0),
    outputs: epub ? [{ kind: 'epub', path: paths.epub, bytes: epub.byteLength }] : [],
    generator: '',
  });
  const png = await titleThumbnail(build.root, { ...book.metadata, cover }, epub && { bytes: epub, file: paths.epub });
  return { path: path.join(outDir, thumbnailFileName(book.slug)), png };
}

/** Stages every output the steps made, and the title record, then writes them all at once. */
function writeOutputs(build: Build, thumbnail?: { path: string; png: Uint8Array }): OutputSummary[] {
  const { root, options, sourceDateEpoch } = build;
  const { config, book, configFile, outDir, paths, wanted } = parsedOf(build);
  const { pdf: print, epub, zine, cover, press, riso, preview: previews = [] } = build.made;
  const outputs: OutputSummary[] = [];
  StagedWrite.writeAll(
    (stage) => {
      const add = (summary: OutputSummary, bytes: Uint8Array | string) => {
        stage(summary.path, bytes);
        outputs.push(summary);
      };
      if (print && wanted.has('pdf'))
        add({ kind: 'pdf', path: paths.pdf, bytes: print.pdf.byteLength, pages: print.pages }, print.pdf);
      if (epub) add({ kind: 'epub', path: paths.epub, bytes: epub.byteLength, chapters: book.chapters.length }, epub);
      if (zine) add({ kind: 'zine', path: paths.zine, bytes: zine.pdf.byteLength, sheets: zine.sheets }, zine.pdf);
      if (cover) add({ kind: 'cover', path: paths.cover, bytes: cover.pdf.byteLength, pages: 1 }, cover.pdf);
      if (press) add({ kind: 'press', path: paths.press, bytes: press.pdf.byteLength, pages: press.pages }, press.pdf);
      for (const drum of riso?.drums ?? [])
        add({ kind: 'riso', path: `${paths.riso}-${drum.ink}.pdf`, bytes: drum.pdf.byteLength }, drum.pdf);
      if (riso) add({ kind: 'riso', path: `${paths.riso}-preview.png`, bytes: riso.preview.byteLength }, riso.preview);
      if (print && config.print.html)
        add({ kind: 'html', path: paths.html, bytes: Buffer.byteLength(print.html), pages: print.pages }, print.html);
      for (const image of previews)
        add(
          { kind: 'preview', path: path.join(paths.previewDir, image.name), bytes: image.bytes.byteLength },
          image.bytes,
        );
      // The title record (metadata for catalogues, and the inputs' hash for incremental builds);
      // not when -o names the one file the person asked for.
      if (thumbnail) stage(thumbnail.path, thumbnail.png);
      if (!options.outFile) {
        const record = titleRecordFile(
          root,
          config,
          book,
          outDir,
          buildSettings(config, outDir, { ...options, sourceDateEpoch }),
          outputs,
          modifiedDate(book, sourceDateEpoch),
          thumbnail && { file: path.basename(thumbnail.path), bytes: thumbnail.png.byteLength },
        );
        stage(record.path, record.json);
      }
    },
    { inputs: buildInputs(book, configFile) },
  );
  if (options.preview) removeStalePreviews(paths.previewDir, book.slug, new Set(previews.map((p) => p.name)));
  // What the build kept for the next one (the cover), now that it succeeded.
  flushCache(root);
  return outputs;
}

/** Every file a build reads from the project: no output may replace one of them. */
function buildInputs(book: Book, configFile?: string): string[] {
  const styles = ['base.css', 'epub.css', 'print.css']
    .map((name) => path.join(book.root, 'styles', name))
    .filter((f) => fs.existsSync(f));
  return [
    ...book.chapters.map((c) => path.resolve(book.root, c.sourceFile)),
    ...book.assets.map((a) => a.path),
    ...styles,
    ...(configFile ? [path.resolve(book.root, configFile)] : []),
  ];
}

/** The print edition is laid out for the PDF, for every output made from it, and for --html. */
function needsPrint(config: Config): boolean {
  const printed: OutputKind[] = ['pdf', 'zine', 'cover', 'press', 'riso'];
  return printed.some((kind) => config.outputs.includes(kind)) || config.print.html;
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
  options: Omit<BuildOptions, 'browser' | 'reporter'> & {
    concurrency?: number;
    reporterFor?: (root: string) => BuildOptions['reporter'];
    browserPath?: string;
  } = {},
): Promise<ProjectResult[]> {
  const browser = new SharedBrowser(options.browserPath);
  const results: ProjectResult[] = roots.map((root) => ({ root }));
  let next = 0;
  const worker = async () => {
    while (next < roots.length) {
      const i = next++;
      try {
        results[i].summary = await buildProject(roots[i], {
          ...options,
          browser,
          reporter: options.reporterFor?.(roots[i]),
        });
      } catch (error) {
        results[i].error = error;
      }
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(roots.length, options.concurrency ?? defaultConcurrency()) }, worker),
    );
  } finally {
    await browser.close();
  }
  return results;
}

export function defaultConcurrency(): number {
  return Math.max(1, os.availableParallelism());
}

function warningSummary(m: VFileMessage): WarningSummary {
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
    if (name.startsWith(`${slug}-`) && /\.(png|svg)$/.test(name) && !current.has(name))
      fs.rmSync(path.join(dir, name), { force: true });
  }
}
