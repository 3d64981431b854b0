// The incremental update that finishes Chromium's PDF (src/render/print/pdf-info.ts), on small PDFs written
// here by hand: read back with pdf-lib, as a viewer reads the last revision.
import { PDFDict, PDFDocument, PDFName, ReadingDirection } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { appendInfoDictionary } from '../../src/render/print/pdf-info.js';

/** A classic PDF: the given objects (numbered from 1), one xref table in the given subsections, a trailer. */
function handWrittenPdf(objects: string[], subsections: number[][] = [[0, objects.length + 1]]): Uint8Array {
  let text = '%PDF-1.4\n';
  const offsets = [0];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += 'xref\n';
  for (const [first, count] of subsections) {
    text += `${first} ${count}\n`;
    for (let n = first; n < first + count; n++)
      text += n === 0 ? '0000000000 65535 f \n' : `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  }
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

const PAGES = '<< /Type /Pages /Kids [] /Count 0 >>';

async function readBack(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const preferences = doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  return {
    title: doc.getTitle(),
    direction: preferences ? doc.catalog.getOrCreateViewerPreferences().getReadingDirection() : undefined,
    pages: doc.catalog.lookupMaybe(PDFName.of('Pages'), PDFDict) !== undefined,
    lang: doc.catalog.get(PDFName.of('Lang'))?.toString(),
  };
}

describe('the PDF information update', () => {
  it('sets the information alone for a left-to-right book, the catalog untouched', async () => {
    const pdf = handWrittenPdf(['<< /Type /Catalog /Pages 2 0 R >>', PAGES]);
    const updated = appendInfoDictionary(pdf, { Title: 'Fading Color' })!;
    expect(Buffer.from(updated.subarray(pdf.length)).toString('latin1')).not.toContain('/Catalog');
    expect(await readBack(updated)).toEqual({
      title: 'Fading Color',
      direction: undefined,
      pages: true,
      lang: undefined,
    });
  });

  it('writes a right-to-left book’s catalog again with its reading direction, keeping its entries', async () => {
    const pdf = handWrittenPdf([
      '<< /Type /Catalog /Pages 2 0 R /Lang (he) /ViewerPreferences << /DisplayDocTitle true >> >>',
      PAGES,
    ]);
    const updated = appendInfoDictionary(pdf, { Title: 'מכתבים' }, { rightToLeft: true })!;
    expect(await readBack(updated)).toEqual({
      title: 'מכתבים',
      direction: ReadingDirection.R2L,
      pages: true,
      lang: '(he)',
    });
    expect(Buffer.from(updated).toString('latin1')).toContain('/DisplayDocTitle true');
  });

  it('finds the catalog in a later subsection of the xref table', async () => {
    const pdf = handWrittenPdf(
      [PAGES, '<< /Type /Catalog /Pages 1 0 R >>'],
      [
        [0, 1],
        [1, 2],
      ],
    );
    const text = Buffer.from(pdf).toString('latin1').replace('/Root 1 0 R', '/Root 2 0 R');
    const updated = appendInfoDictionary(Buffer.from(text, 'latin1'), { Title: 'T' }, { rightToLeft: true })!;
    expect((await readBack(updated)).direction).toBe(ReadingDirection.R2L);
  });

  it('leaves the file to pdf-lib when the viewer preferences are an object of their own', () => {
    const pdf = handWrittenPdf([
      '<< /Type /Catalog /Pages 2 0 R /ViewerPreferences 3 0 R >>',
      PAGES,
      '<< /DisplayDocTitle true >>',
    ]);
    expect(appendInfoDictionary(pdf, { Title: 'T' }, { rightToLeft: true })).toBeUndefined();
    expect(appendInfoDictionary(pdf, { Title: 'T' })).toBeDefined();
  });
});
