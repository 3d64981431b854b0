import fs from 'node:fs';
import { imposePdf, parseImposeArgs, printingHint, sheetSidePreview } from '../impose/index.js';
import { StagedWrite, refuseInput } from '../build/staged-write.js';
import { checkpoint } from '../build/interrupt.js';
import { UserError, fileSystemError } from '../util/errors.js';
import { shownPath } from '../util/shown-path.js';
import { formatBytes } from './format.js';

export interface ImposeCommandOptions {
  out: string;
  layout: 'booklet' | 'minizine' | 'quarter';
  sheet?: string;
  flip: 'short' | 'long';
  signature?: string;
  cover?: boolean;
  creep?: string;
  marks?: boolean;
  rtl?: boolean;
  gutter?: boolean;
  preview?: boolean;
}

/** `pamphleteer impose <in.pdf> -o <out.pdf> …`: a thin shell over src/impose. */
export async function imposeCommand(inputPath: string, opts: ImposeCommandOptions): Promise<void> {
  if (!fs.existsSync(inputPath)) throw new UserError(`${inputPath}: no such file.`);
  // Real paths and file identity: `-o link/in.pdf` through a symlinked folder is the input too.
  refuseInput(opts.out, [inputPath]);
  // Flags are checked before reading the PDF, each with a one-line message naming what is allowed.
  const options = parseImposeArgs(opts);
  let input: Uint8Array;
  try {
    input = fs.readFileSync(inputPath);
  } catch (err) {
    throw fileSystemError(err, inputPath);
  }
  await checkpoint();
  const result = await imposePdf(input, options);
  // Imposing a long PDF is mostly synchronous work: a Ctrl-C meanwhile is only seen here.
  await checkpoint();
  // The PDF and its previews are written together: temp files, then renames (none on Ctrl-C).
  const previews: string[] = [];
  StagedWrite.writeAll((stage) => {
    stage(opts.out, result.bytes);
    if (!opts.preview) return;
    // Next to the output: out-sheet-01-front.svg …
    const stem = opts.out.replace(/\.pdf$/i, '');
    for (const side of sheetSidePreview(result.plan, { sheet: result.sheet })) {
      const file = `${stem}-${side.name}.svg`;
      stage(file, side.svg);
      previews.push(file);
    }
  }, { inputs: [inputPath] });
  if (result.pageScale < 0.995) {
    process.stderr.write(
      `warning: the pages are shrunk to ${Math.round(result.pageScale * 100)} % to fit ${result.plan.layout} on ${result.sheetName}; for full size, choose a larger --sheet.\n`,
    );
  }
  const shownPreviews = previews.length ? `\npreviews: ${shownPath(previews[0])}${previews.length > 1 ? ` … (${previews.length} sheet sides)` : ''}` : '';
  process.stdout.write(
    `${shownPath(opts.out)}: ${result.sheets} sheet${result.sheets === 1 ? '' : 's'} of ${result.sheetName} (${result.pages} pages, ${result.plan.layout}), ${formatBytes(result.bytes.byteLength)}${shownPreviews}\n${printingHint(result.plan.layout, result.plan.flip)}\n`,
  );
}
