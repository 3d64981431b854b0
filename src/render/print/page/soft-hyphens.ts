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
  // Read: where each soft hyphen ends a line. Chromium draws a hyphen for it there, so its own range
  // has a box with a width; an unused one has none. (The characters around a used soft hyphen are
  // no guide: Chromium reports the drawn hyphen as part of the next character's box too.)
  const range = document.createRange();
  const used: number[][] = nodes.map((t) => {
    const breaks: number[] = [];
    for (let i = t.data.indexOf(SOFT_HYPHEN); i >= 0; i = t.data.indexOf(SOFT_HYPHEN, i + 1)) {
      range.setStart(t, i);
      range.setEnd(t, i + 1);
      if (Array.from(range.getClientRects()).some((r) => r.width > 0.5)) breaks.push(i);
    }
    return breaks;
  });
  // The blocks written to, with their layout before: a block whose lines move is put back as it was
  // (a soft hyphen left in the text layer is better than a word pushed out of a clipped note area).
  const blocks = new Map<Element, { html: string; layout: string }>();
  for (const t of nodes) {
    const block = t.parentElement?.closest(`${TEXT_BLOCKS}, ${HEADINGS}, td, th, .${CLASS.note}`) ?? t.parentElement;
    if (block && !blocks.has(block)) blocks.set(block, { html: block.innerHTML, layout: layoutOf(block) });
  }
  // Write.
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
      if (rest.data.includes(SOFT_HYPHEN)) rest.data = rest.data.replaceAll(SOFT_HYPHEN, '');
    }
    if (t.data.includes(SOFT_HYPHEN)) t.data = t.data.replaceAll(SOFT_HYPHEN, '');
  });
  let kept = 0;
  for (const [block, before] of blocks) {
    if (layoutOf(block) === before.layout) continue;
    // Removing a soft hyphen may join a ligature or a kerning pair and widen a justified line by a
    // fraction of a pixel, enough to send its last word down. Slightly narrower spaces before
    // justification (which stretches them back to the measure) keep every line as it was.
    const el = block as HTMLElement;
    const saved = el.style.wordSpacing;
    let settled = false;
    for (const change of [-0.15, -0.3, -0.6, -1, 0.1, 0.2, -1.5]) {
      el.style.wordSpacing = `${change}px`;
      if (layoutOf(block) === before.layout) {
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
