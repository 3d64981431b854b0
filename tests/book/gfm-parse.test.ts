import fs from 'node:fs';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { gfmParseOptionsFor, mayHoldAutolinkLiteral, mayHoldTable, remarkGfmParse } from '../../src/manuscript/gfm.js';
import { seededRandom } from '../helpers/random.js';

// The parser reads GFM through its own plugin (remark-gfm's parsing half) and leaves autolink
// literals and tables out of a text that cannot hold them. Every way must give remark-gfm's tree,
// positions included.
const reference = unified().use(remarkParse).use(remarkGfm);
const parser = (autolinkLiterals: boolean, tables: boolean) =>
  unified().use(remarkParse).use(remarkGfmParse, { autolinkLiterals, tables });
const everything = parser(true, true);
const tree = (processor: typeof reference, text: string) => JSON.stringify(processor.parse(text));
/** The tree of the parser that parseFiles picks for this text. */
const picked = (text: string) => {
  const { autolinkLiterals, tables } = gfmParseOptionsFor(text);
  return tree(parser(autolinkLiterals, tables), text);
};

const essay = fs.readFileSync(path.join(__dirname, '../../manuscript/fading-color.md'), 'utf8');

/** Random Markdown from pieces that make every GFM construct, in containers, and near misses of both. */
function randomMarkdown(random: () => number): string {
  const pieces = [
    'word',
    'Wort',
    'слово',
    '日本語',
    'كلمة',
    ' ',
    '  ',
    '\t',
    '\n',
    '\n',
    '\n\n',
    '.',
    ',',
    ':',
    '/',
    '//',
    '-',
    '--',
    '_',
    '*',
    '~',
    '~~',
    '`',
    '|',
    ' | ',
    '\n| a | b |\n| - | :-: |\n| c | d |\n',
    '\na\n:-\n',
    'a\n-:',
    '\n- a | b\n  - | -\n',
    '\n> a | b\n> --|--\n',
    '\n---\n',
    '\n- - -\n',
    '[^1]',
    '\n\n[^1]: A note.\n',
    '\n[^2]: a | b\n    -|-\n',
    '- [ ] task\n',
    '- [x] done\n',
    '> ',
    '>',
    '# ',
    '1. ',
    '(',
    ')',
    '<',
    '>',
    '!',
    '\\',
    '\\|',
    '&#124;',
    'ww',
    'w.',
    'htt',
    'h',
    'example',
    'org',
    'www',
    'http',
    'https://',
    'www.',
    '@',
    '&',
    '&amp;',
    '&#64;',
    '&commat;',
    '#',
    ';',
    '+',
    '\r\n',
    '\r',
  ];
  const count = 5 + Math.floor(random() * 60);
  let text = '';
  for (let i = 0; i < count; i++) text += pieces[Math.floor(random() * pieces.length)];
  return text;
}

describe('GFM parsing without the writer, autolink literals and tables only where they may be', () => {
  it('parses the essay as remark-gfm does, with or without them (it holds neither)', () => {
    expect(gfmParseOptionsFor(essay)).toEqual({ autolinkLiterals: false, tables: false });
    const expected = tree(reference, essay);
    expect(tree(everything, essay)).toBe(expected);
    expect(picked(essay)).toBe(expected);
  });

  it('finds every way of writing an address', () => {
    for (const text of [
      'see www.example.org',
      'see WWW.EXAMPLE.ORG',
      'see www\\.example.org',
      'see http://example.org',
      'see HTTPS://example.org',
      'see http\\://example.org',
      'write to ana@example.org',
      'write to ana&#64;example.org',
      'write to ana&commat;example.org',
      'write to mailto:ana@example.org',
    ]) {
      expect(mayHoldAutolinkLiteral(text), text).toBe(true);
      expect(tree(reference, text), text).toContain('"type":"link"');
      expect(picked(text), text).toBe(tree(reference, text));
    }
  });

  it('finds every table: with pipes or colons only, in quotes, lists and notes, after CRLF', () => {
    for (const text of [
      '| a | b |\n| - | - |\n| c | d |',
      'a | b\n--|--',
      'a\n:-',
      'a\n-:',
      'a\r\n:-:\r\n',
      '> a | b\n> --|--',
      '- a | b\n  --|--',
      '1. a\n\n   | b |\n   |---|',
      'Text.[^1]\n\n[^1]: a | b\n    -|-',
      'a\t|\tb\n:-\t|\t-:',
    ]) {
      expect(mayHoldTable(text), text).toBe(true);
      expect(tree(reference, text), text).toContain('"type":"table"');
      expect(picked(text), text).toBe(tree(reference, text));
    }
  });

  it('gives remark-gfm’s tree for a sweep of generated texts, whatever it leaves out', () => {
    const random = seededRandom(19);
    const seen = { links: 0, tables: 0, withoutLinks: 0, withoutTables: 0 };
    for (let i = 0; i < 400; i++) {
      const text = randomMarkdown(random);
      const expected = tree(reference, text);
      expect(picked(text), text).toBe(expected);
      const options = gfmParseOptionsFor(text);
      if (expected.includes('"type":"link"')) seen.links++;
      if (expected.includes('"type":"table"')) seen.tables++;
      if (!options.autolinkLiterals) seen.withoutLinks++;
      if (!options.tables) seen.withoutTables++;
    }
    // Every side of the test was taken.
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(10);
  });
});
