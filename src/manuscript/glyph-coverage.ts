import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { location } from 'vfile-location';
import { bundledFontsHave } from '../fonts/catalogue.js';
import { reportWarning } from '../util/diagnostics.js';

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
  // biome-ignore lint/suspicious/noControlCharactersInRegex: any character beyond ASCII, U+0000–U+007E.
  if (!/[^\u0000-\u007E]/.test(text)) return;
  // Runs of new missing characters ("ᚠᛖᚺᚢ" is one message), with how often each character recurs.
  const runs: { offset: number; chars: number[] }[] = [];
  const count = new Map<number, number>();
  let offset = 0;
  let previousEnd = -1;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7e && !drawable(cp)) {
      const seen = count.get(cp);
      count.set(cp, (seen ?? 0) + 1);
      if (seen === undefined) {
        const last = runs[runs.length - 1];
        if (last && previousEnd === offset) last.chars.push(cp);
        else runs.push({ offset, chars: [cp] });
        previousEnd = offset + ch.length;
      }
    }
    offset += ch.length;
  }
  if (!runs.length) return;
  const loc = location(text);
  for (const run of runs) {
    const shown = String.fromCodePoint(...run.chars);
    const codes = run.chars.map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
    const again = run.chars.reduce((n, cp) => n + count.get(cp)! - 1, 0);
    const more = again ? `; ${again} more time${again > 1 ? 's' : ''} further on in this file` : '';
    const what = run.chars.length > 1 ? `Characters "${shown}" (${codes}) are` : `Character "${shown}" (${codes}) is`;
    reportWarning(
      file,
      `${what} in none of the bundled fonts${more}: ` +
        `the print edition would draw ${run.chars.length > 1 ? 'them' : 'it'} from a system font or as a ` +
        'box. Use another character, or add a font in styles/ (see docs/options.md).',
      loc.toPoint(run.offset),
      'missing-glyph',
    );
  }
};
