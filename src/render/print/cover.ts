/**
 * The print edition's covers: a front cover before the title page (the book's cover image, or the
 * typographic cover) and a back cover as the last page, so the zine folds into a pamphlet with a
 * face and a back. Both are plain HTML from the shared templates; nothing here runs in the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Book } from '../../book/book-types.js';
import type { Config } from '../../config/schema.js';
import { cachedCoverSvg } from '../../templates/cover-cache.js';
import { renderCoverPage } from '../../templates/typographic-cover.js';
import { labelsFor } from '../../templates/labels.js';
import { STYLES_DIR } from '../../templates/render.js';
import type { PageGeometry } from './page-setup.js';
import { cssLengthToPt } from '../../util/lengths.js';

const require = createRequire(import.meta.url);

export type CoverConfig = Config['cover'];

/** The cover styles, with the bleed the front cover reaches into. */
export function printCoverCss(geometry: PageGeometry): string {
  const bleed = geometry.bleed ? `${cssLengthToPt(geometry.bleed)}pt` : '0px';
  const css = ['cover.css', 'print-cover.css'].map((f) => fs.readFileSync(path.join(STYLES_DIR, f), 'utf8')).join('\n');
  return `${css}\n.print-cover { --cover-bleed: ${bleed}; }\n`;
}

export function frontCoverHtml(book: Book, cover: CoverConfig, geometry: PageGeometry): string {
  const meta = book.metadata;
  const alt = labelsFor(meta.lang).coverAlt(meta.title, meta.authors);
  if (meta.cover) {
    // Served from the project folder by the print page's request policy (the Book checked it is inside).
    const href = path.relative(book.root, meta.cover).split(path.sep).map(encodeURIComponent).join('/');
    return renderCoverPage('cover', { image: href, alt, svg: '' });
  }
  const width = 1200;
  const height = Math.round((width * geometry.heightPt) / geometry.widthPt);
  const svg = cachedCoverSvg(book.root, meta, cover.design, width, height)
    .replace(/ width="\d+" height="\d+"/, ' preserveAspectRatio="xMidYMid slice" aria-hidden="true"')
    // Its styles (styles/cover.css) are in the page's head with the other print styles.
    .replace(/<style>[\s\S]*?<\/style>/, '');
  return renderCoverPage('cover', { image: '', alt, svg });
}

export function backCoverHtml(book: Book, cover: CoverConfig): string {
  const qrSvg = cover.qr ? qrCodeSvg(cover.qr) : '';
  return renderCoverPage('back-cover', {
    meta: book.metadata,
    tagline: cover.tagline ?? '',
    distributor: cover.distributor ?? book.metadata.publisher ?? '',
    qrSvg,
    qrUrl: cover.qr ?? '',
  });
}

/** The URL as a QR code (the qrcode package's own SVG renderer), black on white. */
function qrCodeSvg(url: string): string {
  const QRCode = require('qrcode') as { create(text: string, options: { errorCorrectionLevel: string }): unknown };
  const svgTag = require('qrcode/lib/renderer/svg-tag') as { render(qr: unknown, options: object): string };
  const svg = svgTag.render(QRCode.create(url, { errorCorrectionLevel: 'M' }), {
    margin: 0,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  return svg.replace('<svg ', '<svg role="img" aria-hidden="true" ');
}
