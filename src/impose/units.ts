import { ImposeError } from './impose-error.js';

/** Sizes are in PDF points (1/72 in) everywhere inside the engine. */
export interface SheetSize {
  width: number;
  height: number;
}

export const LENGTH_UNITS = ['mm', 'cm', 'in', 'pt'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];

const POINTS_PER_UNIT: Record<LengthUnit, number> = {
  mm: 72 / 25.4,
  cm: 720 / 25.4,
  in: 72,
  pt: 1,
};

/** Portrait dimensions of the sheet presets, in points. */
export const SHEET_PRESETS = {
  letter: { width: 612, height: 792 },
  legal: { width: 612, height: 1008 },
  tabloid: { width: 792, height: 1224 },
  a4: { width: mm(210), height: mm(297) },
  a3: { width: mm(297), height: mm(420) },
} as const satisfies Record<string, SheetSize>;

export type SheetPreset = keyof typeof SHEET_PRESETS;
export const SHEET_PRESET_NAMES = Object.keys(SHEET_PRESETS) as SheetPreset[];

function mm(value: number): number {
  return value * POINTS_PER_UNIT.mm;
}

const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)`;
const LENGTH_PATTERN = new RegExp(`^${NUMBER}\\s*(${LENGTH_UNITS.join('|')})$`);
const SHEET_PATTERN = new RegExp(`^${NUMBER}\\s*x\\s*${NUMBER}\\s*(${LENGTH_UNITS.join('|')})$`);

/**
 * Parses a length such as `0.1mm`, `2pt`, `.5in` into points. A unit is
 * required: a bare number is ambiguous for paper thickness.
 */
export function parseLength(text: string, what = 'length'): number {
  const match = LENGTH_PATTERN.exec(text.trim().toLowerCase());
  if (!match) {
    throw new ImposeError(
      'bad-option',
      `invalid ${what} "${text}": expected a number with a unit (${LENGTH_UNITS.join(', ')}), for example 0.1mm`,
    );
  }
  return Number(match[1]) * POINTS_PER_UNIT[match[2] as LengthUnit];
}

/**
 * Parses a sheet: a preset name (letter, legal, tabloid, a4, a3) or
 * `<width>x<height><unit>` such as `8.5x11in` or `210x297mm`. The result is the
 * sheet as given; each layout turns it to the orientation it needs.
 */
export function parseSheet(text: string): SheetSize {
  const normalized = text.trim().toLowerCase();
  if (normalized in SHEET_PRESETS) return { ...SHEET_PRESETS[normalized as SheetPreset] };
  const match = SHEET_PATTERN.exec(normalized);
  if (match) {
    const perUnit = POINTS_PER_UNIT[match[3] as LengthUnit];
    const size = { width: Number(match[1]) * perUnit, height: Number(match[2]) * perUnit };
    if (size.width > 0 && size.height > 0) return size;
  }
  throw new ImposeError(
    'bad-option',
    `invalid sheet "${text}": expected one of ${SHEET_PRESET_NAMES.join(', ')} or <width>x<height><unit> with unit ${LENGTH_UNITS.join(', ')}, for example 8.5x11in`,
  );
}

export function landscape(size: SheetSize): SheetSize {
  return size.width >= size.height ? size : { width: size.height, height: size.width };
}

export function portrait(size: SheetSize): SheetSize {
  return size.width <= size.height ? size : { width: size.height, height: size.width };
}

/** Formats points for messages and previews, in the unit a person most likely uses. */
export function formatSize(size: SheetSize, unit: LengthUnit = 'in'): string {
  const round = (n: number) => Math.round((n / POINTS_PER_UNIT[unit]) * 100) / 100;
  return `${round(size.width)}x${round(size.height)}${unit}`;
}
