/**
 * Saved web pages, one per note shape, through the real commands: `pamphleteer import page.html`
 * then `pamphleteer build`. Every word of the article reaches the EPUB and the PDF, every note sits
 * at the foot of its call's page, and what is not the article (navigation, comments, scripts) stays
 * out. The expected words are read from the fixture here, independently of the importer.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Element, Parent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/seed.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { haveTools } from '../print/pdf-text.js';
import { build, expectEveryWordAndNote, runImport, sourceText } from './outputs.js';

const tempDir = tempDirs();
haveTools('pdftotext', 'pandoc');

/** The article's text (minus `drop`) and each note's text, from the page as a person reads it. */
function articleOf(html: string, isArticle: (el: Element) => boolean, isNote: (el: Element) => boolean) {
  const tree = fromHtml(html);
  const notes: string[] = [];
  let article: Element | undefined;
  const walk = (parent: Parent) => {
    parent.children = parent.children.filter((c) => {
      if (c.type !== 'element') return true;
      if (isNote(c)) {
        notes.push(textOf(c));
        return false;
      }
      if (!article && isArticle(c)) article = c;
      walk(c);
      return true;
    });
  };
  walk(tree as Root);
  // The notes list's own title goes with it.
  const body = textOf(article!).replace(/\bNotes\b\s*$/, '');
  return { body, notes };
}

/** Text with a space between elements, so two paragraphs never run into one word. */
function textOf(node: Parent | Element): string {
  return node.children
    .map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? ` ${textOf(c)} ` : ''))
    .join('');
}

const id = (el: Element) => String(el.properties.id ?? '');

const PAGES = [
  {
    shape: 'superscript links to a numbered list, with navigation, comments, scripts and images',
    dir: 'import-web-sup-list',
    file: 'harbour.html',
    isArticle: (el: Element) => el.tagName === 'article',
    isNote: (el: Element) => el.tagName === 'li' && /^fn\d/.test(id(el)),
    absent: ['Sidebar headline', 'Alasdair', 'Subscribe', 'Donate', 'dataLayer', 'onclick', 'track('],
  },
  {
    shape: 'WordPress footnotes (wp-block-footnotes)',
    dir: 'import-web-wordpress',
    file: 'genossenschaft.html',
    isArticle: (el: Element) => String(el.properties.className ?? '').includes('entry-content'),
    isNote: (el: Element) => el.tagName === 'li' && /^[0-9a-f]{8}-/.test(id(el)),
    absent: ['Sauerteig', 'Termine', 'WordPress', '_wpemojiSettings', '↩'],
  },
  {
    shape: 'asides with role="doc-footnote", one of two paragraphs',
    dir: 'import-web-aside',
    file: 'cantine.html',
    isArticle: (el: Element) => el.tagName === 'article',
    isNote: (el: Element) => el.tagName === 'aside',
    absent: [],
  },
];

describe('import a saved web page, then build it', () => {
  for (const page of PAGES) {
    it(`${page.shape}: every word in the EPUB and PDF, each note on its call's page`, async () => {
      const work = tempDir('pamphleteer-import-web-');
      fs.cpSync(path.join(FIXTURES, page.dir), path.join(work, 'page'), { recursive: true });
      const input = path.join(work, 'page', page.file);
      const imported = await runImport([input, '--into', 'book'], work);
      expect(imported.code, imported.stderr).toBe(0);
      const root = path.join(work, 'book');
      const markdown = fs
        .readdirSync(path.join(root, 'manuscript'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => fs.readFileSync(path.join(root, 'manuscript', f), 'utf8'))
        .join('\n');
      for (const text of page.absent) expect(markdown).not.toContain(text);
      const { body, notes } = articleOf(fs.readFileSync(input, 'utf8'), page.isArticle, page.isNote);
      expect(imported.stdout).toContain(`${notes.length} notes`);
      await expectEveryWordAndNote(sourceText(body, notes), await build(root));
    });
  }

  it('a page written by pandoc (section.footnotes, doc-noteref links), Spanish, two notes in one paragraph', async () => {
    const work = tempDir('pamphleteer-import-pandoc-html-');
    const markdown = [
      '---',
      'title: El comedor del barrio',
      'author: Inés Robles',
      'lang: es',
      '---',
      '',
      'El comedor abrió en una nave que había sido taller de bicicletas, con mesas prestadas por la',
      'parroquia y una cocina que nadie sabía encender.[^a] Durante el primer mes comían allí unas',
      'treinta personas al día; al final del año eran más de cien.[^b]',
      '',
      '## Quién cocina',
      '',
      'Cocinaban por turnos de tres, una semana cada turno, y el turno decidía el menú con lo que',
      'llegaba del mercado.[^c] Nadie cobraba y nadie mandaba.',
      '',
      '[^a]: La cocina era de leña y tenía más años que el barrio.',
      '[^b]: Según las cuentas de la asamblea, escritas a mano en un cuaderno escolar.',
      '[^c]: El mercado entregaba lo que no había vendido el sábado.',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(work, 'comedor.md'), markdown);
    execFileSync('pandoc', ['comedor.md', '-s', '-o', 'comedor.html'], { cwd: work });
    const html = fs.readFileSync(path.join(work, 'comedor.html'), 'utf8');
    expect(html).toMatch(/class="footnote-ref"/);
    const imported = await runImport(['comedor.html'], work);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/3 notes \(pandoc footnotes\)/);
    const { body, notes } = articleOf(
      html,
      (el) => el.tagName === 'body',
      (el) => el.tagName === 'li' && /^fn\d/.test(id(el)),
    );
    await expectEveryWordAndNote(sourceText(body, notes), await build(path.join(work, 'comedor')));
  });
});
