import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The @fontsource/eb-garamond package folder (its CSS lists the files and their unicode ranges). */
function fontsourceDir(): string {
  return path.dirname(require.resolve('@fontsource/eb-garamond/package.json'));
}

/**
 * Subsets and styles bundled into the print edition. The woff2 files of @fontsource/eb-garamond
 * have TrueType outlines, which Chromium embeds as CID TrueType subsets with a clean text layer
 * (a CFF-outline EB Garamond becomes Type 3 glyphs and loses ligature text). 600 doubles as bold.
 */
const SUBSETS = ['latin', 'latin-ext'];
const FACES = ['400-normal', '400-italic', '600-normal', '600-italic'];

let cached: string | undefined;

/**
 * @font-face rules for the bundled EB Garamond, the font files inlined as data: URLs so the page
 * needs no file access and the pre-layout HTML is self-contained. Taken from fontsource's own
 * CSS, so the unicode ranges stay right when the package is updated.
 */
export function bundledFontFaces(): string {
  if (cached) return cached;
  const dir = fontsourceDir();
  // One CSS file per weight/style ("400.css", "400-italic.css"), each listing every subset with its range.
  const css = ['400', '400-italic', '600', '600-italic'].map((f) => fs.readFileSync(path.join(dir, `${f}.css`), 'utf8')).join('\n');
  const wanted = new Set(SUBSETS.flatMap((s) => FACES.map((f) => `eb-garamond-${s}-${f}`)));
  const rules: string[] = [];
  for (const match of css.matchAll(/\/\* (eb-garamond-[\w-]+) \*\/\s*(@font-face\s*\{[^}]*\})/g)) {
    const [, name, rule] = match;
    if (!wanted.has(name)) continue;
    const file = path.join(dir, 'files', `${name}.woff2`);
    const dataUrl = `data:font/woff2;base64,${fs.readFileSync(file).toString('base64')}`;
    rules.push(rule.replace(/src:[^;]*;/, `src: url(${dataUrl}) format('woff2');`));
  }
  if (rules.length !== wanted.size) {
    throw new Error(`@fontsource/eb-garamond: expected ${wanted.size} font faces in its CSS, found ${rules.length}`);
  }
  cached = rules.join('\n');
  return cached;
}
