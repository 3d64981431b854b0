import { CLASS, PAGED } from './contract.js';

/**
 * Reading lines off a laid-out page. Paged.js lays out a page as CSS columns: what overflows the
 * page flows on into further columns to the right, so a line is a (column, top) pair; column 0 is
 * the page itself.
 */

export interface Line {
  column: number;
  top: number;
}

export interface PageFrame {
  bounds: DOMRect;
  gap: number;
}

/** True for text inside a note (in the flow or already moved to the page foot). */
export function inNote(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!el?.closest(`.${CLASS.note}, .${PAGED.footnoteArea}`);
}

/** The block's text nodes in order, notes left out. */
export function textNodesOf(el: Element): Text[] {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!inNote(n) && n.textContent) nodes.push(n as Text);
  }
  return nodes;
}

export function lineOf(rect: DOMRect, frame: PageFrame): Line {
  const { bounds, gap } = frame;
  return { column: Math.max(0, Math.floor((rect.left + 1 - bounds.left) / (bounds.width + gap))), top: rect.top };
}

export function sameLine(a: Line, b: Line, tolerance: number): boolean {
  return a.column === b.column && Math.abs(a.top - b.top) < tolerance;
}

/** Half a line of the block: two boxes closer than this sit on one line (superscripts included). */
export function lineTolerance(el: Element): number {
  return (parseFloat(getComputedStyle(el).lineHeight) || 12) / 2;
}

/** The lines of a block's text in reading order. */
export function linesOf(el: Element, frame: PageFrame, tolerance: number): Line[] {
  const lines: Line[] = [];
  const range = document.createRange();
  for (const text of textNodesOf(el)) {
    range.selectNodeContents(text);
    for (const rect of Array.from(range.getClientRects())) {
      if (rect.width === 0 || rect.height === 0) continue;
      const line = lineOf(rect, frame);
      if (!lines.some((l) => sameLine(l, line, tolerance))) lines.push(line);
    }
  }
  return lines.sort((a, b) => a.column - b.column || a.top - b.top);
}

/** The box of one character. */
export function rectAt(text: Text, offset: number): DOMRect | undefined {
  const range = document.createRange();
  range.setStart(text, offset);
  range.setEnd(text, Math.min(offset + 1, text.length));
  return Array.from(range.getClientRects()).find((r) => r.height > 0 && r.width > 0);
}

/** Blocks a page break may fall inside (never before one: that is a break between blocks). */
const BLOCK_TAG = /^(P|LI|DD|DT|FIGCAPTION|BLOCKQUOTE|DIV|SECTION|TD|TH|UL|OL|DL|FIGURE|TABLE|TR|TBODY)$/;

export interface TextPosition {
  node: Text;
  offset: number;
}

/** The first word start (a character after a space) that sits on the given line. */
export function lineStart(el: Element, line: Line, frame: PageFrame, tolerance: number): TextPosition | undefined {
  const texts = textNodesOf(el);
  let prevChar = '';
  for (const text of texts) {
    const value = text.data;
    for (let i = 0; i < value.length; i++) {
      const ch = value[i];
      const startsWord = prevChar === '' || /\s/.test(prevChar);
      prevChar = ch;
      if (!startsWord || /\s/.test(ch) || (i === 0 && text === texts[0])) continue;
      const rect = rectAt(text, i);
      if (rect && sameLine(lineOf(rect, frame), line, tolerance)) return { node: text, offset: i };
    }
  }
  return undefined;
}

/** A page break before `position`, up to the end of what the page rendered. */
export function breakAt(position: TextPosition, rendered: Element): Range {
  const range = document.createRange();
  if (position.offset === 0) {
    // Before the outermost element the text starts: Paged.js finds elements by reference, and a
    // break at a text node's start gets a stray hyphen from its hyphenateAtBreak.
    let node: Node = position.node;
    while (
      node.parentNode &&
      node.parentNode !== rendered &&
      node.parentNode.firstChild === node &&
      !BLOCK_TAG.test((node.parentNode as Element).tagName)
    )
      node = node.parentNode;
    range.setStartBefore(node);
  } else range.setStart(position.node, position.offset);
  range.setEndAfter(rendered.lastChild!);
  return range;
}
