// Page make-up of any PDF, read from its text layer with mutool (each character's baseline), so
// pamphleteer and LaTeX are measured alike. Shared by the page make-up tests
// (tests/print/page-makeup.test.ts) and the typesetting benchmark (bench/typeset.mjs). Plain
// JavaScript so that bench/ runs under node without a build; its types are in page-makeup.d.mts.
import { execFileSync } from 'node:child_process';

/** The text of mutool's XML: its entities decoded. */
export const decode = (s) =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);/gi, (_, n) =>
    n === 'amp'
      ? '&'
      : n === 'lt'
        ? '<'
        : n === 'gt'
          ? '>'
          : n === 'quot'
            ? '"'
            : n === 'apos'
              ? "'"
              : String.fromCodePoint(n[1] === 'x' ? parseInt(n.slice(2), 16) : Number(n.slice(1))),
  );

/**
 * Pages → lines, each with its baseline (pt from the page top), its commonest type size, its text,
 * and its runs of type (size, baseline, text) for finding raised note calls.
 */
export function readBaselines(pdf) {
  const xml = execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', pdf], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const pages = [];
  for (const page of xml.split('<page ').slice(1)) {
    const lines = [];
    for (const line of page.split('<line ').slice(1)) {
      const runs = [];
      for (const font of line.split('<font ').slice(1)) {
        const size = Number(/size="([\d.]+)"/.exec(font)?.[1] ?? 0);
        const chars = [...font.matchAll(/<char [^>]*?x="([\d.-]+)" y="([\d.-]+)"[^>]*? c="([^"]*)"/g)];
        if (!chars.length) continue;
        runs.push({ size, y: Number(chars[0][2]), text: chars.map((c) => decode(c[3])).join('') });
      }
      const text = runs.map((r) => r.text).join('');
      if (!text.trim()) continue;
      // The line's size and baseline: those of most of its letters.
      const weight = new Map();
      for (const r of runs) weight.set(r.size, (weight.get(r.size) ?? 0) + r.text.length);
      const size = [...weight.entries()].sort((a, b) => b[1] - a[1])[0][0];
      const y = runs.find((r) => r.size === size).y;
      lines.push({ y, size, text, runs });
    }
    lines.sort((a, b) => a.y - b.y);
    pages.push(lines);
  }
  return pages;
}

const mode = (values) => {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
};
const round = (v, step = 0.5) => Math.round(v / step) * step;

/**
 * The page make-up measures of one PDF:
 * - depth of each page of running text (its last baseline, notes included);
 * - spreads (verso + recto) of running text whose pages end at different depths (> 1 pt), where
 *   the text runs on past the recto;
 * - pages of running text more than a line short of the commonest depth (the last page, and a
 *   page whose next starts a new section at its head, left out), and those off it at all;
 * - empty lines above the notes: beyond the least space between text and notes of any page;
 * - notes whose first line is not on the page of their call;
 * - hyphens inside words mid-line ("dif-ferent" where "different" is printed elsewhere); given the
 *   manuscript's text (`source`), a word it writes with a hyphen ("co-workers") is the author's, not counted.
 */
