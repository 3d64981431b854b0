import type { OutputKind } from '../config/schema.js';

/**
 * The steps of one project's build, in the order they run (what each does, when and what it makes: BUILD_STEPS in
 * index.ts).
 */
export const STEPS = ['parse', 'pdf', 'epub', 'zine', 'cover', 'press', 'riso', 'preview', 'write'] as const;
export type StepName = (typeof STEPS)[number];

export interface BuildReporter {
  stepStarted?(step: StepName): void;
  /** `detail` is a short result ("24 pages"); `ms` the step's wall time. */
  stepFinished?(step: StepName, result: { ms: number; detail?: string }): void;
  /** The step is not part of this build (not asked for, or nothing to do). */
  stepSkipped?(step: StepName): void;
  /** Live page counter while the browser lays out the print edition. */
  pdfProgress?(pagesLaidOut: number): void;
}

export interface BuildOptions {
  /** Outputs to make; overrides the config's `outputs`. */
  only?: OutputKind[];
  /** Output folder; overrides the config's `outDir`. Relative to the current folder. */
  outDir?: string;
  /** The one output asked for (`--only epub -o book.epub`) goes to this file instead of `<outDir>/<slug>.epub`. */
  outFile?: string;
  /** Also write the print edition's HTML (`<slug>.html`). */
  html?: boolean;
  /** Also write PNG previews into `<outDir>/preview/`. */
  preview?: boolean;
  /** A browser shared by several builds; one is launched (and closed) for this build when absent. */
  browser?: import('./shared-browser.js').SharedBrowser;
  reporter?: BuildReporter;
  /** Fixed timestamp for reproducible outputs (seconds); default: the SOURCE_DATE_EPOCH variable. */
  sourceDateEpoch?: number;
  /** Skip a title whose outputs are current (its record in the output folder matches its inputs). */
  incremental?: boolean;
  /** The project already read and parsed (watch parses once for its preview and its build). */
  parsed?: ParsedProject;
  /** Also draw the catalogue thumbnail (`<slug>-thumbnail.png`, src/templates/thumbnail.ts): a catalogue build. */
  thumbnail?: boolean;
}

export interface ParsedProject {
  config: import('../config/schema.js').Config;
  book: import('../book/book-types.js').Book;
  warnings: import('vfile-message').VFileMessage[];
}

export interface OutputSummary {
  kind: OutputKind | 'html' | 'preview';
  /** Absolute path. */
  path: string;
  bytes: number;
  /** Print PDF: its pages. */
  pages?: number;
  /** Zine: sheets of paper to print. */
  sheets?: number;
  /** EPUB: its chapters. */
  chapters?: number;
}

export interface WarningSummary {
  /** `file:line:col: warning: …`, ready to print. */
  text: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  rule?: string;
}

export interface BuildSummary {
  /** Absolute path of the project folder. */
  root: string;
  slug: string;
  title: string;
  /** Absolute path of the folder the outputs went to. */
  outDir: string;
  outputs: OutputSummary[];
  book: { chapters: number; notes: number; words: number };
  warnings: WarningSummary[];
  /** Wall time per step, in milliseconds. */
  steps: Partial<Record<StepName, number>>;
  totalMs: number;
  /** Nothing was built: the outputs of an earlier build are current. */
  upToDate?: boolean;
}

/** "1 note", "14 notes". */
export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}

/** Every word of the book, the notes' included: "1,204 words, 180 of them in notes". */
export function wordCount(stats: { words: number; noteWords: number }): string {
  const total = plural(stats.words + stats.noteWords, 'word');
  return stats.noteWords ? `${total}, ${stats.noteWords.toLocaleString('en')} of them in notes` : total;
}
