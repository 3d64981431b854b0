import type { PDFContext, PDFDict, PDFRef } from 'pdf-lib';
import { pdfLib } from '../../util/pdf-lib-bundle.js';

/**
 * Document information for Chromium's PDF as an incremental update: a new Info dictionary, a
 * one-entry xref section and a trailer pointing back at the old one. It sets Title, Author, Subject
 * and Keywords in microseconds, where loading and saving the whole file costs a noticeable share of
 * a short book's build. Only the file's tail is read, with pdf-lib's object parser (the trailer
 * dictionary) and pdf-lib's objects (the new dictionary and trailer, serialized by pdf-lib).
 * A right-to-left book's catalog is written again in the same update, with the reading direction in its
 * viewer preferences (/Direction /R2L: viewers lay two-page spreads out right to left, as the book is bound).
 * Returns undefined when the file does not end with a classic xref table and trailer (an xref
 * stream, say); the caller then rewrites the file with pdf-lib.
 */
export function appendInfoDictionary(
  pdf: Uint8Array,
  info: Record<string, string | Date | undefined>,
  options: { rightToLeft?: boolean } = {},
): Uint8Array | undefined {
  const { PDFContext, PDFObjectParser, PDFDict: Dict, PDFName, PDFNumber, PDFHexString, PDFString, PDFRef } = pdfLib();
  const tailStart = Math.max(0, pdf.length - 4096);
  const tail = Buffer.from(pdf.buffer, pdf.byteOffset + tailStart, pdf.length - tailStart).toString('latin1');
  const trailerAt = tail.lastIndexOf('trailer');
  const startxrefAt = tail.lastIndexOf('startxref');
  if (trailerAt < 0 || startxrefAt < trailerAt) return undefined; // xref stream: not the classic layout
  const previousXref = Number.parseInt(tail.slice(startxrefAt + 'startxref'.length).trim(), 10);
  if (!Number.isInteger(previousXref)) return undefined;

  const context = PDFContext.create();
  let trailer: PDFDict;
  try {
    const dictBytes = pdf.subarray(tailStart + trailerAt + 'trailer'.length, tailStart + startxrefAt);
    const parsed = PDFObjectParser.forBytes(dictBytes, context).parseObject();
    if (!(parsed instanceof Dict)) return undefined;
    trailer = parsed;
  } catch {
    return undefined;
  }
  const size = trailer.get(PDFName.of('Size'));
  const root = trailer.get(PDFName.of('Root'));
  if (!(size instanceof PDFNumber) || !(root instanceof PDFRef)) return undefined;

  const objectNumber = size.asNumber();
  let catalogText = '';
  if (options.rightToLeft) {
    const catalog = readObject(pdf, previousXref, root, context);
    if (!catalog) return undefined;
    const preferences = catalog.get(PDFName.of('ViewerPreferences')) ?? context.obj({});
    if (!(preferences instanceof Dict)) return undefined;
    preferences.set(PDFName.of('Direction'), PDFName.of('R2L'));
    catalog.set(PDFName.of('ViewerPreferences'), preferences);
    catalogText = `${root.objectNumber} ${root.generationNumber} obj\n${catalog.toString()}\nendobj\n`;
  }
  const infoDict = context.obj({});
  for (const [key, value] of Object.entries(info)) {
    if (value === undefined || value === '') continue;
    // Dates as PDF date strings; text as UTF-16BE hex strings, safe for any character and ASCII in the file.
    infoDict.set(PDFName.of(key), value instanceof Date ? PDFString.fromDate(value) : PDFHexString.fromText(value));
  }
  const newTrailer = context.obj({});
  newTrailer.set(PDFName.of('Size'), PDFNumber.of(objectNumber + 1));
  newTrailer.set(PDFName.of('Root'), root);
  newTrailer.set(PDFName.of('Info'), PDFRef.of(objectNumber, 0));
  newTrailer.set(PDFName.of('Prev'), PDFNumber.of(previousXref));
  const id = trailer.get(PDFName.of('ID'));
  if (id) newTrailer.set(PDFName.of('ID'), id);

  const eol = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const objectText = `${objectNumber} 0 obj\n${infoDict.toString()}\nendobj\n`;
  const catalogOffset = pdf.length + eol.length;
  const objectOffset = catalogOffset + Buffer.byteLength(catalogText, 'latin1');
  const xrefOffset = objectOffset + objectText.length; // ASCII only (text is hex-encoded)
  const entry = (offset: number, generation: number) =>
    `${String(offset).padStart(10, '0')} ${String(generation).padStart(5, '0')} n \n`;
  const update =
    eol +
    catalogText +
    objectText +
    'xref\n' +
    (catalogText ? `${root.objectNumber} 1\n${entry(catalogOffset, root.generationNumber)}` : '') +
    `${objectNumber} 1\n${entry(objectOffset, 0)}` +
    `trailer\n${newTrailer.toString()}\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  const out = new Uint8Array(pdf.length + update.length);
  out.set(pdf, 0);
  out.set(Buffer.from(update, 'latin1'), pdf.length);
  return out;
}

/**
 * An object of the file as a dictionary, found through the classic xref table at `xrefAt` (its
 * subsections in turn); undefined when it is not there, free, or not a dictionary.
 */
function readObject(pdf: Uint8Array, xrefAt: number, ref: PDFRef, context: PDFContext): PDFDict | undefined {
  const { PDFObjectParser, PDFDict: Dict } = pdfLib();
  const table = Buffer.from(pdf.buffer, pdf.byteOffset + xrefAt, pdf.length - xrefAt).toString('latin1');
  if (!table.startsWith('xref')) return undefined;
  const subsection = /\s*(\d+) (\d+)[ \t]*\r?\n/y;
  subsection.lastIndex = 'xref'.length;
  for (let m = subsection.exec(table); m; m = subsection.exec(table)) {
    const [first, count] = [Number(m[1]), Number(m[2])];
    const entries = subsection.lastIndex;
    if (ref.objectNumber >= first && ref.objectNumber < first + count) {
      const entry = table.slice(
        entries + 20 * (ref.objectNumber - first),
        entries + 20 * (ref.objectNumber - first + 1),
      );
      if (entry[17] !== 'n' || Number(entry.slice(11, 16)) !== ref.generationNumber) return undefined;
      const offset = Number(entry.slice(0, 10));
      const header = `${ref.objectNumber} ${ref.generationNumber} obj`;
      const at = Buffer.from(pdf.buffer, pdf.byteOffset + offset, Math.min(64, pdf.length - offset))
        .toString('latin1')
        .indexOf(header);
      if (at !== 0) return undefined;
      try {
        const parsed = PDFObjectParser.forBytes(pdf.subarray(offset + header.length), context).parseObject();
        return parsed instanceof Dict ? parsed : undefined;
      } catch {
        return undefined;
      }
    }
    subsection.lastIndex = entries + 20 * count;
  }
  return undefined;
}
