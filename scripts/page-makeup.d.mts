export interface BaselineRun {
  size: number;
  y: number;
  text: string;
}
export interface BaselineLine {
  /** Baseline, in pt from the page top. */
  y: number;
  size: number;
  text: string;
  runs: BaselineRun[];
}
/** The text of mutool's XML: its entities decoded. */
export function decode(s: string): string;
export function readBaselines(pdf: string): BaselineLine[][];
export interface PageMakeupMeasures {
  pages: number;
  /** The commonest last baseline of a page of running text, in pt. */
  fullDepth: number;
  /** The running text's line pitch, in pt. */
  pitch: number;
  /** Per page (index 0 = page 1): its last baseline, where it is a page of running text. */
  depths: (number | undefined)[];
  spreads: number;
  unevenSpreads: number;
  shortPages: number;
  /** Pages (numbers) of running text that run on but do not end at the common depth. */
  pagesOffDepth: number[];
  emptyLinesAboveNotes: number;
  notes: number;
  notesOffCallPage: number;
  hyphensInsideWords: number;
}
export function measurePageMakeup(pdf: string, options?: { source?: string }): PageMakeupMeasures;
