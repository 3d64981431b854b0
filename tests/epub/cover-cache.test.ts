/**
 * The typographic cover is drawn again only when what it shows changes: kept by content in the
 * project's cache folder (src/util/content-cache.ts), read by the next build, replaced when the title
 * changes. The real command, as people run it (the cache is off when run from the TypeScript sources).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pamphleteer, tempProject } from '../cli/helpers.js';
import { unzip } from './helpers.js';

const MANUSCRIPT = 'manuscript/fading-color.md';

async function buildEpub(root: string): Promise<Buffer> {
  const run = await pamphleteer(['build', root, '--only', 'epub', '--quiet']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const epub = await unzip(fs.readFileSync(path.join(root, 'dist', 'fading-color.epub')));
  return Buffer.from(await epub.zip.file('OEBPS/cover.png')!.async('uint8array'));
}

const cacheEntries = (root: string) =>
  fs.readdirSync(path.join(root, '.pamphleteer-cache')).filter((name) => name.startsWith('cover-png-'));

describe('the cover PNG, cached by content', () => {
  it('is drawn once, read from the cache after, and drawn again when the author changes', async () => {
    const root = tempProject();
    const drawn = await buildEpub(root);
    expect(drawn.subarray(1, 4).toString()).toBe('PNG');
    // A project without node_modules/ keeps its cache in .pamphleteer-cache/, which git ignores.
    expect(fs.readFileSync(path.join(root, '.pamphleteer-cache', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    const [entry] = cacheEntries(root);
    expect(fs.readFileSync(path.join(root, '.pamphleteer-cache', entry)).equals(drawn)).toBe(true);

    // The next build takes the cover from the cache: a marked copy there reaches the EPUB.
    const marked = Buffer.concat([drawn, Buffer.from('cached')]);
    fs.writeFileSync(path.join(root, '.pamphleteer-cache', entry), marked);
    expect((await buildEpub(root)).equals(marked)).toBe(true);

    // Another author: a new cover, under a new key, in place of the old entry.
    const file = path.join(root, MANUSCRIPT);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^author: .*$/m, 'author: A. N. Other'));
    const redrawn = await buildEpub(root);
    expect(redrawn.equals(drawn)).toBe(false);
    expect(redrawn.equals(marked)).toBe(false);
    expect(cacheEntries(root)).toHaveLength(1);
    expect(cacheEntries(root)[0]).not.toBe(entry);
  });

  it('uses node_modules/.cache/pamphleteer/ when the project has node_modules/', async () => {
    const root = tempProject();
    fs.mkdirSync(path.join(root, 'node_modules'));
    await buildEpub(root);
    expect(fs.existsSync(path.join(root, '.pamphleteer-cache'))).toBe(false);
    expect(fs.readdirSync(path.join(root, 'node_modules', '.cache', 'pamphleteer'))).toHaveLength(1);
  });

  it('is not kept through a cache folder that links outside the project', async () => {
    const root = tempProject();
    const outside = fs.mkdtempSync(path.join(path.dirname(root), 'elsewhere-'));
    fs.symlinkSync(outside, path.join(root, '.pamphleteer-cache'));
    await buildEpub(root);
    expect(fs.readdirSync(outside)).toEqual([]);
  });
});
