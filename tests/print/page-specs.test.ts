// Spec cases for each Paged.js handler of the print page (src/render/print/page/), laid out in
// the real browser: small pages of about 24 lines, asserting what each page holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PrintBrowser } from '../../src/render/print/browser.js';
import { SPEC_CSS, layOut, words, type SpecPage } from './specs/harness.js';

/** A paragraph of exactly `n` short lines (explicit line breaks, so line counts are exact). */
function lines(id: string, n: number, seed = 1): string {
  return `<p id="${id}" style="text-align: left">${Array.from({ length: n }, (_, i) => `${words(3, seed + i)} `).join('<br>')}</p>`;
}

/** Page indexes holding some of block `id`. */
function pagesOf(pages: SpecPage[], id: string): number[] {
  return pages.flatMap((p, i) => (p.blocks[id] ? [i] : []));
}

describe('print page handlers (spec cases in the real browser)', () => {
  let browser: PrintBrowser;
  beforeAll(async () => {
    browser = await launchBrowser({});
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fits 24 lines on a spec page (the cases below count on it)', async () => {
    const pages = await layOut(browser, lines('p1', 30));
    expect(pages.map((p) => p.lines.length)).toEqual([24, 6]);
  });

  it('orphan: a paragraph never leaves one line at the foot of a page, it moves whole', async () => {
    const p2 = `<p id="p2">${words(120, 7)}</p>`;
    const pages = await layOut(browser, lines('p1', 23) + p2);
    expect(pagesOf(pages, 'p1')).toEqual([0]);
    expect(pagesOf(pages, 'p2')).toEqual([1]);
    expect(pages[0].lines.length).toBe(23);
  });

  it('widow: a paragraph never leaves its last line alone at the head of a page', async () => {
    // Three lines of room for a four-line paragraph: Paged.js alone would carry one line over.
    const pages = await layOut(browser, lines('p1', 21) + lines('p2', 4, 50) + `<p id="p3">${words(40, 9)}</p>`);
    expect(pagesOf(pages, 'p2')).toEqual([0, 1]);
    const p2Lines = [50, 51, 52, 53].map((seed) => words(3, seed));
    const count = (page: SpecPage) => page.lines.filter((l) => p2Lines.includes(l)).length;
    expect([count(pages[0]), count(pages[1])]).toEqual([2, 2]);
    expect(pages[1].lines.slice(0, 2)).toEqual(p2Lines.slice(2));
  });

  it('keep with next: a heading is never the last thing on a page', async () => {
    const pages = await layOut(browser, lines('p1', 21) + `<h2 id="h">A heading</h2><p id="p2">${words(150, 3)}</p>`);
    expect(pagesOf(pages, 'h')).toEqual([1]);
    expect(pages[1].headings).toEqual(['h']);
    expect(pagesOf(pages, 'p2')[0]).toBe(1);
  });

  const note = (n: number, text: string) =>
    `<span class="footnote" data-n="${n}"><span class="note-number">${n}</span> ${text}</span>`;

  it('long note: its first part sits under its call, the rest at the foot of the next page; no word lost', async () => {
    const noteText = words(600, 11);
    const pages = await layOut(
      browser,
      `<p id="p1">Opening words of the text.${note(1, noteText)} ${words(400, 5)}</p>`,
    );
    // The call's page holds the note's first part and at least five lines of text.
    expect(pages[0].notes.map((n) => n.continued)).toEqual([false]);
    expect(pages[0].lines.length).toBeGreaterThanOrEqual(5);
    expect(pages[1].notes[0].continued).toBe(true);
    const printed = pages
      .flatMap((p) => p.notes.filter((n) => n.n === '1' || n.continued).map((n) => n.text))
      .join(' ');
    expect(printed.replace(/^1 /, '').split(' ')).toEqual(noteText.split(' '));
    for (const page of pages.slice(0, -1)) expect(page.lines.length).toBeGreaterThanOrEqual(5);
  });

  it('a note longer than a page prints whole over several page feet, each page keeping its text', async () => {
    const noteText = words(1500, 13);
    const pages = await layOut(browser, `<p id="p1">Opening words.${note(1, noteText)} ${words(900, 17)}</p>`);
    const parts = pages.flatMap((p, i) => p.notes.map((n) => ({ page: i, ...n })));
    expect(new Set(parts.map((p) => p.page)).size).toBeGreaterThanOrEqual(3);
    expect(
      parts
        .map((p) => p.text)
        .join(' ')
        .replace(/^1 /, '')
        .split(' '),
    ).toEqual(noteText.split(' '));
    for (const page of pages.slice(0, -1)) expect(page.lines.length).toBeGreaterThanOrEqual(5);
  });

  it('a note called twice is printed once, and the later call links to it', async () => {
    const again = '<a class="noteref note-again" data-note-again="1" data-print-only=""><sup>1</sup></a>';
    const body = `<p id="p1">First call.${note(1, 'The only note.')} ${words(60, 2)} Second call.${again} ${words(30, 4)}</p>`;
    const pages = await layOut(browser, body);
    const notes = pages.flatMap((p) => p.notes);
    expect(notes.map((n) => n.text)).toEqual(['1 The only note.']);
    const noteId = pages.flatMap((p) => p.noteIds)[0];
    expect(pages.flatMap((p) => p.againLinks)).toEqual([`#${noteId}`]);
  });

  it('a table at a page break: no row is split or lost, rows stay in order', async () => {
    const rows = Array.from({ length: 14 }, (_, i) => `<tr><td>row${i + 1}</td><td>${words(2, i)}</td></tr>`).join('');
    const pages = await layOut(
      browser,
      lines('p1', 16) + `<table id="t"><tbody>${rows}</tbody></table>` + lines('p2', 3, 80),
    );
    expect(pagesOf(pages, 't')).toEqual([0, 1]);
    expect(pages.flatMap((p) => p.rows)).toEqual(Array.from({ length: 14 }, (_, i) => `row${i + 1}`));
  });

  // Flush bottom: blocks of running text carry data-block, as the print HTML's do.
  const textLines = (id: string, n: number, seed = 1) => lines(id, n, seed).replace('<p ', '<p data-block="" ');
  const FLUSH_CSS = SPEC_CSS.replace('margin: 30px 24px;', 'margin: 30px 24px 37px;');

  it('flush bottom: a text block of 23.5 lines holds 24 (rounded to whole lines, to the nearer)', async () => {
    const pages = await layOut(browser, textLines('p1', 30), FLUSH_CSS);
    expect(pages.map((p) => p.lines.length)).toEqual([24, 6]);
    const short = SPEC_CSS.replace('margin: 30px 24px;', 'margin: 30px 24px 45px;');
    expect((await layOut(browser, textLines('p1', 30), short)).map((p) => p.lines.length)).toEqual([23, 7]);
  });

  it('flush bottom: a page with notes ends on the baseline of a full page of text', async () => {
    const called = `<p id="p2" data-block="">Words that call a note.${note(1, words(40, 21))} ${words(30, 22)}</p>`;
    const pages = await layOut(browser, textLines('p1', 8) + called + textLines('p3', 60, 40), FLUSH_CSS);
    expect(pages[0].notes.map((n) => n.n)).toEqual(['1']);
    expect(pages[1].notes).toEqual([]);
    // Body lines (11px type) and note lines (9px) whose baselines agree reach glyph bottoms
    // within a pixel of each other.
    expect(Math.abs(pages[0].depth - pages[1].depth)).toBeLessThan(1.2);
  });

  it('flush bottom: a page with notes short of them by part of a line spreads it over its gaps', async () => {
    const called = `<p id="p2" data-block="">Words that call a note.${note(1, words(40, 21))} ${words(30, 22)}</p>`;
    const gap = async (heading: string) => {
      const pages = await layOut(browser, textLines('p1', 8) + heading + called + textLines('p3', 60, 40), FLUSH_CSS);
      expect(pages[0].notes.map((n) => n.n)).toEqual(['1']);
      return pages[0].notesTop! - pages[0].textDepth;
    };
    // A heading's spacing (15 + 6 px about an 18 px line) leaves the text 0.6 of a line off the grid:
    // spread over the gaps, the space above the notes is what a page of whole lines leaves.
    const withHeading = await gap('<h2 id="h" data-block="">A heading</h2>');
    const without = await gap('');
    expect(Math.abs(withHeading - without)).toBeLessThan(1.5);
  });

  it("flush bottom: a page short by part of a line (a heading's spacing) spreads it over its gaps", async () => {
    const body = `${textLines('p1', 10)}<h2 id="h" data-block="">A heading</h2><p id="p2" data-block="">${words(700, 30)}</p>`;
    const pages = await layOut(browser, body, FLUSH_CSS);
    expect(pages[0].headings).toEqual(['h']);
    expect(Math.abs(pages[0].depth - pages[1].depth)).toBeLessThan(0.6);
    // The text's last page ends where its text ends.
    expect(pages[pages.length - 1].depth).toBeLessThan(pages[0].depth - 15);
  });

  it('a call on the last line keeps its note beside it, though the line rules would send the line over', async () => {
    // Lines set as the line breaking sets them (each ends in its own <br>); the call's line ends in a
    // hyphen, which the rule "no hyphen at the foot" would send over, taking the note and leaving
    // the space reserved for it empty.
    const set = (text: string) => `${text}<br data-line-break="">`;
    const noteText = words(150, 31);
    const called =
      `<p id="p2" data-lines-set="" style="text-align: left">${set(words(3, 60))}` +
      `${words(2, 61)} Called here.${note(1, noteText)} con<span class="line-hyphen" data-print-only="">-</span>` +
      `<br data-line-break="">${set(`tinued ${words(3, 62)}`)}${set(words(3, 63))}${words(3, 64)}</p>`;
    const pages = await layOut(browser, lines('p1', 14) + called + `<p id="p3">${words(200, 65)}</p>`);
    const callPage = pages.findIndex((p) => p.lines.some((l) => l.includes('Called here')));
    const notePage = pages.findIndex((p) => p.notes.some((n) => n.n === '1'));
    expect([callPage, notePage]).toEqual([0, 0]);
    expect(pages[0].lines[pages[0].lines.length - 1]).toContain('Called here');
    const printed = pages.flatMap((p) => p.notes.filter((n) => n.n === '1' || n.continued).map((n) => n.text));
    expect(printed.join(' ').replace(/^1 /, '').split(' ')).toEqual(noteText.split(' '));
  });

  it("a call with no room for its note's first lines below it goes over with the note (TeX's rule)", async () => {
    // Page one holds 24 lines: the call sits on line 23, with one line of room under it.
    const called = `<p id="p2">Called here.${note(1, words(60, 23))} ${words(40, 24)}</p>`;
    const pages = await layOut(browser, lines('p1', 22) + called + `<p id="p3">${words(200, 25)}</p>`);
    const notePage = pages.findIndex((p) => p.notes.some((n) => n.n === '1'));
    const callPage = pages.findIndex((p) => p.lines.some((l) => l.startsWith('Called here')));
    expect(notePage).toBeGreaterThanOrEqual(0);
    expect(callPage).toBe(notePage);
    // No word of the note lost: its first part and any continuation hold it all, in order.
    const printed = pages.flatMap((p) => p.notes.filter((n) => n.n === '1' || n.continued).map((n) => n.text));
    expect(printed.join(' ').replace(/^1 /, '').split(' ')).toEqual(words(60, 23).split(' '));
  });
});
