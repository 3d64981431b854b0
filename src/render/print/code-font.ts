import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let cached: string | undefined;

/**
 * @font-face rules for IBM Plex Mono (regular and italic, latin and latin-ext), the files inlined
 * as data: URLs. Taken from @fontsource/ibm-plex-mono's own CSS, so the unicode ranges stay right.
 */
export function codeFontFaces(): string {
  if (cached) return cached;
  const dir = path.dirname(require.resolve('@fontsource/ibm-plex-mono/package.json'));
  const css = ['400', '400-italic'].map((f) => fs.readFileSync(path.join(dir, `${f}.css`), 'utf8')).join('\n');
  const wanted = new Set(
    ['latin', 'latin-ext'].flatMap((s) => ['400-normal', '400-italic'].map((f) => `ibm-plex-mono-${s}-${f}`)),
  );
  const rules: string[] = [];
  for (const [, name, rule] of css.matchAll(/\/\* (ibm-plex-mono-[\w-]+) \*\/\s*(@font-face\s*\{[^}]*\})/g)) {
    if (!wanted.has(name)) continue;
    const data = fs.readFileSync(path.join(dir, 'files', `${name}.woff2`)).toString('base64');
    rules.push(rule.replace(/src:[^;]*;/, `src: url(data:font/woff2;base64,${data}) format('woff2');`));
  }
  if (rules.length !== wanted.size)
    throw new Error(`@fontsource/ibm-plex-mono: expected ${wanted.size} font faces in its CSS, found ${rules.length}`);
  cached = rules.join('\n');
  return cached;
}
