import type { LanguageText } from './sentences.js';

/** The words of a text, as Intl.Segmenter finds them in its language (Thai has no spaces between words). */
export function wordsOf(text: string, lang: string): string[] {
  const segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/**
 * A multi-page book from a language's sentences: three chapters of paragraphs (the sentences in a
 * different order in each), notes, a list, a quotation, a subheading and emphasis, until the text
 * holds at least `minWords` words. Returns the manuscript file's text.
 */
export function makeBook(t: LanguageText, minWords = 1500): string {
  const n = t.sentences.length;
  const chapterWords = Math.ceil(minWords / 3);
  const notes: string[] = [];
  const out: string[] = [
    '---',
    `title: "${t.title}"`,
    `subtitle: "${t.subtitle}"`,
    `author: "${t.author}"`,
    `lang: ${t.lang}`,
    'date: "2024-05-01"',
    `about: "${t.about}"`,
    '---',
    '',
  ];
  t.chapters.forEach((title, c) => {
    out.push(`## ${title}`, '');
    let words = 0;
    let p = 0;
    while (words < chapterWords) {
      // Four sentences a paragraph, each chapter stepping through the list at its own stride.
      const paragraph = [0, 1, 2, 3].map((k) => t.sentences[(c * 5 + p * (c + 3) + k * (2 * c + 1)) % n]);
      if (p === 1) paragraph[1] = `*${paragraph[1]}*`;
      let text = paragraph.join(' ');
      if (p % 3 === 0 && notes.length < t.notes.length * 2) {
        notes.push(t.notes[notes.length % t.notes.length]);
        text += `[^${notes.length}]`;
      }
      out.push(text, '');
      words += wordsOf(text, t.lang).length;
      if (c === 0 && p === 1) out.push(...t.list.map((item) => `- ${item}`), '');
      if (c === 1 && p === 1) out.push(`> ${t.quote}`, '');
      if (c === 2 && p === 2) out.push(`### ${t.chapters[0]}`, '');
      p++;
    }
  });
  for (const [i, note] of notes.entries()) out.push(`[^${i + 1}]: ${note}`, '');
  return out.join('\n');
}
