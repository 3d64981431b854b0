/** A distro's shelf for the catalogue tests: the essay and two generated titles, one with a cover image. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CatalogueEntry } from '../../src/catalogue/index.js';
import { RECORD_FORMAT, type TitleRecord } from '../../src/util/title-record-format.js';
import { FIXTURES, REPO } from '../helpers/seed.js';

export interface Shelf {
  dir: string;
  /** Project folder names, in name order. */
  names: string[];
}

/** Metadata that must be escaped everywhere it appears (HTML, XML, CSS, SVG). */
export const TRICKY = {
  title: 'Sabotage <script>alert("t")</script> & the “long” strike of the Ünïon, told in full by those who were there',
  subtitle:
    'A subtitle that runs on: what happened, who was there, and why the minutes of every meeting matter — ]]> too',
  authors: ["Zoé D'Arc", 'Kim <b>Lee</b>'],
  description: 'Notes from the picket line, with <em>markup</em> & ampersands "quoted", kept as text.',
  publisher: 'Distro & <i>Friends</i>',
};

/** TRICKY as the book shows it: its front matter gets the language's (French) quotation marks and apostrophes. */
export const TRICKY_SHOWN = {
  title: TRICKY.title.replace('"t"', '«\u202Ft\u202F»'),
  authors: ['Zoé D’Arc', 'Kim <b>Lee</b>'],
  description: TRICKY.description.replace('"quoted"', '«\u202Fquoted\u202F»'),
};

export function makeShelf(): Shelf {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-catalogue-')), 'titles');
  fs.mkdirSync(dir, { recursive: true });

  // The essay, as its own project folder.
  fs.cpSync(path.join(REPO, 'manuscript'), path.join(dir, 'fading-color', 'manuscript'), { recursive: true });

  // A generated leaflet with a cover image, in the minimal design (the image wins over the design).
  const leaflet = path.join(dir, 'leaflet', 'manuscript');
  fs.mkdirSync(leaflet, { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, 'epub-cover/manuscript/cover.png'), path.join(leaflet, 'cover.png'));
  fs.writeFileSync(
    path.join(leaflet, 'leaflet.md'),
    `---\ntitle: Rent Strike Handbook\nauthor: Tenants Union Local 9\nlang: en\ndate: "2024-05"\ncover: cover.png\ndescription: How to organize a rent strike in your building, step by step.\n---\n\n## Before you start\n\nTalk to every neighbour first.[^1] Keep a list.\n\n## The strike\n\nWithhold together, never alone.\n\n[^1]: Door by door, floor by floor.\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'leaflet', 'pamphleteer.config.json'),
    JSON.stringify({ cover: { design: 'minimal', back: true } }),
  );

  // A generated French title with metadata full of markup, the bold design, a tagline and a QR code.
  const tricky = path.join(dir, 'sabotage', 'manuscript');
  fs.mkdirSync(tricky, { recursive: true });
  const yaml = (s: string) => JSON.stringify(s);
  fs.writeFileSync(
    path.join(tricky, '01-texte.md'),
    [
      '---',
      `title: ${yaml(TRICKY.title)}`,
      `subtitle: ${yaml(TRICKY.subtitle)}`,
      `author: [${TRICKY.authors.map(yaml).join(', ')}]`,
      'lang: fr',
      `publisher: ${yaml(TRICKY.publisher)}`,
      `description: ${yaml(TRICKY.description)}`,
      '---',
      '',
      '## Premier jour',
      '',
      'Nous étions là dès six heures.[^1]',
      '',
      '[^1]: Devant la porte de l’usine.',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'sabotage', 'pamphleteer.config.json'),
    JSON.stringify({
      cover: { design: 'bold', tagline: 'imprimez, copiez, partagez', qr: 'https://example.org/zines?id=1&lang=fr' },
    }),
  );
  return { dir, names: ['fading-color', 'leaflet', 'sabotage'] };
}

/** Every file under a folder, relative, sorted. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export const LANGS = ['en', 'fr', 'de', 'es', 'ar', 'ja', 'pt'];
const FIRST = ['Zoé', 'Kim', 'Ana', 'Jo', 'Marek', 'Ngozi', 'Sami', 'Lin', 'Ravi'];

/** `count` title records by about count/2 authors (a third of the titles by two), in seven languages. */
export function generatedEntries(count: number): CatalogueEntry[] {
  const author = (n: number) => `${FIRST[n % FIRST.length]} Writer-${n}`;
  const authorCount = Math.max(1, Math.floor(count / 2));
  return Array.from({ length: count }, (_, i) => {
    const slug = `title-${i + 1}`;
    const record: TitleRecord = {
      format: RECORD_FORMAT,
      generator: 'pamphleteer test',
      inputHash: `${i}`.padStart(64, '0'),
      inputs: [],
      slug,
      title: `Pamphlet ${i + 1}: on rent & wages <${LANGS[i % LANGS.length]}>`,
      authors: i % 3 === 0 ? [author(i % authorCount), author((i * 7 + 1) % authorCount)] : [author(i % authorCount)],
      lang: LANGS[i % LANGS.length],
      publisher: 'Sweep Distro',
      description: `A generated title, number ${i + 1}, with a sentence or two of description.`,
      keywords: ['housing'],
      identifier: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      updated: `2026-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`,
      book: { chapters: 3, notes: 2, words: 1000 + i },
      outputs: [
        { kind: 'epub', file: `${slug}.epub`, bytes: 40_000 + i },
        { kind: 'pdf', file: `${slug}.pdf`, bytes: 90_000 + i, pages: 12 },
      ],
      cover: { epubEntry: 'OEBPS/cover.png', mediaType: 'image/png' },
    };
    return { record, dir: `/titles/${slug}/dist` };
  });
}
