import zlib from 'node:zlib';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { crc32InJs, readStoredZip, writeZip } from '../../src/render/epub/zip.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));

describe('the EPUB zip (Node zlib beside epub-gen-memory)', () => {
  it('computes CRC-32 as zlib does', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (data) => crc32InJs(data) === zlib.crc32(data)));
  });

  it('reads back what JSZip stores, entry by entry, in order', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/epub+zip');
    zip.folder('OEBPS')!.file('a.xhtml', '<p>é ✓</p>');
    zip.file('META-INF/container.xml', '<container/>');
    const entries = readStoredZip(await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }));
    expect(entries.map((e) => e.name)).toEqual(Object.keys(zip.files));
    for (const e of entries)
      if (!e.name.endsWith('/')) expect(Buffer.from(e.data).toString()).toBe(await zip.file(e.name)!.async('string'));
  });

  it('writes a zip other readers open: same names, order, bytes and date; mimetype first and stored', async () => {
    const date = new Date('2020-03-04T05:06:08Z');
    const big = bytes('a line of text\n'.repeat(500));
    const written = writeZip(
      [
        { name: 'mimetype', data: bytes('application/epub+zip'), store: true },
        { name: 'OEBPS/', data: new Uint8Array() },
        { name: 'OEBPS/chapter.xhtml', data: big },
        { name: 'OEBPS/naïve.png', data: bytes('not really a png'), store: true },
      ],
      date,
    );
    expect(written.length).toBeLessThan(big.length);
    // The EPUB container format: "mimetype" first, stored, no extra field, its content right after the header.
    expect(Buffer.from(written.subarray(30, 38)).toString()).toBe('mimetype');
    expect(Buffer.from(written.subarray(38, 58)).toString()).toBe('application/epub+zip');
    const zip = await JSZip.loadAsync(written);
    expect(Object.keys(zip.files)).toEqual(['mimetype', 'OEBPS/', 'OEBPS/chapter.xhtml', 'OEBPS/naïve.png']);
    expect(await zip.file('OEBPS/chapter.xhtml')!.async('uint8array')).toEqual(big);
    expect(await zip.file('OEBPS/naïve.png')!.async('string')).toBe('not really a png');
    expect(zip.files['OEBPS/'].dir).toBe(true);
    // DOS times have two-second steps; JSZip reads them as UTC, as they are written.
    expect(zip.files['OEBPS/chapter.xhtml'].date.toISOString()).toBe('2020-03-04T05:06:08.000Z');
  });
});
