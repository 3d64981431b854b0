/**
 * The few words pamphleteer adds around the book's own text (shared pages, navigation headings,
 * link labels), for the templates and both renderers. Keyed by primary language subtag (Chinese by
 * script); books in other languages get English.
 */
import { cjkFamilyKey, formatDate, formatNumber, primaryLanguage } from '../language/index.js';

/** The words of one language. */
export interface Words {
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
  /** Label of the back link from a note to its (first) reference; `n` is the note number. */
  backToNote: (n: string) => string;
  /** Label of the back link to a later reference to the note: `nth` is 2 or more. */
  backToReference: (n: string, nth: number) => string;
  /** Alternative text of the cover image: the title ("Cover: Fading Color")… */
  coverAlt: (title: string) => string;
  /** …then the authors, when there are any (", by J. Malco"): their names joined by `listSeparator`. */
  coverAltAuthors: (authors: string) => string;
  /** Between the names of a list, when not ", ". */
  listSeparator?: string;
}

/** A language's words, with its digits. */
export interface Labels
  extends Omit<Words, 'backToNote' | 'backToReference' | 'coverAlt' | 'coverAltAuthors' | 'listSeparator'> {
  /** Label of a back link from a note to its reference; `n` is the note number, `nth` the reference (1-based). */
  backToReference: (n: number, nth: number) => string;
  /** Alternative text of the cover image. */
  coverAlt: (title: string, authors: string[]) => string;
  /** A number (note, page) in the language's digits. */
  number: (n: number) => string;
}

const en: Words = {
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
  backToNote: (n) => `Back to note ${n} in the text`,
  backToReference: (n, nth) => `Back to reference ${nth} to note ${n}`,
  coverAlt: (title) => `Cover: ${title}`,
  coverAltAuthors: (authors) => `, by ${authors}`,
};

const fr: Words = {
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
  backToNote: (n) => `Retour à l’appel de note ${n}`,
  backToReference: (n, nth) => `Retour à l’appel ${nth} de la note ${n}`,
  coverAlt: (title) => `Couverture : ${title}`,
  coverAltAuthors: (authors) => `, par ${authors}`,
};

const de: Words = {
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
  backToNote: (n) => `Zurück zu Anmerkung ${n} im Text`,
  backToReference: (n, nth) => `Zurück zum ${nth}. Verweis auf Anmerkung ${n}`,
  coverAlt: (title) => `Umschlag: ${title}`,
  coverAltAuthors: (authors) => `, von ${authors}`,
};

const es: Words = {
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
  backToNote: (n) => `Volver a la llamada de la nota ${n}`,
  backToReference: (n, nth) => `Volver a la llamada ${nth} de la nota ${n}`,
  coverAlt: (title) => `Cubierta: ${title}`,
  coverAltAuthors: (authors) => `, de ${authors}`,
};

const it: Words = {
  contents: 'Indice',
  landmarks: 'Punti di riferimento',
  pages: 'Pagine',
  notes: 'Note',
  cover: 'Copertina',
  titlePage: 'Frontespizio',
  aboutTheAuthor: 'Sull’autore',
  colophon: 'Colophon',
  by: (a) => `Di ${a}`,
  firstPublished: (s) => `Prima pubblicazione: ${s}`,
  published: (d) => `Pubblicato nel ${d}`,
  typesetWith: 'Composto con pamphleteer.',
  backToNote: (n) => `Torna al richiamo della nota ${n}`,
  backToReference: (n, nth) => `Torna al richiamo ${nth} della nota ${n}`,
  coverAlt: (title) => `Copertina: ${title}`,
  coverAltAuthors: (authors) => `, di ${authors}`,
};

const pt: Words = {
  contents: 'Índice',
  landmarks: 'Pontos de referência',
  pages: 'Páginas',
  notes: 'Notas',
  cover: 'Capa',
  titlePage: 'Folha de rosto',
  aboutTheAuthor: 'Sobre o autor',
  colophon: 'Colofão',
  by: (a) => `Por ${a}`,
  firstPublished: (s) => `Publicado originalmente em ${s}`,
  published: (d) => `Publicado em ${d}`,
  typesetWith: 'Composto com pamphleteer.',
  backToNote: (n) => `Voltar à chamada da nota ${n}`,
  backToReference: (n, nth) => `Voltar à chamada ${nth} da nota ${n}`,
  coverAlt: (title) => `Capa: ${title}`,
  coverAltAuthors: (authors) => `, de ${authors}`,
};

