// Hostile documents, made from a real one: each takes a .docx and changes the one thing an attacker
// would. A small zip writer (not JSZip, which always writes true sizes) can lie about sizes.
import zlib from 'node:zlib';
import JSZip from 'jszip';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** The size written in the headers; the true inflated size unless a test lies. */
  declaredSize?: number;
}

/** A zip archive of deflated entries, with the sizes the entries declare. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = zlib.deflateRawSync(entry.data);
    const crc = zlib.crc32(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, deflated);
    centrals.push(central, name);
    offset += local.length + name.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Every entry of a real .docx, to change and write again. */
export async function entriesOf(docx: Buffer): Promise<ZipEntry[]> {
  const zip = await JSZip.loadAsync(docx);
  const out: ZipEntry[] = [];
  for (const file of Object.values(zip.files)) {
    if (!file.dir) out.push({ name: file.name, data: await file.async('nodebuffer') });
  }
  return out;
}

export function replaceEntry(entries: ZipEntry[], name: string, change: (text: string) => string): ZipEntry[] {
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in the document`);
  return entries.map((e) => (e === entry ? { ...e, data: Buffer.from(change(e.data.toString('utf8'))) } : e));
}

/** A PNG that is only a header: its IHDR says width × height, and nothing else is there to decode. */
export function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(2, 9);
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
