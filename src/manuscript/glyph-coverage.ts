import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { location } from 'vfile-location';
import { bundledFontsHave } from '../fonts/catalogue.js';
import { suggestFont } from '../fonts/font-suggestions.js';
import { reportError, reportWarning } from '../util/diagnostics.js';

const known = new Map<number, boolean>();

function bundled(cp: number): boolean {
  let has = known.get(cp);
  if (has === undefined) {
    has = bundledFontsHave(cp);
    known.set(cp, has);
  }
  return has;
}

export interface GlyphCoverageOptions {
  /** "error" (the default) stops the build; "warning" lets it go on with boxes in print. */
  missingGlyphs?: 'error' | 'warning';
  /** Whether a font the project's own styles add draws the character (read only when one is missing). */
  projectHas?: (cp: number) => boolean;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Reports each character that neither a bundled font (src/fonts/catalogue.ts) nor a font of the
 * project's styles draws, at its first place in the file, naming a font to add: the print edition
 * would show a box, and a book with boxes is not a book.
 */
export const remarkGlyphCoverage: Plugin<[GlyphCoverageOptions?], Root> =
  (options = {}) =>
  (_tree, file) => {
    const text = String(file.value);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: any character beyond ASCII, U+0000–U+007E.
    if (!/[^\u0000-\u007E]/.test(text)) return;
    const drawable = (cp: number) => bundled(cp) || (options.projectHas?.(cp) ?? false);
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
    const asError = (options.missingGlyphs ?? 'error') === 'error';
    for (const run of runs) {
      const shown = String.fromCodePoint(...run.chars);
      const codes = run.chars.map(hex).join(' ');
      const again = run.chars.reduce((n, cp) => n + count.get(cp)! - 1, 0);
      const more = again ? `; ${again} more time${again > 1 ? 's' : ''} further on in this file` : '';
      const many = run.chars.length > 1;
      const what = many ? `Characters "${shown}" (${codes}) are` : `Character "${shown}" (${codes}) is`;
      const suggestion = suggestFont(run.chars[0]);
      const add = suggestion
        ? `Add a font for the ${suggestion.script} script, such as ${suggestion.font} (npm package ` +
          `${suggestion.pkg}), with an @font-face rule in styles/base.css`
        : `Add a font that has ${many ? 'them' : 'it'} with an @font-face rule in styles/base.css`;
      const instead = asError
        ? ', or set "manuscript.missingGlyphs": "warning" in the config to print boxes'
        : ' (see docs/options.md)';
      (asError ? reportError : reportWarning)(
        file,
        `${what} in none of the bundled fonts nor in a font of styles/${more}: ` +
          `the print edition would show ${many ? 'them' : 'it'} as ${many ? 'boxes' : 'a box'}. ${add}${instead}.`,
        loc.toPoint(run.offset),
        'missing-glyph',
      );
    }
  };
