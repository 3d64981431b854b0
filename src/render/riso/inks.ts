/**
 * The standard Risograph inks: the name a config uses and the colour the preview overprints it in
 * (the ink makers' published sRGB approximations, as riso studios list them).
 */
export const RISO_INKS = {
  black: '#000000',
  'bright-red': '#f15060',
  red: '#ff665e',
  burgundy: '#914e72',
  'marine-red': '#d2515e',
  'fluorescent-pink': '#ff48b0',
  orange: '#ff6c2f',
  sunflower: '#ffb511',
  yellow: '#ffe800',
  'flat-gold': '#bb8b41',
  brown: '#925f52',
  green: '#00a95c',
  'hunter-green': '#407060',
  teal: '#00838a',
  mint: '#82d8d5',
  aqua: '#5ec8e5',
  blue: '#0078bf',
  'medium-blue': '#3255a4',
  'federal-blue': '#3d5588',
  purple: '#765ba7',
  violet: '#9d7ad2',
  gray: '#928d88',
  'light-gray': '#88898a',
} as const;

export type RisoInk = keyof typeof RISO_INKS;
export const RISO_INK_NAMES = Object.keys(RISO_INKS) as [RisoInk, ...RisoInk[]];

/** An ink's colour as 0–255 red, green, blue. */
export function inkRgb(ink: RisoInk): [number, number, number] {
  const hex = RISO_INKS[ink];
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}
