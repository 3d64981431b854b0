/**
 * Which free font to add for a character no bundled font draws: the Noto family of its script, all
 * on npm as fontsource packages. Tried in order; the first script the character belongs to names the font.
 */
const SUGGESTIONS: Array<{ script: string; test: RegExp; font: string }> = [
  { script: 'Runic', test: /\p{Script=Runic}/u, font: 'Noto Sans Runic' },
  { script: 'Ogham', test: /\p{Script=Ogham}/u, font: 'Noto Sans Ogham' },
  { script: 'Cherokee', test: /\p{Script=Cherokee}/u, font: 'Noto Sans Cherokee' },
  { script: 'Tifinagh', test: /\p{Script=Tifinagh}/u, font: 'Noto Sans Tifinagh' },
  { script: 'Gujarati', test: /\p{Script=Gujarati}/u, font: 'Noto Serif Gujarati' },
  { script: 'Gurmukhi', test: /\p{Script=Gurmukhi}/u, font: 'Noto Serif Gurmukhi' },
  { script: 'Oriya', test: /\p{Script=Oriya}/u, font: 'Noto Sans Oriya' },
  { script: 'Telugu', test: /\p{Script=Telugu}/u, font: 'Noto Serif Telugu' },
  { script: 'Kannada', test: /\p{Script=Kannada}/u, font: 'Noto Serif Kannada' },
  { script: 'Malayalam', test: /\p{Script=Malayalam}/u, font: 'Noto Serif Malayalam' },
  { script: 'Sinhala', test: /\p{Script=Sinhala}/u, font: 'Noto Serif Sinhala' },
  { script: 'Lao', test: /\p{Script=Lao}/u, font: 'Noto Serif Lao' },
  { script: 'Khmer', test: /\p{Script=Khmer}/u, font: 'Noto Serif Khmer' },
  { script: 'Myanmar', test: /\p{Script=Myanmar}/u, font: 'Noto Serif Myanmar' },
  { script: 'Tibetan', test: /\p{Script=Tibetan}/u, font: 'Noto Serif Tibetan' },
  { script: 'Mongolian', test: /\p{Script=Mongolian}/u, font: 'Noto Sans Mongolian' },
  { script: 'Syriac', test: /\p{Script=Syriac}/u, font: 'Noto Sans Syriac' },
  { script: 'Thaana', test: /\p{Script=Thaana}/u, font: 'Noto Sans Thaana' },
  { script: 'N’Ko', test: /\p{Script=Nko}/u, font: 'Noto Sans NKo' },
  { script: 'Adlam', test: /\p{Script=Adlam}/u, font: 'Noto Sans Adlam' },
  { script: 'Vai', test: /\p{Script=Vai}/u, font: 'Noto Sans Vai' },
  { script: 'Yi', test: /\p{Script=Yi}/u, font: 'Noto Sans Yi' },
  { script: 'Canadian syllabics', test: /\p{Script=Canadian_Aboriginal}/u, font: 'Noto Sans Canadian Aboriginal' },
  { script: 'Javanese', test: /\p{Script=Javanese}/u, font: 'Noto Sans Javanese' },
  { script: 'Balinese', test: /\p{Script=Balinese}/u, font: 'Noto Sans Balinese' },
  { script: 'Coptic', test: /\p{Script=Coptic}/u, font: 'Noto Sans Coptic' },
  { script: 'Glagolitic', test: /\p{Script=Glagolitic}/u, font: 'Noto Sans Glagolitic' },
  { script: 'Gothic', test: /\p{Script=Gothic}/u, font: 'Noto Sans Gothic' },
  { script: 'emoji', test: /\p{Extended_Pictographic}/u, font: 'Noto Emoji' },
  {
    script: 'mathematical',
    test: /[\u2200-\u22FF\u27C0-\u27EF\u2980-\u2AFF\u{1D400}-\u{1D7FF}]/u,
    font: 'Noto Sans Math',
  },
  { script: 'symbol', test: /\p{S}/u, font: 'Noto Sans Symbols 2' },
];

/** The font to name for a character no bundled font has, with its npm package (fontsource names it so). */
export function suggestFont(cp: number): { script: string; font: string; pkg: string } | undefined {
  const ch = String.fromCodePoint(cp);
  const found = SUGGESTIONS.find((s) => s.test.test(ch));
  if (!found) return undefined;
  return {
    script: found.script,
    font: found.font,
    pkg: `@fontsource/${found.font.toLowerCase().replace(/\s+/g, '-')}`,
  };
}
