/**
 * The imposition layouts: each module carries its name, its help and its algorithm, and this list
 * is the only place they are named together. The config schema's `zine.layout`, the `--layout`
 * choices and the `LayoutName` type all come from it; a new layout is a new module added here.
 */
import { bookletScheme } from './booklet.js';
import { cutStackScheme } from './cut-stack.js';
import { minizineScheme } from './minizine.js';
import { quarterScheme } from './quarter.js';
import { repeatScheme } from './repeat.js';
import { sixteenScheme } from './sixteen.js';
import type { LayoutScheme } from './scheme.js';

export type { LayoutScheme } from './scheme.js';

/** Every layout, in the order help and messages list them (the first is the default). */
export const LAYOUTS = [
  bookletScheme,
  minizineScheme,
  quarterScheme,
  repeatScheme,
  cutStackScheme,
  sixteenScheme,
] as const;

export type LayoutName = (typeof LAYOUTS)[number]['name'];

export const LAYOUT_NAMES = LAYOUTS.map((layout) => layout.name) as [LayoutName, ...LayoutName[]];

export const DEFAULT_LAYOUT: LayoutName = LAYOUTS[0].name;

/** The layout of that name, or undefined (a name from a caller that skipped the schema). */
export function findLayout(name: string): LayoutScheme<LayoutName> | undefined {
  return LAYOUTS.find((layout) => layout.name === name);
}

/** The layout of a name already checked: by the config schema, the command's choices, or the types. */
export function layoutNamed(name: LayoutName): LayoutScheme<LayoutName> {
  return findLayout(name)!;
}
