/**
 * Importing into an existing project, several documents into one book, and a style map: through
 * the real commands (`init`, `import`, `build --only epub`).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  InsertedTextRun,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/seed.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { pamphleteer } from '../cli/helpers.js';
import { epubText, runImport } from './outputs.js';

const tempDir = tempDirs();

async function epigraphDocx(): Promise<Buffer> {
  const doc = new Document({
    title: 'With an Epigraph',
    styles: { paragraphStyles: [{ id: 'Epigraph', name: 'Epigraph', basedOn: 'Normal', run: { italics: true } }] },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Nobody rings the bell twice in this harbour.', style: 'Epigraph' }),
          new Paragraph('The text itself begins here and runs on for a while.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('import into a project', () => {
  it('--help lists the options with examples', async () => {
    const help = await pamphleteer(['import', '--help']);
    expect(help.code).toBe(0);
    for (const text of ['--into <dir>', '--style-map <file>', 'Examples:', 'pamphleteer import essay.docx'])
      expect(help.stdout).toContain(text);
  });

  it('adds files after the existing ones, each document’s title as its heading, the front matter untouched', async () => {
    const work = tempDir('pamphleteer-import-project-');
    expect((await pamphleteer(['init', 'zine'], { cwd: work })).code).toBe(0);
    const root = path.join(work, 'zine');
    const before = fs.readFileSync(path.join(root, 'manuscript/01-pamphlet.md'), 'utf8');
    fs.cpSync(path.join(FIXTURES, 'import-web-aside'), path.join(work, 'aside'), { recursive: true });
    fs.writeFileSync(path.join(work, 'epigraph.docx'), await epigraphDocx());
    const imported = await runImport(['aside/cantine.html', 'epigraph.docx', '--into', 'zine'], work);
    expect(imported.code, imported.stderr).toBe(0);
    expect(fs.readdirSync(path.join(root, 'manuscript')).sort()).toEqual([
      '01-pamphlet.md',
      '02-la-cantine-du-quai.md',
      '03-with-an-epigraph.md',
    ]);
    expect(fs.readFileSync(path.join(root, 'manuscript/01-pamphlet.md'), 'utf8')).toBe(before);
    const cantine = fs.readFileSync(path.join(root, 'manuscript/02-la-cantine-du-quai.md'), 'utf8');
    expect(cantine).toMatch(/^## La cantine du quai\n\nLa cantine ouvrit/);
    expect(cantine).toContain('\n### Les cuisiniers\n');
    expect(imported.stdout).toContain('The project’s front matter was left as it was.');
    expect(imported.stdout).toContain(
      'paragraphs in the style “Epigraph” read as plain text (map it with --style-map)',
    );

    const again = await runImport(['epigraph.docx', '--into', 'zine'], work);
    expect(again.code, again.stderr).toBe(0);
    expect(fs.existsSync(path.join(root, 'manuscript/04-with-an-epigraph.md'))).toBe(true);

    const built = await pamphleteer(['build', '.', '--quiet', '--only', 'epub'], { cwd: root });
    expect(built.code, built.stderr).toBe(0);
    const text = await epubText(
      path.join(root, 'dist', fs.readdirSync(path.join(root, 'dist')).find((f) => f.endsWith('.epub'))!),
    );
    expect(text).toContain('La cantine du quai');
    expect(text).toContain('Le bail précaire fut renouvelé');
  });

  it('--style-map maps a Word style: the epigraph becomes a block quote', async () => {
    const work = tempDir('pamphleteer-import-style-map-');
    fs.writeFileSync(path.join(work, 'epigraph.docx'), await epigraphDocx());
    fs.writeFileSync(
      path.join(work, 'styles.txt'),
      "# Word style → HTML\np[style-name='Epigraph'] => blockquote > p:fresh\n",
    );
    const imported = await runImport(['epigraph.docx', '--style-map', 'styles.txt'], work);
    expect(imported.code, imported.stderr).toBe(0);
    const text = fs.readFileSync(path.join(work, 'epigraph/manuscript/01-with-an-epigraph.md'), 'utf8');
    expect(text).toContain('\n> Nobody rings the bell twice in this harbour.\n');
    expect(imported.stdout).not.toContain('style “Epigraph”');
  });

  it('an image name already in the project: the imported one takes another name, and its reference follows', async () => {
    const work = tempDir('pamphleteer-import-image-names-');
    fs.cpSync(path.join(FIXTURES, 'import-web-sup-list'), path.join(work, 'page'), { recursive: true });
    const images = path.join(work, 'zine/manuscript/images');
    fs.mkdirSync(images, { recursive: true });
    fs.writeFileSync(path.join(work, 'zine/manuscript/01-start.md'), '---\ntitle: Start\n---\n\nText.\n');
    fs.writeFileSync(path.join(images, 'harbour-1.png'), 'not touched');
    const imported = await runImport(['page/harbour.html', '--into', 'zine'], work);
    expect(imported.code, imported.stderr).toBe(0);
    expect(fs.readFileSync(path.join(images, 'harbour-1.png'), 'utf8')).toBe('not touched');
    expect(fs.readdirSync(images).sort()).toEqual(['harbour-1-2.png', 'harbour-1.png']);
    const text = fs.readFileSync(path.join(work, 'zine/manuscript/02-the-harbour-ledger.md'), 'utf8');
    expect(text).toContain('](images/harbour-1-2.png)');
  });

  it('comments and tracked changes: read as if the changes were accepted, the comments left out, both reported', async () => {
    const work = tempDir('pamphleteer-import-changes-');
    const change = { author: 'Editor', date: '2024-01-02T10:00:00Z' };
    const doc = new Document({
      title: 'Edited Copy',
      comments: {
        children: [{ id: 0, author: 'Editor', children: [new Paragraph('Check this claim with the archive.')] }],
      },
      sections: [
        {
          children: [
            new Paragraph({
              children: [
                new TextRun('The committee met '),
                new DeletedTextRun({ ...change, id: 1, text: 'every other Tuesday' }),
                new InsertedTextRun({ ...change, id: 2, text: 'every Thursday' }),
                new TextRun(' in the back room. '),
                new CommentRangeStart(0),
                new TextRun('Forty members came.'),
                new CommentRangeEnd(0),
                new TextRun({ children: [new CommentReference(0)] }),
              ],
            }),
          ],
        },
      ],
    });
    fs.writeFileSync(path.join(work, 'edited.docx'), await Packer.toBuffer(doc));
    const imported = await runImport(['edited.docx'], work);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('dropped: 1 comment\n');
    expect(imported.stdout).toContain(
      'dropped: tracked changes, read as if accepted: 1 insertion kept, 1 deletion left out',
    );
    const text = fs.readFileSync(path.join(work, 'edited/manuscript/01-edited-copy.md'), 'utf8');
    expect(text).toContain('The committee met every Thursday in the back room. Forty members came.');
    expect(text).not.toMatch(/Tuesday|archive/);
  });
});
