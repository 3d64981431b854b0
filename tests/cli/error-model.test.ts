// One error model: every mistake of the person's is a UserError (the imposition engine's too), and
// file-system problems with their files read the same whichever file it is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError, EXIT } from '../../src/cli/describe-error.js';
import { ImposeError } from '../../src/impose/impose-error.js';
import { UserError, fileSystemError } from '../../src/util/user-error.js';
import { REPO, pamphleteer } from './helpers.js';

describe('one error model', () => {
  it('an imposition error is a UserError: its message alone, exit code 1', () => {
    const err = new ImposeError('empty-pdf', 'empty PDF: it has no pages');
    expect(err).toBeInstanceOf(UserError);
    expect(err.code).toBe('empty-pdf');
    expect(describeError(err, false)).toEqual({ text: 'error: empty PDF: it has no pages', exitCode: EXIT.input });
  });

  it('file-system errors name the path and the problem; unknown ones stay bugs', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    expect(fileSystemError(enoent, 'dist').message).toBe('dist: does not exist (or is a broken link) (ENOENT).');
    const odd = Object.assign(new Error('odd'), { code: 'EWHATEVER' });
    expect(() => fileSystemError(odd, 'dist')).toThrow(odd);
  });

  it('a config file that is a folder: the same words as any other file, through the real command', async () => {
    const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-errors-')), 'project');
    fs.cpSync(path.join(REPO, 'tests/fixtures/multi-file/manuscript'), path.join(root, 'manuscript'), {
      recursive: true,
    });
    fs.mkdirSync(path.join(root, 'pamphleteer.config.json'));
    const result = await pamphleteer(['check', '--no-epubcheck'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('error: pamphleteer.config.json: is a folder where a file is needed (EISDIR).');
    const build = await pamphleteer(['build', '--only', 'epub'], { cwd: root });
    expect(build.code).toBe(1);
    expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
  });
});
