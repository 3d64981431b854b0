import zlib from 'node:zlib';

/**
 * The EPUB's zip, written beside epub-gen-memory: it renders the package's documents from our
 * templates and hands them over as a stored (uncompressed) zip through its public generateAsync; this
 * module reads those entries and writes the final file with Node's zlib (native deflate, several
 * times quicker than JSZip's JavaScript one), with the dates the caller fixes (reproducible builds)
 * and our images and cover under their stable names. The mimetype entry stays first and stored, as
 * the EPUB container format requires.
 */

export interface ZipEntry {
  /** Path inside the zip; a folder's ends with "/". */
  name: string;
  data: Uint8Array;
  /** Stored as is: the mimetype file, and images that are compressed already. */
  store?: boolean;
}

/** The entries of a zip whose files are stored, not deflated (as generateAsync writes with compression STORE). */
export function readStoredZip(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('zip: no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('zip: bad central directory');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = Buffer.from(zip.subarray(at + 46, at + 46 + nameLength)).toString('utf8');
    if (method !== 0) throw new Error(`zip: ${name} is compressed`);
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({ name, data: zip.subarray(dataStart, dataStart + size) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A zip of the entries in their order, every one dated `date` (UTC), files deflated unless `store`. */
export function writeZip(entries: ZipEntry[], date: Date, level = 6): Uint8Array {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const folder = entry.name.endsWith('/');
    const stored = folder || entry.store || entry.data.length === 0;
    const body = stored ? Buffer.from(entry.data) : zlib.deflateRawSync(entry.data, { level });
    const crc = folder ? 0 : crc32(entry.data);
    // Version 2.0, UTF-8 names (bit 11) when they are not ASCII; no extra fields (EPUB's mimetype must have none).
    const flags = /[^\x20-\x7e]/.test(entry.name) ? 0x0800 : 0;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(stored ? 0 : 8, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(day, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(entry.data.length, 22);
    header.writeUInt16LE(name.length, 26);
    locals.push(header, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS, version 2.0
    header.copy(central, 6, 4, 30); // version needed … name length: as in the local header
    central.writeUInt32LE(folder ? 0x10 : 0, 38); // DOS attributes: directory or none
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += header.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

let crcTable: Int32Array | undefined;

/** CRC-32 of the zip format: zlib's, or the same in JavaScript (zlib.crc32 exists from Node 20.15 and 22.2). */
export function crc32(data: Uint8Array): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data);
  return crc32InJs(data);
}

export function crc32InJs(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
