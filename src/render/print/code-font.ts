import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { dataUrl, type FontUrl } from './fonts.js';

const require = createRequire(import.meta.url);

/** The face code is set in, in print: bundled, so no system monospace reaches the PDF. */
export const CODE_FONT_FAMILY = 'IBM Plex Mono';

const cached = new Map<FontUrl, string>();

/**
 * @font-face rules for IBM Plex Mono (regular and italic, latin and latin-ext), the files inlined
 * as data: URLs or named by `url`. Taken from @fontsource/ibm-plex-mono's own CSS, so the unicode
 * ranges stay right.
 */
export function codeFontFaces(url: FontUrl = dataUrl): string {
  const known = cached.get(url);
  if (known) return known;
  const dir = path.dirname(require.resolve('@fontsource/ibm-plex-mono/package.json'));
  const css = ['400', '400-italic'].map((f) => fs.readFileSync(path.join(dir, `${f}.css`), 'utf8')).join('\n');
  const wanted = new Set(
    ['latin', 'latin-ext'].flatMap((s) => ['400-normal', '400-italic'].map((f) => `ibm-plex-mono-${s}-${f}`)),
  );
  const rules: string[] = [];
  for (const [, name, rule] of css.matchAll(/\/\* (ibm-plex-mono-[\w-]+) \*\/\s*(@font-face\s*\{[^}]*\})/g)) {
    if (!wanted.has(name)) continue;
    const file = path.join(dir, 'files', `${name}.woff2`);
    rules.push(rule.replace(/src:[^;]*;/, `src: url(${url(file)}) format('woff2');`));
  }
  if (rules.length !== wanted.size)
    throw new Error(`@fontsource/ibm-plex-mono: expected ${wanted.size} font faces in its CSS, found ${rules.length}`);
  const faces = rules.join('\n');
  cached.set(url, faces);
  return faces;
}
