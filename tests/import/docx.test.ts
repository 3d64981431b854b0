/**
 * Word documents made by other tools, through the real commands: `pamphleteer import x.docx` then
 * `pamphleteer build`. pandoc writes one from Markdown (footnotes, a table, an image, headings, its
 * Title and Author styles); the `docx` package writes one with footnotes and endnotes both. Every
 * word reaches the EPUB and the PDF, and each note sits at the foot of its call's page.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import { haveTools } from '../print/pdf-text.js';
import { IMAGE, generateModel, modelDocx, modelMarkdown, modelText } from './documents.js';
import { build, expectEveryWordAndNote, runImport, sourceText } from './outputs.js';

const tempDir = tempDirs();
haveTools('pdftotext', 'pandoc');

const PORTUGUESE =
  'a cooperativa do porto guardava o livro de contas num armário por cima do sótão das redes durante onze ' +
  'invernos ninguém além do tesoureiro o abriu quando vieram os cortes de quota os sócios pediram para o ver ' +
  'trinta e dois barcos pagavam para o fundo comum gasóleo gelo dividendo verão lápis reunião cozinha cadeiras';
const ENGLISH =
  'the harbour ledger boats paid into common fund diesel ice plant dividend midsummer pencil shortfall meeting ' +
  'kitchen chairs minutes quay froze crew committee loans treasurer quietly emptied kindness rule book read aloud';

describe('import a Word document, then build it', () => {
  it('written by pandoc: Title and Author styles, headings, footnotes, a table and an image (Portuguese)', async () => {
    const work = tempDir('pamphleteer-import-pandoc-docx-');
    const model = generateModel({
      title: 'O Livro do Porto',
      author: 'Ana Lima',
      lang: 'pt-BR',
      vocabulary: PORTUGUESE.split(' '),
      headings: ['O primeiro inverno', 'As contas', 'O que ficou'],
      paragraphs: 5,
      endnotes: false,
      seed: 11,
    });
    fs.writeFileSync(path.join(work, 'livro.md'), modelMarkdown(model));
    fs.copyFileSync(IMAGE, path.join(work, 'meeting.png'));
    execFileSync('pandoc', ['livro.md', '-o', 'livro.docx'], { cwd: work });
    const imported = await runImport(['livro.docx', '--into', 'livro'], work);
    expect(imported.code, imported.stderr).toBe(0);
    const root = path.join(work, 'livro');
    const first = fs.readdirSync(path.join(root, 'manuscript')).find((f) => f.startsWith('01-'))!;
    const text = fs.readFileSync(path.join(root, 'manuscript', first), 'utf8');
    expect(text).toMatch(/^---\ntitle: "O Livro do Porto"\nauthor: "Ana Lima"\nlang: "pt-BR"\n---/);
    expect(fs.readdirSync(path.join(root, 'manuscript/images'))).toEqual(['livro-1.png']);
    const { body, notes } = modelText(model);
    expect(imported.stdout).toContain(`${notes.length} notes (${notes.length} footnotes and 0 endnotes`);
    await expectEveryWordAndNote(sourceText(body, notes), await build(root));
  });

  it('written by the docx package: footnotes and endnotes mixed, one numbering in call order', async () => {
    const work = tempDir('pamphleteer-import-docx-package-');
    const model = generateModel({
      title: 'The Tide Tables',
      author: 'Rhona Bell',
      lang: 'en',
      vocabulary: ENGLISH.split(' '),
      headings: ['Winter', 'Spring', 'Summer', 'Autumn'],
      paragraphs: 4,
      endnotes: true,
      seed: 7,
    });
    fs.writeFileSync(path.join(work, 'tides.docx'), await modelDocx(model));
    const imported = await runImport(['tides.docx'], work);
    expect(imported.code, imported.stderr).toBe(0);
    const { body, notes } = modelText(model);
    const endnotes = model.sections
      .flatMap((s) => s.paragraphs.flat())
      .filter((s) => typeof s !== 'string' && s.kind === 'endnote');
    expect(endnotes.length).toBeGreaterThan(0);
    expect(imported.stdout).toContain(
      `${notes.length} notes (${notes.length - endnotes.length} footnotes and ${endnotes.length} endnotes`,
    );
    await expectEveryWordAndNote(sourceText(body, notes), await build(path.join(work, 'tides')));
  });
});
