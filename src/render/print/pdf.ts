import type { PDFDocument, PDFName as PDFNameType, PDFObject, PDFRef } from 'pdf-lib';
import { pdfLib } from '../../util/pdf-lib-bundle.js';
import type { BookMetadata } from '../../book/book-types.js';
import { appendInfoDictionary } from './pdf-info.js';
import { anchorTextLayer } from './text-anchors.js';

export interface OutlineEntry {
  title: string;
  /** 1-based page index in the PDF. */
  page: number;
  /** Distance of the target from the top of the page, in points. */
  topPt: number;
  children?: OutlineEntry[];
}

export interface PostProcessInput {
  pdf: Uint8Array;
  metadata: BookMetadata;
  outline: OutlineEntry[];
  /** Trim box relative to the media box, in points from the bottom-left, when there is bleed. */
  trimBox?: { x: number; y: number; width: number; height: number };
  /** Fixed creation date (reproducible builds: SOURCE_DATE_EPOCH). */
  date?: Date;
}

/**
 * Loads the PDF library postProcessPdf uses, now: a caller calls this while the browser is busy
 * (laying out), so loading it (a few hundred milliseconds on a busy machine) costs no time later.
 */
export function preparePostProcessing(): void {
  pdfLib();
}

/**
 * Finishes Chromium's PDF: document information (Title, Author, Subject, Keywords, dates), and for a
 * right-to-left book the reading direction (/ViewerPreferences /Direction /R2L).
 * Chromium already wrote the language (/Lang), the tags and the bookmarks (from the headings, on
 * the pages where they are laid out). The usual path is an incremental update of a few hundred
 * bytes; pdf-lib (loaded only then) is used for trim boxes, or when the PDF has no bookmarks (a
 * browser too old to make them) or an unexpected layout.
 */
export async function postProcessPdf(input: PostProcessInput): Promise<Uint8Array> {
  const meta = input.metadata;
  const date = input.date ?? new Date();
  input = { ...input, pdf: restampChromiumDates(input.pdf, date) };
  const bytes = Buffer.from(input.pdf.buffer, input.pdf.byteOffset, input.pdf.byteLength);
  const producer = /\/Producer \(([^)]*)\)/.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1];
  const info = {
    Title: meta.title + (meta.subtitle ? `: ${meta.subtitle}` : ''),
    Author: meta.authors.join(', '),
    Subject: meta.description,
    Keywords: meta.keywords.join(', '),
    Creator: 'pamphleteer (Paged.js 0.4.3)',
    Producer: producer ?? 'Chromium',
    CreationDate: date,
    ModDate: date,
  };
  const hasOutline = bytes.indexOf('/Type /Outlines') >= 0;
  // Right-to-left scripts draw marks and Nastaliq's slopes off the baseline: see text-anchors.ts.
  const anchorText = meta.dir === 'rtl';
  if (!input.trimBox && !anchorText && (hasOutline || input.outline.length === 0)) {
    const updated = appendInfoDictionary(input.pdf, info, { rightToLeft: meta.dir === 'rtl' });
    if (updated) return updated;
  }

  const { PDFDocument, PDFName, PDFString, ParseSpeeds, ReadingDirection } = pdfLib();
  const doc = await PDFDocument.load(input.pdf, { parseSpeed: ParseSpeeds.Fastest, updateMetadata: false });
  if (anchorText) anchorTextLayer(doc);
  doc.setTitle(info.Title, { showInWindowTitleBar: true });
  if (info.Author) doc.setAuthor(info.Author);
  if (info.Subject) doc.setSubject(info.Subject);
  if (meta.keywords.length) doc.setKeywords(meta.keywords);
  doc.setCreator(info.Creator);
  doc.setProducer(info.Producer);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.lang));
  // Spreads laid out right to left in viewers, as a right-to-left book is bound.
  if (meta.dir === 'rtl') doc.catalog.getOrCreateViewerPreferences().setReadingDirection(ReadingDirection.R2L);
  if (input.trimBox) {
    const { x, y, width, height } = input.trimBox;
    for (const page of doc.getPages()) {
      page.setTrimBox(x, y, width, height);
      page.setBleedBox(0, 0, page.getWidth(), page.getHeight());
    }
  }
  if (!hasOutline && input.outline.length) await addOutline(doc, input.outline);
  return doc.save({ useObjectStreams: true });
}

/**
 * Chromium stamps its Info dictionary (at the file's start) with the clock. The incremental update
 * that follows adds a new dictionary but keeps the old bytes, so the old dates are overwritten in
 * place with `date`, padded with spaces after the string so no offset moves: the same book and
 * SOURCE_DATE_EPOCH then give the same bytes.
 */
export function restampChromiumDates(pdf: Uint8Array, date: Date): Uint8Array {
  const headLength = Math.min(pdf.length, 4096);
  const head = Buffer.from(pdf.buffer, pdf.byteOffset, headLength).toString('latin1');
  const stamp = `D:${date.toISOString().slice(0, 19).replace(/[-T:]/g, '')}Z`;
  let out: Uint8Array | undefined;
  for (const m of head.matchAll(/\/(?:CreationDate|ModDate) \((D:[^)]*)\)/g)) {
    const old = m[1];
    if (old.length < stamp.length) continue; // not Chromium's form: left as it is
    out ??= new Uint8Array(pdf);
    const at = m.index + m[0].length - old.length - 1;
    out.set(Buffer.from(`${stamp})${' '.repeat(old.length - stamp.length)}`, 'latin1'), at);
  }
  return out ?? pdf;
}

async function addOutline(doc: PDFDocument, entries: OutlineEntry[]): Promise<void> {
  const { PDFDict, PDFHexString, PDFName, PDFNumber } = pdfLib();
  const context = doc.context;
  const pages = doc.getPages();
  const rootRef = context.nextRef();

  const count = (items: OutlineEntry[]): number => items.reduce((n, e) => n + 1 + count(e.children ?? []), 0);

  const build = (items: OutlineEntry[], parentRef: PDFRef): PDFRef[] => {
    const refs = items.map(() => context.nextRef());
    items.forEach((item, i) => {
      const page = pages[Math.min(Math.max(item.page, 1), pages.length) - 1];
      const y = page.getHeight() - item.topPt;
      const dict = new Map<PDFNameType, PDFObject>([
        [PDFName.of('Title'), PDFHexString.fromText(item.title)],
        [PDFName.of('Parent'), parentRef],
        [
          PDFName.of('Dest'),
          context.obj([page.ref, PDFName.of('XYZ'), PDFNumber.of(0), PDFNumber.of(Math.round(y)), context.obj(null)]),
        ],
      ]);
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]);
      const children = item.children ?? [];
      if (children.length) {
        const childRefs = build(children, refs[i]);
        dict.set(PDFName.of('First'), childRefs[0]);
        dict.set(PDFName.of('Last'), childRefs[childRefs.length - 1]);
        dict.set(PDFName.of('Count'), PDFNumber.of(count(children)));
      }
      context.assign(refs[i], PDFDict.fromMapWithContext(dict, context));
    });
    return refs;
  };

  const topRefs = build(entries, rootRef);
  const root = new Map<PDFNameType, PDFObject>([
    [PDFName.of('Type'), PDFName.of('Outlines')],
    [PDFName.of('First'), topRefs[0]],
    [PDFName.of('Last'), topRefs[topRefs.length - 1]],
    [PDFName.of('Count'), PDFNumber.of(count(entries))],
  ]);
  context.assign(rootRef, PDFDict.fromMapWithContext(root, context));
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  // Open with the bookmarks panel showing.
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
