import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYOUTS } from '../src/impose/index.js';
import { REPO } from './helpers/seed.js';

describe('the README', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');

  it('gives the set-up and test commands CI runs', () => {
    expect(readme).toContain('npm ci && npm run build');
    expect(readme).toContain('npm test');
    const ci = fs.readFileSync(path.join(REPO, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it('quotes the printing and folding instructions exactly as `impose --help` prints them', () => {
    for (const layout of LAYOUTS) expect(readme).toContain(layout.help);
  });
});
