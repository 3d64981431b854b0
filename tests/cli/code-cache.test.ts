import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pamphleteer, REPO, tempProject } from './helpers.js';

const run = promisify(execFile);

// bin/pamphleteer.js runs the bundle from V8's code cache, one file per command in
// $XDG_CACHE_HOME/pamphleteer/code. The cache must change nothing a command does, survive a damaged
// file, and never run the code of a bundle that has since changed.
const cacheFiles = (cacheHome: string) => {
  const dir = path.join(cacheHome, 'pamphleteer', 'code');
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => path.join(dir, name)) : [];
};

/** A copy of the installed package (bin, bundle, templates, styles) to change its bundle. */
function packageCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-package-'));
  for (const part of ['bin', 'lib/bundle', 'templates', 'styles', 'docs', 'package.json']) {
    fs.cpSync(path.join(REPO, part), path.join(dir, part), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

describe('the code cache', () => {
  it('is made once per command and changes no output', async () => {
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-code-cache-'));
    const project = tempProject();
    const env = { XDG_CACHE_HOME: cacheHome, SOURCE_DATE_EPOCH: '1700000000' };
    const first = await pamphleteer(['check', project, '--no-epubcheck'], { env });
    expect(first.code, first.stderr).toBe(0);
    const [checkCache] = cacheFiles(cacheHome);
    expect(path.basename(checkCache)).toMatch(/-check\.bin$/);
    const made = fs.statSync(checkCache).mtimeMs;
    const second = await pamphleteer(['check', project, '--no-epubcheck'], { env });
    expect(second).toEqual(first);
    // Read, not made again.
    expect(fs.statSync(checkCache).mtimeMs).toBe(made);

    const epubs = [];
    for (const out of ['a', 'b']) {
      const built = await pamphleteer(['build', project, '--only', 'epub', '--out', path.join(project, out), '-q'], {
        env,
      });
      expect(built.code, built.stderr).toBe(0);
      epubs.push(fs.readFileSync(path.join(project, out, 'fading-color.epub')));
    }
    expect(Buffer.compare(epubs[0], epubs[1])).toBe(0);
    expect(
      cacheFiles(cacheHome)
        .map((f) => path.basename(f).replace(/^.*-/, ''))
        .sort(),
    ).toEqual(['build.bin', 'check.bin']);
  });

  it('runs as before from a damaged cache, and makes it again', async () => {
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-code-cache-'));
    const project = tempProject();
    const env = { XDG_CACHE_HOME: cacheHome };
    const first = await pamphleteer(['check', project, '--no-epubcheck'], { env });
    const [checkCache] = cacheFiles(cacheHome);
    const garbage = Buffer.alloc(fs.statSync(checkCache).size, 0x5a);
    fs.writeFileSync(checkCache, garbage);
    const again = await pamphleteer(['check', project, '--no-epubcheck'], { env });
    expect(again).toEqual(first);
    expect(fs.readFileSync(checkCache).equals(garbage)).toBe(false);
  });

  it('never runs the code of a bundle that changed since, even to a text of the same length', async () => {
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-code-cache-'));
    const project = tempProject();
    const copy = packageCopy();
    const check = async () => {
      const { stdout } = await run(
        process.execPath,
        [path.join(copy, 'bin/pamphleteer.js'), 'check', project, '--no-epubcheck'],
        {
          env: { ...process.env, XDG_CACHE_HOME: cacheHome },
        },
      );
      return stdout;
    };
    expect(await check()).toContain(': ok: ');
    expect(cacheFiles(cacheHome).length).toBe(1);
    // As many characters, another word: V8's own check (the text's length) would take the old cache.
    const bundle = path.join(copy, 'lib/bundle/main.cjs');
    fs.writeFileSync(bundle, fs.readFileSync(bundle, 'utf8').replace('}: ok: \\u201C', '}: OK! \\u201C'));
    expect(await check()).toContain(': OK! ');
    expect(cacheFiles(cacheHome).length).toBe(2);
    expect(await check()).toContain(': OK! ');
  });
});
