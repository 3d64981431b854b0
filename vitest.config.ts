import { defineConfig } from 'vitest/config';

/**
 * The pure tests: the Book model and diagnostics fixtures, the imposition planner, units, language,
 * the print HTML, the PDF information update. No browser, no EPUBCheck or poppler, no child process, no
 * EPUB or PDF written.
 * `npm run test:unit` runs only these, in seconds, for the inner loop; `npm test` runs everything.
 */
const UNIT = [
  'tests/book/**/*.test.ts',
  'tests/docs.test.ts',
  'tests/impose/plan.test.ts',
  'tests/impose/schemes.test.ts',
  'tests/press/units.test.ts',
  'tests/impose/units-preview.test.ts',
  'tests/lang/units.test.ts',
  'tests/lang/labels.test.ts',
  'tests/lang/punctuation.test.ts',
  'tests/lang/text-anchors.test.ts',
  'tests/lang/font-names.test.ts',
  'tests/print/links-notes-html.test.ts',
  'tests/import/units.test.ts',
  'tests/print/pdf-info.test.ts',
  'tests/print/word-check.test.ts',
];

export default defineConfig({
  test: {
    // Real Chromium, EPUBCheck and poppler run in the integration tests: give them time, and do not
    // run more browser-heavy files at once than this 2-core machine can carry.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      { extends: true, test: { name: 'integration', include: ['tests/**/*.test.ts'], exclude: UNIT } },
    ],
  },
});
