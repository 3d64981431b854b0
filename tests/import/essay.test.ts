/**
 * "Fading Color" as it was first published: a web article whose 14 notes are superscript links to a
 * numbered list at the end. The page is made here from the essay exactly as received (the seed), with
 * a site's navigation, byline, share buttons and comments around it; `pamphleteer import` must give
 * the same 14 notes at the same calls as manuscript/fading-color.md, every word of it, and a build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../src/book/load-book.js';
import { escapeHtml } from '../../src/util/escape-html.js';
import { REPO, SEED_FILE, readSeed } from '../helpers/seed.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { expectedText, haveTools, tokens } from '../print/pdf-text.js';
import { build, config, expectEveryWordAndNote, runImport, sourceText } from './outputs.js';

const tempDir = tempDirs();
haveTools('pdftotext');

/** The essay as a web page shaped like its original: `<sup><a href="#fn1">1</a></sup>` calls, an `<ol>` of notes. */
function essayPage(): string {
  const seed = readSeed();
  const lines = fs
    .readFileSync(SEED_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trimEnd());
  const firstNote = lines.findIndex((l) => /^ {2}1\. /.test(l));
  const blocks = lines.slice(0, firstNote).filter((l) => l.trim() !== '');
  const body = blocks.map((block, index) => {
    let html = escapeHtml(block.trim());
    for (const ref of seed.refs.filter((r) => r.paragraph === index)) {
      const glued = escapeHtml(`${ref.before}${ref.number}`);
      const call = `<sup><a href="#fn${ref.number}" id="fnref${ref.number}">${ref.number}</a></sup>`;
      html = html.replace(glued, `${escapeHtml(ref.before)}${call}`);
    }
    // A heading is a short line that does not end a sentence.
    const heading = block.split(/\s+/).length < 20 && !/[.!?:]["”’)]?$/.test(block.trim());
    return heading ? `<h2>${html}</h2>` : `<p>${html}</p>`;
  });
  const notes = seed.notes.map(
    (note, i) => `<li id="fn${i + 1}">${escapeHtml(note)} <a href="#fnref${i + 1}" class="back">↩</a></li>`,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Fading Color | Notes from Below</title>
<meta property="og:title" content="Fading Color">
<meta property="og:site_name" content="Notes from Below">
<meta name="author" content="J. Malco">
<meta property="article:published_time" content="2020-06-01T09:00:00+00:00">
<script>var analytics = true;</script>
</head>
<body>
<header><nav><a href="/">Notes from Below</a> <a href="/issues">Issues</a> <a href="/subscribe">Subscribe</a></nav></header>
<main>
<article>
<h1>Fading Color</h1>
${body.join('\n')}
<h3>Notes</h3>
<ol>
${notes.join('\n')}
</ol>
</article>
<div class="share"><a href="https://twitter.example.invalid/share">Share on Twitter</a> <a href="https://facebook.example.invalid/share">Share on Facebook</a></div>
<section class="comments"><h3>Comments</h3><p>A reader’s comment about the election that does not belong in the pamphlet.</p></section>
</main>
<footer><p>Notes from Below is a socialist journal.</p></footer>
</body>
</html>
`;
}

describe('the essay from its web article', () => {
  it('gives the same 14 notes at the same calls as manuscript/fading-color.md, every word, and builds', async () => {
    const work = tempDir('pamphleteer-import-essay-');
    fs.writeFileSync(path.join(work, 'fading-color.html'), essayPage());
    const imported = await runImport(['fading-color.html', '--into', 'essay'], work);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('14 notes (superscript links to a numbered list)');
    const root = path.join(work, 'essay');

    const ours = loadBook(root, config).book;
    const original = loadBook(REPO, config).book;
    expect(ours.metadata.title).toBe('Fading Color');
    expect(ours.metadata.authors).toEqual(original.metadata.authors);
    expect(ours.notes.map((n) => tokens(n.text))).toEqual(original.notes.map((n) => tokens(n.text)));
    const mine = expectedText(ours);
    const theirs = expectedText(original);
    expect(mine.body).toEqual(theirs.body);
    expect([...mine.callAfter]).toEqual([...theirs.callAfter]);
    expect(ours.chapters.map((c) => c.title)).toEqual(original.chapters.map((c) => c.title));

    const markdown = fs
      .readdirSync(path.join(root, 'manuscript'))
      .map((f) => fs.readFileSync(path.join(root, 'manuscript', f), 'utf8'))
      .join('\n');
    expect(markdown).not.toMatch(/Share on|reader’s comment|analytics|socialist journal|Subscribe/);

    const seed = readSeed();
    await expectEveryWordAndNote(sourceText(seed.paragraphs.join(' '), seed.notes), await build(root));
  });
});
