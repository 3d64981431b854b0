/**
 * Which parts of the print edition each riso drum prints, as style rules that change colours and
 * nothing else: every drum is the same layout with some parts black and the rest transparent, so
 * the drums register by construction. The first ink prints the body; the second the accent parts
 * the config names; a third, when given, the images.
 */
import type { Config } from '../../config/schema.js';

export type RisoConfig = Config['riso'];
export type DrumRole = 'body' | 'accent' | 'images';

/** The parts that can take the accent ink: text selectors, and the rules drawn in their colour. */
const ACCENT_TEXT: Record<'headings' | 'noteNumbers', string[]> = {
  // With the running heads, which repeat the book's and the section's titles at the head of the page.
  headings: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', '.text-title', '.book-title', '.pagedjs_margin-top-center'],
  noteNumbers: ['a[data-footnote-call]', '.note-number', '.noteref'],
};
/**
 * Rules: the asterism and the notes rule (drawn in the notes area's colour). Table rules stay with
 * their table's text: a cell cannot show its borders and hide its own text without painting it.
 */
const RULE_COLOUR = ['hr', '.pagedjs_footnote_area'];
const COVER_TITLE = ['.cover-art .title'];
const IMAGES = ['img', 'svg image'];

/** A selector list and every element inside what it names. */
const within = (selectors: string[]) => selectors.flatMap((s) => [s, `${s} *`]).join(', ');

/** The drum each ink prints: the first the body, the second the accent, a third the images. */
export function drumRoles(riso: RisoConfig): DrumRole[] {
  return riso.inks.map((_, i) => (i === 0 ? 'body' : i === 1 ? 'accent' : 'images'));
}

/** Where the images go: their own drum with three inks, else the accent's or the body's. */
function imagesOn(riso: RisoConfig): DrumRole {
  if (riso.inks.length > 2) return 'images';
  return riso.accent.images ? 'accent' : 'body';
}

export function drumCss(role: DrumRole, riso: RisoConfig): string {
  const { accent } = riso;
  const accentText = [
    ...(accent.headings ? ACCENT_TEXT.headings : []),
    ...(accent.noteNumbers ? ACCENT_TEXT.noteNumbers : []),
  ];
  const rules: string[] = [];
  // Hidden parts are not painted at all (visibility keeps the layout, and unlike a transparent
  // colour it leaves no invisible text in the PDF); shown parts are black.
  const state = (on: boolean) =>
    on ? 'visibility: visible !important; color: #000 !important;' : 'visibility: hidden !important;';
  const show = (selectors: string[], on: boolean, inside = true) => {
    if (selectors.length > 0) rules.push(`${inside ? within(selectors) : selectors.join(', ')} { ${state(on)} }`);
  };
  // Everything hidden on the accent and images drums, black on the body drum; then each part
  // shown or hidden on this drum.
  rules.push(`* { ${state(role === 'body')} }`);
  rules.push(
    '.cover-art .paper, .cover-art .band { fill: transparent !important; }',
    '.cover-art text, .cover-art text * { fill: #000 !important; }',
    '.cover-art .frame, .cover-art .rule { stroke: #000 !important; }',
  );
  if (role !== 'images') show(accentText, role === 'accent');
  if (accent.rules && role !== 'images') {
    // The rule only: the notes inside the area stay on their drum.
    show(RULE_COLOUR, role === 'accent', false);
  }
  if (accent.coverTitle && role !== 'images') show(COVER_TITLE, role === 'accent');
  const images = imagesOn(riso);
  rules.push(
    images === role
      ? `${IMAGES.join(', ')} { visibility: visible !important; filter: grayscale(1) !important; }`
      : `${IMAGES.join(', ')} { visibility: hidden !important; }`,
  );
  return rules.join('\n');
}
