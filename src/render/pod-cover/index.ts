/**
 * The print-on-demand cover (output "cover"): one wraparound sheet, back + spine + front + bleed,
 * for Lulu, KDP or a short-run printer. It is drawn by the same headless Chromium as the print
 * edition, from the same pieces: the typographic cover (or the cover image) on the front, the
 * print edition's back cover on the back, and the cover design's paper and type on the spine.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Book } from '../../book/book-types.js';
import type { Config } from '../../config/schema.js';
import { COVER_FONT_FAMILY, fitText, renderCoverSvg } from '../../templates/typographic-cover.js';
import { STYLES_DIR, readStyle } from '../../templates/render.js';
import { labelsFor } from '../../templates/labels.js';
import { escapeHtml } from '../../util/escape-html.js';
import { cssLengthToPt } from '../../util/lengths.js';
import { mediaTypeOf } from '../../util/media-type.js';
import { pdfLib } from '../../util/pdf-lib-bundle.js';
import type { PrintBrowser } from '../print/browser.js';
import { backCoverHtml } from '../print/cover.js';
import { bundledFontFaces } from '../print/fonts.js';
import { printToPdf } from '../print/index.js';
import { postProcessPdf } from '../print/pdf.js';
import { COVER_PAPERS } from './papers.js';
import { type CoverGeometry, MIN_SPINE_FOR_TEXT, coverGeometry, inches } from './geometry.js';

export { coverGeometry, type CoverGeometry } from './geometry.js';

export interface PodCoverOptions {
  browser: PrintBrowser | Promise<PrintBrowser>;
  cover: Config['cover'];
  /** The interior's trim size and page count: the print edition's. */
  pageSize: { widthPt: number; heightPt: number };
  pages: number;
  sourceDateEpoch?: number;
}

export interface PodCoverResult {
  pdf: Uint8Array;
  geometry: CoverGeometry;
  /** Said once, with the step's result: the spine left without text. */
  notice?: string;
}

export function podCoverGeometry(options: Pick<PodCoverOptions, 'cover' | 'pageSize' | 'pages'>): CoverGeometry {
  const { cover, pageSize, pages } = options;
  return coverGeometry({
    pageWidth: pageSize.widthPt,
    pageHeight: pageSize.heightPt,
    pages,
    ppi: cover.ppi ?? COVER_PAPERS[cover.paper].ppi,
    bleed: cssLengthToPt(cover.bleed),
  });
}

export async function renderPodCover(book: Book, options: PodCoverOptions): Promise<PodCoverResult> {
  const geometry = podCoverGeometry(options);
  const html = podCoverHtml(book, options.cover, geometry);
  const browser = await options.browser;
  const page = await browser.newPage();
  let raw: Uint8Array;
  try {
    // Everything is inline (fonts, images as data: URLs): the page loads nothing.
    await page.setRequestInterception(true);
    page.on('request', (request) =>
      request.url().startsWith('data:') ? void request.continue() : void request.abort('blockedbyclient'),
    );
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    raw = await printToPdf(page, { tagged: false });
  } finally {
    await page.close().catch(() => undefined);
  }
  const withInfo = await postProcessPdf({
    pdf: raw,
    metadata: book.metadata,
    outline: [],
    date: options.sourceDateEpoch === undefined ? undefined : new Date(options.sourceDateEpoch * 1000),
  });
  const pdf = await setCoverBoxes(withInfo, geometry);
  const notice = geometry.spineText
    ? undefined
    : `spine ${inches(geometry.spineWidth)} (${geometry.pages} pages at ${geometry.ppi} PPI) is narrower than ` +
      `${inches(MIN_SPINE_FOR_TEXT)}: no text on it`;
  return { pdf, geometry, notice };
}

/**
 * Chromium rounds the page size to its own units: the boxes are set to the exact geometry, from
 * the top left corner, where the page's content starts.
 */
async function setCoverBoxes(bytes: Uint8Array, g: CoverGeometry): Promise<Uint8Array> {
  const { PDFDocument } = pdfLib();
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = doc.getPage(0);
  const media = page.getMediaBox();
  const bottom = media.y + media.height - g.sheet.height;
  page.setMediaBox(media.x, bottom, g.sheet.width, g.sheet.height);
  page.setCropBox(media.x, bottom, g.sheet.width, g.sheet.height);
  page.setBleedBox(media.x, bottom, g.sheet.width, g.sheet.height);
  page.setTrimBox(media.x + g.trimBox.x, bottom + g.trimBox.y, g.trimBox.width, g.trimBox.height);
  return doc.save({ useObjectStreams: true });
}

