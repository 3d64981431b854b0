/**
 * The renderers the build runs, in one place: the print edition (Paged.js in a headless browser),
 * the EPUB, and the imposition of the print PDF into the zine.
 */
import type { Config } from '../config/schema.js';
import { imposePdf, type ImpositionPlan, type SheetSize } from '../impose/index.js';
import { renderEpub } from '../render/epub/index.js';
import { launchBrowser, printHtml, renderPrint, type PrintBrowser, type PrintResult } from '../render/print/index.js';

export type { PrintBrowser, PrintResult };
export { launchBrowser, printHtml, renderPrint, renderEpub };

export interface ImposedZine {
  pdf: Uint8Array;
  sheets: number;
  plan: ImpositionPlan;
  sheet: SheetSize;
}

/** The zine: the print PDF imposed with the config's zine settings (validated by the config schema). */
export async function imposeZine(pdf: Uint8Array, zine: Config['zine']): Promise<ImposedZine> {
  const { bytes, sheets, plan, sheet } = await imposePdf(pdf, zine);
  return { pdf: bytes, sheets, plan, sheet };
}
