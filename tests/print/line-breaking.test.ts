// Knuth–Plass line breaking (src/render/print/page/line-breaking.ts) on small HTML cases laid out
// in the real browser, with the bundled EB Garamond: what each paragraph holds afterwards.
import fs from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PrintBrowser } from '../../src/render/print/browser.js';
import { bundledFontFaces } from '../../src/render/print/fonts.js';
import { hyphenateTree, hyphenatorFor } from '../../src/render/print/hyphenate.js';
import { pageScript } from '../../src/render/print/page-script.js';
import { pagedjsFile } from '../../src/render/print/pagedjs.js';
import type {} from '../../src/render/print/page/entry.js';
import { knuthPlass, type Item } from '../../src/render/print/page/knuth-plass.js';

const pagedSource = fs.readFileSync(pagedjsFile('paged.js'), 'utf8');

const hyphenate = hyphenatorFor('en')!;

/** Soft hyphens where the pipeline puts them (html.ts hyphenates the hast tree). */
function hyphenated(html: string): string {
  return html.replace(/>([^<]+)</g, (_, text: string) => {
    const tree = { type: 'root' as const, children: [{ type: 'text' as const, value: text }] };
    hyphenateTree(tree, hyphenate);
    return `>${(tree.children[0] as { value: string }).value}<`;
  });
}

const PARAGRAPHS = [
  `<p>For nearly half a century, workers’ movements have been decimated and their communities have been laid waste through de-industrialization, the war on drugs and mass incarceration. What survived the movements of the sixties and seventies were the elements that immersed themselves in the liberal establishment, taking their refuge in union bureaucracies, nonprofits, liberal universities and the progressive wing of the Democratic Party.</p>`,
  `<p>Notwithstanding the <em>extraordinarily</em> comprehensive documentation, the <a href="#x">administrative responsibilities</a> of internationalization remained incomprehensible<span class="footnote" data-n="12"><span class="note-number">12</span> A note that floats out of the line and must survive untouched.</span> to the <span style="font-variant: small-caps">representatives</span> of the neighbourhood associations, who characteristically misunderstood the institutionalization of their organizations.</p>`,
  `<p>Electrocardiographic telecommunications, counterrevolutionary internationalization, uncharacteristically incomprehensible responsibilities, photolithographic interdisciplinary misrepresentations, disproportionately overenthusiastic characterizations.</p>`,
  `<p>Short words all in a row: we can do it and we go on and on, but not for long. It is a day to see.</p>`,
  // Figures: old-style and proportional here (body style), which a canvas cannot measure.
  `<p>In 1968 some 10,000 workers struck; by 1973, 4,287 of them had been fired, and 19-year-old strikers got 12 years for a $2,000 fine unpaid. What survived the 60’s and 70’s were 3,456,789 dollars of dues, 1,024 offices and 2,048 organizers in 1999.</p>`,
];

const STYLE = `${bundledFontFaces()}
body { margin: 0; font-family: "EB Garamond"; font-size: 14px; line-height: 1.4; font-variant-numeric: oldstyle-nums proportional-nums; }
main { width: 300px; }
p { margin: 0 0 1em; text-indent: 1.2em; text-align: justify; hyphens: manual; }
p.ragged { text-align: left; }
.footnote { font-size: 0.82rem; }`;

interface LineReport {
  text: string;
  right: number;
  endsWithHyphen: boolean;
  /** The line holds a note call (hidden here: in print the note floats out and its call stays). */
  note: boolean;
}
interface ParagraphReport {
  before: string;
  after: string;
  markup: string[];
  notes: string[];
  width: number;
  left: number;
  lines: LineReport[];
}

