import fs from 'node:fs';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { mayHoldAutolinkLiteral, remarkGfmParse } from '../../src/manuscript/gfm.js';
import { seededRandom } from '../helpers/random.js';

// The parser reads GFM through its own plugin (remark-gfm's parsing half) and leaves autolink
// literals out when a text cannot hold one. Both must give remark-gfm's tree, positions included.
const reference = unified().use(remarkParse).use(remarkGfm);
const withAutolinks = unified().use(remarkParse).use(remarkGfmParse, { autolinkLiterals: true });
const withoutAutolinks = unified().use(remarkParse).use(remarkGfmParse, { autolinkLiterals: false });

const essay = fs.readFileSync(path.join(__dirname, '../../manuscript/fading-color.md'), 'utf8');

/** Random Markdown from pieces that make every GFM construct, and the near misses of autolink literals. */
function randomMarkdown(random: () => number): string {
  const pieces = [
    'word',
    'Wort',
    'слово',
    '日本語',
    'كلمة',
    ' ',
    ' ',
    '\n',
    '\n\n',
    '.',
    ',',
    ':',
    '/',
    '//',
    '-',
    '_',
    '*',
    '~',
    '~~',
    '`',
    '|',
    ' | ',
    '\n| a | b |\n| - | :-: |\n| c | d |\n',
    '\na\n:-\n',
    '[^1]',
    '\n\n[^1]: A note.\n',
    '- [ ] task\n',
    '- [x] done\n',
    '> ',
    '# ',
    '(',
    ')',
    '<',
    '>',
    '!',
    '?',
    '\\',
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
  ];
  const count = 5 + Math.floor(random() * 60);
  let text = '';
  for (let i = 0; i < count; i++) text += pieces[Math.floor(random() * pieces.length)];
  return text;
}

const tree = (processor: typeof reference, text: string) => JSON.stringify(processor.parse(text));

describe('GFM parsing without the writer, autolink literals only where they may be', () => {
  it('parses the essay as remark-gfm does, with or without autolink literals (it holds none)', () => {
    expect(mayHoldAutolinkLiteral(essay)).toBe(false);
    const expected = tree(reference, essay);
    expect(tree(withAutolinks, essay)).toBe(expected);
    expect(tree(withoutAutolinks, essay)).toBe(expected);
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
      // The reference links it (or the test text is no address at all).
      expect(tree(reference, text), text).toContain('"type":"link"');
      expect(tree(withAutolinks, text), text).toBe(tree(reference, text));
    }
  });

  it('gives remark-gfm’s tree for a sweep of generated texts, leaving autolinks out only when none can be', () => {
    const random = seededRandom(19);
    let without = 0;
    let linked = 0;
    for (let i = 0; i < 600; i++) {
      const text = randomMarkdown(random);
      const expected = tree(reference, text);
      expect(tree(withAutolinks, text), text).toBe(expected);
      if (expected.includes('"type":"link"')) linked++;
      if (!mayHoldAutolinkLiteral(text)) {
        without++;
        expect(tree(withoutAutolinks, text), text).toBe(expected);
      }
    }
    // Both sides of the test were taken, and some texts held an address.
    expect(without).toBeGreaterThan(20);
    expect(linked).toBeGreaterThan(20);
  });
});
