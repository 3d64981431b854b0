/**
 * The script that runs inside the print page, next to Paged.js: bundled at compile time by
 * scripts/bundle.mjs into one file (lib/bundle/page-script.js) that renderPrint evaluates in the page.
 * It registers one Paged.js handler per concern and exposes `window.pamphleteer` for the steps
 * renderPrint drives: layout, then finish.
 */
import { finishedPagesHandler, hideFinishedPagesStyle, showFinishedPages } from './finished-pages.js';
import { keepWithNextHandler } from './keep-with-next.js';
import { breakLines } from './line-breaking.js';
import { longNotesHandler } from './long-notes.js';
import { padPages } from './padding.js';
import { pageMap, type PageMap, type PageMapOptions } from './page-map.js';
import { repeatedNotesHandler } from './repeated-notes.js';
import { runningHeadsHandler } from './running-heads.js';
import { HYPHEN_GLYPH } from './settings.js';
import { widowsOrphansHandler } from './widows-orphans.js';

export interface FinishOptions extends PageMapOptions {
  /** Pad the page count to a multiple of this (1: no padding). */
  padTo: number;
}

export interface PamphleteerPageApi {
  /** Breaks the text's lines, runs Paged.js over the document; resolves with the page count. */
  layout(): Promise<number>;
  /** Pads the book and reads the page map. */
  finish(options: FinishOptions): PageMap;
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
    widowsOrphansHandler(Paged),
    keepWithNextHandler(Paged),
    longNotesHandler(Paged),
    repeatedNotesHandler(Paged),
    runningHeadsHandler(Paged),
    finishedPagesHandler(Paged),
  );
  hideFinishedPagesStyle();
  return {
    async layout() {
      breakLines(document.body, { lang: document.documentElement.lang || 'en' });
      const previewer = new Paged.Previewer({ hyphenGlyph: HYPHEN_GLYPH });
      previewer.on('page', () => window.pamphleteerProgress?.(previewer.chunker?.total ?? 0));
      const flow = await previewer.preview();
      return flow.total;
    },
    finish(options) {
      showFinishedPages();
      const pagesArea = document.querySelector('.pagedjs_pages');
      if (!pagesArea) return { pages: 0, pageStarts: [], headings: [] };
      padPages(pagesArea, options.padTo);
      return pageMap(pagesArea, options);
    },
  };
}

window.pamphleteer ??= install();
