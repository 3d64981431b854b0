/**
 * End to end: impose generated PDFs whose pages show their own numbers, then
 * read the output back with pdftotext / mutool and check where every number
 * landed and which way it reads.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imposeToFiles } from '../../src/cli/impose-command.js';
import { LAYOUT_NAMES, imposePdf, planImposition } from '../../src/impose/index.js';
import type { Flip, ImposeOptions, LayoutName } from '../../src/impose/index.js';
import { HALF_LETTER, makeNumberedPdf } from './fixtures.js';
import { fontNames, linesByPage, tool, wordsByPage } from './readback.js';
import type { TextPage } from './readback.js';

const dir = mkdtempSync(join(tmpdir(), 'impose-e2e-'));
const MM = 72 / 25.4;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  // Fail, never skip, when the read-back tools are missing.
  for (const name of ['pdftotext', 'mutool', 'pdffonts'] as const) tool(name);
});

async function imposeToFile(input: Uint8Array, options: ImposeOptions, stem: string) {
  const inPath = join(dir, `${stem}-in.pdf`);
  const outPath = join(dir, `${stem}-out.pdf`);
  writeFileSync(inPath, input);
  // What `pamphleteer impose` runs: imposePdf, then the output written through StagedWrite.
  const { result } = await imposeToFiles(inPath, { ...options, out: outPath });
  return { inPath, outPath, result };
}

function findWord(page: TextPage, text: string) {
  const found = page.words.filter((w) => w.text === text);
  expect(found, `"${text}" once on the side`).toHaveLength(1);
  return found[0];
}

const cases: { layout: LayoutName; pages: number; extra: { signature?: number; cover?: boolean } }[] = [
  { layout: 'booklet', pages: 6, extra: {} },
  { layout: 'booklet', pages: 12, extra: {} },
  { layout: 'booklet', pages: 13, extra: { signature: 8, cover: true } },
  { layout: 'minizine', pages: 7, extra: {} },
  { layout: 'minizine', pages: 5, extra: { cover: true } },
  { layout: 'quarter', pages: 10, extra: {} },
  { layout: 'quarter', pages: 22, extra: { signature: 12, cover: true } },
];

describe.each(cases)('$layout with $pages pages $extra', ({ layout, pages, extra }) => {
  describe.each(['short', 'long'] as Flip[])('flip %s', (flip) => {
    it.each([false, true])('rtl %s: every number lands in its planned cell, turned as planned', async (rtl) => {
      const input = await makeNumberedPdf(pages);
      const options = { layout, flip, rtl, ...extra } satisfies ImposeOptions;
      const { outPath, result } = await imposeToFile(
        input,
        options,
        `${layout}-${pages}-${flip}-${rtl}-${Object.keys(extra).join('-')}`,
      );
      const plan = planImposition(pages, options);
      const sides = plan.sheets.flatMap((sheet) => sheet.sides);
      expect(result.sides).toBe(sides.length);

      const textPages = wordsByPage(outPath);
      const lines = linesByPage(outPath);
      expect(textPages).toHaveLength(sides.length);
      sides.forEach((side, s) => {
        const textPage = textPages[s];
        const cellWidth = textPage.width / plan.grid.cols;
        const cellHeight = textPage.height / plan.grid.rows;
        const drawn = side.cells.filter((c) => c.page !== null);
        // Blanks stay blank: exactly the planned numbers are on this side.
        expect(textPage.words.map((w) => w.text).sort()).toEqual(drawn.map((c) => `P${c.page! + 1}`).sort());
        for (const cell of drawn) {
          const label = `P${cell.page! + 1}`;
          const word = findWord(textPage, label);
          const cx = (word.xMin + word.xMax) / 2;
          const cy = (word.yMin + word.yMax) / 2;
          expect(Math.floor(cx / cellWidth), `${label} column`).toBe(cell.col);
          expect(Math.floor(cy / cellHeight), `${label} row`).toBe(cell.row);
          // Centred in its cell (the number is centred on its page).
          expect(Math.abs(cx - (cell.col + 0.5) * cellWidth)).toBeLessThan(cellWidth * 0.05);
          const line = lines[s].find((l) => l.text === label);
          expect(line, `${label} in mutool's text`).toBeDefined();
          expect(line!.dir, `${label} direction`).toEqual(cell.rotation === 180 ? [-1, 0] : [1, 0]);
        }
      });
    });
  });
});

describe('explicit layouts read back', () => {
  it('8-page booklet on letter: 8|1, 2|7, 6|3, 4|5, backs upside down with --flip long', async () => {
    const input = await makeNumberedPdf(8);
    const read = async (flip: Flip) => {
      const { outPath, result } = await imposeToFile(input, { flip }, `explicit-booklet-${flip}`);
      expect(result.sheetName).toBe('letter');
      const pages = wordsByPage(outPath);
      const lines = linesByPage(outPath);
      return pages.map((page, s) => {
        const ordered = [...page.words].sort((a, b) => a.xMin - b.xMin).map((w) => w.text.slice(1));
        const turned = lines[s].every((l) => l.dir[0] === -1);
        return ordered.join('|') + (turned ? ' turned' : '');
      });
    };
    expect(await read('short')).toEqual(['8|1', '2|7', '6|3', '4|5']);
    expect(await read('long')).toEqual(['8|1', '7|2 turned', '6|3', '5|4 turned']);
  });

  it('output sheets are the default sizes: half-letter → letter landscape, A5 → A4 landscape', async () => {
    const letter = await imposePdf(await makeNumberedPdf(4));
    expect([letter.sheetName, Math.round(letter.sheet.width), Math.round(letter.sheet.height)]).toEqual([
      'letter',
      792,
      612,
    ]);
    const a4 = await imposePdf(await makeNumberedPdf(4, { size: { width: 148 * MM, height: 210 * MM } }));
    expect([a4.sheetName, Math.round(a4.sheet.width), Math.round(a4.sheet.height)]).toEqual(['a4', 842, 595]);
    const quarter = await imposePdf(await makeNumberedPdf(4, { size: { width: 306, height: 396 } }), {
      layout: 'quarter',
    });
    expect([quarter.sheetName, Math.round(quarter.sheet.width), Math.round(quarter.sheet.height)]).toEqual([
      'letter',
      612,
      792,
    ]);
  });

  it('--sheet accepts presets and custom sizes', async () => {
    const result = await imposePdf(await makeNumberedPdf(4), { sheet: '17x11in' });
    expect([Math.round(result.sheet.width), Math.round(result.sheet.height)]).toEqual([1224, 792]);
    const a3 = await imposePdf(await makeNumberedPdf(4), { sheet: 'a3' });
    expect([Math.round(a3.sheet.width), Math.round(a3.sheet.height)]).toEqual([1191, 842]);
  });
});

describe('geometry', () => {
  it('creep moves each inner sheet toward the spine by sheets outside × thickness', async () => {
    const input = await makeNumberedPdf(16);
    const plain = wordsByPage((await imposeToFile(input, {}, 'creep-0')).outPath);
    const crept = wordsByPage((await imposeToFile(input, { creep: '1mm' }, 'creep-1')).outPath);
    const plan = planImposition(16, { layout: 'booklet' });
    plan.sheets.forEach((sheet, i) => {
      sheet.sides.forEach((side, f) => {
        const s = i * 2 + f;
        for (const cell of side.cells) {
          const label = `P${cell.page! + 1}`;
          const dx = findWord(crept[s], label).xMin - findWord(plain[s], label).xMin;
          const towardSpine = cell.spineEdge === 'right' ? 1 : -1;
          expect(dx).toBeCloseTo(towardSpine * i * MM, 1);
        }
      });
    });
  });

  it('--gutter pushes narrow pages against the spine', async () => {
    const input = await makeNumberedPdf(4, { size: { width: 300, height: 612 } });
    const { outPath } = await imposeToFile(input, { gutter: true, sheet: 'letter' }, 'gutter');
    const [front] = wordsByPage(outPath);
    // Page 4 sits left of the spine: its right edge (and its centred number) is at the spine side.
    const p4 = findWord(front, 'P4');
    const p1 = findWord(front, 'P1');
    expect((p4.xMin + p4.xMax) / 2).toBeCloseTo(396 - 150, 0);
    expect((p1.xMin + p1.xMax) / 2).toBeCloseTo(396 + 150, 0);
  });

  it('mixed page sizes each fit their own cell, centred', async () => {
    const input = await makeNumberedPdf(4, { sizeOf: (n) => (n % 2 ? HALF_LETTER : { width: 612, height: 396 }) });
    const { outPath } = await imposeToFile(input, { sheet: 'letter' }, 'mixed');
    const pages = wordsByPage(outPath);
    for (const [s, label, col] of [
      [0, 'P4', 0],
      [0, 'P1', 1],
      [1, 'P2', 0],
      [1, 'P3', 1],
    ] as const) {
      const word = findWord(pages[s], label);
      expect((word.xMin + word.xMax) / 2).toBeCloseTo(198 + col * 396, -1);
      expect((word.yMin + word.yMax) / 2).toBeGreaterThan(250);
      expect((word.yMin + word.yMax) / 2).toBeLessThan(362);
    }
    // The landscape page is shrunk to the cell's width: its number is smaller.
    const height = (s: number, label: string) => findWord(pages[s], label).yMax - findWord(pages[s], label).yMin;
    expect(height(0, 'P4')).toBeLessThan(height(0, 'P1'));
  });

  it('honours /Rotate: pages read the same way as in the input', async () => {
    const input = await makeNumberedPdf(4, { rotate: 90, size: { width: 612, height: 396 } });
    const { inPath, outPath } = await imposeToFile(input, {}, 'rotate');
    const direction = (lines: ReturnType<typeof linesByPage>, label: string) =>
      lines.flat().find((l) => l.text === label)!.dir;
    const source = linesByPage(inPath);
    const imposed = linesByPage(outPath);
    expect(direction(source, 'P1')).toEqual([0, 1]);
    // Cells are upright (flip short), so the imposed page shows its content as the viewer did.
    expect(direction(imposed, 'P1')).toEqual(direction(source, 'P1'));
    expect(direction(imposed, 'P2')).toEqual(direction(source, 'P2'));
  });

  it('a TrimBox is what fits the cell', async () => {
    const input = await makeNumberedPdf(4);
    const trimmed = await makeNumberedPdf(4, { trimInset: 18 });
    const width = async (bytes: Uint8Array, stem: string) => {
      const [front] = wordsByPage((await imposeToFile(bytes, { sheet: 'letter' }, stem)).outPath);
      const word = findWord(front, 'P1');
      return word.xMax - word.xMin;
    };
    const ratio = (await width(trimmed, 'trim')) / (await width(input, 'notrim'));
    // 396x612 trimmed by 18pt is 360x576, scaled by min(396/360, 612/576) = 1.0625.
    expect(ratio).toBeCloseTo(1.0625, 2);
  });

  it('--marks draws outside the page area and keeps every number in its cell', async () => {
    for (const layout of LAYOUT_NAMES) {
      const input = await makeNumberedPdf(layout === 'minizine' ? 8 : 8, { trimInset: 9 });
      const { outPath } = await imposeToFile(input, { layout, marks: true }, `marks-${layout}`);
      const bytes = readFileSync(outPath);
      expect(bytes.length).toBeGreaterThan(0);
      const pages = wordsByPage(outPath);
      const words = pages.flatMap((p) => p.words.map((w) => w.text));
      // Step and repeat prints every page twice.
      expect(words.length).toBe(layout === 'repeat' ? 16 : 8);
      expect([...new Set(words)].sort()).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8']);
    }
  });
});

describe('output file', () => {
  it('keeps vector text and fonts, embeds each page once, and stays within 1.2x the input size', async () => {
    const input = await makeNumberedPdf(40, { bodyLines: 30 });
    for (const layout of ['booklet', 'quarter'] as LayoutName[]) {
      const { inPath, outPath } = await imposeToFile(input, { layout }, `size-${layout}`);
      expect(statSync(outPath).size).toBeLessThanOrEqual(1.2 * statSync(inPath).size);
      expect(fontNames(outPath)).toEqual(fontNames(inPath));
      // Text is still text (nothing rasterized): every body line is readable.
      const words = wordsByPage(outPath).flatMap((p) => p.words.map((w) => w.text));
      expect(words.filter((w) => w === 'fox').length).toBe(40 * 30);
      // One form XObject per input page.
      const text = readFileSync(outPath, 'latin1');
      expect(text.match(/\/Subtype \/Form/g)?.length ?? 0).toBe(40);
    }
  });
});
