import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImposeError, imposeFile, parseImposeArgs } from '../../src/impose/index.js';
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
  execFileSync(tool('qpdf'), ['--encrypt', userPassword, 'owner', '256', '--', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
  return readFileSync(join(dir, 'out.pdf'));
}

const badInputs: { name: string; bytes: () => Promise<Uint8Array> | Uint8Array; message: RegExp; code: string }[] = [
  { name: 'not a PDF', bytes: () => Buffer.from('# A Markdown file\n\nNot a PDF at all.\n'), message: /^not a PDF/, code: 'not-pdf' },
  { name: 'an empty file', bytes: () => new Uint8Array(), message: /^not a PDF: the file is empty$/, code: 'not-pdf' },
  { name: 'a truncated PDF', bytes: () => good.subarray(0, Math.floor(good.length / 2)), message: /^broken PDF: .*truncated/, code: 'broken-pdf' },
  { name: 'a PDF header then garbage', bytes: () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41)]), message: /^broken PDF/, code: 'broken-pdf' },
  { name: 'an encrypted PDF (user password)', bytes: () => encrypted(good, 'secret'), message: /^encrypted PDF: decrypt it first/, code: 'encrypted-pdf' },
  { name: 'an encrypted PDF (empty user password)', bytes: () => encrypted(good, ''), message: /^encrypted PDF/, code: 'encrypted-pdf' },
  { name: 'a PDF with no pages', bytes: async () => (await PDFDocument.create()).save({ addDefaultPage: false }), message: /^empty PDF: it has no pages$/, code: 'empty-pdf' },
  { name: 'a zero-size page', bytes: zeroSizePagePdf, message: /^page 2 has zero size \(MediaBox \[0 0 0 0\]\)$/, code: 'zero-size-page' },
];

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

  it('a missing input file is an ImposeError too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impose-bad-'));
    await expect(imposeFile(join(dir, 'nope.pdf'), join(dir, 'out.pdf'))).rejects.toThrow(/^cannot read .*nope\.pdf: ENOENT$/);
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
    await expect(imposeFile(join(dir, 'in.pdf'), join(dir, 'out.pdf'), { layout: 'minizine' })).rejects.toThrow(/--layout booklet/);
    expect(readdirSync(dir)).toEqual(['in.pdf']);
  });
});

describe('parseImposeArgs', () => {
  it('turns CLI strings into options', () => {
    expect(parseImposeArgs({ layout: 'quarter', sheet: 'a4', flip: 'long', signature: '16', creep: '0.1mm', cover: true, marks: true, rtl: false, gutter: true })).toEqual({
      layout: 'quarter',
      sheet: 'a4',
      flip: 'long',
      signature: 16,
      creep: '0.1mm',
      cover: true,
      marks: true,
      rtl: false,
      gutter: true,
    });
  });

  it.each([
    [{ layout: 'zine' }, /unknown layout "zine": expected one of booklet, minizine, quarter/],
    [{ flip: 'sideways' }, /unknown flip "sideways": expected short or long/],
    [{ sheet: 'b5' }, /invalid sheet "b5": expected one of letter, legal, tabloid, a4, a3 or <width>x<height><unit>/],
    [{ sheet: '8.5x11' }, /invalid sheet/],
    [{ signature: '10' }, /multiple of 4/],
    [{ signature: 'x' }, /multiple of 4/],
    [{ creep: '0.1' }, /invalid creep "0.1": expected a number with a unit \(mm, cm, in, pt\)/],
  ])('rejects %o', (args, message) => {
    expect(() => parseImposeArgs(args)).toThrow(message);
    expect(() => parseImposeArgs(args)).toThrow(ImposeError);
  });
});
