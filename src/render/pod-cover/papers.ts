/**
 * Interior papers of print-on-demand and short-run printers, by pages per inch (PPI): the spine is
 * as wide as the page count divided by the PPI. Typical published values; a printer's own spec
 * sheet wins (config `cover.ppi`).
 */
export const COVER_PAPERS = {
  /** 50 lb (75 g/m²) uncoated white offset. */
  'white-50': { ppi: 512, label: '50# uncoated white' },
  /** 55–60 lb (80–90 g/m²) uncoated white: the usual print-on-demand white (0.002252 in a page). */
  'white-60': { ppi: 444, label: '60# uncoated white' },
  /** 50 lb cream (book) paper. */
  'cream-50': { ppi: 434, label: '50# cream' },
  /** 55–60 lb cream: the usual print-on-demand cream (0.0025 in a page). */
  'cream-60': { ppi: 400, label: '60# cream' },
  /** 70 lb coated (colour interiors). */
  'coated-70': { ppi: 426, label: '70# coated' },
  /** 80 lb coated gloss or silk text. */
  'coated-80': { ppi: 360, label: '80# coated' },
} as const;

export type CoverPaper = keyof typeof COVER_PAPERS;
export const COVER_PAPER_NAMES = Object.keys(COVER_PAPERS) as [CoverPaper, ...CoverPaper[]];
