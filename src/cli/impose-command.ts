import fs from 'node:fs';
import path from 'node:path';
import { imposeFile, parseImposeArgs, printingHint, sheetSidePreview } from '../impose/index.js';
import { StagedWrite } from '../build/staged-write.js';
import { UserError } from '../util/errors.js';
import { formatBytes, shownPath } from './format.js';

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
export async function imposeCommand(input: string, opts: ImposeCommandOptions): Promise<void> {
  if (!fs.existsSync(input)) throw new UserError(`${input}: no such file.`);
  if (path.resolve(input) === path.resolve(opts.out)) throw new UserError(`-o ${opts.out}: choose another file than the input, which would be lost.`);
  // Flags are checked before reading the PDF, each with a one-line message naming what is allowed.
  const options = parseImposeArgs(opts);
  const result = await imposeFile(input, opts.out, options);
  const previews: string[] = [];
  if (opts.preview) {
    // Next to the output: out-sheet-01-front.svg …, written together (temp files, then renames).
    const staged = new StagedWrite();
    const stem = opts.out.replace(/\.pdf$/i, '');
    try {
      for (const side of sheetSidePreview(result.plan, { sheet: result.sheet })) {
        const file = `${stem}-${side.name}.svg`;
        staged.stage(file, side.svg);
        previews.push(file);
      }
      staged.commit();
    } catch (err) {
      staged.discard();
      throw err;
    }
  }
  const shownPreviews = previews.length ? `\npreviews: ${shownPath(previews[0])}${previews.length > 1 ? ` … (${previews.length} sheet sides)` : ''}` : '';
  process.stdout.write(
    `${shownPath(opts.out)}: ${result.sheets} sheet${result.sheets === 1 ? '' : 's'} of ${result.sheetName} (${result.pages} pages, ${result.plan.layout}), ${formatBytes(fs.statSync(opts.out).size)}${shownPreviews}\n${printingHint(result.plan.layout, result.plan.flip)}\n`,
  );
}
