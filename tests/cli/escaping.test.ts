// Front matter with markup, quotes and backslashes, raw HTML naming outside URLs, an image in a note
// and a note in link text: one real build, read back from the PDF text and the EPUB's XML.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, parseXml } from '../epub/helpers.js';
import { FIXTURES } from '../helpers/seed.js';
import { pageTexts } from '../print/pdf-text.js';
import { pamphleteer, type RunResult } from './helpers.js';

const TITLE = `</style><b>INJECTED</b><img src=x><script>document.title="RAN"</script> "quoted" back\\slash 'single'`;
const AUTHOR = `A. <i>Writer</i> & "Co" \\ </title>`;
// As the book shows them: the front matter gets curly quotation marks, as the text does.
const TITLE_SHOWN = `</style><b>INJECTED</b><img src=x><script>document.title=“RAN”</script> “quoted” back\\slash ‘single’`;
const AUTHOR_SHOWN = `A. <i>Writer</i> & “Co” \\ </title>`;

const MANUSCRIPT = `---
title: '${TITLE.replace(/'/g, "''")}'
subtitle: "</p><script>alert(1)</script>"
author: '${AUTHOR}'
publisher: ']]></dc:publisher><dc:rights>INJECTED-XML</dc:rights><dc:publisher>'
description: "A description with a control character\\x01 and </style>"
rights: '<!-- comment --> & rights'
---

An opening paragraph with a [link that has a note[^link] in its text](https://example.com/).

A note holding a picture of the project.[^picture]

<picture><source srcset="https://example.com/big.png 2x"><img src="picture.png" alt="a local picture" longdesc="https://example.com/long"></picture>

<blockquote cite="https://example.com/source"><p>A quotation from elsewhere.</p></blockquote>

[^link]: The note called from inside the link text.

[^picture]: The note's picture: ![the picture in a note](note-picture.png)
`;

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-escaping-'));
const root = path.join(temp, 'project');
let build: RunResult;
let epub: JSZip;
let epubPath: string;
let pdfPath: string;

beforeAll(async () => {
  fs.mkdirSync(path.join(root, 'manuscript'), { recursive: true });
  fs.writeFileSync(path.join(root, 'manuscript/text.md'), MANUSCRIPT);
  for (const name of ['picture.png', 'note-picture.png'])
    fs.copyFileSync(path.join(FIXTURES, 'epub-cover/manuscript/cover.png'), path.join(root, 'manuscript', name));
  build = await pamphleteer(['build', '--only', 'epub,pdf', '--json'], { cwd: root });
  const outputs =
    build.code === 0 ? (JSON.parse(build.stdout).projects[0].outputs as { kind: string; path: string }[]) : [];
  epubPath = outputs.find((o) => o.kind === 'epub')?.path ?? '';
  pdfPath = outputs.find((o) => o.kind === 'pdf')?.path ?? '';
  if (epubPath) epub = await JSZip.loadAsync(fs.readFileSync(epubPath));
});
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

async function entries(pattern: RegExp): Promise<[string, string][]> {
  const names = Object.keys(epub.files).filter((n) => pattern.test(n));
  return Promise.all(names.map(async (n): Promise<[string, string]> => [n, await epub.file(n)!.async('string')]));
}

describe('metadata is escaped for HTML, CSS and XML', () => {
  it('builds', () => {
    expect(build.code, build.stderr).toBe(0);
  });

  it('the PDF prints the title as text wherever it appears, markup included, and lays out none of it', () => {
    const text = pageTexts(pdfPath).join('\n');
    // Covers, title page, opening, colophon and running heads: every time as the literal title, tags as
    // text (the covers wrap the title into lines, so spaces may stand between its characters).
    const flowing = text.replace(/\s+/g, ' ');
    const contexts = [...flowing.matchAll(/INJECTED/g)].map((m) =>
      flowing.slice(Math.max(0, m.index! - 12), m.index! + 20),
    );
    expect(contexts.length).toBeGreaterThanOrEqual(3);
    for (const context of contexts) expect(context).toMatch(/<\s*b\s*>\s*INJECTED\s*<\s*\/\s*b|INJECTED-\s*XML/i);
    expect(text).toContain('<script>document.title=“RAN”</script>');
    expect(text).toContain('back\\slash');
    expect(text).toContain(AUTHOR_SHOWN);
    expect(text).not.toContain('INJECTED-XML\n');
  });

  it('the running head (a CSS content string) shows the title with its quotation marks and backslash', () => {
    const pages = pageTexts(pdfPath);
    const headed = pages.filter((p) => p.split('\n').slice(0, 3).join(' ').includes('<b>INJECTED</b>'));
    expect(headed.length).toBeGreaterThan(0);
    expect(headed.some((p) => p.includes('“quoted” back\\slash'))).toBe(true);
  });

  it('the EPUB package keeps each value as text, exactly', async () => {
    const [[, opf]] = await entries(/\.opf$/);
    const doc = parseXml(opf);
    const dc = (name: string) =>
      Array.from(doc.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', name)).map((e) => e.textContent);
    expect(dc('title')).toContain(TITLE_SHOWN);
    expect(dc('creator')).toEqual([AUTHOR_SHOWN]);
    expect(dc('publisher')).toEqual([']]></dc:publisher><dc:rights>INJECTED-XML</dc:rights><dc:publisher>']);
    expect(dc('rights')).toEqual(['<!-- comment --> & rights']);
    // The control character is dropped (XML cannot hold it); the rest stays.
    expect(dc('description')).toEqual(['A description with a control character and </style>']);
  });

  it('no script and no markup from metadata in any XHTML file; EPUBCheck finds nothing', async () => {
    for (const [name, xhtml] of await entries(/\.(xhtml|ncx)$/)) {
      const doc = parseXml(xhtml);
      expect(doc.getElementsByTagName('script').length, name).toBe(0);
      for (const b of Array.from(doc.getElementsByTagName('b'))) expect(b.textContent, name).not.toBe('INJECTED');
    }
    const report = await epubcheck(epubPath);
    expect(report.messages).toEqual([]);
  });
});

describe('raw HTML naming outside URLs, images in notes, notes in links', () => {
  it('no srcset, <source>, longdesc or cite reaches the EPUB; the link stays', async () => {
    const chapters = (await entries(/chapter.*\.xhtml$/)).map(([, x]) => x).join('\n');
    expect(chapters).not.toMatch(/srcset|<source|longdesc|cite=|example\.com\/(big|long|source)/i);
    expect(chapters).toContain('href="https://example.com/"');
  });

  it('an image in a note is packaged in the EPUB and printed in the PDF', async () => {
    const images = Object.keys(epub.files).filter((n) => /images\/image-\d+\.png$/.test(n));
    expect(images).toHaveLength(2);
    const chapters = (await entries(/chapter.*\.xhtml$/)).map(([, x]) => x).join('\n');
    const aside = /<aside[^>]*id="fn-2"[\s\S]*?<\/aside>/.exec(chapters)?.[0] ?? '';
    expect(aside).toMatch(/<img [^>]*src="images\/image-\d+\.png"/);
    const list = execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(list.length).toBeGreaterThanOrEqual(2);
  });

  it('a note called in link text is called right after the link: no link inside a link', async () => {
    const chapters = (await entries(/chapter.*\.xhtml$/)).map(([, x]) => x).join('\n');
    expect(chapters).toMatch(/in its text<\/a><sup><a [^>]*epub:type="noteref"[^>]*>1<\/a><\/sup>/);
    expect(pageTexts(pdfPath).join('\n')).toContain('The note called from inside the link text.');
  });
});
