import type { DefaultRenderer, ListrTaskWrapper, SimpleRenderer } from 'listr2';

type TaskWrapper = ListrTaskWrapper<unknown, typeof DefaultRenderer, typeof SimpleRenderer>;
import {
  buildProject,
  buildProjects,
  defaultConcurrency,
  resolveProjects,
  SharedBrowser,
  type BuildReporter,
  type BuildSummary,
  type ProjectResult,
  type StepName,
  STEPS,
} from '../project/index.js';
import { assertPreviewToolAvailable } from '../project/preview-images.js';
import { OUTPUTS, type OutputKind } from '../config/schema.js';
import { DiagnosticError } from '../util/diagnostics.js';
import { UserError } from '../util/user-error.js';
import { describeError, worstExitCode, type ExitCode } from './describe-error.js';
import { shownPath } from '../util/shown-path.js';
import { plural } from '../project/project-types.js';
import { catalogueLine, formatBytes, formatMs, padEnd, projectLabel } from './format.js';
import { catalogueFolders, parseShard, selectShard } from '../project/project-folders.js';

interface BuildCommandOptions {
  only?: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  html?: boolean;
  preview?: boolean;
  jobs?: string;
  browser?: string;
  /** Build every project folder inside the named folders (a catalogue). */
  all?: boolean;
  debug?: boolean;
  /** Catalogue builds: this runner's part K/N, rebuild everything, where the site goes. */
  shard?: string;
  force?: boolean;
  site?: string;
}

const STEP_TITLES: Record<StepName, string> = {
  parse: 'Parse manuscript',
  pdf: 'Lay out print PDF',
  epub: 'Make EPUB',
  zine: 'Impose zine',
  cover: 'Draw wraparound cover',
  press: 'Make press-ready PDF',
  riso: 'Separate riso drums',
  preview: 'Draw previews',
  write: 'Write outputs',
};

function parseOnly(only: string | undefined): OutputKind[] | undefined {
  if (only === undefined) return undefined;
  const kinds = only
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = kinds.filter((k) => !(OUTPUTS as readonly string[]).includes(k));
  if (unknown.length || kinds.length === 0) {
    throw new UserError(
      `--only ${only}: choose one or more of ${OUTPUTS.join(', ')}, separated by commas (e.g. --only epub,pdf).`,
    );
  }
  return [...new Set(kinds)] as OutputKind[];
}

const FILE_EXTENSIONS: Record<OutputKind, string | undefined> = {
  epub: '.epub',
  pdf: '.pdf',
  zine: '.pdf',
  cover: '.pdf',
  press: '.pdf',
  // One file per ink: only a folder will do.
  riso: undefined,
};

/**
 * `-o` names a file when one output is asked for and the name ends like it (`--only epub -o
 * book.epub`, as pandoc does); otherwise it is the output folder.
 */
function outputFile(out: string | undefined, only: OutputKind[] | undefined, projects: number): string | undefined {
  if (out === undefined || !/\.(epub|pdf)$/i.test(out)) return undefined;
  if (only?.length !== 1) {
    throw new UserError(
      `-o ${out} names a file, but a build makes several outputs: add --only epub, ` +
        '--only pdf or --only zine, or give a folder.',
    );
  }
  if (projects > 1) throw new UserError(`-o ${out} names a file, but ${projects} projects are built: give a folder.`);
  const wanted = FILE_EXTENSIONS[only[0]];
  if (wanted === undefined)
    throw new UserError(`-o ${out}: the ${only[0]} output is several files (one per ink); give a folder.`);
  if (!out.toLowerCase().endsWith(wanted))
    throw new UserError(`-o ${out}: the ${only[0]} output is a ${wanted} file; name it so, or give a folder.`);
  return out;
}

