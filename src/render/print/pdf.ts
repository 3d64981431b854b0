import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, ParseSpeeds, type PDFRef } from 'pdf-lib';
import type { BookMetadata } from '../../book/types.js';

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
 * Finishes Chromium's PDF: document information (Title, Author, Subject, Keywords), language,
 * bookmarks pointing at the pages where sections start, and trim boxes for a print shop.
 * Parsed at pdf-lib's fastest speed and saved without pdf-lib's own producer/date stamping.
 */
export async function postProcessPdf(input: PostProcessInput): Promise<Uint8Array> {
  const doc = await PDFDocument.load(input.pdf, { parseSpeed: ParseSpeeds.Fastest, updateMetadata: false });
  const meta = input.metadata;
  const date = input.date ?? new Date();
  doc.setTitle(meta.title + (meta.subtitle ? `: ${meta.subtitle}` : ''), { showInWindowTitleBar: true });
  if (meta.authors.length) doc.setAuthor(meta.authors.join(', '));
  if (meta.description) doc.setSubject(meta.description);
  if (meta.keywords.length) doc.setKeywords(meta.keywords);
  doc.setCreator('pamphleteer (Paged.js 0.4.3)');
  doc.setProducer(doc.getProducer() ?? 'Chromium');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.lang));

  const pages = doc.getPages();
  if (input.trimBox) {
    const { x, y, width, height } = input.trimBox;
    for (const page of pages) {
      page.setTrimBox(x, y, width, height);
      page.setBleedBox(0, 0, page.getWidth(), page.getHeight());
    }
  }

  if (input.outline.length) addOutline(doc, input.outline);
  return doc.save({ useObjectStreams: true });
}

function addOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  const context = doc.context;
  const pages = doc.getPages();
  const rootRef = context.nextRef();

  const count = (items: OutlineEntry[]): number => items.reduce((n, e) => n + 1 + count(e.children ?? []), 0);

  const build = (items: OutlineEntry[], parentRef: PDFRef): PDFRef[] => {
    const refs = items.map(() => context.nextRef());
    items.forEach((item, i) => {
      const page = pages[Math.min(Math.max(item.page, 1), pages.length) - 1];
      const y = page.getHeight() - item.topPt;
      const dict = new Map<PDFName, any>([
        [PDFName.of('Title'), PDFHexString.fromText(item.title)],
        [PDFName.of('Parent'), parentRef],
        [PDFName.of('Dest'), context.obj([page.ref, PDFName.of('XYZ'), PDFNumber.of(0), PDFNumber.of(Math.round(y)), context.obj(null)])],
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
  const root = new Map<PDFName, any>([
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
