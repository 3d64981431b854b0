/**
 * No Chinese or Japanese paragraph ends in a line of one character ("境。²" alone on a line, at the
 * head of a page as often as not). The browser may break between any two ideographs, so the last
 * two, with the punctuation and note calls after them, are kept together (CLASS.lastCharacters,
 * `white-space: nowrap` in print.css): the last line holds two characters at least.
 */
import { CLASS, PRINT_ONLY_ATTR, TEXT_BLOCKS } from './contract.js';
import { NOTE_SELECTOR } from './measuring.js';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** The last two CJK characters of a text and everything after them (punctuation, spaces). */
const LAST_TWO =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}][^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}][^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]*$/u;

export function keepCjkLastLines(root: Element): void {
  for (const block of Array.from(root.querySelectorAll<HTMLElement>(TEXT_BLOCKS))) {
    const text = lastText(block);
    if (!text || !CJK.test(text.data)) continue;
    const m = LAST_TWO.exec(text.data);
    // (Fewer than two characters in the block's last text: its last line holds more than that.)
    if (!m || m.index === 0) continue;
    const tail = text.splitText(m.index);
    const keep = document.createElement('span');
    keep.className = CLASS.lastCharacters;
    text.parentNode!.insertBefore(keep, tail);
    keep.appendChild(tail);
    // The note calls right after them go with them.
    while (keep.nextSibling instanceof Element && keep.nextSibling.matches(`${NOTE_SELECTOR}, [${PRINT_ONLY_ATTR}]`))
      keep.appendChild(keep.nextSibling);
  }
}

/** The block's last text with a visible character, notes and print-only text left out. */
function lastText(block: Element): Text | undefined {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let last: Text | undefined;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement?.closest(`${NOTE_SELECTOR}, [${PRINT_ONLY_ATTR}]`)) continue;
    if (/\S/.test((n as Text).data)) last = n as Text;
  }
  return last;
}
