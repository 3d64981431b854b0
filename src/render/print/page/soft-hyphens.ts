/**
 * Soft hyphens left in laid-out pages (text the line breaking did not set: notes, text that is
 * not justified) become real hyphens where a line broke at them and disappear elsewhere.
 */
import { CLASS, HEADINGS, PRINT_ONLY_ATTR, TEXT_BLOCKS } from './contract.js';
import { SOFT_HYPHEN } from './measuring.js';

/**
 * On a laid-out page: every soft hyphen left in the text (notes, text that is not justified)
 * becomes a real hyphen where the line broke at it, and disappears elsewhere. The lines stay as
 * they are (a hyphen allows the same break, and unused break points were not chosen), and the
 * PDF's text layer gets no U+00AD.
 */
export function settleSoftHyphens(page: Element): void {
  const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode())
    if ((n as Text).data.includes(SOFT_HYPHEN)) nodes.push(n as Text);
  if (nodes.length === 0) return;
  // Read: where each soft hyphen ends a line.
  const range = document.createRange();
  const used: number[][] = nodes.map((t) => {
    const breaks: number[] = [];
    for (let i = t.data.indexOf(SOFT_HYPHEN); i >= 0; i = t.data.indexOf(SOFT_HYPHEN, i + 1))
      if (endsLine(page, t, i, range)) breaks.push(i);
    return breaks;
  });
  // The blocks written to, with their layout before: a block whose lines move is put back as it was
  // (a soft hyphen left in the text layer is better than a word pushed out of a clipped note area).
  const blocks = new Map<Element, { html: string; layout: string }>();
  for (const t of nodes) {
    const block = t.parentElement?.closest(`${TEXT_BLOCKS}, ${HEADINGS}, td, th, .${CLASS.note}`) ?? t.parentElement;
    if (block && !blocks.has(block)) blocks.set(block, { html: block.innerHTML, layout: layoutOf(block) });
  }
  freezeTables(blocks.keys());
  // Write.
  const hyphens: { hyphen: HTMLElement; rest: Text }[] = [];
  nodes.forEach((t, j) => {
    const breaks = used[j];
    for (let b = breaks.length - 1; b >= 0; b--) {
      const rest = t.splitText(breaks[b]);
      rest.deleteData(0, 1);
      const hyphen = document.createElement('span');
      hyphen.setAttribute(PRINT_ONLY_ATTR, '');
      hyphen.className = CLASS.lineHyphen;
      hyphen.textContent = '-';
      // A hair narrower than the hyphen drawn for the soft hyphen (kerning across the element may
      // differ): the line must not grow, or a justified line would lose its last word.
      hyphen.style.marginRight = '-0.08em';
      t.parentNode!.insertBefore(hyphen, rest);
      // Chromium does not always break after a hyphen-minus (its line breaker judges the letters
      // around it): <wbr> keeps the break where the soft hyphen had it.
      t.parentNode!.insertBefore(document.createElement('wbr'), rest);
      hyphens.push({ hyphen, rest });
      if (rest.data.includes(SOFT_HYPHEN)) rest.data = rest.data.replaceAll(SOFT_HYPHEN, '');
    }
    if (t.data.includes(SOFT_HYPHEN)) t.data = t.data.replaceAll(SOFT_HYPHEN, '');
  });
  // A block keeps its lines when every word starts where it did and every new hyphen still ends a
  // line (a table cell's column may widen once its soft hyphens are gone, pulling a word's rest up).
  const hyphensOf = new Map<Element, { hyphen: HTMLElement; rest: Text }[]>();
  for (const h of hyphens) {
    for (const block of blocks.keys())
      if (block.contains(h.hyphen)) hyphensOf.set(block, [...(hyphensOf.get(block) ?? []), h]);
  }
  const unchanged = (block: Element, layout: string) =>
    layoutOf(block) === layout && (hyphensOf.get(block) ?? []).every((h) => hyphenEndsLine(h.hyphen, h.rest, range));
  let kept = 0;
  for (const [block, before] of blocks) {
    if (unchanged(block, before.layout)) continue;
    // Removing a soft hyphen may join a ligature or a kerning pair and widen a justified line by a
    // fraction of a pixel, enough to send its last word down. Slightly narrower spaces before
    // justification (which stretches them back to the measure) keep every line as it was.
    const el = block as HTMLElement;
    const saved = el.style.wordSpacing;
    let settled = false;
    for (const change of [-0.15, -0.3, -0.6, -1, 0.1, 0.2, -1.5]) {
      el.style.wordSpacing = `${change}px`;
      if (unchanged(block, before.layout)) {
        settled = true;
        break;
      }
    }
    if (settled) continue;
    el.style.wordSpacing = saved;
    block.innerHTML = before.html;
    kept++;
  }
  if (kept)
    console.warn(`pamphleteer: soft hyphens kept in ${kept} of ${blocks.size} block(s) whose lines would have moved`);
}