/** `pamphleteer build [dir…]`: returns the exit code. */
export async function buildCommand(named: string[], opts: BuildCommandOptions): Promise<ExitCode> {
  const dirs = named.length ? named : ['.'];
  const only = parseOnly(opts.only);
  const jobs = opts.jobs === undefined ? defaultConcurrency() : Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UserError(`--jobs ${opts.jobs}: give a whole number of builds to run at once, 1 or more.`);
  if (opts.preview) await assertPreviewToolAvailable();
  // A catalogue build (--all) is incremental (unchanged titles are skipped unless --force), may be one
  // shard of a CI matrix, and ends with the catalogue site and feed (src/catalogue).
  const shard = parseShard(opts.shard);
  const catalogues = opts.all ? catalogueFolders(dirs) : [];
  const roots = selectShard(resolveProjects(dirs, { all: opts.all }), shard);
  const outFile = outputFile(opts.out, only, roots.length);
  const incremental = !opts.force && (catalogues.length > 0 || roots.length > 1 || shard !== undefined);
  const buildOptions = {
    only,
    outDir: outFile ? undefined : opts.out,
    outFile,
    html: opts.html || undefined,
    preview: opts.preview,
    incremental,
    // A catalogue build draws each title's thumbnail with it, so the site only copies them.
    thumbnail: catalogues.length > 0,
  };

  const started = performance.now();
  const interactive =
    !opts.json &&
    !opts.quiet &&
    process.stdout.isTTY === true &&
    (process.stdout.columns ?? 0) >= 40 &&
    !process.env.CI;
  const results = interactive
    ? await buildWithTaskList(roots, buildOptions, jobs, opts.browser)
    : await buildProjects(roots, {
        ...buildOptions,
        concurrency: jobs,
        browserPath: opts.browser,
        // Plain lines for CI logs and pipes: one per finished step, no cursor movement.
        reporterFor:
          opts.json || opts.quiet
            ? undefined
            : (root) => plainReporter(roots.length > 1 ? `${projectLabel(root)}: ` : ''),
      });
  const totalMs = performance.now() - started;

  const failures = results
    .filter((r) => r.error !== undefined)
    .map((r) => ({ root: r.root, ...describeError(r.error, !!opts.debug) }));
  if (opts.json) {
    process.stdout.write(JSON.stringify(jsonSummary(results, failures, totalMs), null, 2) + '\n');
  }
  // Warnings go to stderr, like errors, so stdout stays the summary (or the JSON) alone.
  for (const r of results) for (const w of r.summary?.warnings ?? []) process.stderr.write(`${w.text}\n`);
  for (const f of failures) process.stderr.write(`${roots.length > 1 ? `${projectLabel(f.root)}:\n` : ''}${f.text}\n`);
  if (!opts.json && !opts.quiet) {
    const summaries = results.flatMap((r) => (r.summary ? [r.summary] : []));
    process.stdout.write(summaries.map(formatSummary).join('\n'));
    if (roots.length > 1) process.stdout.write(`\n${buildCount(summaries, roots.length)} in ${formatMs(totalMs)}.\n`);
  }
  if (catalogues.length && !shard) {
    const { siteFolder, writeSiteAfterBuild } = await import('../catalogue/index.js');
    const siteDir = siteFolder(catalogues, opts.site);
    const site = await writeSiteAfterBuild(
      results.flatMap((r) => (r.summary ? [r.summary] : [])),
      siteDir,
    );
    if (site && !opts.json && !opts.quiet) process.stdout.write(catalogueLine(site.titles, siteDir));
  }
  return worstExitCode(failures.map((f) => f.exitCode));
}

/** "2 of 3 pamphlets built, 1 up to date": an unchanged title is not counted as built. */
function buildCount(summaries: BuildSummary[], projects: number): string {
  const current = summaries.filter((s) => s.upToDate).length;
  const built = summaries.length - current;
  if (built === 0 && current === projects) return `${plural(projects, 'pamphlet')} up to date, nothing built`;
  return `${built} of ${plural(projects, 'pamphlet')} built${current ? `, ${current} up to date` : ''}`;
}

type Step = {
  resolve(detail: string | undefined): void;
  reject(err: unknown): void;
  promise: Promise<string | undefined>;
};

