/**
 * Document information for Chromium's PDF without parsing it: Chromium (Skia) writes a classic
 * cross-reference table and trailer, so an incremental update — a new Info dictionary, a one-entry
 * xref section and a trailer pointing back at the old one — sets Author, Subject and Keywords in
 * microseconds, where loading and saving the whole file with pdf-lib costs a noticeable share of a
 * short book's build. Returns undefined when the file is not laid out that way (the caller then
 * falls back to pdf-lib).
 */
export function appendInfoDictionary(pdf: Uint8Array, info: Record<string, string | Date | undefined>): Uint8Array | undefined {
  const tail = latin1(pdf.subarray(Math.max(0, pdf.length - 2048)));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailerAt = tail.lastIndexOf('trailer');
  if (!startxref || trailerAt < 0) return undefined; // xref stream: not the classic layout
  const trailer = tail.slice(trailerAt, tail.lastIndexOf('startxref'));
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer);
  if (!size || !root) return undefined;
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer);

  const objectNumber = Number(size[1]);
  const entries = Object.entries(info)
    .filter((e): e is [string, string | Date] => e[1] !== undefined && e[1] !== '')
    .map(([key, value]) => `/${key} ${value instanceof Date ? pdfDate(value) : pdfTextString(value)}`);
  const eol = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const objectText = `${objectNumber} 0 obj\n<<${entries.join('\n')}>>\nendobj\n`;
  const objectOffset = pdf.length + eol.length;
  const xrefOffset = objectOffset + objectText.length; // ASCII only (strings are hex-encoded)
  const update =
    eol +
    objectText +
    `xref\n${objectNumber} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${objectNumber + 1}\n/Root ${root[1]}\n/Info ${objectNumber} 0 R\n/Prev ${startxref[1]}${id ? `\n/ID ${id[1]}` : ''}>>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  const out = new Uint8Array(pdf.length + update.length);
  out.set(pdf, 0);
  out.set(new TextEncoder().encode(update), pdf.length);
  return out;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** A PDF text string as UTF-16BE hex with BOM: safe for any character, and ASCII in the file. */
export function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** D:YYYYMMDDHHmmSSZ in UTC. */
function pdfDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z)`;
}
