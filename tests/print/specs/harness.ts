// Page specs in the manner of Paged.js's specs/: a small HTML case laid out by Paged.js with
// pamphleteer's handlers in the real browser, then read back page by page from the DOM.
import fs from 'node:fs';
import type { PrintBrowser } from '../../../src/render/print/browser.js';
import { bundledFontFaces } from '../../../src/render/print/fonts.js';
import { pageScript } from '../../../src/render/print/page-script.js';
import { pagedjsFile } from '../../../src/render/print/pagedjs.js';
import type {} from '../../../src/render/print/page/entry.js';

const pagedSource = fs.readFileSync(pagedjsFile('paged.js'), 'utf8');

/** What one laid-out page holds. */
export interface SpecPage {
  /** Running text, one string per line (notes left out). */
  lines: string[];
  /** Text of each block element that starts or continues on the page, by its id. */
  blocks: Record<string, number>;
  /** The note area's text, one entry per note (or note part). */
  notes: { ref: string | null; n: string | null; continued: boolean; text: string }[];
  /** Ids of the headings on the page. */
  headings: string[];
  /** Table rows on the page, by their first cell's text. */
  rows: string[];
  /** Where each later call of a note (a.note-again) links to. */
  againLinks: (string | null)[];
  /** Ids of the notes in the note area. */
  noteIds: string[];
  /** How deep the page's text reaches: the lowest bottom of a glyph box, notes included (px from the page top). */
  depth: number;
  /** How deep the running text alone reaches, and where the notes' first glyph box starts (px from the page top). */
  textDepth: number;
  notesTop?: number;
}

/**
 * A small page (24 lines of 11px text), EB Garamond, notes at the foot as print.css sets them.
 * Chromium's own widows, orphans and break-after are switched off (Paged.js lays pages out as
 * columns, where Chromium applies them to some breaks only), so each case shows what the
 * handlers do by themselves.
 */
export const SPEC_CSS = `
@page { size: 320px 420px; margin: 30px 24px; }
body { font-family: "EB Garamond", serif; font-size: 11px; line-height: 15px; margin: 0; hyphens: manual; }
p { margin: 0; text-indent: 1em; text-align: justify; orphans: 1; widows: 1; }
h2 { font-size: 15px; line-height: 18px; margin: 15px 0 6px; font-weight: normal; }
.footnote { float: footnote; footnote-display: block; font-size: 9px; line-height: 11px; text-indent: 0; text-align: justify; }
.footnote::footnote-marker { content: none; }
.footnote::footnote-call { font-family: "EB Garamond", serif; font-size: 0.62em; vertical-align: 0.45em; line-height: 0; }
a.note-again { font-size: 0.62em; vertical-align: 0.45em; line-height: 0; }
table { border-collapse: collapse; width: 100%; }
tr { break-inside: avoid; }
td { padding: 0 4px; }
`;