const ru: Words = {
  contents: 'Содержание',
  landmarks: 'Ориентиры',
  pages: 'Страницы',
  notes: 'Примечания',
  cover: 'Обложка',
  titlePage: 'Титульный лист',
  aboutTheAuthor: 'Об авторе',
  colophon: 'Выходные данные',
  by: (a) => `Автор: ${a}`,
  firstPublished: (s) => `Впервые опубликовано: ${s}`,
  published: (d) => `Опубликовано: ${d}`,
  typesetWith: 'Свёрстано в pamphleteer.',
  backToNote: (n) => `Назад к примечанию ${n} в тексте`,
  backToReference: (n, nth) => `Назад к ссылке ${nth} на примечание ${n}`,
  coverAlt: (title) => `Обложка: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
};

const el: Words = {
  contents: 'Περιεχόμενα',
  landmarks: 'Σημεία αναφοράς',
  pages: 'Σελίδες',
  notes: 'Σημειώσεις',
  cover: 'Εξώφυλλο',
  titlePage: 'Σελίδα τίτλου',
  aboutTheAuthor: 'Για τον συγγραφέα',
  colophon: 'Κολοφώνας',
  by: (a) => `Του/Της ${a}`,
  firstPublished: (s) => `Πρώτη δημοσίευση: ${s}`,
  published: (d) => `Δημοσιεύθηκε: ${d}`,
  typesetWith: 'Στοιχειοθετήθηκε με το pamphleteer.',
  backToNote: (n) => `Επιστροφή στη σημείωση ${n} στο κείμενο`,
  backToReference: (n, nth) => `Επιστροφή στην παραπομπή ${nth} της σημείωσης ${n}`,
  coverAlt: (title) => `Εξώφυλλο: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
};

const tr: Words = {
  contents: 'İçindekiler',
  landmarks: 'Yer imleri',
  pages: 'Sayfalar',
  notes: 'Notlar',
  cover: 'Kapak',
  titlePage: 'İç kapak',
  aboutTheAuthor: 'Yazar hakkında',
  colophon: 'Künye',
  by: (a) => `Yazan: ${a}`,
  firstPublished: (s) => `İlk yayın: ${s}`,
  published: (d) => `Yayın tarihi: ${d}`,
  typesetWith: 'pamphleteer ile dizildi.',
  backToNote: (n) => `Metindeki ${n} numaralı nota dön`,
  backToReference: (n, nth) => `${n} numaralı notun ${nth}. göndermesine dön`,
  coverAlt: (title) => `Kapak: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
};

const pl: Words = {
  contents: 'Spis treści',
  landmarks: 'Punkty orientacyjne',
  pages: 'Strony',
  notes: 'Przypisy',
  cover: 'Okładka',
  titlePage: 'Strona tytułowa',
  aboutTheAuthor: 'O autorze',
  colophon: 'Metryka',
  by: (a) => `Autor: ${a}`,
  firstPublished: (s) => `Pierwodruk: ${s}`,
  published: (d) => `Wydano: ${d}`,
  typesetWith: 'Złożono w pamphleteer.',
  backToNote: (n) => `Powrót do przypisu ${n} w tekście`,
  backToReference: (n, nth) => `Powrót do odwołania ${nth} do przypisu ${n}`,
  coverAlt: (title) => `Okładka: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
};

const ar: Words = {
  contents: 'المحتويات',
  landmarks: 'معالم الكتاب',
  pages: 'الصفحات',
  notes: 'الحواشي',
  cover: 'الغلاف',
  titlePage: 'صفحة العنوان',
  aboutTheAuthor: 'عن المؤلف',
  colophon: 'بيانات النشر',
  by: (a) => `تأليف: ${a}`,
  firstPublished: (s) => `نُشر لأول مرة: ${s}`,
  published: (d) => `تاريخ النشر: ${d}`,
  typesetWith: 'صُفَّ بواسطة pamphleteer.',
  backToNote: (n) => `العودة إلى الحاشية ${n} في النص`,
  backToReference: (n, nth) => `العودة إلى الإحالة ${nth} إلى الحاشية ${n}`,
  coverAlt: (title) => `الغلاف: ${title}`,
  coverAltAuthors: (authors) => `، تأليف ${authors}`,
  listSeparator: '، ',
};

const fa: Words = {
  contents: 'فهرست',
  landmarks: 'نشانه‌ها',
  pages: 'صفحه‌ها',
  notes: 'یادداشت‌ها',
  cover: 'جلد',
  titlePage: 'صفحهٔ عنوان',
  aboutTheAuthor: 'دربارهٔ نویسنده',
  colophon: 'شناسنامهٔ کتاب',
  by: (a) => `نوشتهٔ ${a}`,
  firstPublished: (s) => `نخستین انتشار: ${s}`,
  published: (d) => `تاریخ انتشار: ${d}`,
  typesetWith: 'حروف‌چینی با pamphleteer.',
  backToNote: (n) => `بازگشت به یادداشت ${n} در متن`,
  backToReference: (n, nth) => `بازگشت به ارجاع ${nth} به یادداشت ${n}`,
  coverAlt: (title) => `جلد: ${title}`,
  coverAltAuthors: (authors) => `، نوشتهٔ ${authors}`,
  listSeparator: '، ',
};

