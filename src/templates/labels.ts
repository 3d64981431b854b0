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
  /** The rights line when the front matter gives none (after "© names. "), for `count` authors. */
  rights: (count: number) => string;
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
  rights: (count) => (count > 1 ? 'All rights belong to the authors.' : 'All rights belong to the author.'),
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
  rights: (count) => (count > 1 ? 'Tous droits réservés aux auteurs.' : 'Tous droits réservés à l’auteur.'),
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
  rights: (count) => (count > 1 ? 'Alle Rechte liegen bei den Autoren.' : 'Alle Rechte liegen beim Autor.'),
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
  rights: (count) =>
    count > 1 ? 'Todos los derechos pertenecen a los autores.' : 'Todos los derechos pertenecen al autor.',
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
  rights: (count) =>
    count > 1 ? 'Tutti i diritti appartengono agli autori.' : 'Tutti i diritti appartengono all’autore.',
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
  rights: (count) => (count > 1 ? 'Todos os direitos pertencem aos autores.' : 'Todos os direitos pertencem ao autor.'),
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
  rights: (count) => (count > 1 ? 'Все права принадлежат авторам.' : 'Все права принадлежат автору.'),
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
  rights: (count) =>
    count > 1 ? 'Όλα τα δικαιώματα ανήκουν στους συγγραφείς.' : 'Όλα τα δικαιώματα ανήκουν στον συγγραφέα.',
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
  rights: (count) => (count > 1 ? 'Tüm hakları yazarlarına aittir.' : 'Tüm hakları yazarına aittir.'),
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
  rights: (count) => (count > 1 ? 'Wszelkie prawa należą do autorów.' : 'Wszelkie prawa należą do autora.'),
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
  rights: (count) => (count > 1 ? 'جميع الحقوق محفوظة للمؤلفين.' : 'جميع الحقوق محفوظة للمؤلف.'),
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
  rights: (count) => (count > 1 ? 'همهٔ حقوق برای نویسندگان محفوظ است.' : 'همهٔ حقوق برای نویسنده محفوظ است.'),
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
  rights: (count) => (count > 1 ? 'כל הזכויות שמורות למחברים.' : 'כל הזכויות שמורות למחבר.'),
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
  rights: () => '版权归作者所有。',
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
  rights: () => '版權歸作者所有。',
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
  rights: () => '著作権は著者に帰属します。',
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
  rights: () => '모든 권리는 저자에게 있습니다.',
};

const uk: Words = {
  contents: 'Зміст',
  landmarks: 'Орієнтири',
  pages: 'Сторінки',
  notes: 'Примітки',
  cover: 'Обкладинка',
  titlePage: 'Титульна сторінка',
  aboutTheAuthor: 'Про автора',
  colophon: 'Вихідні дані',
  by: (a) => `Автор: ${a}`,
  firstPublished: (s) => `Уперше опубліковано: ${s}`,
  published: (d) => `Опубліковано: ${d}`,
  typesetWith: 'Зверстано в pamphleteer.',
  backToNote: (n) => `Назад до примітки ${n} в тексті`,
  backToReference: (n, nth) => `Назад до ${nth}-го посилання на примітку ${n}`,
  coverAlt: (title) => `Обкладинка: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
  rights: (count) => (count > 1 ? 'Усі права належать авторам.' : 'Усі права належать авторові.'),
};

const vi: Words = {
  contents: 'Mục lục',
  landmarks: 'Mốc định hướng',
  pages: 'Trang',
  notes: 'Chú thích',
  cover: 'Bìa',
  titlePage: 'Trang tên sách',
  aboutTheAuthor: 'Về tác giả',
  colophon: 'Thông tin xuất bản',
  by: (a) => `Tác giả: ${a}`,
  firstPublished: (s) => `Xuất bản lần đầu: ${s}`,
  published: (d) => `Xuất bản ${d}`,
  typesetWith: 'Dàn trang bằng pamphleteer.',
  backToNote: (n) => `Quay lại chú thích ${n} trong văn bản`,
  backToReference: (n, nth) => `Quay lại lần dẫn thứ ${nth} đến chú thích ${n}`,
  coverAlt: (title) => `Bìa: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
  rights: (count) => (count > 1 ? 'Mọi quyền thuộc về các tác giả.' : 'Mọi quyền thuộc về tác giả.'),
};

