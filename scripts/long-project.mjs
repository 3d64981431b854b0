// A long manuscript made from the essay, shared by the long-book test (tests/print/long.test.ts)
// and the benchmarks (bench/print.mjs, bench/typeset.mjs). Plain JavaScript so that bench/ runs
// under node without a build; its types are in long-project.d.mts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Writes a project whose manuscript is the essay repeated `times` times, footnote labels made
 * unique per copy (so the Book numbers them 1…14·times) and each copy after the first opened by a
 * "Part N" heading. Returns the project folder.
 */
export function writeLongProject(dir, times = 10) {
  const source = fs.readFileSync(path.join(ROOT, 'manuscript', 'fading-color.md'), 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source);
  if (!m) throw new Error('manuscript/fading-color.md: no front matter');
  const [, frontMatter, body] = m;
  const copies = [];
  for (let i = 0; i < times; i++) {
    const relabeled = body.replace(/\[\^([^\]]+)\]/g, (_, label) => `[^c${i + 1}-${label}]`);
    copies.push(i === 0 ? relabeled : `## Part ${i + 1}\n\n${relabeled}`);
  }
  fs.mkdirSync(path.join(dir, 'manuscript'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'manuscript', 'long.md'), `---\n${frontMatter}\n---\n${copies.join('\n\n')}`);
  return dir;
}
