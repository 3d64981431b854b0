import zlib from 'node:zlib';
import { IMPORT_LIMITS, formatBytes } from './limits.js';

/** A document that cannot be imported: its message is one line, naming what is wrong. */
export class ImportRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

/**
 * Every entry of a zip archive, inflated, after checking the archive against the import limits:
 * the declared sizes are checked before anything is inflated, and each entry is inflated with a cap
 * on its output, so a zip bomb that lies about its sizes stops at the cap too. Only the central
 * directory is trusted for where entries start; ZIP64 archives (over 4 GB) are refused.
 */
export function readZipEntries(bytes: Uint8Array): Map<string, Buffer> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(buffer);
  if (end < 0) throw new ImportRefusal('not a zip archive (a .docx is one): the file is damaged or of another type');
  const count = buffer.readUInt16LE(end + 10);
  const directorySize = buffer.readUInt32LE(end + 12);
  const directoryStart = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || directoryStart === 0xffffffff)
    throw new ImportRefusal('a ZIP64 archive (over 4 GB or 65,535 entries): far larger than any document');
  if (count > IMPORT_LIMITS.zipEntries)
    throw new ImportRefusal(`holds ${count} entries; a document has a few dozen (limit ${IMPORT_LIMITS.zipEntries})`);
  if (directoryStart + directorySize > buffer.length) throw new ImportRefusal('the zip archive is truncated');

  interface Entry {
    name: string;
    method: number;
    compressedSize: number;
    size: number;
    localOffset: number;
  }
  const entries: Entry[] = [];
  let at = directoryStart;
  let declaredTotal = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50)
      throw new ImportRefusal('the zip archive’s directory is damaged');
    const entry: Entry = {
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      size: buffer.readUInt32LE(at + 24),
      name: buffer.toString('utf8', at + 46, at + 46 + buffer.readUInt16LE(at + 28)),
      localOffset: buffer.readUInt32LE(at + 42),
    };
    at += 46 + buffer.readUInt16LE(at + 28) + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff)
      throw new ImportRefusal(`${entry.name} is a ZIP64 entry (over 4 GB): far larger than any document`);
    if (entry.size > IMPORT_LIMITS.zipEntryBytes)
      throw new ImportRefusal(
        `${entry.name} would inflate to ${formatBytes(entry.size)} ` +
          `(limit ${formatBytes(IMPORT_LIMITS.zipEntryBytes)} for one part): refused as a zip bomb`,
      );
    declaredTotal += entry.size;
    entries.push(entry);
  }
  if (declaredTotal > IMPORT_LIMITS.zipTotalBytes)
    throw new ImportRefusal(
      `would inflate to ${formatBytes(declaredTotal)} (limit ${formatBytes(IMPORT_LIMITS.zipTotalBytes)}): ` +
        'refused as a zip bomb',
    );

  const out = new Map<string, Buffer>();
  let inflatedTotal = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const local = entry.localOffset;
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50)
      throw new ImportRefusal(`${entry.name}: the zip archive is damaged`);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    if (dataStart + entry.compressedSize > buffer.length)
      throw new ImportRefusal(`${entry.name}: the zip archive is truncated`);
    const data = buffer.subarray(dataStart, dataStart + entry.compressedSize);
    // Never more than the entry says, nor more than the limits leave: a lying header stops here.
    const cap = Math.min(entry.size, IMPORT_LIMITS.zipTotalBytes - inflatedTotal);
    let content: Buffer;
    if (entry.method === 0) content = data;
    else if (entry.method === 8) {
      try {
        content = zlib.inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          throw new ImportRefusal(`${entry.name} inflates to more than it declares: refused as a zip bomb`);
        throw new ImportRefusal(`${entry.name}: the zip archive is damaged (${(err as Error).message})`);
      }
    } else throw new ImportRefusal(`${entry.name}: compressed with method ${entry.method}, which Word never uses`);
    if (content.length !== entry.size)
      throw new ImportRefusal(`${entry.name}: inflates to another size than it declares: the archive is damaged`);
    inflatedTotal += content.length;
    out.set(entry.name, content);
  }
  return out;
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const stop = Math.max(0, buffer.length - 22 - 0xffff);
  for (let i = buffer.length - 22; i >= stop; i--) if (buffer.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
