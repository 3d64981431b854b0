// Test documents made by other tools from one model: Markdown for pandoc to turn into .docx, and
// the `docx` package's own Word writer (footnotes and endnotes, a table, an image, headings).
import fs from 'node:fs';
import path from 'node:path';
import {
  Document,
  EndnoteReferenceRun,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { FIXTURES } from '../helpers/seed.js';

export type Segment = string | { note: string; kind: 'footnote' | 'endnote' };

export interface Model {
  title: string;
  author: string;
  lang: string;
  sections: { heading: string; paragraphs: Segment[][] }[];
  table: string[][];
  image: { alt: string };
}

export const IMAGE = path.join(FIXTURES, 'print-hard-cases/manuscript/images/meeting.png');

/** A deterministic text of `paragraphs` paragraphs per section from a vocabulary, notes every few sentences. */
export function generateModel(options: {
  title: string;
  author: string;
  lang: string;
  vocabulary: string[];
  headings: string[];
  paragraphs: number;
  endnotes: boolean;
  seed: number;
}): Model {
  let state = options.seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = () => options.vocabulary[Math.floor(next() * options.vocabulary.length)];
  const sentence = (min: number, max: number) => {
    const n = min + Math.floor(next() * (max - min));
    const words = Array.from({ length: n }, pick);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return `${words.join(' ')}.`;
  };
  let notes = 0;
  const sections = options.headings.map((heading) => ({
    heading,
    paragraphs: Array.from({ length: options.paragraphs }, () => {
      const segments: Segment[] = [];
      const sentences = 3 + Math.floor(next() * 4);
      for (let i = 0; i < sentences; i++) {
        segments.push(`${i ? ' ' : ''}${sentence(8, 22)}`);
        if (next() < 0.22) {
          notes++;
          const kind = options.endnotes && notes % 3 === 0 ? 'endnote' : 'footnote';
          segments.push({ note: `${sentence(6, 18)}${next() < 0.3 ? ` ${sentence(10, 20)}` : ''}`, kind });
        }
      }
      return segments;
    }),
  }));
  return {
    title: options.title,
    author: options.author,
    lang: options.lang,
    sections,
    table: [
      [pick(), pick(), pick()],
      [pick(), pick(), pick()],
      [pick(), pick(), pick()],
    ],
    image: { alt: `${sentence(4, 6).replace(/\.$/, '')}` },
  };
}

/** The model's words in reading order and its notes in the order of their calls. */
export function modelText(model: Model): { body: string; notes: string[] } {
  const body: string[] = [];
  const notes: string[] = [];
  model.sections.forEach((section, i) => {
    body.push(section.heading);
    for (const paragraph of section.paragraphs)
      for (const s of paragraph) {
        if (typeof s === 'string') body.push(s);
        else notes.push(s.note);
      }
    if (i === 0) body.push(...model.table.flat());
  });
  return { body: body.join(' '), notes };
}

/** The model as Markdown for pandoc: `#` headings, GFM footnotes (pandoc writes them as Word footnotes). */
export function modelMarkdown(model: Model): string {
  let n = 0;
  const definitions: string[] = [];
  const out = [`---\ntitle: "${model.title}"\nauthor: "${model.author}"\nlang: ${model.lang}\n---\n`];
  model.sections.forEach((section, i) => {
    out.push(`# ${section.heading}\n`);
    for (const paragraph of section.paragraphs) {
      out.push(
        `${paragraph
          .map((s) => {
            if (typeof s === 'string') return s;
            n++;
            definitions.push(`[^${n}]: ${s.note}`);
            return `[^${n}]`;
          })
          .join('')}\n`,
      );
    }
    if (i === 0) {
      out.push(`![${model.image.alt}](meeting.png)\n`);
      const [head, ...rows] = model.table;
      out.push(
        [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
          .join('\n')
          .concat('\n'),
      );
    }
  });
  return `${out.join('\n')}\n${definitions.join('\n\n')}\n`;
}

/** The model as a .docx written by the `docx` package: Title style, Heading 1, footnotes and endnotes. */
export async function modelDocx(model: Model): Promise<Buffer> {
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  const endnotes: Record<string, { children: Paragraph[] }> = {};
  let footnoteId = 0;
  let endnoteId = 0;
  const children: (Paragraph | Table)[] = [new Paragraph({ text: model.title, heading: HeadingLevel.TITLE })];
  model.sections.forEach((section, i) => {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }));
    for (const paragraph of section.paragraphs) {
      const runs = paragraph.map((s) => {
        if (typeof s === 'string') return new TextRun(s);
        if (s.kind === 'footnote') {
          footnotes[++footnoteId] = { children: [new Paragraph(s.note)] };
          return new FootnoteReferenceRun(footnoteId);
        }
        endnotes[++endnoteId] = { children: [new Paragraph(s.note)] };
        return new EndnoteReferenceRun(endnoteId);
      });
      children.push(new Paragraph({ children: runs }));
    }
    if (i === 0) {
      children.push(
        new Paragraph({
          children: [
            new ImageRun({
              type: 'png',
              data: fs.readFileSync(IMAGE),
              transformation: { width: 200, height: 120 },
              altText: { name: 'meeting', title: model.image.alt, description: model.image.alt },
            }),
          ],
        }),
      );
      children.push(
        new Table({
          rows: model.table.map(
            (row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) }),
          ),
        }),
      );
    }
  });
  const doc = new Document({
    title: model.title,
    creator: model.author,
    footnotes,
    endnotes,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
