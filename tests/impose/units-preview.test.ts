import { describe, expect, it } from 'vitest';
import {
  LAYOUTS,
  defaultSheet,
  layoutNamed,
  parseLength,
  parseSheet,
  planImposition,
  sheetSidePreview,
} from '../../src/impose/index.js';
import { pamphleteer } from '../cli/helpers.js';

const MM = 72 / 25.4;

describe('units', () => {
  it('parses lengths in mm, cm, in and pt', () => {
    expect(parseLength('0.1mm')).toBeCloseTo(0.1 * MM);
    expect(parseLength('1cm')).toBeCloseTo(10 * MM);
    expect(parseLength('.5in')).toBe(36);
    expect(parseLength('12pt')).toBe(12);
    expect(parseLength(' 2 MM ')).toBeCloseTo(2 * MM);
  });

  it('parses presets and <w>x<h><unit> sheets', () => {
    expect(parseSheet('letter')).toEqual({ width: 612, height: 792 });
    expect(parseSheet('A4').width).toBeCloseTo(595.28, 1);
    expect(parseSheet('8.5x11in')).toEqual({ width: 612, height: 792 });
    expect(parseSheet('210x297mm').height).toBeCloseTo(841.89, 1);
    expect(parseSheet('11 x 17 in')).toEqual({ width: 792, height: 1224 });
    expect(() => parseSheet('0x11in')).toThrow(/invalid sheet/);
  });

  it('default sheet is the smallest preset holding two pages side by side', () => {
    expect(defaultSheet('booklet', { width: 396, height: 612 }).name).toBe('letter');
    expect(defaultSheet('booklet', { width: 148 * MM, height: 210 * MM }).name).toBe('a4');
    expect(defaultSheet('booklet', { width: 612, height: 792 }).name).toBe('tabloid');
    expect(defaultSheet('booklet', { width: 210 * MM, height: 297 * MM }).name).toBe('a3');
    expect(defaultSheet('booklet', { width: 2000, height: 2000 }).name).toBe('letter');
    // Quarter-letter pages fill letter 2x2 at full size; half-letter ones stay on letter, scaled.
    expect(defaultSheet('quarter', { width: 306, height: 396 })).toEqual({
      name: 'letter',
      size: { width: 612, height: 792 },
    });
    expect(defaultSheet('quarter', { width: 396, height: 612 }).name).toBe('letter');
    expect(defaultSheet('minizine', { width: 396, height: 612 })).toEqual({
      name: 'letter',
      size: { width: 792, height: 612 },
    });
  });
});

describe('help and preview', () => {
  it('documents how to stack and fold each layout', () => {
    const quarter = layoutNamed('quarter').help;
    expect(quarter).toMatch(/Cut the whole stack across the middle/);
    expect(quarter).toMatch(/pile of top halves on top of the pile of bottom halves/);
    expect(layoutNamed('booklet').help).toMatch(/flip on short edge/);
    expect(layoutNamed('minizine').help).toMatch(/single-sided/);
    for (const layout of LAYOUTS) expect(layout.help.startsWith(`${layout.name}: `), layout.name).toBe(true);
  });

  it("`impose --help` prints the options and every layout's help, from the layout modules", async () => {
    const help = await pamphleteer(['impose', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--creep <length>/);
    expect(help.stdout).toMatch(
      new RegExp(
        `--layout <layout>\\s+${LAYOUTS.map((l) => l.name).join('\\s+\\|\\s+')}\\s+\\(default:\\s+"booklet"\\)`,
      ),
    );
    expect(help.stdout).toContain('How to print and fold:');
    for (const layout of LAYOUTS) expect(help.stdout).toContain(layout.help);
  });

  it('each layout says how to print what was written', () => {
    expect(layoutNamed('booklet').printingHint('long')).toBe('print double-sided, flip on long edge');
    expect(layoutNamed('quarter').printingHint('short')).toBe('print double-sided, flip on short edge');
    expect(layoutNamed('minizine').printingHint('short')).toMatch(/^print single-sided/);
  });

  it('draws every sheet side with page numbers, fold and cut lines', () => {
    const booklet = sheetSidePreview(planImposition(6, { layout: 'booklet' }));
    expect(booklet.map((p) => p.name)).toEqual(['sheet-01-front', 'sheet-01-back', 'sheet-02-front', 'sheet-02-back']);
    expect(booklet[0].svg).toMatch(/^<svg /);
    expect(booklet[0].svg).toMatch(/>blank</);
    expect(booklet[0].svg).toMatch(/>1</);
    expect(booklet[0].svg).toMatch(/stroke-dasharray/);
    const zine = sheetSidePreview(planImposition(8, { layout: 'minizine' }), { sheet: { width: 792, height: 612 } });
    expect(zine).toHaveLength(1);
    expect(zine[0].svg.match(/rotate\(180 /g)?.length).toBe(8); // four turned numbers, four underlines
    expect(zine[0].svg).toMatch(/stroke="#d00"/);
  });
});
