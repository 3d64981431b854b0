import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { location } from 'vfile-location';
import { bundledFontsHave } from '../fonts/catalogue.js';

const known = new Map<number, boolean>();

function drawable(cp: number): boolean {
  let has = known.get(cp);
  if (has === undefined) {
    has = bundledFontsHave(cp);
    known.set(cp, has);
  }
  return has;
}

/**
 * Warns about each character no bundled font draws (src/fonts/catalogue.ts), at its first place in
 * the file: the print edition would take it from whatever font the machine has, or show a box.
 */
export const remarkGlyphCoverage: Plugin<[], Root> = () => (_tree, file) => {
  const text = String(file.value);
  if (!/[^\u0000-\u007E]/.test(text)) return;
  const seen = new Map<number, { offset: number; count: number }>();
  let offset = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7e && !drawable(cp)) {
      const entry = seen.get(cp);
      if (entry) entry.count++;
      else seen.set(cp, { offset, count: 1 });
    }
    offset += ch.length;
  }
  if (!seen.size) return;
  const loc = location(text);
  for (const [cp, { offset: at, count }] of seen) {
    const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const more = count > 1 ? ` (and ${count - 1} more time${count > 2 ? 's' : ''} in this file)` : '';
    file.message(
      `Character "${String.fromCodePoint(cp)}" (${code}) is in none of the bundled fonts${more}: the print edition would draw it from a system font or as a box. Type another character, or add a font that has it in styles/.`,
      { place: loc.toPoint(at), ruleId: 'missing-glyph', source: 'pamphleteer' },
    );
  }
};
