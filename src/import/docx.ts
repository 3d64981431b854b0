import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import mammoth from 'mammoth';
import { checkImage } from './images.js';
import type { ConvertedDocument, DocumentMetadata } from './manuscript.js';
import { recognizeNotes } from './notes.js';
import { count, emptyReport, type ImportReport } from './report.js';
import { ImportRefusal, readZipEntries } from './zip-guard.js';

/**
 * How Word's paragraph styles become HTML (mammoth's style-map syntax), before mammoth's own
 * defaults (Heading 1–6, lists, bold, italic…). Title, Subtitle, Author and Date (the styles pandoc
 * and Word's templates use) become the front matter; the quotation styles become block quotes.
 */
export const DEFAULT_STYLE_MAP = [
  "p[style-name='Title'] => h1.pamphleteer-title:fresh",
  "p[style-name='Subtitle'] => p.pamphleteer-subtitle:fresh",
  "p[style-name='Author'] => p.pamphleteer-author:fresh",
  "p[style-name='Date'] => p.pamphleteer-date:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  "p[style-name='Block Quotation'] => blockquote > p:fresh",
];

/** Styles whose paragraphs are plain text paragraphs: not worth a line in the report. */
const PLAIN_STYLES = /^(First Paragraph|Body Text|Compact|Normal \(Web\)|Text Body|Default|Standard|Abstract)$/i;

/** Parts of a Word file that are not text: each one found is reported as left out. */
const UNSUPPORTED: [RegExp, string, string][] = [
  [/<m:oMath\b/g, 'equation', 'equations'],
  [/<c:chart\b/g, 'chart', 'charts'],
  [/<dgm:relIds\b/g, 'SmartArt diagram', 'SmartArt diagrams'],
  [/<o:OLEObject\b/g, 'embedded object (OLE)', 'embedded objects (OLE)'],
  [/<w:object\b/g, 'embedded object', 'embedded objects'],
];

export interface DocxOptions {
  /** Lines in mammoth's style-map syntax, tried before the defaults. */
  styleMap?: string[];
}

/**
 * A Word document (.docx, .docm) as a converted document. The archive is checked and inflated
 * within the import limits first; mammoth then reads it with no access to any other file (linked
 * images and other external relationships are listed, never read), images are kept only when their
 * bytes are a PNG, JPEG, GIF or plain SVG within the pixel limit, and macros never run.
 */
export async function convertDocx(
  bytes: Uint8Array,
  name: string,
  options: DocxOptions = {},
): Promise<ConvertedDocument> {
  const entries = readZipEntries(bytes);
  const text = (part: string) => entries.get(part)?.toString('utf8');
  const main = mainDocumentPart(entries);
  if (!main || !entries.has(main))
    throw new ImportRefusal(
      'not a Word document: the archive has no word/document.xml (is it a spreadsheet or a presentation?)',
    );
  const report = emptyReport();
  inspectParts(entries, main, report);

  const images = new Map<string, Uint8Array>();
  let imageCount = 0;
  const imageProblems: string[] = [];
  const result = await mammoth
    .convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        styleMap: [...(options.styleMap ?? []), ...DEFAULT_STYLE_MAP],
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          let data: Buffer;
          try {
            data = await image.readAsBuffer();
          } catch (err) {
            const target = /image '([^']*)'/.exec((err as Error).message)?.[1] ?? 'an external file';
            imageProblems.push(`a linked image not read (${target}): nothing outside the document is read`);
            return { src: 'pamphleteer-dropped:' };
          }
          const verdict = checkImage(data);
          if (!verdict.ok) {
            imageProblems.push(`an image: ${verdict.reason}`);
            return { src: 'pamphleteer-dropped:' };
          }
          const file = `${name}-${++imageCount}.${verdict.extension}`;
          images.set(file, data);
          return { src: `images/${file}` };
        }),
      },
    )
    .catch((err: Error) => {
      throw new ImportRefusal(`Word could not read it: ${err.message.split('\n')[0]}`);
    });
  report.dropped.push(...imageProblems);
  for (const message of result.messages) {
    const style = /^Unrecognised (paragraph|run) style: '([^']*)'/.exec(message.message);
    if (style) {
      if (!PLAIN_STYLES.test(style[2]))
        report.guesses.push(`${style[1]}s in the style “${style[2]}” read as plain text (map it with --style-map)`);
    } else if (!/external file access|Could not find image file|image '/.test(message.message))
      report.guesses.push(`Word reader: ${message.message}`);
  }

  const tree = fromHtml(result.value, { fragment: true });
  const metadata = metadataFromParts(text('docProps/core.xml'), text('word/styles.xml'));
  takeStyledMetadata(tree, metadata, report);
  const { notes, guesses } = recognizeNotes(tree);
  report.guesses.push(...guesses);
  const footnotes = (text('word/footnotes.xml')?.match(/<w:footnote\b(?![^>]*w:type=)/g) ?? []).length;
  const endnotes = (text('word/endnotes.xml')?.match(/<w:endnote\b(?![^>]*w:type=)/g) ?? []).length;
  report.imported.push(
    `${count(notes.size, 'note')} (${count(footnotes, 'footnote')} and ${count(endnotes, 'endnote')} in the document)`,
  );
  if (imageCount) report.imported.push(`${count(imageCount, 'image')} into manuscript/images/`);
  return { name, metadata, body: tree, notes, images, report };
}