async function layOut(page: Page, body: string, lang = 'en'): Promise<ParagraphReport[]> {
  await page.setContent(
    `<!doctype html><html lang="${lang}"><head><style>${STYLE}</style></head><body><main>${body}</main></body></html>`,
    { waitUntil: 'load' },
  );
  // The page script as the print page runs it (it registers its handlers with Paged.js on load).
  await page.evaluate(pagedSource);
  await page.evaluate(await pageScript());
  return page.evaluate(async (language: string) => {
    await document.fonts.ready;
    const ps = Array.from(document.querySelectorAll('main > p'));
    const visible = (el: Element) => {
      const c = el.cloneNode(true) as Element;
      for (const n of c.querySelectorAll('.line-hyphen')) n.remove();
      return (c.textContent ?? '').replace(/\u00AD/g, '');
    };
    const markup = (el: Element) =>
      Array.from(el.querySelectorAll('em, a, .footnote, [style*="small-caps"]')).map(
        (e) => `${e.tagName}:${e.textContent?.replace(/\u00AD/g, '')}`,
      );
    const before = ps.map((p) => ({ text: visible(p), markup: markup(p) }));
    window.pamphleteer!.breakLines(document.querySelector('main')!, { lang: language });
    // Notes float out in print: hide them to read the lines.
    for (const n of document.querySelectorAll<HTMLElement>('.footnote')) n.style.display = 'none';
    return ps.map((p, i) => {
      const box = p.getBoundingClientRect();
      // Lines: text between <br data-line-break> (or the paragraph's ends).
      const lines: { text: string; right: number; endsWithHyphen: boolean; note: boolean }[] = [];
      let text = '';
      let right = 0;
      let hyphen = false;
      let note = false;
      const range = document.createRange();
      const walk = (n: Node) => {
        if (n.nodeType === 1 && (n as Element).matches('.footnote')) {
          note = true;
          return;
        }
        if (n.nodeType === 1 && (n as Element).tagName === 'BR') {
          lines.push({ text, right, endsWithHyphen: hyphen, note });
          text = '';
          right = 0;
          note = false;
          return;
        }
        if (n.nodeType === 3) {
          const t = n as Text;
          text += t.data;
          if (t.data.trim()) hyphen = !!t.parentElement?.classList.contains('line-hyphen');
          for (let k = 0; k < t.length; k++) {
            if (/\s/.test(t.data[k])) continue;
            range.setStart(t, k);
            range.setEnd(t, k + 1);
            for (const r of Array.from(range.getClientRects())) right = Math.max(right, r.right);
          }
          return;
        }
        n.childNodes.forEach(walk);
      };
      p.childNodes.forEach(walk);
      lines.push({ text, right, endsWithHyphen: false, note });
      return {
        before: before[i].text,
        after: visible(p),
        markup:
          before[i].markup.join('|') === markup(p).join('|') ? [] : [before[i].markup.join('|'), markup(p).join('|')],
        notes: Array.from(p.querySelectorAll('.footnote')).map((n) => n.textContent ?? ''),
        width: box.width,
        left: box.left,
        lines,
      };
    });
  }, lang);
}

describe('line breaking: Knuth–Plass on Chromium', () => {
  let browser: PrintBrowser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser({});
    page = await browser.browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the text, the markup and the note calls, and sets every line within the measure', async () => {
    const reports = await layOut(page, hyphenated(PARAGRAPHS.join('\n')));
    for (const r of reports) {
      expect(r.after).toBe(r.before);
      expect(r.after).not.toContain('\u00AD');
      expect(r.markup).toEqual([]);
      expect(r.lines.length).toBeGreaterThan(1);
      for (const line of r.lines.slice(0, -1)) {
        // Justified: each line but the last ends at the right margin, never beyond it.
        expect(line.right, line.text).toBeLessThanOrEqual(r.left + r.width + 0.5);
        // (A line with a note call is short here by the call's width: the call is hidden.)
        expect(line.right, line.text).toBeGreaterThan(r.left + r.width - (line.note ? 12 : 1.5));
      }
    }
    expect(reports[1].notes.map((n) => n.replace(/\u00AD/g, ''))).toEqual([
      '12 A note that floats out of the line and must survive untouched.',
    ]);
  });

  it('hyphenates like a book: no run of three, no short word, not the last word, letters enough on each side', async () => {
    const reports = await layOut(page, hyphenated(PARAGRAPHS.join('\n')));
    for (const r of reports) {
      let run = 0;
      for (const [i, line] of r.lines.entries()) {
        run = line.endsWithHyphen ? run + 1 : 0;
        expect(run, `paragraph "${r.before.slice(0, 30)}…" line ${i}`).toBeLessThan(3);
        if (!line.endsWithHyphen) continue;
        const head = /(\p{L}+)-$/u.exec(line.text.trimEnd())?.[1] ?? '';
        const tail = /^\s*(\p{L}+)/u.exec(r.lines[i + 1].text)?.[1] ?? '';
        expect(head.length, line.text).toBeGreaterThanOrEqual(2);
        expect(tail.length, r.lines[i + 1].text).toBeGreaterThanOrEqual(3);
        expect(head.length + tail.length).toBeGreaterThanOrEqual(6);
        if (i === r.lines.length - 2)
          expect(r.lines[i + 1].text.trim(), 'the last word is never broken').toContain(' ');
      }
    }
    // The third paragraph is made of long words only: it must hyphenate, but never three lines in a row.
    expect(reports[2].lines.some((l) => l.endsWithHyphen)).toBe(true);
    // The short words are never broken.
    expect(reports[3].lines.some((l) => l.endsWithHyphen)).toBe(false);
  });

  it('leaves text that is not justified, right-to-left or CJK as it is', async () => {
    const body = hyphenated(
      `<p class="ragged">${PARAGRAPHS[0].slice(3)}` +
        `<p dir="rtl" lang="ar">هذا نص عربي طويل بما يكفي ليمتد على عدة أسطر في العمود الضيق الذي نستخدمه هنا للاختبار</p>` +
        `<p lang="ja">これは日本語の長い文章で、狭い段の中で何行にもわたって続きます。これは日本語の長い文章です。</p>`,
    );
    const reports = await layOut(page, body);
    for (const r of reports) expect(r.lines.length, r.before.slice(0, 20)).toBe(1); // no <br> was added
    expect(await page.evaluate(() => document.querySelectorAll('br, .line-spacing, .line-hyphen').length)).toBe(0);
  });

  it('justifies list items (a nested list set on its own) and sets table cells ragged-right, columns kept', async () => {
    const long = PARAGRAPHS[0].slice(3, -4);
    const cell = PARAGRAPHS[2].slice(3, -4);
    const body = hyphenated(
      `<ul style="text-align: justify"><li>${long}<ul><li>${long}</li></ul></li></ul>` +
        `<table><tr><td>${cell}</td><td>${long.slice(0, 200)}</td><td>12</td></tr></table>`,
    );
    await page.setContent(
      `<!doctype html><html lang="en"><head><style>${STYLE}</style></head><body><main>${body}</main></body></html>`,
      { waitUntil: 'load' },
    );
    await page.evaluate(pagedSource);
    await page.evaluate(await pageScript());
    const result = await page.evaluate(async () => {
      await document.fonts.ready;
      const widths = () => Array.from(document.querySelectorAll('td'), (td) => td.getBoundingClientRect().width);
      const before = widths();
      const text = (el: Element) => (el.textContent ?? '').replace(/\u00AD/g, '');
      const textsBefore = Array.from(document.querySelectorAll('li, td'), text);
      window.pamphleteer!.breakLines(document.querySelector('main')!, { lang: 'en' });
      const visible = (el: Element) => {
        const c = el.cloneNode(true) as Element;
        for (const n of c.querySelectorAll('.line-hyphen')) n.remove();
        return text(c);
      };
      return {
        before,
        after: widths(),
        textsBefore,
        textsAfter: Array.from(document.querySelectorAll('li, td'), visible),
        set: Array.from(document.querySelectorAll('li, td'), (el) => el.hasAttribute('data-lines-set')),
        breaks: Array.from(
          document.querySelectorAll('li, td'),
          (el) => el.querySelectorAll(':scope > br, :scope > span > br').length,
        ),
        // Word spacing set on a cell's lines (none: ragged lines keep their natural spaces).
        cellSpacing: Array.from(
          document.querySelectorAll('td .line-spacing'),
          (s) => (s as HTMLElement).style.wordSpacing,
        ),
        listSpacing: Array.from(
          document.querySelectorAll('li .line-spacing'),
          (s) => (s as HTMLElement).style.wordSpacing,
        ),
      };
    });
    expect(result.textsAfter).toEqual(result.textsBefore);
    // Both list items and the two cells of words are set; the cell of a number, as wide as its one
    // line, is left as it is.
    expect(result.set).toEqual([true, true, true, true, false]);
    expect(result.breaks[0]).toBeGreaterThan(1);
    expect(result.breaks[2]).toBeGreaterThan(1);
    expect(result.cellSpacing.filter(Boolean)).toEqual([]);
    expect(result.listSpacing.filter(Boolean).length).toBeGreaterThan(0);
    // The columns stay as the browser sized them (set lines would let the table narrow them).
    for (const [i, w] of result.after.entries()) expect(w).toBeCloseTo(result.before[i], 1);
  });

  it('leaves a book without hyphenation to the browser', async () => {
    const reports = await layOut(page, PARAGRAPHS[0], 'en');
    expect(reports[0].lines.length).toBe(1);
  });
});

