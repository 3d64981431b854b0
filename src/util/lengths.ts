/**
 * Lengths, units and paper sizes: the one place that knows what a length looks like ("5.5in",
 * "148mm"), how many PDF points it is, and how big A4, letter or half-letter paper is. Used by the
 * config schema (the forms a config may write), the print edition (CSS `@page` sizes) and the
 * imposition (sheets in points). Pure: no I/O, no messages; callers word their own errors.
 */

/** Units of a length on paper. */
export const PAPER_UNITS = ['mm', 'cm', 'in', 'pt'] as const;

/** A CSS length of the print edition may also be in px, which means nothing on paper. */
export const CSS_UNITS = [...PAPER_UNITS, 'px'] as const;
export type CssUnit = (typeof CSS_UNITS)[number];

/** PDF points (1/72 in) per unit; a CSS px is 1/96 in. */
export const POINTS_PER_UNIT: Record<CssUnit, number> = { mm: 72 / 25.4, cm: 72 / 2.54, in: 72, pt: 1, px: 0.75 };

/** A width and a height, in points unless said otherwise. */
export interface Size {
  width: number;
  height: number;
}

// The forms a config file may write: plain decimals, no spaces. Kept as source text so the
// published JSON Schema carries the same patterns.
const DECIMAL = String.raw`\d+(\.\d+)?`;
const SIZE_SOURCE = `${DECIMAL}x${DECIMAL}(${PAPER_UNITS.join('|')})`;

/** A length as a config writes it: "12mm", "0.5in", "10.5pt" (and "16px" when `units` allow px). */
export function lengthPattern(units: readonly CssUnit[] = PAPER_UNITS): RegExp {
  return new RegExp(`^${DECIMAL}(${units.join('|')})$`);
}

/** A custom paper size as a config writes it: "140x216mm". */
export const SIZE_PATTERN = new RegExp(`^${SIZE_SOURCE}$`);

/** One of `names`, or a custom size ("11x17in"), in any letter case. */
export function namedSizePattern(names: readonly string[]): RegExp {
  return new RegExp(`^(${names.join('|')}|${SIZE_SOURCE})$`, 'i');
}

// What a person may type on the command line: also ".5in", "2 MM", "11 x 17 in".
const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)`;

/**
 * A length ("0.1mm", ".5in", " 2 MM ") in points; undefined when it is not a number followed by
 * one of `units`. A unit is required: a bare number is ambiguous on paper.
 */
export function lengthToPt(text: string, units: readonly CssUnit[] = PAPER_UNITS): number | undefined {
  const match = new RegExp(`^${NUMBER}\\s*(${units.join('|')})$`).exec(text.trim().toLowerCase());
  return match ? Number(match[1]) * POINTS_PER_UNIT[match[2] as CssUnit] : undefined;
}

/**
 * A CSS length of the print edition ("5.5in", "12mm", "16px") in points; throws on anything else (the schema has
 * checked it).
 */
export function cssLengthToPt(text: string): number {
  const pt = lengthToPt(text, CSS_UNITS);
  if (pt === undefined) throw new Error(`not a length: ${text}`);
  return pt;
}

/** A custom size "<width>x<height><unit>" ("140x216mm", "11 x 17 in") as two lengths; undefined when it is not one. */
export function sizeLengths(text: string): { width: string; height: string } | undefined {
  const match = new RegExp(`^${NUMBER}\\s*x\\s*${NUMBER}\\s*(${PAPER_UNITS.join('|')})$`).exec(
    text.trim().toLowerCase(),
  );
  return match ? { width: `${match[1]}${match[3]}`, height: `${match[2]}${match[3]}` } : undefined;
}

/** Named paper sizes, portrait, as the lengths they are defined in. */
export const PAPER_SIZES = {
  'half-letter': { width: '5.5in', height: '8.5in' },
  'quarter-letter': { width: '4.25in', height: '5.5in' },
  digest: { width: '5.5in', height: '8.25in' },
  letter: { width: '8.5in', height: '11in' },
  legal: { width: '8.5in', height: '14in' },
  tabloid: { width: '11in', height: '17in' },
  a6: { width: '105mm', height: '148mm' },
  a5: { width: '148mm', height: '210mm' },
  a4: { width: '210mm', height: '297mm' },
  a3: { width: '297mm', height: '420mm' },
} as const satisfies Record<string, { width: string; height: string }>;
export type PaperSizeName = keyof typeof PAPER_SIZES;

/** Page sizes of the print edition, in the order the docs and messages list them. */
export const PAGE_SIZE_NAMES = [
  'half-letter',
  'a5',
  'a6',
  'quarter-letter',
  'digest',
  'letter',
  'a4',
] as const satisfies readonly PaperSizeName[];
export type PageSizeName = (typeof PAGE_SIZE_NAMES)[number];

/** Sheets a zine is imposed on: what home and office printers take. */
export const SHEET_NAMES = ['letter', 'legal', 'tabloid', 'a4', 'a3'] as const satisfies readonly PaperSizeName[];
export type SheetName = (typeof SHEET_NAMES)[number];

/** The paper one prints on, and the page size that is half of it (a booklet's page). */
export const HALF_OF_PAPER = { letter: 'half-letter', a4: 'a5' } as const satisfies Record<string, PageSizeName>;
export type PaperName = keyof typeof HALF_OF_PAPER;
export const PAPER_NAMES = Object.keys(HALF_OF_PAPER) as [PaperName, ...PaperName[]];

/** The lengths of a named size among `names`, or of a custom "<w>x<h><unit>"; undefined for anything else. */
export function namedSizeLengths(
  text: string,
  names: readonly PaperSizeName[],
): { width: string; height: string } | undefined {
  const name = text.trim().toLowerCase();
  if ((names as readonly string[]).includes(name)) return { ...PAPER_SIZES[name as PaperSizeName] };
  return sizeLengths(text);
}

/** A named size among `names`, or a custom "<w>x<h><unit>", in points; undefined for anything else. */
export function namedSizeToPt(text: string, names: readonly PaperSizeName[]): Size | undefined {
  const lengths = namedSizeLengths(text, names);
  return lengths && { width: lengthToPt(lengths.width)!, height: lengthToPt(lengths.height)! };
}

/** A named paper size in points, portrait. */
export function paperSizePt(name: PaperSizeName): Size {
  return namedSizeToPt(name, [name])!;
}

export function landscape(size: Size): Size {
  return size.width >= size.height ? size : { width: size.height, height: size.width };
}

export function portrait(size: Size): Size {
  return size.width <= size.height ? size : { width: size.height, height: size.width };
}

/** The size turned to `orientation`. */
export function oriented(size: Size, orientation: 'landscape' | 'portrait'): Size {
  return orientation === 'landscape' ? landscape(size) : portrait(size);
}
