import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { imposeToFiles } from '../../src/cli/impose-command.js';
import type { ImposeCommandOptions } from '../../src/cli/impose-command.js';
import { ImposeError, LAYOUT_NAMES } from '../../src/impose/index.js';
import type { LayoutName } from '../../src/impose/index.js';
import { UserError } from '../../src/util/user-error.js';
import { pamphleteer } from '../cli/helpers.js';
import { makeNumberedPdf } from './fixtures.js';
import { tool } from './readback.js';

let good: Uint8Array;
beforeAll(async () => {
  good = await makeNumberedPdf(8);
});

async function zeroSizePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([396, 612]);
  const page = doc.addPage([396, 612]);
  page.node.set(PDFName.of('MediaBox'), doc.context.obj([0, 0, 0, 0]));
  return doc.save();
}

function encrypted(input: Uint8Array, userPassword: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'impose-enc-'));
  writeFileSync(join(dir, 'in.pdf'), input);
  execFileSync(tool('qpdf'), [
    '--encrypt',
    userPassword,
    'owner',
    '256',
    '--',
    join(dir, 'in.pdf'),
    join(dir, 'out.pdf'),
  ]);
  return readFileSync(join(dir, 'out.pdf'));
}

const badInputs: { name: string; bytes: () => Promise<Uint8Array> | Uint8Array; message: RegExp; code: string }[] = [
  {
    name: 'not a PDF',
    bytes: () => Buffer.from('# A Markdown file\n\nNot a PDF at all.\n'),
    message: /^not a PDF/,
    code: 'not-pdf',
  },
  { name: 'an empty file', bytes: () => new Uint8Array(), message: /^not a PDF: the file is empty$/, code: 'not-pdf' },
  {
    name: 'a truncated PDF',
    bytes: () => good.subarray(0, Math.floor(good.length / 2)),
    message: /^broken PDF: .*truncated/,
    code: 'broken-pdf',
  },
  {
    name: 'a PDF header then garbage',
    bytes: () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41)]),
    message: /^broken PDF/,
    code: 'broken-pdf',
  },
  {
    name: 'an encrypted PDF (user password)',
    bytes: () => encrypted(good, 'secret'),
    message: /^encrypted PDF: decrypt it first/,
    code: 'encrypted-pdf',
  },
  {
    name: 'an encrypted PDF (empty user password)',
    bytes: () => encrypted(good, ''),
    message: /^encrypted PDF/,
    code: 'encrypted-pdf',
  },
  {
    name: 'a PDF with no pages',
    bytes: async () => (await PDFDocument.create()).save({ addDefaultPage: false }),
    message: /^empty PDF: it has no pages$/,
    code: 'empty-pdf',
  },
  {
    name: 'a zero-size page',
    bytes: zeroSizePagePdf,
    message: /^page 2 has zero size \(MediaBox \[0 0 0 0\]\)$/,
    code: 'zero-size-page',
  },
];

/** What `pamphleteer impose <inPath> <outPath> …` runs, with the flags as commander hands them over. */
function imposeFile(inPath: string, outPath: string, options: Omit<ImposeCommandOptions, 'out'> = {}) {
  return imposeToFiles(inPath, { ...options, out: outPath });
}

describe('bad input: one-line ImposeError and no output file left', () => {
  it.each(badInputs)('$name', async ({ bytes, message, code }) => {
    const dir = mkdtempSync(join(tmpdir(), 'impose-bad-'));
    const inPath = join(dir, 'in.pdf');
    const outPath = join(dir, 'out.pdf');
    writeFileSync(inPath, await bytes());
    const error = await imposeFile(inPath, outPath, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImposeError);
    expect((error as ImposeError).code).toBe(code);
    expect((error as ImposeError).message).toMatch(message);
    expect((error as ImposeError).message).not.toMatch(/\n/);
    expect(existsSync(outPath)).toBe(false);
    expect(readdirSync(dir)).toEqual(['in.pdf']);
  });

  it('a missing input file is a one-line UserError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impose-bad-'));
    const error = await imposeFile(join(dir, 'nope.pdf'), join(dir, 'out.pdf')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^\S*nope\.pdf: no such file\.$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an existing output is left untouched when imposing fails, replaced whole when it succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impose-bad-'));
    const outPath = join(dir, 'out.pdf');
    writeFileSync(outPath, 'previous');
    writeFileSync(join(dir, 'broken.pdf'), 'not a pdf');
    await expect(imposeFile(join(dir, 'broken.pdf'), outPath)).rejects.toBeInstanceOf(ImposeError);
    expect(readFileSync(outPath, 'utf8')).toBe('previous');
    writeFileSync(join(dir, 'good.pdf'), good);
    await imposeFile(join(dir, 'good.pdf'), outPath);
    expect(readFileSync(outPath).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readdirSync(dir).sort()).toEqual(['broken.pdf', 'good.pdf', 'out.pdf']);
  });

  it('a 9-page minizine fails with a hint to use booklet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impose-bad-'));
    writeFileSync(join(dir, 'in.pdf'), await makeNumberedPdf(9));
    await expect(imposeFile(join(dir, 'in.pdf'), join(dir, 'out.pdf'), { layout: 'minizine' })).rejects.toThrow(
      /--layout booklet/,
    );
    expect(readdirSync(dir)).toEqual(['in.pdf']);
  });
});