const hi: Words = {
  contents: 'विषय-सूची',
  landmarks: 'मुख्य स्थान',
  pages: 'पृष्ठ',
  notes: 'टिप्पणियाँ',
  cover: 'आवरण',
  titlePage: 'मुखपृष्ठ',
  aboutTheAuthor: 'लेखक के बारे में',
  colophon: 'प्रकाशन विवरण',
  by: (a) => `लेखक: ${a}`,
  firstPublished: (s) => `पहली बार प्रकाशित: ${s}`,
  published: (d) => `प्रकाशित: ${d}`,
  typesetWith: 'pamphleteer से टाइपसेट किया गया।',
  backToNote: (n) => `पाठ में टिप्पणी ${n} पर लौटें`,
  backToReference: (n, nth) => `टिप्पणी ${n} के ${nth}वें संदर्भ पर लौटें`,
  coverAlt: (title) => `आवरण: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
  rights: (count) => (count > 1 ? 'सर्वाधिकार लेखकों के पास सुरक्षित हैं।' : 'सर्वाधिकार लेखक के पास सुरक्षित हैं।'),
};

const mr: Words = {
  contents: 'अनुक्रमणिका',
  landmarks: 'महत्त्वाची ठिकाणे',
  pages: 'पाने',
  notes: 'टिपा',
  cover: 'मुखपृष्ठ',
  titlePage: 'शीर्षक पान',
  aboutTheAuthor: 'लेखकाविषयी',
  colophon: 'प्रकाशन तपशील',
  by: (a) => `लेखक: ${a}`,
  firstPublished: (s) => `प्रथम प्रकाशन: ${s}`,
  published: (d) => `प्रकाशित: ${d}`,
  typesetWith: 'pamphleteer मध्ये अक्षरजुळणी.',
  backToNote: (n) => `मजकुरातील टीप ${n} कडे परत`,
  backToReference: (n, nth) => `टीप ${n} च्या ${nth} व्या संदर्भाकडे परत`,
  coverAlt: (title) => `मुखपृष्ठ: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
  rights: (count) => (count > 1 ? 'सर्व हक्क लेखकांकडे राखीव.' : 'सर्व हक्क लेखकाकडे राखीव.'),
};

const ne: Words = {
  contents: 'विषयसूची',
  landmarks: 'मुख्य स्थानहरू',
  pages: 'पृष्ठहरू',
  notes: 'टिप्पणीहरू',
  cover: 'आवरण',
  titlePage: 'शीर्षक पृष्ठ',
  aboutTheAuthor: 'लेखकको बारेमा',
  colophon: 'प्रकाशन विवरण',
  by: (a) => `लेखक: ${a}`,
  firstPublished: (s) => `पहिलो पटक प्रकाशित: ${s}`,
  published: (d) => `प्रकाशित: ${d}`,
  typesetWith: 'pamphleteer मा टाइपसेट गरिएको।',
  backToNote: (n) => `पाठमा टिप्पणी ${n} मा फर्कनुहोस्`,
  backToReference: (n, nth) => `टिप्पणी ${n} को ${nth}औँ सन्दर्भमा फर्कनुहोस्`,
  coverAlt: (title) => `आवरण: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
  rights: (count) => (count > 1 ? 'सर्वाधिकार लेखकहरूमा सुरक्षित।' : 'सर्वाधिकार लेखकमा सुरक्षित।'),
};

const bn: Words = {
  contents: 'সূচিপত্র',
  landmarks: 'মূল অংশ',
  pages: 'পৃষ্ঠা',
  notes: 'টীকা',
  cover: 'প্রচ্ছদ',
  titlePage: 'নামপত্র',
  aboutTheAuthor: 'লেখক পরিচিতি',
  colophon: 'প্রকাশনা তথ্য',
  by: (a) => `লেখক: ${a}`,
  firstPublished: (s) => `প্রথম প্রকাশ: ${s}`,
  published: (d) => `প্রকাশকাল: ${d}`,
  typesetWith: 'pamphleteer দিয়ে অক্ষরবিন্যাস।',
  backToNote: (n) => `লেখায় টীকা ${n}-এ ফিরে যান`,
  backToReference: (n, nth) => `টীকা ${n}-এর ${nth} নম্বর উল্লেখে ফিরে যান`,
  coverAlt: (title) => `প্রচ্ছদ: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
  rights: (count) => (count > 1 ? 'সর্বস্বত্ব লেখকদের।' : 'সর্বস্বত্ব লেখকের।'),
};

