import { describe, expect, it } from 'vitest';
import {
  CSS_UNITS,
  HALF_OF_PAPER,
  PAGE_SIZE_NAMES,
  PAPER_SIZES,
  SHEET_NAMES,
  SIZE_PATTERN,
  cssLengthToPt,
  landscape,
  lengthPattern,
  lengthToPt,
  namedSizeLengths,
  namedSizePattern,
  namedSizeToPt,
  paperSizePt,
  portrait,
  sizeLengths,
} from '../../src/util/lengths.js';

const MM = 72 / 25.4;

describe('lengths', () => {
  it('converts each unit to points', () => {
    expect(lengthToPt('1in')).toBe(72);
    expect(lengthToPt('72pt')).toBe(72);
    expect(lengthToPt('25.4mm')).toBeCloseTo(72, 10);
    expect(lengthToPt('2.54cm')).toBeCloseTo(72, 10);
    expect(lengthToPt('96px', CSS_UNITS)).toBe(72);
  });

  it('reads what a person types: a leading or trailing dot, spaces, capitals', () => {
    expect(lengthToPt('.5in')).toBe(36);
    expect(lengthToPt('5.in')).toBe(360);
    expect(lengthToPt(' 2 MM ')).toBeCloseTo(2 * MM);
    expect(lengthToPt('0')).toBeUndefined(); // a unit is required
    expect(lengthToPt('1 inch')).toBeUndefined();
    expect(lengthToPt('-1mm')).toBeUndefined();
    expect(lengthToPt('16px')).toBeUndefined(); // px is not a length on paper
  });

  it('a CSS length of the print edition allows px and throws on anything else', () => {
    expect(cssLengthToPt('5.5in')).toBe(396);
    expect(cssLengthToPt('16px')).toBe(12);
    expect(() => cssLengthToPt('wide')).toThrow(/not a length: wide/);
  });

  it('the config forms are stricter: plain decimals, no spaces, the units allowed there', () => {
    const css = lengthPattern(CSS_UNITS);
    const paper = lengthPattern();
    for (const ok of ['12mm', '0.5in', '10.5pt', '16px']) expect(css.test(ok), ok).toBe(true);
    for (const bad of ['.5in', '12 mm', '12MM', '12', 'px']) expect(css.test(bad), bad).toBe(false);
    expect(paper.test('0.1mm')).toBe(true);
    expect(paper.test('1px')).toBe(false);
    // The published JSON Schema carries these patterns as they are.
    expect(css.source).toBe(String.raw`^\d+(\.\d+)?(mm|cm|in|pt|px)$`);
    expect(SIZE_PATTERN.source).toBe(String.raw`^\d+(\.\d+)?x\d+(\.\d+)?(mm|cm|in|pt)$`);
  });
});

describe('paper sizes', () => {
  it('knows the usual papers, portrait, in points', () => {
    expect(paperSizePt('letter')).toEqual({ width: 612, height: 792 });
    expect(paperSizePt('half-letter')).toEqual({ width: 396, height: 612 });
    expect(paperSizePt('legal')).toEqual({ width: 612, height: 1008 });
    expect(paperSizePt('tabloid')).toEqual({ width: 792, height: 1224 });
    expect(paperSizePt('a4').width).toBeCloseTo(595.28, 2);
    expect(paperSizePt('a4').height).toBeCloseTo(841.89, 2);
    for (const name of Object.keys(PAPER_SIZES) as (keyof typeof PAPER_SIZES)[]) {
      const { width, height } = paperSizePt(name);
      expect(width, name).toBeLessThanOrEqual(height);
    }
  });

  it('half of each paper is the page size printed on it', () => {
    for (const [paper, page] of Object.entries(HALF_OF_PAPER)) {
      const sheet = landscape(paperSizePt(paper as keyof typeof HALF_OF_PAPER));
      const half = paperSizePt(page);
      // ISO sizes round down to whole millimetres: A5 is 148 mm, half of A4's 297 mm.
      expect(Math.abs(2 * half.width - sheet.width), paper).toBeLessThanOrEqual(MM + 1e-9);
      expect(Math.abs(half.height - sheet.height), paper).toBeLessThanOrEqual(MM + 1e-9);
    }
  });

  it('a name among those offered, or a custom size, as lengths and as points', () => {
    expect(namedSizeLengths('a5', PAGE_SIZE_NAMES)).toEqual({ width: '148mm', height: '210mm' });
    expect(namedSizeLengths('140x216mm', PAGE_SIZE_NAMES)).toEqual({ width: '140mm', height: '216mm' });
    expect(namedSizeLengths('tabloid', PAGE_SIZE_NAMES)).toBeUndefined(); // a sheet, not a page size
    expect(namedSizeToPt('Tabloid', SHEET_NAMES)).toEqual({ width: 792, height: 1224 });
    expect(namedSizeToPt('11 x 17 in', SHEET_NAMES)).toEqual({ width: 792, height: 1224 });
    expect(namedSizeToPt('half-letter', SHEET_NAMES)).toBeUndefined();
    expect(namedSizeToPt('0x11in', SHEET_NAMES)).toEqual({ width: 0, height: 792 }); // callers set their own minimum
    expect(sizeLengths('8.5x11')).toBeUndefined();
  });

  it('the config pattern for a sheet takes the sheet names in any case, or a custom size', () => {
    const sheet = namedSizePattern(SHEET_NAMES);
    for (const ok of ['letter', 'A4', 'Tabloid', '100x70mm']) expect(sheet.test(ok), ok).toBe(true);
    for (const bad of ['b5', 'half-letter', '8.5x11', '11 x 17in']) expect(sheet.test(bad), bad).toBe(false);
  });

  it('turns a size either way', () => {
    expect(landscape({ width: 612, height: 792 })).toEqual({ width: 792, height: 612 });
    expect(landscape({ width: 792, height: 612 })).toEqual({ width: 792, height: 612 });
    expect(portrait({ width: 792, height: 612 })).toEqual({ width: 612, height: 792 });
  });
});