describe('options: each checked once, before the PDF is parsed', () => {
  it('takes the flags as the command line gives them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impose-options-'));
    writeFileSync(join(dir, 'in.pdf'), await makeNumberedPdf(20));
    const { result } = await imposeFile(join(dir, 'in.pdf'), join(dir, 'out.pdf'), {
      layout: 'quarter',
      sheet: 'A4',
      flip: 'long',
      signature: '16',
      creep: '0.1mm',
      cover: true,
      marks: true,
      rtl: false,
      gutter: true,
    });
    expect(result.plan).toMatchObject({ layout: 'quarter', flip: 'long', signature: 16, cover: true, rtl: false });
    expect(result.sheetName).toBe('a4');
    expect(result.sheet.width).toBeCloseTo(595.28, 1);
    expect(readdirSync(dir).sort()).toEqual(['in.pdf', 'out.pdf']);
  });

  it.each([
    [{ layout: 'zine' as LayoutName }, /unknown layout "zine": expected one of booklet, minizine, quarter/],
    [{ flip: 'sideways' as 'short' }, /unknown flip "sideways": expected short or long/],
    [{ sheet: 'b5' }, /invalid sheet "b5": expected one of letter, legal, tabloid, a4, a3 or <width>x<height><unit>/],
    [{ sheet: '8.5x11' }, /invalid sheet/],
    [{ sheet: '0x11in' }, /invalid sheet/],
    [{ signature: '10' }, /multiple of 4/],
    [{ signature: 'x' }, /invalid signature "x": expected a multiple of 4 pages/],
    [{ creep: '0.1' }, /invalid creep "0.1": expected a number with a unit \(mm, cm, in, pt\)/],
  ])('rejects %o', async (options, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'impose-options-'));
    writeFileSync(join(dir, 'in.pdf'), good);
    const error = await imposeFile(join(dir, 'in.pdf'), join(dir, 'out.pdf'), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImposeError);
    expect((error as ImposeError).code).toBe('bad-option');
    expect((error as ImposeError).message).toMatch(message);
    expect(readdirSync(dir)).toEqual(['in.pdf']);
  });

  it('reports a bad flag before a bad PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impose-options-'));
    writeFileSync(join(dir, 'in.pdf'), 'not a pdf');
    await expect(imposeFile(join(dir, 'in.pdf'), join(dir, 'out.pdf'), { sheet: 'b5' })).rejects.toThrow(
      /^invalid sheet "b5"/,
    );
    await expect(imposeFile(join(dir, 'in.pdf'), join(dir, 'out.pdf'), { creep: '1' })).rejects.toThrow(
      /^invalid creep "1"/,
    );
  });

  it('the command offers the layouts and flips as choices, and names them when one is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impose-options-'));
    writeFileSync(join(dir, 'in.pdf'), good);
    const layout = await pamphleteer(['impose', 'in.pdf', 'out.pdf', '--layout', 'zine'], { cwd: dir });
    expect(layout.code).toBe(1);
    expect(layout.stderr).toMatch(
      new RegExp(`argument 'zine' is invalid\\. Allowed choices are ${LAYOUT_NAMES.join(', ')}\\.`),
    );
    const flip = await pamphleteer(['impose', 'in.pdf', 'out.pdf', '--flip', 'sideways'], { cwd: dir });
    expect(flip.code).toBe(1);
    expect(flip.stderr).toMatch(/argument 'sideways' is invalid\. Allowed choices are short, long\./);
    expect(readdirSync(dir)).toEqual(['in.pdf']);
  });
});