function mainDocumentPart(entries: Map<string, Buffer>): string | undefined {
  const rels = entries.get('_rels/.rels')?.toString('utf8') ?? '';
  const target = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"/.exec(rels)?.[1];
  return target ?? (entries.has('word/document.xml') ? 'word/document.xml' : undefined);
}

/** What the archive holds besides text: macros, external links, entity declarations, comments, changes. */
function inspectParts(entries: Map<string, Buffer>, main: string, report: ImportReport): void {
  const names = [...entries.keys()];
  const macros = names.filter((n) => /vbaProject\.bin$|vbaData\.xml$/i.test(n));
  if (macros.length) report.dropped.push(`macros (${macros.join(', ')}): never run, not copied`);
  for (const part of names.filter((n) => n.endsWith('.rels'))) {
    const rels = entries.get(part)!.toString('utf8');
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const rel = m[0];
      if (!/TargetMode="External"/.test(rel) || /\/hyperlink"/.test(rel)) continue;
      const type = /Type="[^"]*\/([^"/]+)"/.exec(rel)?.[1] ?? 'file';
      const target = /Target="([^"]*)"/.exec(rel)?.[1] ?? '';
      report.dropped.push(`an external ${type} (${target}): not fetched or read`);
    }
  }
  for (const part of names.filter((n) => n.endsWith('.xml'))) {
    if (/<!DOCTYPE|<!ENTITY/.test(entries.get(part)!.toString('utf8', 0, 4096)))
      report.dropped.push(`XML entity declarations in ${part}: never resolved (nothing they name is read)`);
  }
  const comments = (
    entries
      .get('word/comments.xml')
      ?.toString('utf8')
      .match(/<w:comment\b/g) ?? []
  ).length;
  if (comments) report.dropped.push(count(comments, 'comment'));
  const document = entries.get(main)!.toString('utf8');
  const insertions = (document.match(/<w:ins\b/g) ?? []).length;
  const deletions = (document.match(/<w:del\b/g) ?? []).length;
  if (insertions || deletions)
    report.dropped.push(
      `tracked changes, read as if accepted: ${count(insertions, 'insertion')} kept, ` +
        `${count(deletions, 'deletion')} left out`,
    );
  for (const [pattern, one, many] of UNSUPPORTED) {
    const n = (document.match(pattern) ?? []).length;
    if (n) report.dropped.push(`${n === 1 ? `an ${one}`.replace(/^an ([^aeiou])/i, 'a $1') : `${n} ${many}`}`);
  }
}

/** Title, author, language and description from the document's properties (docProps/core.xml). */
function metadataFromParts(core: string | undefined, styles: string | undefined): DocumentMetadata {
  const field = (tag: string) => {
    const value = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(core ?? '')?.[1];
    return value ? decodeXml(value).trim() || undefined : undefined;
  };
  const metadata: DocumentMetadata = {};
  metadata.title = field('dc:title');
  const creator = field('dc:creator');
  if (creator) metadata.author = creator.split(/\s*;\s*/).filter(Boolean);
  metadata.description = field('dc:description');
  const lang =
    field('dc:language') ??
    /<w:docDefaults>[\s\S]*?<w:lang\b[^>]*\bw:val="([^"]+)"/.exec(styles ?? '')?.[1] ??
    undefined;
  if (lang && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(lang)) metadata.lang = lang;
  return metadata;
}

/** Paragraphs styled Title, Subtitle, Author, Date (see DEFAULT_STYLE_MAP) leave the text for the front matter. */
function takeStyledMetadata(tree: Root, metadata: DocumentMetadata, report: ImportReport): void {
  const taken: Record<string, string[]> = {};
  tree.children = tree.children.filter((child) => {
    if (child.type !== 'element') return true;
    const cls = ((child as Element).properties.className as string[] | undefined)?.find((c) =>
      c.startsWith('pamphleteer-'),
    );
    if (!cls) return true;
    const key = cls.slice('pamphleteer-'.length);
    taken[key] = [...(taken[key] ?? []), toString(child).trim()];
    return false;
  });
  if (taken.title) metadata.title = taken.title.join(' ');
  if (taken.subtitle) metadata.subtitle = taken.subtitle.join(' ');
  if (taken.author) metadata.author = taken.author;
  const date = taken.date?.[0];
  if (date) {
    const iso = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(date) ? date : isoDate(date);
    if (iso) metadata.date = iso;
    else report.dropped.push(`the date “${date}”: not a date the front matter can hold (YYYY-MM-DD)`);
  }
}

function isoDate(text: string): string | undefined {
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'amp'
          ? '&'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}
