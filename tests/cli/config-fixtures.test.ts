// Config files through the real command, one fixture folder per case: tests/fixtures/config-<case>/
// holds the config file and expected.txt, the exact messages of `check` (empty: the config is good).
// The manuscript is the multi-file fixture's, copied beside it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, pamphleteer } from './helpers.js';

const FIXTURES = path.join(REPO, 'tests/fixtures');
const cases = fs.readdirSync(FIXTURES).filter((name) => name.startsWith('config-'));

describe('config files, read as what they are', () => {
  it('has fixture cases', () => expect(cases.length).toBeGreaterThan(5));

  for (const name of cases) {
    it(name, async () => {
      const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-config-')), name);
      fs.cpSync(path.join(REPO, 'tests/fixtures/multi-file/manuscript'), path.join(root, 'manuscript'), {
        recursive: true,
      });
      for (const f of fs.readdirSync(path.join(FIXTURES, name))) {
        if (f !== 'expected.txt') fs.copyFileSync(path.join(FIXTURES, name, f), path.join(root, f));
      }
      const expected = fs
        .readFileSync(path.join(FIXTURES, name, 'expected.txt'), 'utf8')
        .split('\n')
        .filter(Boolean);
      const result = await pamphleteer(['check', '--no-epubcheck'], { cwd: root });
      if (expected.length === 0) {
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toBe('');
        return;
      }
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr.split('\n').filter(Boolean)).toEqual(expected);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      const build = await pamphleteer(['build', '--only', 'epub'], { cwd: root });
      expect(build.code).toBe(1);
      expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
    });
  }
});
