import { execFileSync } from 'node:child_process';
import { decode } from '../../scripts/page-makeup.mjs';

/** One printed line of a PDF, read from its text layer: its characters on one baseline, left to right. */
export interface PrintedLine {
  page: number;
  /** Baseline, pt from the page's top. */
  y: number;
  text: string;
  /** The widest space between two characters' ink (letters drawn over one another count as none), in ems. */
  maxGap: number;
  /** Left and right ends of its ink, pt. */
  left: number;
  right: number;
}

interface Char {
  inFace: boolean;
  x0: number;
  x1: number;
  y: number;
  size: number;
  c: string;
}

/**
 * The lines of a PDF that hold letters of one face (`font` matches mutool's font name), each with the
 * widest gap between two letters of that face side by side: read with mutool's structured text,
 * characters grouped by baseline (so a line mutool splits at a wide gap is read whole). Spaces
 * count as gap, not as characters; `text` and the ends are those of the face's letters.
 */
export function printedLines(pdf: string, font: RegExp): PrintedLine[] {
  const xml = execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', pdf], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const out: PrintedLine[] = [];
  xml
    .split('<page ')
    .slice(1)
    .forEach((page, p) => {
      const rows = new Map<number, Char[]>();
      for (const run of page.split('<font ').slice(1)) {
        const name = /name="([^"]*)"/.exec(run)?.[1] ?? '';
        const size = Number(/size="([\d.]+)"/.exec(run)?.[1] ?? 0);
        if (!size) continue;
        const inFace = font.test(name);
        for (const m of run.matchAll(
          /<char quad="([\d.-]+) [\d.-]+ ([\d.-]+) [^"]*" x="[\d.-]+" y="([\d.-]+)"[^>]*? c="([^"]*)"/g,
        )) {
          const c = decode(m[4]);
          if (/^\s$/.test(c)) continue;
          const y = Math.round(Number(m[3]) * 4) / 4;
          const row = rows.get(y) ?? [];
          row.push({ inFace, x0: Number(m[1]), x1: Number(m[2]), y, size, c });
          rows.set(y, row);
        }
      }
      for (const [y, all] of rows) {
        all.sort((a, b) => a.x0 - b.x0);
        const chars = all.filter((c) => c.inFace);
        if (!chars.length) continue;
        let right = all[0].x1;
        let maxGap = 0;
        all.slice(1).forEach((ch, i) => {
          // Between two letters of the face; one in another face (a digit, a note call) is not a gap.
          if (ch.inFace && all[i].inFace && ch.x1 - ch.x0 > 0.01) maxGap = Math.max(maxGap, (ch.x0 - right) / ch.size);
          right = Math.max(right, ch.x1);
        });
        out.push({ page: p + 1, y, text: chars.map((c) => c.c).join(''), maxGap, left: chars[0].x0, right });
      }
    });
  return out;
}