const ta: Words = {
  contents: 'பொருளடக்கம்',
  landmarks: 'முக்கிய இடங்கள்',
  pages: 'பக்கங்கள்',
  notes: 'குறிப்புகள்',
  cover: 'அட்டை',
  titlePage: 'தலைப்புப் பக்கம்',
  aboutTheAuthor: 'ஆசிரியரைப் பற்றி',
  colophon: 'பதிப்பு விவரம்',
  by: (a) => `ஆசிரியர்: ${a}`,
  firstPublished: (s) => `முதல் வெளியீடு: ${s}`,
  published: (d) => `வெளியீடு: ${d}`,
  typesetWith: 'pamphleteer மூலம் அச்சுக்கோப்பு செய்யப்பட்டது.',
  backToNote: (n) => `உரையில் குறிப்பு ${n}-க்குத் திரும்பு`,
  backToReference: (n, nth) => `குறிப்பு ${n}-இன் ${nth}-ஆவது சுட்டுக்குத் திரும்பு`,
  coverAlt: (title) => `அட்டை: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
  rights: (count) => (count > 1 ? 'அனைத்து உரிமைகளும் ஆசிரியர்களுக்கே.' : 'அனைத்து உரிமைகளும் ஆசிரியருக்கே.'),
};

const th: Words = {
  contents: 'สารบัญ',
  landmarks: 'จุดสำคัญ',
  pages: 'หน้า',
  notes: 'เชิงอรรถ',
  cover: 'ปก',
  titlePage: 'หน้าปกใน',
  aboutTheAuthor: 'เกี่ยวกับผู้เขียน',
  colophon: 'ข้อมูลการพิมพ์',
  by: (a) => `โดย ${a}`,
  firstPublished: (s) => `ตีพิมพ์ครั้งแรก: ${s}`,
  published: (d) => `ตีพิมพ์ ${d}`,
  typesetWith: 'จัดหน้าด้วย pamphleteer',
  backToNote: (n) => `กลับไปยังเชิงอรรถ ${n} ในเนื้อหา`,
  backToReference: (n, nth) => `กลับไปยังการอ้างอิงครั้งที่ ${nth} ของเชิงอรรถ ${n}`,
  coverAlt: (title) => `ปก: ${title}`,
  coverAltAuthors: (authors) => ` โดย ${authors}`,
  rights: () => 'สงวนลิขสิทธิ์โดยผู้เขียน',
};

const ka: Words = {
  contents: 'სარჩევი',
  landmarks: 'ორიენტირები',
  pages: 'გვერდები',
  notes: 'შენიშვნები',
  cover: 'გარეკანი',
  titlePage: 'სატიტულო გვერდი',
  aboutTheAuthor: 'ავტორის შესახებ',
  colophon: 'გამოცემის მონაცემები',
  by: (a) => `ავტორი: ${a}`,
  firstPublished: (s) => `პირველად გამოქვეყნდა: ${s}`,
  published: (d) => `გამოქვეყნდა: ${d}`,
  typesetWith: 'აწყობილია pamphleteer-ით.',
  backToNote: (n) => `ტექსტში შენიშვნა ${n}-ზე დაბრუნება`,
  backToReference: (n, nth) => `შენიშვნა ${n}-ის ${nth}-ე მითითებაზე დაბრუნება`,
  coverAlt: (title) => `გარეკანი: ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
  rights: (count) => (count > 1 ? 'ყველა უფლება ეკუთვნის ავტორებს.' : 'ყველა უფლება ეკუთვნის ავტორს.'),
};

