/**
 * The few words the EPUB adds around the book's own text (navigation headings, link labels).
 * Keyed by primary language subtag; books in other languages get English.
 */
export interface Labels {
  contents: string;
  landmarks: string;
  pages: string;
  notes: string;
  cover: string;
  titlePage: string;
  /** Label of a back link from a note to its reference; `n` is the note number, `nth` the reference (1-based). */
  backToReference: (n: number, nth: number) => string;
  /** Alternative text of the cover image. */
  coverAlt: (title: string, authors: string[]) => string;
}

const en: Labels = {
  contents: 'Contents',
  landmarks: 'Landmarks',
  pages: 'Pages',
  notes: 'Notes',
  cover: 'Cover',
  titlePage: 'Title page',
  backToReference: (n, nth) => (nth === 1 ? `Back to note ${n} in the text` : `Back to reference ${nth} to note ${n}`),
  coverAlt: (title, authors) => (authors.length ? `Cover: ${title}, by ${authors.join(', ')}` : `Cover: ${title}`),
};

const fr: Labels = {
  contents: 'Table des matières',
  landmarks: 'Repères',
  pages: 'Pages',
  notes: 'Notes',
  cover: 'Couverture',
  titlePage: 'Page de titre',
  backToReference: (n, nth) => (nth === 1 ? `Retour à l’appel de note ${n}` : `Retour à l’appel ${nth} de la note ${n}`),
  coverAlt: (title, authors) => (authors.length ? `Couverture : ${title}, par ${authors.join(', ')}` : `Couverture : ${title}`),
};

const de: Labels = {
  contents: 'Inhalt',
  landmarks: 'Orientierungspunkte',
  pages: 'Seiten',
  notes: 'Anmerkungen',
  cover: 'Umschlag',
  titlePage: 'Titelseite',
  backToReference: (n, nth) => (nth === 1 ? `Zurück zu Anmerkung ${n} im Text` : `Zurück zum ${nth}. Verweis auf Anmerkung ${n}`),
  coverAlt: (title, authors) => (authors.length ? `Umschlag: ${title}, von ${authors.join(', ')}` : `Umschlag: ${title}`),
};

const es: Labels = {
  contents: 'Índice',
  landmarks: 'Puntos de referencia',
  pages: 'Páginas',
  notes: 'Notas',
  cover: 'Cubierta',
  titlePage: 'Portada',
  backToReference: (n, nth) => (nth === 1 ? `Volver a la llamada de la nota ${n}` : `Volver a la llamada ${nth} de la nota ${n}`),
  coverAlt: (title, authors) => (authors.length ? `Cubierta: ${title}, de ${authors.join(', ')}` : `Cubierta: ${title}`),
};

const BY_LANGUAGE: Record<string, Labels> = { en, fr, de, es };

export function labelsFor(lang: string): Labels {
  return BY_LANGUAGE[lang.split('-')[0].toLowerCase()] ?? en;
}
