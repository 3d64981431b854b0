/**
 * The names of a static instance cut from a variable font. Harfbuzz pins the axes but keeps the
 * variable font's names, which belong to its default instance (Noto Serif JP's is ExtraLight): a
 * PDF would then name the 400 and 700 faces "NotoSerifJP-ExtraLight". These set the family, style,
 * full and PostScript names (and the bold and regular flags) of an sfnt to the instance's own.
 */

/** The names of one face: "Noto Serif JP", "Bold", "NotoSerifJP-Bold". */
export interface FaceNames {
  family: string;
  style: string;
  postScript: string;
}

interface Table {
  tag: string;
  data: Uint8Array;
}

const WINDOWS = 3;
const UNICODE_BMP = 1;
const US_ENGLISH = 0x409;
/** Family, style, unique, full, PostScript; typographic family and style; WWS; variations prefix. */
const REPLACED = new Set([1, 2, 3, 4, 6, 16, 17, 21, 22, 25]);

function readTables(font: Uint8Array): { flavor: number; tables: Table[] } {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const flavor = view.getUint32(0);
  const count = view.getUint16(4);
  const tables: Table[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(...font.subarray(at, at + 4));
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    tables.push({ tag, data: font.slice(offset, offset + length) });
  }
  return { flavor, tables };
}

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

function writeTables(flavor: number, tables: Table[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const head = 12 + sorted.length * 16;
  let size = head;
  for (const t of sorted) size += (t.data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const n = sorted.length;
  const power = 2 ** Math.floor(Math.log2(n));
  view.setUint32(0, flavor);
  view.setUint16(4, n);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, n * 16 - power * 16);
  let offset = head;
  let headOffset = -1;
  sorted.forEach((t, i) => {
    const at = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[at + k] = t.tag.charCodeAt(k);
    if (t.tag === 'head') {
      headOffset = offset;
      new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength).setUint32(8, 0);
    }
    view.setUint32(at + 4, checksum(t.data));
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, t.data.length);
    out.set(t.data, offset);
    offset += (t.data.length + 3) & ~3;
  });
  if (headOffset >= 0) view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/** The Windows (Unicode) names of a font's name table, by name ID. */
export function fontNames(font: Uint8Array): Map<number, string> {
  const table = readTables(font).tables.find((t) => t.tag === 'name');
  const names = new Map<number, string>();
  if (!table) return names;
  const view = new DataView(table.data.buffer, table.data.byteOffset, table.data.byteLength);
  const count = view.getUint16(2);
  const strings = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 12;
    if (view.getUint16(at) !== WINDOWS || view.getUint16(at + 2) !== UNICODE_BMP) continue;
    if (view.getUint16(at + 4) !== US_ENGLISH) continue;
    const length = view.getUint16(at + 8);
    const offset = strings + view.getUint16(at + 10);
    let text = '';
    for (let k = 0; k < length; k += 2) text += String.fromCharCode(view.getUint16(offset + k));
    names.set(view.getUint16(at + 6), text);
  }
  return names;
}

/** A format 0 name table holding `names` (Windows, Unicode, US English records only). */
function nameTable(names: Map<number, string>): Uint8Array {
  const ids = [...names.keys()].sort((a, b) => a - b);
  const strings = ids.map((id) => {
    const text = names.get(id)!;
    const bytes = new Uint8Array(text.length * 2);
    for (let k = 0; k < text.length; k++) {
      bytes[2 * k] = text.charCodeAt(k) >> 8;
      bytes[2 * k + 1] = text.charCodeAt(k) & 0xff;
    }
    return bytes;
  });
  const header = 6 + ids.length * 12;
  const out = new Uint8Array(header + strings.reduce((n, s) => n + s.length, 0));
  const view = new DataView(out.buffer);
  view.setUint16(2, ids.length);
  view.setUint16(4, header);
  let offset = 0;
  ids.forEach((id, i) => {
    const at = 6 + i * 12;
    view.setUint16(at, WINDOWS);
    view.setUint16(at + 2, UNICODE_BMP);
    view.setUint16(at + 4, US_ENGLISH);
    view.setUint16(at + 6, id);
    view.setUint16(at + 8, strings[i].length);
    view.setUint16(at + 10, offset);
    out.set(strings[i], header + offset);
    offset += strings[i].length;
  });
  return out;
}

/**
 * The font with the face's names: family (1), style (2), unique (3), full (4) and PostScript (6)
 * names; the variable font's typographic, WWS and variation names dropped; the other Windows names
 * kept. A Bold style sets the bold flags of OS/2 and head, any other the regular flag.
 */
export function renameFace(font: Uint8Array, face: FaceNames): Uint8Array {
  const { flavor, tables } = readTables(font);
  const names = new Map([...fontNames(font)].filter(([id]) => !REPLACED.has(id)));
  const bold = face.style === 'Bold';
  names.set(1, face.family);
  names.set(2, face.style);
  names.set(3, face.postScript);
  names.set(4, `${face.family} ${face.style}`);
  names.set(6, face.postScript);
  const out = tables.filter((t) => t.tag !== 'name');
  out.push({ tag: 'name', data: nameTable(names) });
  for (const t of out) {
    const view = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    if (t.tag === 'OS/2' && t.data.length >= 64) {
      // fsSelection: ITALIC 0, BOLD 5, REGULAR 6; the other bits kept.
      const selection = view.getUint16(62) & ~((1 << 5) | (1 << 6));
      view.setUint16(62, selection | (bold ? 1 << 5 : (view.getUint16(62) & 1) === 0 ? 1 << 6 : 0));
    }
    if (t.tag === 'head' && t.data.length >= 46) view.setUint16(44, (view.getUint16(44) & ~1) | (bold ? 1 : 0));
  }
  return writeTables(flavor, out);
}

/** The names of a variable font's instance at `weight` (400 Regular, 700 Bold), from its family name. */
export function instanceNames(font: Uint8Array, weight: number): FaceNames | undefined {
  const names = fontNames(font);
  const family = names.get(16) ?? names.get(1)?.replace(/\s+(?:Thin|ExtraLight|Light|Medium|SemiBold|Black)$/, '');
  if (!family) return undefined;
  const style = weight === 700 ? 'Bold' : weight === 400 ? 'Regular' : `W${weight}`;
  return { family, style, postScript: `${family.replace(/[^A-Za-z0-9]/g, '')}-${style}` };
}