const hy: Words = {
  contents: 'Բովանդակություն',
  landmarks: 'Կողմնորոշիչներ',
  pages: 'Էջեր',
  notes: 'Ծանոթագրություններ',
  cover: 'Շապիկ',
  titlePage: 'Տիտղոսաթերթ',
  aboutTheAuthor: 'Հեղինակի մասին',
  colophon: 'Տպագրական տվյալներ',
  by: (a) => `Հեղինակ՝ ${a}`,
  firstPublished: (s) => `Առաջին հրատարակություն՝ ${s}`,
  published: (d) => `Հրատարակված՝ ${d}`,
  typesetWith: 'Շարվածքը՝ pamphleteer։',
  backToNote: (n) => `Վերադառնալ տեքստի ${n} ծանոթագրությանը`,
  backToReference: (n, nth) => `Վերադառնալ ${n} ծանոթագրության ${nth}-րդ հղմանը`,
  coverAlt: (title) => `Շապիկ՝ ${title}`,
  coverAltAuthors: (authors) => `, ${authors}`,
  rights: (count) =>
    count > 1 ? 'Բոլոր իրավունքները պատկանում են հեղինակներին։' : 'Բոլոր իրավունքները պատկանում են հեղինակին։',
};

const am: Words = {
  contents: 'ማውጫ',
  landmarks: 'ዋና ዋና ክፍሎች',
  pages: 'ገጾች',
  notes: 'ማስታወሻዎች',
  cover: 'ሽፋን',
  titlePage: 'የርዕስ ገጽ',
  aboutTheAuthor: 'ስለ ደራሲው',
  colophon: 'የሕትመት መረጃ',
  by: (a) => `ደራሲ፦ ${a}`,
  firstPublished: (s) => `መጀመሪያ የታተመው፦ ${s}`,
  published: (d) => `የታተመው፦ ${d}`,
  typesetWith: 'በpamphleteer የተቀናበረ።',
  backToNote: (n) => `በጽሑፉ ውስጥ ወዳለው ማስታወሻ ${n} ተመለስ`,
  backToReference: (n, nth) => `ወደ ማስታወሻ ${n} ${nth}ኛ ማጣቀሻ ተመለስ`,
  coverAlt: (title) => `ሽፋን፦ ${title}`,
  coverAltAuthors: (authors) => `፣ ${authors}`,
  listSeparator: '፣ ',
  rights: (count) => (count > 1 ? 'መብቱ በሙሉ የደራስያኑ ነው።' : 'መብቱ በሙሉ የደራሲው ነው።'),
};

const ur: Words = {
  contents: 'فہرست',
  landmarks: 'اہم مقامات',
  pages: 'صفحات',
  notes: 'حواشی',
  cover: 'سرورق',
  titlePage: 'سرِ ورق',
  aboutTheAuthor: 'مصنف کے بارے میں',
  colophon: 'اشاعتی تفصیلات',
  by: (a) => `از ${a}`,
  firstPublished: (s) => `پہلی اشاعت: ${s}`,
  published: (d) => `اشاعت: ${d}`,
  typesetWith: 'pamphleteer سے کمپوز کیا گیا۔',
  backToNote: (n) => `متن میں حاشیہ ${n} پر واپس جائیں`,
  backToReference: (n, nth) => `حاشیہ ${n} کے ${nth} ویں حوالے پر واپس جائیں`,
  coverAlt: (title) => `سرورق: ${title}`,
  coverAltAuthors: (authors) => `، ${authors}`,
  listSeparator: '، ',
  rights: (count) => (count > 1 ? 'جملہ حقوق بحقِ مصنفین محفوظ ہیں۔' : 'جملہ حقوق بحقِ مصنف محفوظ ہیں۔'),
};

