import fs from 'node:fs';
import { imposePdf, layoutNamed, paddingNote, sheetSidePreview } from '../impose/index.js';
import type { ImposeOptions, ImposeResult } from '../impose/index.js';
import { StagedWrite, refuseInput } from '../util/staged-write.js';
import { checkpoint } from '../util/interrupt.js';
import { UserError, fileSystemError } from '../util/user-error.js';
import { shownPath } from '../util/shown-path.js';
import { formatBytes } from './format.js';
import { ImposeError } from '../impose/impose-error.js';
import { DiagnosticError, fileError } from '../util/diagnostics.js';

/** The flags as commander hands them over (strings; layout and flip already among their choices). */
export interface ImposeCommandOptions extends ImposeOptions {
  out: string;
  preview?: boolean;
}

interface ImposedFiles {
  result: ImposeResult;
  /** The SVG pictures written beside the output, with --preview. */
  previews: string[];
}

/**
 * Imposes the PDF at `inputPath` into `opts.out` (and, with --preview, a picture of every sheet
 * side): all files replace the previous ones together, or none does, and no temporary file is
 * left. Throws a UserError or an ImposeError, each one line, for a person's mistake.
 */
export async function imposeToFiles(inputPath: string, opts: ImposeCommandOptions): Promise<ImposedFiles> {
  const { out, preview, ...options } = opts;
  if (!fs.existsSync(inputPath)) throw new UserError(`${inputPath}: no such file.`);
  // Real paths and file identity: `-o link/in.pdf` through a symlinked folder is the input too.
  refuseInput(out, [inputPath]);
  let input: Uint8Array;
  try {
    input = fs.readFileSync(inputPath);
  } catch (err) {
    throw fileSystemError(err, inputPath);
  }
  await checkpoint();
  // The options are checked (each with a one-line message naming what is allowed) before the PDF is parsed.
  const result = await imposePdf(input, options);
  // Imposing a long PDF is mostly synchronous work: a Ctrl-C meanwhile is only seen here.
  await checkpoint();
  // The PDF and its previews are written together: temp files, then renames (none on Ctrl-C).
  const previews: string[] = [];
  StagedWrite.writeAll(
    (stage) => {
      stage(out, result.bytes);
      if (!preview) return;
      // Next to the output: out-sheet-01-front.svg …
      const stem = out.replace(/\.pdf$/i, '');
      for (const side of sheetSidePreview(result.plan, { sheet: result.sheet })) {
        const file = `${stem}-${side.name}.svg`;
        stage(file, side.svg);
        previews.push(file);
      }
    },
    { inputs: [inputPath] },
  );
  return { result, previews };
}

/** `pamphleteer impose <in.pdf> -o <out.pdf> …`: a thin shell over src/impose. */
export async function imposeCommand(inputPath: string, opts: ImposeCommandOptions): Promise<void> {
  const { result, previews } = await imposeToFiles(inputPath, opts).catch((err: unknown) => {
    // A problem of the PDF itself is a message on that file, as a manuscript's are on theirs.
    if (err instanceof ImposeError && err.code !== 'bad-option')
      throw new DiagnosticError([fileError(inputPath, err.message, undefined, err.code)]);
    throw err;
  });
  // A minizine is by design eight small pages on one sheet: its pages are always printed smaller.
  if (result.pageScale < 0.995 && result.plan.layout !== 'minizine') {
    process.stderr.write(
      `warning: the pages are shrunk to ${Math.round(result.pageScale * 100)} % to ` +
        `fit ${result.plan.layout} on ${result.sheetName}; for full size, choose a larger --sheet.\n`,
    );
  }
  const shownPreviews = previews.length
    ? `\npreviews: ${shownPath(previews[0])}${previews.length > 1 ? ` … (${previews.length} sheet sides)` : ''}`
    : '';
  process.stdout.write(
    `${shownPath(opts.out)}: ${result.sheets} sheet${result.sheets === 1 ? '' : 's'} of ${result.sheetName} ` +
      `(${result.pages} pages${paddingNote(result.plan)}, ${result.plan.layout}), ${formatBytes(result.bytes.byteLength)}${shownPreviews}\n` +
      `${layoutNamed(result.plan.layout).printingHint(result.plan.flip)}\n`,
  );
}