const he: Words = {
  contents: 'תוכן העניינים',
  landmarks: 'ציוני דרך',
  pages: 'עמודים',
  notes: 'הערות',
  cover: 'כריכה',
  titlePage: 'שער',
  aboutTheAuthor: 'על המחבר',
  colophon: 'קולופון',
  by: (a) => `מאת ${a}`,
  firstPublished: (s) => `פורסם לראשונה: ${s}`,
  published: (d) => `יצא לאור: ${d}`,
  typesetWith: 'סודר באמצעות pamphleteer.',
  backToNote: (n) => `חזרה להערה ${n} בטקסט`,
  backToReference: (n, nth) => `חזרה להפניה ${nth} להערה ${n}`,
  coverAlt: (title) => `כריכה: ${title}`,
  coverAltAuthors: (authors) => `, מאת ${authors}`,
};

const zh: Words = {
  contents: '目录',
  landmarks: '导览',
  pages: '页码',
  notes: '注释',
  cover: '封面',
  titlePage: '扉页',
  aboutTheAuthor: '关于作者',
  colophon: '版权页',
  by: (a) => `${a} 著`,
  firstPublished: (s) => `首次发表：${s}`,
  published: (d) => `出版日期：${d}`,
  typesetWith: '使用 pamphleteer 排版。',
  backToNote: (n) => `返回正文注释 ${n}`,
  backToReference: (n, nth) => `返回注释 ${n} 的第 ${nth} 处引用`,
  coverAlt: (title) => `封面：${title}`,
  coverAltAuthors: (authors) => `，${authors} 著`,
  listSeparator: '、',
};

/** Chinese in traditional characters: the words written differently; the rest is the same. */
const zhHant: Words = {
  ...zh,
  contents: '目錄',
  landmarks: '導覽',
  pages: '頁碼',
  notes: '註釋',
  titlePage: '扉頁',
  aboutTheAuthor: '關於作者',
  colophon: '版權頁',
  firstPublished: (s) => `首次發表：${s}`,
  backToNote: (n) => `返回正文註釋 ${n}`,
  backToReference: (n, nth) => `返回註釋 ${n} 的第 ${nth} 處引用`,
};

const ja: Words = {
  contents: '目次',
  landmarks: 'ランドマーク',
  pages: 'ページ',
  notes: '注',
  cover: '表紙',
  titlePage: '扉',
  aboutTheAuthor: '著者について',
  colophon: '奥付',
  by: (a) => `${a} 著`,
  firstPublished: (s) => `初出：${s}`,
  published: (d) => `発行：${d}`,
  typesetWith: 'pamphleteer で組版。',
  backToNote: (n) => `本文の注${n}に戻る`,
  backToReference: (n, nth) => `注${n}の${nth}番目の参照に戻る`,
  coverAlt: (title) => `表紙：${title}`,
  coverAltAuthors: (authors) => `（${authors} 著）`,
  listSeparator: '、',
};

const ko: Words = {
  contents: '차례',
  landmarks: '랜드마크',
  pages: '쪽',
  notes: '주석',
  cover: '표지',
  titlePage: '속표지',
  aboutTheAuthor: '지은이 소개',
  colophon: '판권',
  by: (a) => `${a} 지음`,
  firstPublished: (s) => `처음 실린 곳: ${s}`,
  published: (d) => `펴낸 날: ${d}`,
  typesetWith: 'pamphleteer로 조판.',
  backToNote: (n) => `본문의 주석 ${n}(으)로 돌아가기`,
  backToReference: (n, nth) => `주석 ${n}의 ${nth}번째 참조로 돌아가기`,
  coverAlt: (title) => `표지: ${title}`,
  coverAltAuthors: (authors) => `, ${authors} 지음`,
};

const BY_LANGUAGE: Record<string, Words> = { en, fr, de, es, it, pt, ru, el, tr, pl, ar, fa, he, zh, ja, ko };

/** Languages with their own labels (others get English). */
export const LABEL_LANGUAGES = Object.keys(BY_LANGUAGE);

/** The labels of a book's language: its words, its digits, and dates written for it (Intl). */
export function labelsFor(lang: string): Labels {
  const primary = primaryLanguage(lang);
  const words = primary === 'zh' && cjkFamilyKey(lang) === 'tc' ? zhHant : (BY_LANGUAGE[primary] ?? en);
  const number = (n: number) => formatNumber(n, lang);
  const { backToNote, backToReference, coverAlt, coverAltAuthors, listSeparator = ', ', ...rest } = words;
  return {
    ...rest,
    published: (d) => words.published(formatDate(d, lang)),
    backToReference: (n, nth) => (nth === 1 ? backToNote(number(n)) : backToReference(number(n), nth)),
    coverAlt: (title, authors) =>
      coverAlt(title) + (authors.length ? coverAltAuthors(authors.join(listSeparator)) : ''),
    number,
  };
}
