import fs from 'node:fs';
import path from 'node:path';
import postcss from 'postcss';
import { loadProjectStyle } from '../templates/user-styles.js';
import { fontkitFromBytes, inRanges, parseUnicodeRange } from './catalogue.js';

/** The project's style sheets that reach the print page, where a missing glyph would show. */
const PRINT_STYLES = ['base.css', 'print.css'];

/** What the fonts a project's own styles add can draw. */
export interface ProjectFonts {
  /** The family names of its @font-face rules that could be read. */
  families: string[];
  has(cp: number): boolean;
}

/**
 * The characters of the fonts that a project's styles/ adds with @font-face (each font's cmap, within
 * its unicode-range). The sheets are read as the print edition reads them (loadProjectStyle: files
 * inside the project only, inlined as data: URLs), so a font counted here is one the page can load.
 */
export function projectFonts(root: string): ProjectFonts {
  const chars = new Set<number>();
  const families: string[] = [];
  const checks: Array<(cp: number) => boolean> = [];
  for (const name of PRINT_STYLES) {
    const file = path.join(root, 'styles', name);
    if (!fs.existsSync(file)) continue;
    const sheet = postcss.parse(loadProjectStyle(file, root));
    sheet.walkAtRules(/^font-face$/i, (rule) => {
      let family = '';
      let range: Array<[number, number]> | undefined;
      const sources: string[] = [];
      rule.walkDecls((decl) => {
        const prop = decl.prop.toLowerCase();
        if (prop === 'font-family') family = decl.value.replace(/^["']|["']$/g, '');
        else if (prop === 'unicode-range') range = parseUnicodeRange(decl.value);
        else if (prop === 'src')
          for (const m of decl.value.matchAll(/url\(\s*["']?data:[^;,]*;base64,([A-Za-z0-9+/=]+)/g)) sources.push(m[1]);
      });
      for (const source of sources) {
        const face = fontkitFromBytes(Buffer.from(source, 'base64'));
        if (!face) continue;
        const own = new Set(face.characterSet);
        checks.push((cp) => own.has(cp) && (!range || inRanges(cp, range)));
        if (family && !families.includes(family)) families.push(family);
        break;
      }
    });
  }
  return {
    families,
    has: (cp) => {
      if (chars.has(cp)) return true;
      const found = checks.some((check) => check(cp));
      if (found) chars.add(cp);
      return found;
    },
  };
}
