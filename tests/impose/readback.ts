/**
 * Reads imposed PDFs back with the real tools: poppler's `pdftotext -bbox`
 * for where each word landed, MuPDF's `mutool draw -F stext` for which way
 * its text runs. A missing tool fails the test: these checks are the point.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function tool(name: 'pdftotext' | 'mutool' | 'qpdf' | 'pdffonts' | 'pdfinfo'): string {
  for (const dir of ['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin']) {
    if (existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  throw new Error(`${name} is required by these tests (install poppler-utils, mupdf-tools and qpdf)`);
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export interface TextPage {
  width: number;
  height: number;
  words: Word[];
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Words per page, coordinates in points from the top-left corner. */
export function wordsByPage(pdfPath: string): TextPage[] {
  const html = execFileSync(tool('pdftotext'), ['-bbox', pdfPath, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const pages: TextPage[] = [];
  for (const pageMatch of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [
      ...pageMatch[3].matchAll(
        /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
      ),
    ].map((m) => ({
      text: unescapeXml(m[5]),
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
    }));
    pages.push({ width: Number(pageMatch[1]), height: Number(pageMatch[2]), words });
  }
  return pages;
}

export interface TextLine {
  text: string;
  /** Direction the text runs, x right and y DOWN: [1, 0] upright, [-1, 0] upside down. */
  dir: [number, number];
}

/** Text lines per page with their writing direction, from MuPDF's structured text. */
export function linesByPage(pdfPath: string): TextLine[][] {
  const xml = execFileSync(tool('mutool'), ['draw', '-q', '-F', 'stext', '-o', '-', pdfPath], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return [...xml.matchAll(/<page\b[\s\S]*?<\/page>/g)].map((page) =>
    [...page[0].matchAll(/<line\b[^>]*\bdir="([-\d.e]+) ([-\d.e]+)"[^>]*>([\s\S]*?)<\/line>/g)].map((line) => ({
      dir: [Math.round(Number(line[1])), Math.round(Number(line[2]))] as [number, number],
      text: [...line[3].matchAll(/\bc="([^"]*)"/g)].map((c) => unescapeXml(c[1])).join(''),
    })),
  );
}

export function fontNames(pdfPath: string): string[] {
  const out = execFileSync(tool('pdffonts'), [pdfPath], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0])
    .filter(Boolean);
}