/**
 * True when the soft hyphen at `offset` ends a line: the letter after it sits on a later line than
 * the letter before it. (Not the soft hyphen's own box: inside a ligature, "ff" of "dif-ferent",
 * Chromium gives an unused soft hyphen a share of the ligature's width, as if a hyphen were drawn.
 * Chromium also reports a drawn hyphen as part of the next letter's box: the lowest of that
 * letter's boxes is its own.)
 */
function endsLine(root: Element, text: Text, offset: number, range: Range): boolean {
  const before = letterBoxes(root, text, offset, -1, range);
  const after = letterBoxes(root, text, offset, 1, range);
  if (before.length === 0 || after.length === 0) return false;
  const top = Math.min(...before.map((r) => r.top));
  const height = Math.max(...before.map((r) => r.height));
  return Math.max(...after.map((r) => r.top)) - top > height / 2;
}

/**
 * The tables holding any of the blocks keep their column widths: an automatic table sizes its
 * columns by their words, and a word without its soft hyphens is wider, so the columns would move
 * and the cells' lines with them. All widths are read before any is set.
 */
export function freezeTables(blocks: Iterable<Element>): void {
  const tables = new Set<HTMLTableElement>();
  for (const block of blocks) {
    const table = block.closest('table');
    if (table) tables.add(table);
  }
  const widths = Array.from(tables, (table) => ({
    table,
    width: table.getBoundingClientRect().width,
    cells: Array.from(table.rows[0]?.cells ?? [], (cell) => ({ cell, width: cell.getBoundingClientRect().width })),
  }));
  for (const { table, width, cells } of widths) {
    table.style.tableLayout = 'fixed';
    table.style.width = `${width}px`;
    for (const { cell, width: cellWidth } of cells) {
      cell.style.boxSizing = 'border-box';
      cell.style.width = `${cellWidth}px`;
    }
  }
}

/** True when the text after a hyphen set by the settling starts a later line than the hyphen. */
function hyphenEndsLine(hyphen: HTMLElement, rest: Text, range: Range): boolean {
  if (!rest.isConnected || rest.data.length === 0) return true;
  const box = hyphen.getBoundingClientRect();
  range.setStart(rest, 0);
  range.setEnd(rest, 1);
  const after = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
  return after.length > 0 && Math.max(...after.map((r) => r.top)) - box.top > box.height / 2;
}

/** The boxes of the nearest letter before (`step` -1) or after (1) `offset`, soft hyphens skipped. */
function letterBoxes(root: Element, text: Text, offset: number, step: -1 | 1, range: Range): DOMRect[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  walker.currentNode = text;
  let node: Text | null = text;
  let i = offset + step;
  while (node) {
    for (; i >= 0 && i < node.data.length; i += step) {
      if (node.data[i] === SOFT_HYPHEN) continue;
      // A space: the word ends here without a letter on this side (not a break inside a word).
      if (/\s/.test(node.data[i])) return [];
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      return Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    }
    node = (step < 0 ? walker.previousNode() : walker.nextNode()) as Text | null;
    i = node && step < 0 ? node.data.length - 1 : 0;
  }
  return [];
}

/**
 * The line each word of a block sits on (its first character's top), in order: a word runs across
 * nodes. Spacing may change (removing a soft hyphen lets a ligature or kerning form), lines must not.
 */
function layoutOf(block: Element): string {
  const parts: string[] = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let afterSpace = true;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (t.parentElement?.closest(`[${PRINT_ONLY_ATTR}]`)) continue;
    for (let i = 0; i < t.data.length; i++) {
      const space = /\s/.test(t.data[i]);
      if (!space && afterSpace) {
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const r = range.getClientRects()[0];
        parts.push(r ? `${Math.round(r.top)}` : '-');
      }
      afterSpace = space;
    }
  }
  return parts.join(' ');
}
