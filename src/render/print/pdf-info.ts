import type { PDFDict } from 'pdf-lib';
import { pdfLib } from '../../util/pdf-lib-bundle.js';

/**
 * Document information for Chromium's PDF as an incremental update: a new Info dictionary, a
 * one-entry xref section and a trailer pointing back at the old one. It sets Title, Author, Subject
 * and Keywords in microseconds, where loading and saving the whole file costs a noticeable share of
 * a short book's build. Only the file's tail is read, with pdf-lib's object parser (the trailer
 * dictionary) and pdf-lib's objects (the new dictionary and trailer, serialized by pdf-lib).
 * Returns undefined when the file does not end with a classic xref table and trailer (an xref
 * stream, say); the caller then rewrites the file with pdf-lib.
 */
export function appendInfoDictionary(
  pdf: Uint8Array,
  info: Record<string, string | Date | undefined>,
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
  const objectOffset = pdf.length + eol.length;
  const xrefOffset = objectOffset + objectText.length; // ASCII only (text is hex-encoded)
  const update =
    eol +
    objectText +
    `xref\n${objectNumber} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n${newTrailer.toString()}\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  const out = new Uint8Array(pdf.length + update.length);
  out.set(pdf, 0);
  out.set(Buffer.from(update, 'latin1'), pdf.length);
  return out;
}
