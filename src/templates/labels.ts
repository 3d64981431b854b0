/**
 * The few words pamphleteer adds around the book's own text (shared pages, navigation headings,
 * link labels), for the templates and both renderers. Keyed by primary language subtag; books in
 * other languages get English.
 */
export interface Labels {
  contents: string;
  landmarks: string;
  pages: string;
  notes: string;
  cover: string;
  titlePage: string;
  aboutTheAuthor: string;
  colophon: string;
  /** "By J. Malco" on the colophon. */
  by: (authors: string) => string;
  /** "First published: Notes from Below, 2020". */
  firstPublished: (source: string) => string;
  published: (date: string) => string;
  typesetWith: string;
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
  aboutTheAuthor: 'About the author',
  colophon: 'Colophon',
  by: (a) => `By ${a}`,
  firstPublished: (s) => `First published: ${s}`,
  published: (d) => `Published ${d}`,
  typesetWith: 'Typeset with pamphleteer.',
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
  aboutTheAuthor: 'À propos de l’auteur',
  colophon: 'Colophon',
  by: (a) => `Par ${a}`,
  firstPublished: (s) => `Première publication : ${s}`,
  published: (d) => `Publié en ${d}`,
  typesetWith: 'Composé avec pamphleteer.',
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
  aboutTheAuthor: 'Über den Autor',
  colophon: 'Impressum',
  by: (a) => `Von ${a}`,
  firstPublished: (s) => `Erstveröffentlichung: ${s}`,
  published: (d) => `Veröffentlicht ${d}`,
  typesetWith: 'Gesetzt mit pamphleteer.',
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
  aboutTheAuthor: 'Sobre el autor',
  colophon: 'Colofón',
  by: (a) => `Por ${a}`,
  firstPublished: (s) => `Publicado originalmente en ${s}`,
  published: (d) => `Publicado en ${d}`,
  typesetWith: 'Compuesto con pamphleteer.',
  backToReference: (n, nth) => (nth === 1 ? `Volver a la llamada de la nota ${n}` : `Volver a la llamada ${nth} de la nota ${n}`),
  coverAlt: (title, authors) => (authors.length ? `Cubierta: ${title}, de ${authors.join(', ')}` : `Cubierta: ${title}`),
};

const BY_LANGUAGE: Record<string, Labels> = { en, fr, de, es };

export function labelsFor(lang: string): Labels {
  return BY_LANGUAGE[lang.split('-')[0].toLowerCase()] ?? en;
}