export async function layOut(
  browser: PrintBrowser,
  body: string,
  css = SPEC_CSS,
  lineBreaking: 'browser' | 'knuth-plass' = 'browser',
): Promise<SpecPage[]> {
  const page = await browser.browser.newPage();
  try {
    const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><style data-pagedjs-ignore="">${bundledFontFaces()}</style><style>${css}</style></head><body>${body}</body></html>`;
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(pagedSource);
    await page.evaluate(await pageScript());
    await page.evaluate((mode) => window.pamphleteer!.layout({ lineBreaking: mode }), lineBreaking);
    await page.evaluate((mode) => window.pamphleteer!.finish({ padTo: 1, lineBreaking: mode }), lineBreaking);
    return await page.evaluate(readPages);
  } finally {
    await page.close();
  }
}

/** Runs in the page: what each page holds. */
function readPages(): SpecPage[] {
  const clean = (s: string) =>
    s
      .replace(/\u00AD/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  // Paged.js keeps an element's id on its first part only; every part shares its data-ref.
  const idOfRef = new Map<string, string>();
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_page_content [id][data-ref]')))
    idOfRef.set(el.dataset.ref!, el.id);
  return Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_page')).map((pageEl) => {
    const content = pageEl.querySelector('.pagedjs_page_content')!;
    const box = content.getBoundingClientRect();
    // Lines: text boxes inside the page (not in overflow columns), grouped by their top.
    const tops = new Map<number, { left: number; text: string }[]>();
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t.parentElement?.closest('.footnote, [data-footnote-call], .note-again')) continue;
      const text = t as Text;
      const range = document.createRange();
      for (let i = 0; i < text.data.length; i++) {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const r = Array.from(range.getClientRects()).find((x) => x.width > 0 || text.data[i] === ' ');
        if (!r || r.left >= box.right || r.top >= box.bottom) continue;
        const key = Math.round(r.top / 4);
        const line = tops.get(key) ?? tops.get(key - 1) ?? tops.get(key + 1) ?? [];
        if (!tops.has(key) && !tops.has(key - 1) && !tops.has(key + 1)) tops.set(key, line);
        line.push({ left: r.left, text: text.data[i] });
      }
    }
    // Depth: the lowest glyph of the running text (on the page itself) or of the notes.
    let depth = 0;
    const pageTop = pageEl.getBoundingClientRect().top;
    const deepest = (root: Element, within: (r: DOMRect) => boolean) => {
      const range = document.createRange();
      const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let t = texts.nextNode(); t; t = texts.nextNode()) {
        if (!(t as Text).data.trim() || t.parentElement?.closest('[data-footnote-call]')) continue;
        range.selectNodeContents(t);
        for (const r of Array.from(range.getClientRects()))
          if (r.width > 0 && within(r)) depth = Math.max(depth, r.bottom - pageTop);
      }
    };
    deepest(content, (r) => r.left < box.right && r.top < box.bottom);
    const textDepth = depth;
    const noteInner = pageEl.querySelector('.pagedjs_footnote_inner_content');
    if (noteInner) deepest(noteInner, () => true);
    let notesTop: number | undefined;
    const firstNoteText = noteInner && document.createTreeWalker(noteInner, NodeFilter.SHOW_TEXT).nextNode();
    if (firstNoteText) {
      const range = document.createRange();
      range.selectNodeContents(firstNoteText);
      const r = Array.from(range.getClientRects()).find((x) => x.width > 0);
      if (r) notesTop = r.top - pageTop;
    }
    const lines = [...tops.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, chars]) => clean(chars.map((c) => c.text).join('')))
      .filter(Boolean);
    const blocks: Record<string, number> = {};
    for (const el of Array.from(content.querySelectorAll<HTMLElement>('[data-ref]'))) {
      const id = el.id || idOfRef.get(el.dataset.ref!);
      if (id) blocks[id] = clean(el.textContent ?? '').length;
    }
    const notes = Array.from(pageEl.querySelectorAll<HTMLElement>('.pagedjs_footnote_inner_content > *')).map((n) => ({
      ref: n.getAttribute('data-ref'),
      n: n.getAttribute('data-n'),
      continued: n.hasAttribute('data-split-from'),
      text: clean(n.textContent ?? ''),
    }));
    return {
      lines,
      blocks,
      notes,
      headings: Array.from(content.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) => h.id),
      rows: Array.from(content.querySelectorAll('tr')).map((tr) => clean(tr.cells[0]?.textContent ?? '')),
      againLinks: Array.from(content.querySelectorAll('a.note-again')).map((a) => a.getAttribute('href')),
      noteIds: Array.from(pageEl.querySelectorAll('.pagedjs_footnote_inner_content > [id]')).map((n) => n.id),
      depth,
      textDepth,
      notesTop,
    };
  });
}

/** Deterministic filler text: `n` words. */
export function words(n: number, seed = 1): string {
  const pool =
    'tenants meet in kitchens and halls after long shifts to plan the union and argue about rent repairs evictions courts landlords patience trust neighbours committees organizing'.split(
      ' ',
    );
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return pool[x % pool.length];
  }).join(' ');
}
