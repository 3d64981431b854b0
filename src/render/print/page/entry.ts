/**
 * The script that runs inside the print page, next to Paged.js: bundled at compile time by
 * scripts/bundle.mjs into one file (lib/bundle/page-script.js) that renderPrint evaluates in the page.
 * It registers one Paged.js handler per concern and exposes `window.pamphleteer` for the steps
 * renderPrint drives: layout, then finish.
 */
import { BLOCK_ATTR, PAGED } from './contract.js';
import { failSafe } from './failure-policy.js';
import { finishedPagesHandler, hideFinishedPagesStyle, showFinishedPages } from './finished-pages.js';
import { keepCjkLastLines } from './cjk-last-lines.js';
import { breakHeadingsAtClauses } from './headings.js';
import { flushBottom, flushBottomHandler } from './flush-bottom.js';
import { keepWithNextHandler } from './keep-with-next.js';
import { breakLines } from './line-breaking.js';
import { rewrappedLines } from './line-setting.js';
import { longNotesHandler } from './long-notes.js';
import { loosenessHandler } from './looseness.js';
import { padPages } from './padding.js';
import { pageMap, type PageMap } from './page-map.js';
import { repeatedNotesHandler } from './repeated-notes.js';
import { runningHeadsHandler } from './running-heads.js';
import { settleSoftHyphens } from './soft-hyphens.js';
import { HYPHEN_GLYPH } from './settings.js';
import { widowsOrphansHandler } from './widows-orphans.js';

/** How justified text is broken into lines: paragraph-wide (line-breaking.ts) or by the browser. */
export type LineBreaking = 'knuth-plass' | 'browser';

export interface LayoutOptions {
  lineBreaking: LineBreaking;
}

export interface FinishOptions {
  /** Pad the page count to a multiple of this (1: no padding). */
  padTo: number;
  lineBreaking: LineBreaking;
}

export interface PamphleteerPageApi {
  /** Breaks the text's lines, runs Paged.js over the document; resolves with the page count. */
  layout(options: LayoutOptions): Promise<number>;
  /** Pads the book, reads the page map and settles the soft hyphens left in the pages. */
  finish(options: FinishOptions): PageMap;
  /** The line breaking step alone (its spec tests run it without Paged.js's layout). */
  breakLines: typeof breakLines;
  /** Lines set by the line breaking that the laid-out pages wrapped again (should be none). */
  rewrappedLines(): string[];
}

declare global {
  interface Window {
    pamphleteer?: PamphleteerPageApi;
  }
}

function install(): PamphleteerPageApi {
  const Paged = window.Paged;
  // Order matters where two handlers use one hook: Paged.js calls them in registration order.
  Paged.registerHandlers(
    flushBottomHandler(Paged),
    widowsOrphansHandler(Paged),
    keepWithNextHandler(Paged),
    longNotesHandler(Paged),
    repeatedNotesHandler(Paged),
    // (After every onOverflow handler: it re-runs them on the break it tries.)
    loosenessHandler(Paged),
    runningHeadsHandler(Paged),
    finishedPagesHandler(Paged),
  );
  return {
    async layout(options) {
      // In the book's document, which may have been written after this script ran (renderPrint
      // prepares the page first, then writes each book into it).
      hideFinishedPagesStyle();
      failSafe('heading clauses', breakHeadingsAtClauses)(document.body);
      failSafe('CJK last lines', keepCjkLastLines)(document.body);
      if (options.lineBreaking === 'knuth-plass') {
        // Measured with the page's own fonts: they must be loaded first.
        await document.fonts.ready;
        failSafe('line breaking', breakLines)(document.body, { lang: document.documentElement.lang || 'en' });
      }
      const previewer = new Paged.Previewer({ hyphenGlyph: HYPHEN_GLYPH });
      previewer.on('page', () => window.pamphleteerProgress?.(previewer.chunker?.total ?? 0));
      const flow = await previewer.preview();
      return flow.total;
    },
    finish(options) {
      showFinishedPages();
      const pagesArea = document.querySelector(`.${PAGED.pages}`);
      if (!pagesArea) return { pages: 0, pageStarts: [], headings: [] };
      flushBottom(pagesArea, BLOCK_ATTR);
      padPages(pagesArea, options.padTo);
      const map = pageMap(pagesArea);
      // No soft hyphen reaches the PDF's text layer. Settled here, once every page is laid out
      // (changing a page's DOM during layout upsets Paged.js's break tokens).
      // (Both line-breaking modes: text the line breaking did not set keeps its soft hyphens until here.)
      failSafe('soft hyphen settling', settleSoftHyphens)(pagesArea);
      return map;
    },
    breakLines,
    rewrappedLines() {
      const pagesArea = document.querySelector(`.${PAGED.pages}`);
      return pagesArea ? rewrappedLines(pagesArea) : [];
    },
  };
}

window.pamphleteer ??= install();
