/**
 * StagedWrite.writeMany: many files written several at a time, then renamed into place together; a
 * failure in any leaves every target as it was and no temporary file behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagedWrite } from '../../src/util/staged-write.js';
import { UserError } from '../../src/util/user-error.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs();

/** Every file under the folder (hidden ones included) with its content. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile())
      out[path.relative(dir, path.join(e.parentPath, e.name))] = fs.readFileSync(
        path.join(e.parentPath, e.name),
        'utf8',
      );
  return out;
}

describe('StagedWrite.writeMany', () => {
  it('writes every file and copy, in nested folders, replacing the old ones', async () => {
    const dir = tempDir('pamphleteer-staged-');
    fs.writeFileSync(path.join(dir, 'source.pdf'), 'a copied file');
    fs.mkdirSync(path.join(dir, 'site'));
    fs.writeFileSync(path.join(dir, 'site', 'page-0.html'), 'old');
    const files = Array.from({ length: 200 }, (_, i) => ({
      target: path.join(dir, 'site', i % 2 ? 'sub' : '', `page-${i}.html`),
      bytes: `page ${i} — ünïcode`,
    }));
    await StagedWrite.writeMany([
      ...files,
      { target: path.join(dir, 'site', 'files', 'copy.pdf'), copyOf: path.join(dir, 'source.pdf') },
    ]);
    const written = contents(path.join(dir, 'site'));
    expect(Object.keys(written)).toHaveLength(201);
    for (const f of files) expect(written[path.relative(path.join(dir, 'site'), f.target)]).toBe(f.bytes);
    expect(written['files/copy.pdf']).toBe('a copied file');
  });

  it('a folder where one file goes: a UserError, every old file kept, no temporary file left', async () => {
    const dir = tempDir('pamphleteer-staged-');
    fs.mkdirSync(path.join(dir, 'site', 'blocked.html'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'site', 'page-1.html'), 'old one');
    const before = contents(dir);
    const files = Array.from({ length: 60 }, (_, i) => ({
      target: path.join(dir, 'site', `page-${i}.html`),
      bytes: 'new',
    }));
    const error = await StagedWrite.writeMany([
      ...files,
      { target: path.join(dir, 'site', 'blocked.html'), bytes: 'x' },
    ]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(contents(dir)).toEqual(before);
  });

  it('a copy whose source is missing: a UserError, nothing written, no temporary file left', async () => {
    const dir = tempDir('pamphleteer-staged-');
    const files = Array.from({ length: 40 }, (_, i) => ({ target: path.join(dir, `page-${i}.html`), bytes: 'new' }));
    await expect(
      StagedWrite.writeMany([...files, { target: path.join(dir, 'gone.pdf'), copyOf: path.join(dir, 'missing.pdf') }]),
    ).rejects.toBeInstanceOf(UserError);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
