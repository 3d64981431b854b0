// The word check's message (pure): which text is missing, where it went and why, and what to do.
import { describe, expect, it } from 'vitest';
import { assertEveryWordPrinted, type TextSource } from '../../src/render/print/word-check.js';

const sources: TextSource[] = [
  { key: 'c:one', label: 'the text of manuscript/one.md', text: 'The printers met in winter. They argued over wages.' },
  { key: 'n:1', label: 'note 1 (called in manuscript/one.md)', text: 'A ledger of the guild.' },
];

function message(printed: Parameters<typeof assertEveryWordPrinted>[1]): string {
  try {
    assertEveryWordPrinted(sources, printed);
  } catch (err) {
    return (err as Error).message;
  }
  return '';
}

describe('the word check names the real cause', () => {
  it('says nothing when every word is printed', () => {
    expect(message({ text: { 'c:one': sources[0].text, 'n:1': sources[1].text }, unseen: {} })).toBe('');
  });

  it('text laid out past a page foot: the page, and that the page make-up is at fault', () => {
    const text = message({
      text: { 'c:one': 'The printers met in winter.', 'n:1': sources[1].text },
      unseen: { 'c:one': { reason: 'past-page', page: 19 } },
    });
    expect(text).toMatch(/^the print PDF would lose text: 4 of the book's 14 words/);
    expect(text).toMatch(/missing from "They argued over wages\." \(laid out past the foot of page 19\)/);
    expect(text).toMatch(/fault in pamphleteer's page make-up, not in the manuscript/);
    expect(text).not.toMatch(/page size|a note too long/);
  });

  it('hidden or clipped text: the project styles, not the page make-up', () => {
    const text = message({
      text: { 'c:one': sources[0].text },
      unseen: { 'n:1': { reason: 'hidden', page: 3 } },
    });
    expect(text).toMatch(
      /note 1 \(called in manuscript\/one\.md\): none of its 5 words printed; .*\(hidden by a style on page 3\)/,
    );
    expect(text).toMatch(/Check the project styles/);
    expect(text).not.toMatch(/page make-up/);
  });

  it('text on no page at all: the sizes that keep it from any page', () => {
    const text = message({ text: { 'n:1': sources[1].text }, unseen: {} });
    expect(text).toMatch(/\(on no page: the layout could not place it\)/);
    expect(text).toMatch(/Check the page size, margins and font size/);
  });
});
