// A paragraph whose Knuth–Plass lines the browser would still wrap goes back to the browser whole, as
// a copy made while its notes were measured at the page foot: each note must return to the copy's
// place. Here the opening paragraph of a British English text (its first line set in capitals) is
// such a paragraph; before, its note was left out of the page and the word check refused the build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pamphleteer } from '../cli/helpers.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs();

const MANUSCRIPT = `---
title: "The Harbour Ledger"
author: "Morag Quayle"
lang: "en-GB"
---

The harbour co-operative kept its ledger in a cupboard above the net loft, and for eleven winters nobody but the
treasurer opened it.[^1] When the quota cuts came, the members asked to see it, and what they found there changed how
they ran the place.

Second paragraph here with some more words to fill a line or two of running text on the page.

[^1]: The treasurer, Ewan Skene, held the post from 1998 until his death in 2009.
`;

describe('notes of a paragraph given back to the browser', () => {
  it('are printed at the page foot, every word', async () => {
    const root = tempDir('pamphleteer-notes-restored-');
    fs.mkdirSync(path.join(root, 'manuscript'));
    fs.writeFileSync(path.join(root, 'manuscript', 'ledger.md'), MANUSCRIPT);
    const built = await pamphleteer(['build', '--only', 'pdf'], { cwd: root });
    expect(built.code, built.stderr).toBe(0);
    const text = execFileSync('pdftotext', [path.join(root, 'dist', 'the-harbour-ledger.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text.replace(/\s+/g, ' ')).toContain(
      'The treasurer, Ewan Skene, held the post from 1998 until his death in 2009.',
    );
  });
});