const ckb: Words = {
  contents: 'ناوەڕۆک',
  landmarks: 'نیشانەکان',
  pages: 'لاپەڕەکان',
  notes: 'پەراوێزەکان',
  cover: 'بەرگ',
  titlePage: 'لاپەڕەی ناونیشان',
  aboutTheAuthor: 'دەربارەی نووسەر',
  colophon: 'زانیاریی چاپ',
  by: (a) => `نووسینی ${a}`,
  firstPublished: (s) => `یەکەم جار بڵاوکراوەتەوە: ${s}`,
  published: (d) => `بڵاوکراوەتەوە: ${d}`,
  typesetWith: 'بە pamphleteer ڕیزکراوە.',
  backToNote: (n) => `گەڕانەوە بۆ پەراوێزی ${n} لە دەقدا`,
  backToReference: (n, nth) => `گەڕانەوە بۆ ئاماژەی ${nth}ی پەراوێزی ${n}`,
  coverAlt: (title) => `بەرگ: ${title}`,
  coverAltAuthors: (authors) => `، ${authors}`,
  listSeparator: '، ',
  rights: (count) => (count > 1 ? 'هەموو مافەکان بۆ نووسەران پارێزراوە.' : 'هەموو مافەکان بۆ نووسەر پارێزراوە.'),
};

const nl: Words = {
  contents: 'Inhoud',
  landmarks: 'Oriëntatiepunten',
  pages: 'Pagina’s',
  notes: 'Noten',
  cover: 'Omslag',
  titlePage: 'Titelpagina',
  aboutTheAuthor: 'Over de auteur',
  colophon: 'Colofon',
  by: (a) => `Door ${a}`,
  firstPublished: (s) => `Eerder verschenen in: ${s}`,
  published: (d) => `Verschenen ${d}`,
  typesetWith: 'Gezet met pamphleteer.',
  backToNote: (n) => `Terug naar noot ${n} in de tekst`,
  backToReference: (n, nth) => `Terug naar verwijzing ${nth} naar noot ${n}`,
  coverAlt: (title) => `Omslag: ${title}`,
  coverAltAuthors: (authors) => `, door ${authors}`,
  rights: (count) => (count > 1 ? 'Alle rechten bij de auteurs.' : 'Alle rechten bij de auteur.'),
};

const sv: Words = {
  contents: 'Innehåll',
  landmarks: 'Orienteringspunkter',
  pages: 'Sidor',
  notes: 'Noter',
  cover: 'Omslag',
  titlePage: 'Titelsida',
  aboutTheAuthor: 'Om författaren',
  colophon: 'Kolofon',
  by: (a) => `Av ${a}`,
  firstPublished: (s) => `Först publicerad: ${s}`,
  published: (d) => `Utgiven ${d}`,
  typesetWith: 'Satt med pamphleteer.',
  backToNote: (n) => `Tillbaka till not ${n} i texten`,
  backToReference: (n, nth) => `Tillbaka till hänvisning ${nth} till not ${n}`,
  coverAlt: (title) => `Omslag: ${title}`,
  coverAltAuthors: (authors) => `, av ${authors}`,
  rights: (count) => (count > 1 ? 'Alla rättigheter tillhör författarna.' : 'Alla rättigheter tillhör författaren.'),
};

const id: Words = {
  contents: 'Daftar Isi',
  landmarks: 'Penanda',
  pages: 'Halaman',
  notes: 'Catatan',
  cover: 'Sampul',
  titlePage: 'Halaman judul',
  aboutTheAuthor: 'Tentang penulis',
  colophon: 'Kolofon',
  by: (a) => `Oleh ${a}`,
  firstPublished: (s) => `Pertama kali terbit: ${s}`,
  published: (d) => `Terbit ${d}`,
  typesetWith: 'Disusun dengan pamphleteer.',
  backToNote: (n) => `Kembali ke catatan ${n} dalam teks`,
  backToReference: (n, nth) => `Kembali ke rujukan ke-${nth} untuk catatan ${n}`,
  coverAlt: (title) => `Sampul: ${title}`,
  coverAltAuthors: (authors) => `, oleh ${authors}`,
  rights: (count) => (count > 1 ? 'Hak cipta sepenuhnya milik para penulis.' : 'Hak cipta sepenuhnya milik penulis.'),
};

