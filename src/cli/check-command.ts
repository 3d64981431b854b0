import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadBook } from '../book/load-book.js';
import { plural } from '../project/project-types.js';
import { projectLabel } from './format.js';
import { effectiveConfig, outputPaths, resolveOutDir, resolveProjects } from '../project/index.js';
import { DiagnosticError, fileError, formatMessage } from '../util/diagnostics.js';
import { epubcheckCommand } from '../util/tools.js';
import { bookInputs, projectInputs } from '../project/title-record.js';
import { describeError, worstExitCode, type ExitCode } from './describe-error.js';
import { shownPath } from '../util/shown-path.js';
import { formatMs } from './format.js';

const run = promisify(execFile);

export interface CheckCommandOptions {
  epubcheck?: boolean;
  out?: string;
  all?: boolean;
  debug?: boolean;
}

/**
 * `pamphleteer check [dir…]`: the manuscript's and config's diagnostics, without building; then
 * EPUBCheck on the last built EPUB when the tool is installed and the EPUB exists.
 */
export async function checkCommand(dirs: string[], opts: CheckCommandOptions): Promise<ExitCode> {
  const codes: ExitCode[] = [];
  for (const root of resolveProjects(dirs, { all: opts.all })) {
    const label = projectLabel(root);
    try {
      const { config } = effectiveConfig(root);
      const { book, warnings } = loadBook(root, config);
      for (const w of warnings) process.stderr.write(formatMessage(w) + '\n');
      const warned = warnings.length ? `, ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : '';
      process.stdout.write(
        `${label}: ok: “${book.metadata.title}”, ${plural(book.chapters.length, 'chapter')}, ` +
          `${plural(book.notes.length, 'note')}, ${plural(book.stats.words, 'word')}${warned}\n`,
      );
      if (opts.epubcheck !== false) {
        const epub = outputPaths(resolveOutDir(root, config, opts.out), book.slug).epub;
        // Out of date when a file the title is made from is newer (not any file in the folder).
        const inputs = projectInputs(root, config, bookInputs(root, book)).map((f) => path.resolve(root, f));
        codes.push(await epubcheck(epub, inputs));
      }
    } catch (err) {
      const { text, exitCode } = describeError(err, !!opts.debug);
      process.stderr.write(text + '\n');
      codes.push(exitCode);
    }
  }
  return worstExitCode(codes);
}

/** EPUBCheck (the W3C's validator) is optional: skipped with a note when missing. */
async function epubcheck(epub: string, inputs: string[]): Promise<ExitCode> {
  if (!fs.existsSync(epub)) {
    process.stdout.write(`  EPUBCheck: skipped, ${shownPath(epub)} is not built yet (run pamphleteer build).\n`);
    return 0;
  }
  const started = performance.now();
  try {
    const command = epubcheckCommand();
    if (!command) throw Object.assign(new Error('epubcheck not found'), { code: 'ENOENT' });
    await run(command.file, [...command.args, '--quiet', epub], { maxBuffer: 16 * 1024 * 1024 });
    const stale =
      newestModified(inputs) > fs.statSync(epub).mtimeMs
        ? ' (built before your latest changes; run pamphleteer build to check them)'
        : '';
    process.stdout.write(
      `  EPUBCheck: ${shownPath(epub)} is valid (${formatMs(performance.now() - started)})${stale}\n`,
    );
    return 0;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') {
      process.stdout.write('  EPUBCheck: not installed, skipped (Debian/Ubuntu: apt install epubcheck).\n');
      return 0;
    }
    const report = `${e.stdout ?? ''}${e.stderr ?? ''}`.split('\n').filter((l) => /^(ERROR|FATAL|WARNING)/.test(l));
    const problems = (report.length ? report : [e.message]).map((l) =>
      fileError(epub, `EPUBCheck: ${l.trim()}`, undefined, 'epubcheck'),
    );
    throw new DiagnosticError(problems);
  }
}

/** The newest modification time among files (a missing one counts as new: it changed). */
function newestModified(files: string[]): number {
  return Math.max(0, ...files.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : Number.POSITIVE_INFINITY)));
}
