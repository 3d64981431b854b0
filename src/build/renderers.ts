/**
 * The one place the build touches the renderers. TEMPORARY: the renderers are being written in
 * parallel; until each module lands it is loaded by a computed specifier so this compiles.
 * Replace with static imports when src/render/{epub,print} and src/impose have an index.ts.
 */
import type { Book } from '../book/types.js';
import type { PageStart } from '../book/blocks.js';
import type { Config } from '../config/schema.js';
import { UserError } from '../util/errors.js';
import { renderEpub } from '../render/epub/index.js';
import { imposePdf, type ImpositionPlan, type SheetSize } from '../impose/index.js';

import { launchBrowser, type PrintBrowser } from '../render/print/browser.js';
export type { PrintBrowser };
export interface PrintResult {
  pdf: Uint8Array;
  pages: number;
  pageStarts: PageStart[];
  html: string;
  pageSize: { widthPt: number; heightPt: number };
}
export interface Renderers {
  launchBrowser(options?: { executablePath?: string }): Promise<PrintBrowser>;
  renderPrint(
    book: Book,
    options: { browser: PrintBrowser; print: Config['print']; allowRemote?: boolean; onProgress?: (pagesLaidOut: number) => void },
  ): Promise<PrintResult>;
  printHtml(book: Book, print: Config['print']): string;
  renderEpub(book: Book, options?: { sourceDateEpoch?: number; pageStarts?: PageStart[] }): Promise<Uint8Array>;
}

export interface ImposedZine {
  pdf: Uint8Array;
  sheets: number;
  plan: ImpositionPlan;
  sheet: SheetSize;
}


async function load<T>(spec: string): Promise<T> {
  try {
    return (await import(spec)) as T;
  } catch {
    throw new UserError(`this build of pamphleteer has no ${spec.replace(/^\.\.\//, '').replace(/\/index\.js$/, '')} renderer yet.`, 2);
  }
}
const at = (p: string) => p; // keeps tsc from resolving the specifier

export async function renderers(): Promise<Renderers> {
  return {
    launchBrowser,
    renderPrint: async (b, o) => (await load<Pick<Renderers, 'renderPrint'>>(at('../render/print/index.js'))).renderPrint(b, o),
    printHtml: () => {
      throw new Error('printHtml not wired');
    },
    renderEpub,
  };
}

/** The zine: the print PDF imposed with the config's zine settings (validated by the config schema). */
export async function imposeZine(pdf: Uint8Array, zine: Config['zine']): Promise<ImposedZine> {
  const { bytes, sheets, plan, sheet } = await imposePdf(pdf, zine);
  return { pdf: bytes, sheets, plan, sheet };
}