const BY_LANGUAGE: Record<string, Words> = {
  en,
  fr,
  de,
  es,
  it,
  pt,
  ru,
  el,
  tr,
  pl,
  ar,
  fa,
  he,
  zh,
  ja,
  ko,
  uk,
  vi,
  hi,
  mr,
  ne,
  bn,
  ta,
  th,
  ka,
  hy,
  am,
  ur,
  ckb,
  nl,
  sv,
  id,
};

/** Languages with their own labels (others get English). */
export const LABEL_LANGUAGES = Object.keys(BY_LANGUAGE);

/**
 * The labels a `labels:` key (config or front matter) may set, with the placeholders each one's text
 * takes: `by: "{author} द्वारा"`.
 */
export const LABEL_KEYS = {
  contents: [],
  landmarks: [],
  pages: [],
  notes: [],
  cover: [],
  titlePage: [],
  aboutTheAuthor: [],
  colophon: [],
  by: ['author'],
  firstPublished: ['source'],
  published: ['date'],
  typesetWith: [],
  backToNote: ['n'],
  backToReference: ['n', 'nth'],
  coverAlt: ['title'],
  coverAltAuthors: ['authors'],
  rights: [],
} as const satisfies Record<string, readonly string[]>;

export type LabelKey = keyof typeof LABEL_KEYS;
export type LabelOverrides = Partial<Record<LabelKey, string>>;

/** A label's text with its placeholders ({author}, {n}…) filled in. */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}

/** The words of a language with a book's own labels over them. */
function withOverrides(words: Words, overrides: LabelOverrides): Words {
  const o = overrides;
  return {
    ...words,
    ...(o.contents !== undefined && { contents: o.contents }),
    ...(o.landmarks !== undefined && { landmarks: o.landmarks }),
    ...(o.pages !== undefined && { pages: o.pages }),
    ...(o.notes !== undefined && { notes: o.notes }),
    ...(o.cover !== undefined && { cover: o.cover }),
    ...(o.titlePage !== undefined && { titlePage: o.titlePage }),
    ...(o.aboutTheAuthor !== undefined && { aboutTheAuthor: o.aboutTheAuthor }),
    ...(o.colophon !== undefined && { colophon: o.colophon }),
    ...(o.typesetWith !== undefined && { typesetWith: o.typesetWith }),
    ...(o.by !== undefined && { by: (author: string) => fill(o.by!, { author }) }),
    ...(o.firstPublished !== undefined && { firstPublished: (source: string) => fill(o.firstPublished!, { source }) }),
    ...(o.published !== undefined && { published: (date: string) => fill(o.published!, { date }) }),
    ...(o.backToNote !== undefined && { backToNote: (n: string) => fill(o.backToNote!, { n }) }),
    ...(o.backToReference !== undefined && {
      backToReference: (n: string, nth: number) => fill(o.backToReference!, { n, nth }),
    }),
    ...(o.coverAlt !== undefined && { coverAlt: (title: string) => fill(o.coverAlt!, { title }) }),
    ...(o.coverAltAuthors !== undefined && {
      coverAltAuthors: (authors: string) => fill(o.coverAltAuthors!, { authors }),
    }),
    ...(o.rights !== undefined && { rights: () => o.rights! }),
  };
}

function wordsFor(lang: string): Words | undefined {
  const primary = primaryLanguage(lang);
  return primary === 'zh' && cjkFamilyKey(lang) === 'tc' ? zhHant : BY_LANGUAGE[primary];
}

/**
 * The labels that a book in this language shows in English: all those its `labels:` key does not
 * set, when pamphleteer has no labels for the language; none otherwise.
 */
export function labelsInEnglish(lang: string, overrides: LabelOverrides = {}): LabelKey[] {
  if (wordsFor(lang)) return [];
  return (Object.keys(LABEL_KEYS) as LabelKey[]).filter((key) => overrides[key] === undefined);
}

/**
 * The labels of a book's language: its words (with the book's own `labels:` over them), its digits,
 * and dates written for it (Intl).
 */
export function labelsFor(lang: string, overrides: LabelOverrides = {}): Labels {
  const words = withOverrides(wordsFor(lang) ?? en, overrides);
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