export function measurePageMakeup(pdf, { source = '' } = {}) {
  const pages = readBaselines(pdf);
  const all = pages.flat();
  const body = mode(all.filter((l) => l.text.replace(/\s/g, '').length > 20).map((l) => round(l.size)));
  const isBody = (l) => round(l.size) >= body - 0.3 && round(l.size) <= body + 0.3;
  const isNote = (l) => l.size < body * 0.92 && l.size > body * 0.6;
  const isFolio = (l) => /^\s*[\divxlcdm]+\s*$/i.test(l.text);
  // The line pitch of running text.
  const pitches = [];
  for (const lines of pages) {
    const b = lines.filter(isBody);
    for (let i = 1; i < b.length; i++) pitches.push(round(b[i].y - b[i - 1].y, 0.1));
  }
  const pitch = mode(pitches.filter((p) => p > body * 0.9)) ?? body * 1.4;
  const info = pages.map((lines, i) => {
    // The running head: small lines above the page's first line of text size or larger.
    const top = lines.find((l) => !isFolio(l) && l.size >= body - 0.3)?.y ?? 0;
    const text = lines.filter((l) => !isFolio(l) && (l.y >= top || l.size >= body - 0.3));
    const bodyLines = text.filter(isBody);
    const running = bodyLines.length >= 5;
    const notes = text.filter((l) => isNote(l) && bodyLines.length && l.y > bodyLines[bodyLines.length - 1].y);
    const depth = text.length ? Math.max(...text.map((l) => l.y)) : undefined;
    // A page whose first body line is a heading's (a larger size above it) opens a section.
    const first = text.find((l) => !isNote(l));
    const opens = !!first && first.size > body * 1.1;
    return { page: i + 1, running, depth, bodyLines, notes, opens, lines: text };
  });
  const fullDepth = mode(info.filter((p) => p.running && p.depth).map((p) => round(p.depth)));
  const runsOn = (i) => info[i + 1]?.running && !info[i + 1].opens;
  let unevenSpreads = 0;
  let spreads = 0;
  // Spreads: pages 2–3, 4–5, … (a verso and the recto beside it).
  for (let v = 1; v + 1 < info.length; v += 2) {
    const [a, b] = [info[v], info[v + 1]];
    if (!a.running || !b.running || !runsOn(v) || !runsOn(v + 1)) continue;
    spreads++;
    if (Math.abs(a.depth - b.depth) > 1) unevenSpreads++;
  }
  const shortPages = info.filter((p, i) => p.running && runsOn(i) && p.depth < fullDepth - pitch - 1).length;
  // Pages of running text that run on but do not end at the common depth (within 1 pt).
  const pagesOffDepth = info
    .filter((p, i) => p.running && runsOn(i) && Math.abs(p.depth - fullDepth) > 1)
    .map((p) => p.page);
  // Space between the last body line and the first note line, beyond the least on any page.
  // (Pages that run on only: a chapter's last page ends where its text ends, its notes at the foot.)
  const gaps = info
    .filter((p, i) => p.notes.length && runsOn(i))
    .map((p) => p.notes[0].y - p.bodyLines[p.bodyLines.length - 1].y);
  const least = gaps.length ? Math.min(...gaps) : 0;
  const emptyLinesAboveNotes = gaps.reduce((n, g) => n + Math.floor((g - least) / pitch + 0.25), 0);
  // Notes against their calls: a note's first line starts with its number; its call is that
  // number set small and raised in a body line.
  let notes = 0;
  let notesOffCallPage = 0;
  const callPages = new Map();
  for (const p of info)
    for (const l of p.bodyLines)
      for (const r of l.runs)
        if (r.size < body * 0.8 && r.y < l.y - 0.5 && /^\s*\d+\s*$/.test(r.text)) {
          const n = Number(r.text.trim());
          if (!callPages.has(n)) callPages.set(n, p.page);
        }
  let expect = 1;
  for (const p of info)
    for (const l of p.notes) {
      // ("12. Text" as pamphleteer sets it; a raised "12" run, then the text, as LaTeX does.)
      const m = /^\s*(\d+)(?:[.\s]|$)/.exec(l.runs[0]?.text ?? '') ?? /^\s*(\d+)\.?\s/.exec(l.text);
      if (!m || Number(m[1]) !== expect) continue;
      expect++;
      notes++;
      if (callPages.has(notes) && callPages.get(notes) !== p.page) notesOffCallPage++;
    }
  // Hyphens inside words, mid-line.
  const words = new Set();
  for (const l of all) for (const w of l.text.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
  const authorHyphens = new Set(source.toLowerCase().match(/\p{L}+[-\u2010]\p{L}+/gu) ?? []);
  let hyphensInsideWords = 0;
  for (const l of all) {
    const tokens = l.text.trim().split(/\s+/);
    tokens.slice(0, -1).forEach((t) => {
      const m = /^\W*(\p{L}+)[-\u2010](\p{L}+)\W*$/u.exec(t.toLowerCase());
      if (m && words.has(m[1] + m[2]) && !authorHyphens.has(`${m[1]}-${m[2]}`)) hyphensInsideWords++;
    });
  }
  return {
    pages: pages.length,
    fullDepth,
    pitch,
    depths: info.map((p) => (p.running ? p.depth : undefined)),
    spreads,
    unevenSpreads,
    shortPages,
    pagesOffDepth,
    emptyLinesAboveNotes,
    notes,
    notesOffCallPage,
    hyphensInsideWords,
  };
}
