import fs from 'node:fs';
import path from 'node:path';
import type { Node as DomNode } from '@xmldom/xmldom';
import type { FootnoteDefinition, Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { renderEpub } from '../../src/render/epub/index.js';
import { FIXTURES, loadEssay, loadFixture, REPO, spineDocuments, unzip } from './helpers.js';

/**
 * Words compared as runs of letters or of digits (a note number sticks to the word it follows): typography may
 * change, words may not.
 */
const words = (text: string) =>
  text
    .normalize('NFC')
    .replace(/\u00AD/g, '')
    .toLowerCase()
    .match(/\p{L}+|\p{N}+/gu) ?? [];

const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'td',
  'th',
  'aside',
  'section',
  'div',
  'blockquote',
  'pre',
  'figcaption',
  'dt',
  'dd',
  'nav',
]);

/** Text of a document's body, with a space after each block so words of adjacent blocks never merge. */
function bodyText(node: DomNode): string {
  if (node.nodeType === node.TEXT_NODE) return node.nodeValue ?? '';
  const inner = Array.from(node.childNodes).map(bodyText).join('');
  return BLOCKS.has((node as { localName?: string }).localName ?? '') ? `${inner} ` : inner;
}

async function epubWords(bytes: Uint8Array): Promise<string[]> {
  const docs = await spineDocuments(await unzip(bytes));
  return docs.flatMap(({ doc }) => words(bodyText(doc.getElementsByTagName('body')[0])));
}

/** The manuscript as written: its body, its notes in order of first reference, and the about text. */
function manuscriptWords(files: string[]) {
  const body: string[] = [];
  const notes: string[][] = [];
  let about: string[] = [];
  for (const file of files) {
    const tree = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkFrontmatter)
      .parse(fs.readFileSync(file, 'utf8')) as MdastRoot;
    const definitions = new Map<string, FootnoteDefinition>();
    for (const node of tree.children) {
      if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node);
      if (node.type === 'yaml') about = words(String(YAML.parse(node.value).about ?? ''));
    }
    const seen = new Set<string>();
    for (const node of tree.children) {
      if (node.type === 'footnoteDefinition' || node.type === 'yaml') continue;
      visit(node, (n: MdastNodes) => {
        if (n.type === 'text' || n.type === 'inlineCode' || n.type === 'code') body.push(...words(n.value));
        if (n.type === 'footnoteReference' && !seen.has(n.identifier)) {
          seen.add(n.identifier);
          notes.push(textWords(definitions.get(n.identifier)!));
        }
      });
    }
  }
  return { body, notes, about };
}

function textWords(node: MdastNodes): string[] {
  const found: string[] = [];
  visit(node, (n: MdastNodes) => {
    if (n.type === 'text' || n.type === 'inlineCode' || n.type === 'code') found.push(...words(n.value));
  });
  return found;
}

/** Index just past `needle` found as a subsequence of `haystack` from `from`, or -1 with the first missing word. */
function subsequence(haystack: string[], needle: string[], from = 0): { end: number; missing?: string } {
  let i = from;
  for (const [k, word] of needle.entries()) {
    while (i < haystack.length && haystack[i] !== word) i++;
    if (i === haystack.length)
      return { end: -1, missing: `word ${k} "${word}" (after "${needle.slice(Math.max(0, k - 8), k).join(' ')}")` };
    i++;
  }
  return { end: i };
}

function indexOfRun(haystack: string[], run: string[], from: number): number {
  for (let i = from; i + run.length <= haystack.length; i++) if (run.every((w, k) => haystack[i + k] === w)) return i;
  return -1;
}

function expectNothingLost(text: string[], manuscript: ReturnType<typeof manuscriptWords>) {
  expect(manuscript.body.length).toBeGreaterThan(20);
  expect(subsequence(text, manuscript.body).missing).toBeUndefined();
  // Each note whole, and the notes in the book's order.
  let at = 0;
  for (const [i, note] of manuscript.notes.entries()) {
    const found = indexOfRun(text, note, at);
    expect(found, `note ${i + 1}: ${note.slice(0, 8).join(' ')}…`).toBeGreaterThanOrEqual(0);
    at = found + note.length;
  }
  expect(indexOfRun(text, manuscript.about, 0)).toBeGreaterThanOrEqual(0);
}

describe('nothing lost', () => {
  it('keeps every word of the essay, its 14 notes and the about text, in order', async () => {
    const manuscript = manuscriptWords([path.join(REPO, 'manuscript/fading-color.md')]);
    expect(manuscript.notes).toHaveLength(14);
    expectNothingLost(await epubWords(await renderEpub(loadEssay())), manuscript);
  });

  it('keeps every word of a book in several files, tables and lists included', async () => {
    const dir = path.join(FIXTURES, 'epub-multi/manuscript');
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => path.join(dir, f));
    const manuscript = manuscriptWords(files);
    expectNothingLost(await epubWords(await renderEpub(loadFixture('epub-multi'))), manuscript);
  });

  it('would notice a lost word', async () => {
    const manuscript = manuscriptWords([path.join(REPO, 'manuscript/fading-color.md')]);
    const text = await epubWords(await renderEpub(loadEssay()));
    const without = text.filter((w) => w !== 'frat');
    expect(subsequence(without, manuscript.body).missing).toMatch(/"frat"/);
  });
});