describe('knuthPlass', () => {
  const word = (w: number): Item => ({ type: 'box', width: w });
  const space: Item = { type: 'glue', width: 4, stretch: 2, shrink: 1.3, breakable: true };
  const end: Item[] = [
    { type: 'glue', width: 0, stretch: 1e5, shrink: 0, breakable: false },
    { type: 'penalty', width: 0, cost: -10000, flagged: false },
  ];

  it('breaks at glue, within the tolerance, and ends at the final forced break', () => {
    const items: Item[] = [word(60), space, word(30), space, word(40), space, word(50), space, word(45), ...end];
    const lines = knuthPlass(items, { tolerance: 10, lineWidth: () => 100 })!;
    // Greedy: "60 30" (ratio 1.5), "40 50" (ratio 0.75), "45". Knuth–Plass weighs the whole.
    expect(lines.map((l) => l.end)).toEqual([3, 7, items.length - 1]);
    expect(lines.slice(0, -1).every((l) => l.ratio >= -1 && l.ratio <= 10)).toBe(true);
  });

  it('returns null when no breaks fit the tolerance', () => {
    const items: Item[] = [word(150), ...end];
    expect(knuthPlass(items, { tolerance: 2, lineWidth: () => 100 })).toBeNull();
  });

  it('never allows more than two hyphenated lines in a row', () => {
    // Every break is a hyphen; a third in a row is forbidden even when it is cheapest.
    const items: Item[] = [];
    for (let i = 0; i < 8; i++) items.push(word(95), { type: 'penalty', width: 5, cost: 50, flagged: true });
    items.push(word(95), ...end);
    const lines = knuthPlass(items, { tolerance: 10, lineWidth: () => 100 });
    expect(lines).toBeNull();
  });
});