/** The live task list on a terminal: one group per project, one line per step, a page counter while laying out. */
async function buildWithTaskList(
  roots: string[],
  buildOptions: Parameters<typeof buildProject>[1],
  jobs: number,
  browserPath: string | undefined,
): Promise<ProjectResult[]> {
  // Loaded only here, on a terminal: CI logs, pipes and --quiet never pay for it.
  const { Listr } = await import('listr2');
  const browser = new SharedBrowser(browserPath);
  const results: ProjectResult[] = roots.map((root) => ({ root }));
  const list = new Listr(
    roots.map((root, i) => ({
      title: projectLabel(root),
      task: (_ctx: unknown, projectTask: TaskWrapper) => {
        // Each step's line waits for the build to report that step, so the list follows the real build.
        const steps = new Map<StepName, Step>();
        for (const step of STEPS) {
          let resolve!: Step['resolve'];
          let reject!: Step['reject'];
          const promise = new Promise<string | undefined>((res, rej) => {
            resolve = res;
            reject = rej;
          });
          promise.catch(() => {});
          steps.set(step, { resolve, reject, promise });
        }
        const titles = new Map<StepName, (title: string) => void>();
        const reporter: BuildReporter = {
          stepFinished: (step, { ms, detail }) =>
            steps.get(step)?.resolve(`${STEP_TITLES[step]}: ${detail ?? 'done'} (${formatMs(ms)})`),
          stepSkipped: (step) => steps.get(step)?.resolve(undefined),
          pdfProgress: (pages) => titles.get('pdf')?.(`${STEP_TITLES.pdf}: ${pages} pages so far`),
        };
        const build = buildProject(root, { ...buildOptions, browser, reporter }).then(
          (summary) => {
            results[i].summary = summary;
            projectTask.title = `${projectLabel(root)}: ${summary.title}`;
          },
          (error) => {
            results[i].error = error;
            const short =
              error instanceof DiagnosticError
                ? 'manuscript errors (listed below)'
                : describeError(error, false).text.split('\n')[0];
            for (const s of steps.values()) s.reject(new Error(short));
          },
        );
        return projectTask.newListr(
          STEPS.map((step) => ({
            title: STEP_TITLES[step],
            task: async (_c: unknown, stepTask: TaskWrapper) => {
              titles.set(step, (t) => (stepTask.title = t));
              const finished = await steps.get(step)!.promise;
              if (finished === undefined) stepTask.skip();
              else stepTask.title = finished;
              if (step === 'write') await build;
            },
          })),
          { concurrent: false, exitOnError: true, rendererOptions: { collapseSubtasks: false } },
        );
      },
    })),
    {
      concurrent: jobs,
      exitOnError: false,
      renderer: 'default',
      rendererOptions: { collapseSubtasks: roots.length > 3, collapseSkips: true, showErrorMessage: true },
    },
  );
  try {
    await list.run();
  } catch {
    // Failures are in `results` and reported after the list.
  } finally {
    await browser.close();
  }
  return results;
}

function plainReporter(prefix: string): BuildReporter {
  return {
    stepFinished: (step, { ms, detail }) =>
      process.stdout.write(`${prefix}${STEP_TITLES[step]}: ${detail ?? 'done'} (${formatMs(ms)})\n`),
  };
}

const KIND_LABELS: Record<string, string> = {
  pdf: 'PDF',
  epub: 'EPUB',
  zine: 'zine',
  cover: 'cover',
  press: 'press',
  riso: 'riso',
  html: 'HTML',
  preview: 'preview',
};

/** The closing summary: every output with its path, size, pages or sheets, and the time of each step. */
function formatSummary(s: BuildSummary): string {
  const lines = [`${s.title} → ${shownPath(s.outDir)}/${s.upToDate ? ' (up to date, not built again)' : ''}`];
  const files = s.outputs.filter((o) => o.kind !== 'preview');
  const previews = s.outputs.filter((o) => o.kind === 'preview');
  const width = Math.max(...files.map((o) => shownPath(o.path).length), 10);
  for (const o of files) {
    const what =
      o.pages !== undefined
        ? plural(o.pages, 'page')
        : o.sheets !== undefined
          ? plural(o.sheets, 'sheet')
          : o.chapters !== undefined
            ? plural(o.chapters, 'chapter')
            : '';
    lines.push(
      `  ${padEnd(KIND_LABELS[o.kind], 8)}${padEnd(shownPath(o.path), width)}` +
        `  ${formatBytes(o.bytes).padStart(8)}  ${what}`,
    );
  }
  if (previews.length) {
    const bytes = previews.reduce((n, o) => n + o.bytes, 0);
    const previewFolder = shownPath(previews[0].path).replace(/[^/\\]+$/, '');
    lines.push(
      `  ${padEnd('preview', 8)}${padEnd(previewFolder, width)}` +
        `  ${formatBytes(bytes).padStart(8)}  ${plural(previews.length, 'image')}`,
    );
  }
  const times = Object.entries(s.steps).map(([step, ms]) => `${step} ${formatMs(ms!)}`);
  lines.push(`  ${padEnd('time', 8)}${[...times, `total ${formatMs(s.totalMs)}`].join(' · ')}`);
  return lines.join('\n') + '\n';
}

function jsonSummary(
  results: ProjectResult[],
  failures: { root: string; text: string; exitCode: ExitCode }[],
  totalMs: number,
) {
  return {
    ok: failures.length === 0,
    totalMs: Math.round(totalMs),
    projects: results.map((r) => {
      const failure = failures.find((f) => f.root === r.root);
      if (!r.summary) {
        return {
          root: r.root,
          ok: false,
          error: { message: failure?.text ?? 'failed', exitCode: failure?.exitCode ?? 3 },
        };
      }
      const s = r.summary;
      return {
        root: s.root,
        ok: true,
        slug: s.slug,
        title: s.title,
        outDir: s.outDir,
        book: s.book,
        outputs: s.outputs,
        warnings: s.warnings,
        steps: Object.fromEntries(Object.entries(s.steps).map(([k, v]) => [k, Math.round(v!)])),
        totalMs: Math.round(s.totalMs),
      };
    }),
  };
}
