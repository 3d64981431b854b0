import fs from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { configSchema } from '../../src/config/schema.js';
import { DiagnosticError, formatMessage } from '../../src/util/diagnostics.js';
import { FIXTURES } from '../helpers/seed.js';

/**
 * Each tests/fixtures/diag-<case>/ holds a manuscript/ and expected.txt: the messages, one a line,
 * as `file:line:column: severity: message [rule]`, paths relative to the case folder.
 */
const cases = fs.readdirSync(FIXTURES).filter((d) => d.startsWith('diag-'));

describe('manuscript diagnostics', () => {
  it('has fixture cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));

  for (const name of cases) {
    it(name, () => {
      const root = path.join(FIXTURES, name);
      const expected = fs.readFileSync(path.join(root, 'expected.txt'), 'utf8').trimEnd().split('\n');
      let messages: VFileMessage[];
      let failed = false;
      try {
        messages = loadBook(root, configSchema.parse({})).warnings;
      } catch (error) {
        expect(error).toBeInstanceOf(DiagnosticError);
        messages = (error as DiagnosticError).messages;
        failed = true;
      }
      expect(messages.map((m) => formatMessage(m, root))).toEqual(expected);
      // Errors stop the build; warnings alone do not.
      expect(failed).toBe(expected.some((l) => l.includes(': error: ')));
    });
  }
});
