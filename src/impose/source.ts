/**
 * What the writer needs to know about each input page, read straight from the
 * page dictionaries (boxes, /Rotate, resources, content streams) and checked,
 * so a bad page fails with a one-line error before anything is written.
 */
import { PDFArray, PDFName, PDFNumber, PDFRef, PDFStream } from './pdf-lib.js';
import type { PDFDocument, PDFObject, PDFPageLeaf } from './pdf-lib.js';
import { ImposeError } from './impose-error.js';

export interface Box {
  left: number;
  bottom: number;
  right: number;
  top: number;
}

export interface SourcePage {
  index: number;
  leaf: PDFPageLeaf;
  /** The visible area: CropBox clipped to MediaBox. */
  visibleBox: Box;
  /** What must fit the cell: the TrimBox when the page has one, else the visible area. */
  fitBox: Box;
  hasTrimBox: boolean;
  /** Clockwise turn for display, 0 | 90 | 180 | 270. */
  rotate: number;
  /** Size as displayed (after /Rotate) of the fit box, in points. */
  displayWidth: number;
  displayHeight: number;
  /** Content streams, in order; empty for a page with no /Contents. */
  contents: PDFStream[];
  /** The page's (possibly inherited) resources, kept as the ref or dict it is so fonts stay shared. */
  resources: PDFObject | undefined;
  group: PDFObject | undefined;
}

const name = (n: string) => PDFName.of(n);

function readBox(doc: PDFDocument, value: PDFObject | undefined): Box | undefined {
  const array = value instanceof PDFRef ? doc.context.lookup(value) : value;
  if (!(array instanceof PDFArray) || array.size() !== 4) return undefined;
  const numbers: number[] = [];
  for (let i = 0; i < 4; i++) {
    const item = array.lookup(i);
    if (!(item instanceof PDFNumber)) return undefined;
    numbers.push(item.asNumber());
  }
  const [x0, y0, x1, y1] = numbers;
  return { left: Math.min(x0, x1), bottom: Math.min(y0, y1), right: Math.max(x0, x1), top: Math.max(y0, y1) };
}

function intersect(a: Box, b: Box): Box {
  return {
    left: Math.max(a.left, b.left),
    bottom: Math.max(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
    top: Math.min(a.top, b.top),
  };
}

const width = (box: Box) => box.right - box.left;
const height = (box: Box) => box.top - box.bottom;
const formatBox = (box: Box) => `[${box.left} ${box.bottom} ${box.right} ${box.top}]`;

function readContents(doc: PDFDocument, leaf: PDFPageLeaf, pageNumber: number): PDFStream[] {
  const raw = leaf.get(name('Contents'));
  if (raw === undefined) return [];
  const resolved = raw instanceof PDFRef ? doc.context.lookup(raw) : raw;
  const items = resolved instanceof PDFArray ? resolved.asArray() : [raw];
  return items.map((item) => {
    const stream = item instanceof PDFRef ? doc.context.lookup(item) : item;
    if (!(stream instanceof PDFStream)) {
      throw new ImposeError('broken-pdf', `broken PDF: the content of page ${pageNumber} is missing or damaged`);
    }
    return stream;
  });
}

export function readSourcePages(doc: PDFDocument): SourcePage[] {
  let leaves: PDFPageLeaf[];
  try {
    leaves = doc.getPages().map((page) => page.node);
  } catch (error) {
    throw new ImposeError('broken-pdf', `broken PDF: its page tree cannot be read (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (leaves.length === 0) throw new ImposeError('empty-pdf', 'empty PDF: it has no pages');

  return leaves.map((leaf, index) => {
    const pageNumber = index + 1;
    const mediaBox = readBox(doc, leaf.getInheritableAttribute(name('MediaBox')));
    if (!mediaBox) throw new ImposeError('broken-pdf', `broken PDF: page ${pageNumber} has no valid MediaBox`);
    if (width(mediaBox) <= 0 || height(mediaBox) <= 0) {
      throw new ImposeError('zero-size-page', `page ${pageNumber} has zero size (MediaBox ${formatBox(mediaBox)})`);
    }
    const cropBox = readBox(doc, leaf.getInheritableAttribute(name('CropBox')));
    const visibleBox = cropBox ? intersect(cropBox, mediaBox) : mediaBox;
    if (width(visibleBox) <= 0 || height(visibleBox) <= 0) {
      throw new ImposeError('zero-size-page', `page ${pageNumber} has zero size (CropBox ${formatBox(cropBox!)})`);
    }
    const trimBox = readBox(doc, leaf.get(name('TrimBox')));
    const trimmed = trimBox ? intersect(trimBox, visibleBox) : undefined;
    const hasTrimBox = !!trimmed && width(trimmed) > 0 && height(trimmed) > 0;
    const fitBox = hasTrimBox ? trimmed! : visibleBox;

    const rotateObject = leaf.getInheritableAttribute(name('Rotate'));
    const rotateValue = rotateObject instanceof PDFRef ? doc.context.lookup(rotateObject) : rotateObject;
    const rotateRaw = rotateValue instanceof PDFNumber ? rotateValue.asNumber() : 0;
    // /Rotate must be a multiple of 90; round anything else the way viewers do.
    const rotate = (((Math.round(rotateRaw / 90) * 90) % 360) + 360) % 360;
    const sideways = rotate % 180 !== 0;

    return {
      index,
      leaf,
      visibleBox,
      fitBox,
      hasTrimBox,
      rotate,
      displayWidth: sideways ? height(fitBox) : width(fitBox),
      displayHeight: sideways ? width(fitBox) : height(fitBox),
      contents: readContents(doc, leaf, pageNumber),
      resources: leaf.getInheritableAttribute(name('Resources')),
      group: leaf.get(name('Group')),
    };
  });
}
