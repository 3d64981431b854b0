// Command-line conventions through the real command: a folder that is not a project is refused
// (catalogues need --all), -o names a file when one output is asked for, impose takes its output
// as a second argument, counts are singular when they are one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { REPO, pamphleteer, snapshot } from './helpers.js';

/** A folder holding two small projects (the multi-file fixture, twice), as a shared folder might. */
function sharedFolder(): string {
  const shared = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-shared-')));
  for (const name of ['alpha', 'beta'])
    fs.cpSync(path.join(REPO, 'tests/fixtures/multi-file'), path.join(shared, name), { recursive: true });
  fs.writeFileSync(path.join(shared, 'notes.txt'), 'not a project\n');
  return shared;
}

async function pdfOfPages(pages: number, size: [number, number]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage(size).drawText(`page ${i + 1}`, { x: 20, y: 20, size: 12 });
  return doc.save();
}

describe('build in a folder that is not a project', () => {
  it('refuses with "no manuscript/ here", exit 1, and writes nothing, even with project folders below', async () => {
    const shared = sharedFolder();
    const before = snapshot(shared);
    const result = await pamphleteer(['build', '--only', 'epub'], { cwd: shared });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: this folder: no manuscript\/ here .*not a pamphlet project\. It holds 2 project folders \(alpha, beta\): to build them all, run pamphleteer build --all \./,
    );
    expect(snapshot(shared)).toEqual(before);

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-empty-'));
    const none = await pamphleteer(['build', empty]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no manuscript\/ here .* Start one with pamphleteer init/);
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('builds every project folder inside with --all, each named by its folder', async () => {
    const shared = sharedFolder();
    const result = await pamphleteer(['build', '--all', '--only', 'epub'], { cwd: shared });
    expect(result.code, result.stderr).toBe(0);
    for (const name of ['alpha', 'beta'])
      expect(fs.readdirSync(path.join(shared, name, 'dist')).filter((f) => f.endsWith('.epub'))).toHaveLength(1);
    expect(result.stdout).toMatch(/^alpha: Parse manuscript/m);
    expect(result.stdout).toMatch(/2 of 2 pamphlets built/);
    const lonely = await pamphleteer(['build', '--all'], {
      cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-empty-')),
    });
    expect(lonely.code).toBe(1);
    expect(lonely.stderr).toMatch(/no project folders inside/);
  });
});

describe('-o names a file when one output is asked for', () => {
  it('build --only epub -o book.epub writes that file; -o book.epub for several outputs is refused', async () => {
    const root = path.join(sharedFolder(), 'alpha');
    const result = await pamphleteer(['build', '--only', 'epub', '-o', 'out/book.epub'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(fs.statSync(path.join(root, 'out/book.epub')).isFile()).toBe(true);
    expect(fs.readdirSync(path.join(root, 'out'))).toEqual(['book.epub']);
    expect(result.stdout).toMatch(/EPUB\s+out\/book\.epub\s+\d+ KB\s+4 chapters/);

    const several = await pamphleteer(['build', '-o', 'book.epub'], { cwd: root });
    expect(several.code).toBe(1);
    expect(several.stderr).toMatch(/-o book\.epub names a file, but a build makes several outputs: add --only epub/);
    const wrongKind = await pamphleteer(['build', '--only', 'pdf', '-o', 'book.epub'], { cwd: root });
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toMatch(/the pdf output is a \.pdf file/);
    expect(fs.existsSync(path.join(root, 'book.epub'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('check names the project by its folder, with singular counts', async () => {
    const root = path.join(sharedFolder(), 'alpha');
    const result = await pamphleteer(['check', '--no-epubcheck'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^alpha: ok: “.+”, 4 chapters, \d+ notes?, [\d,]+ words(, [\d,]+ of them in notes)?\n/,
    );
  });
});

describe('a single # heading above the ## sections', () => {
  it('is a warning at that heading; the check still passes', async () => {
    const root = path.join(REPO, 'tests/fixtures/diag-single-top-heading');
    const result = await pamphleteer(['check', root, '--no-epubcheck']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /manuscript\/text\.md:5:1: warning: The only "#" heading makes the 2 "##" sections below it subsections of one chapter\. .* \[single-top-heading\]/,
    );
    expect(result.stdout).toMatch(/1 chapter, 0 notes, .* 1 warning/);
  });
});

describe('impose takes the output as a second argument', () => {
  it('impose in.pdf out.pdf, and "1 sheet" for one sheet', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-impose-'));
    fs.writeFileSync(path.join(dir, 'in.pdf'), await pdfOfPages(4, [396, 612]));
    const result = await pamphleteer(['impose', 'in.pdf', 'out.pdf'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^out\.pdf: 1 sheet of letter \(4 pages, booklet\)/);
    expect((await PDFDocument.load(fs.readFileSync(path.join(dir, 'out.pdf')))).getPageCount()).toBe(2);

    const both = await pamphleteer(['impose', 'in.pdf', 'a.pdf', '-o', 'b.pdf'], { cwd: dir });
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/two outputs given \(a\.pdf and -o b\.pdf\); name one/);
    const none = await pamphleteer(['impose', 'in.pdf'], { cwd: dir });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/name the PDF to write: pamphleteer impose in\.pdf out\.pdf/);
    expect(fs.readdirSync(dir).sort()).toEqual(['in.pdf', 'out.pdf']);
  });

  it('warns when it shrinks the pages, and refuses a creep that would push pages off the paper', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-impose-'));
    const a5: [number, number] = [419.53, 595.28];
    fs.writeFileSync(path.join(dir, 'a5.pdf'), await pdfOfPages(16, a5));
    const quarter = await pamphleteer(['impose', 'a5.pdf', 'quarter.pdf', '--layout', 'quarter', '--sheet', 'a4'], {
      cwd: dir,
    });
    expect(quarter.code, quarter.stderr).toBe(0);
    expect(quarter.stderr).toMatch(
      /^warning: the pages are shrunk to 71 % to fit quarter on a4; for full size, choose a larger --sheet\.$/m,
    );
    const full = await pamphleteer(['impose', 'a5.pdf', 'booklet.pdf', '--sheet', 'a4'], { cwd: dir });
    expect(full.code, full.stderr).toBe(0);
    expect(full.stderr).toBe('');

    const creep = await pamphleteer(['impose', 'a5.pdf', 'creep.pdf', '--sheet', 'a4', '--creep', '5mm'], { cwd: dir });
    expect(creep.code).toBe(1);
    expect(creep.stderr).toMatch(
      /^error: creep 5mm is too large: the innermost of 4 nested sheets would move 15mm toward the spine, more than a tenth of the page width \(14\.8mm\); use 0 to 4\.93mm/,
    );
    expect(fs.existsSync(path.join(dir, 'creep.pdf'))).toBe(false);
  });
});