const pt = (n: number) => `${Math.round(n * 1000) / 1000}pt`;
const place = (r: { x: number; y: number; width: number; height: number }) =>
  `left:${pt(r.x)};top:${pt(r.y)};width:${pt(r.width)};height:${pt(r.height)}`;

/** The cover sheet's HTML: self-contained, no script. */
export function podCoverHtml(book: Book, cover: Config['cover'], g: CoverGeometry): string {
  const meta = book.metadata;
  const alt = labelsFor(meta.lang).coverAlt(meta.title, meta.authors);
  const svgWidth = 1200;
  const svgHeight = Math.round((svgWidth * g.trim.height) / g.trim.width);
  const front = meta.cover
    ? `<img class="pod-front-image" src="data:${mediaTypeOf(meta.cover)};base64,` +
      `${fs.readFileSync(meta.cover).toString('base64')}" alt="${escapeHtml(alt)}"/>`
    : renderCoverSvg(meta, cover.design, svgWidth, svgHeight).replace(/<style>[\s\S]*?<\/style>/, '');
  const paper =
    `<svg class="cover-art ${cover.design} pod-paper" aria-hidden="true" viewBox="0 0 10 10" ` +
    `preserveAspectRatio="none"><rect class="paper" width="10" height="10"/></svg>`;
  const spine = g.spineText ? spineSvg(book, cover, g) : '';
  const barcode = cover.barcode ? `<div class="pod-barcode" style="${place(g.barcode)}"></div>` : '';
  const body = [
    `<div class="pod-sheet">`,
    paper,
    `<div class="pod-back" style="${place({ ...g.back, x: 0, y: 0, width: g.back.x + g.back.width, height: g.sheet.height })}">`,
    `<div class="pod-back-trim" style="${place({ ...g.back })}">${backCoverHtml(book, cover)}</div></div>`,
    `<div class="pod-spine" style="${place(g.spine)}">${spine}</div>`,
    `<div class="pod-front" style="${place(g.front)}">${front}</div>`,
    barcode,
    `</div>`,
  ].join('\n');
  const css = `
@page { size: ${pt(g.sheet.width)} ${pt(g.sheet.height)}; margin: 0; }
html, body { margin: 0; padding: 0; }
.pod-sheet { position: relative; width: ${pt(g.sheet.width)}; height: ${pt(g.sheet.height)}; overflow: hidden; }
.pod-sheet > div, .pod-back-trim { position: absolute; }
.pod-paper { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
.pod-back { background: #fff; }
.pod-back .back-cover { padding: 18% 12% 0; font-size: ${pt(Math.min(11, g.trim.width / 30))}; }
.pod-front > svg, .pod-front-image { display: block; width: 100%; height: 100%; object-fit: cover; }
.pod-spine > svg { display: block; width: 100%; height: 100%; }
.pod-barcode { background: #fff; }
`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(meta.lang)}" dir="${meta.dir}">
<head>
<meta charset="utf-8"/>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:"/>
<title>${escapeHtml(meta.title)}</title>
<style>${bundledFontFaces(meta.lang, body)}</style>
<style>${readStyle('base.css', book.root)}</style>
<style>${fs.readFileSync(path.join(STYLES_DIR, 'cover.css'), 'utf8')}</style>
<style>${fs.readFileSync(path.join(STYLES_DIR, 'print-cover.css'), 'utf8')}</style>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Title and author along the spine, read top to bottom (as English-language books have it). */
function spineSvg(book: Book, cover: Config['cover'], g: CoverGeometry): string {
  const meta = book.metadata;
  const text = [meta.title, meta.authors.join(', ')].filter(Boolean).join(' · ');
  const length = g.spine.height;
  const size = Math.min(14, g.spineWidth * 0.5);
  const block = fitText(text, {
    box: { x: 0, y: 0, w: length * 0.84, h: size * 1.3 },
    size,
    minSize: Math.min(6, size),
    maxLines: 1,
    lineHeight: 1.2,
    face: 'regular',
    anchor: 'middle',
  });
  const line = escapeHtml(block.lines[0] ?? '');
  // Drawn along the length of a landscape box, then turned a quarter clockwise into the spine.
  return (
    `<svg class="cover-art ${cover.design}" viewBox="0 0 ${g.spineWidth} ${length}" aria-hidden="true">` +
    `<g transform="translate(${g.spineWidth / 2} ${length / 2}) rotate(90)">` +
    `<text class="title" x="0" y="${block.size * 0.35}" text-anchor="middle" font-size="${block.size}" ` +
    `style="font-family:'${COVER_FONT_FAMILY}',var(--text-font)">${line}</text></g></svg>`
  );
}
