/**
 * The print-shop outputs through the real command: `build --only press,cover,riso` on a two-ink
 * Spanish pamphlet, read back with poppler, qpdf and pdf-lib; and the bad inputs, each a clear
 * message, the right exit code and dist/ untouched.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFNumber, type PDFRawStream, type PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../src/render/riso/index.js';
import { REPO, pamphleteer, tempProject } from '../cli/helpers.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs();
const decompressWoff2 = createRequire(import.meta.url)('wawoff2/decompress.js') as (
  b: Uint8Array,
) => Promise<Uint8Array>;

const HEADINGS = ['Tipografía móvil', 'Serigrafía nocturna', 'Grabado colectivo'];
const SENTENCES = [
  'La imprenta del barrio abría los martes y los jueves por la tarde.',
  'Cada pliego pasaba por tres manos antes de llegar a la plegadora.',
  'Nadie cobraba por las horas de tinta, pero todos ponían su nombre en el colofón.',
  'El papel venía de una fábrica cerrada que había dejado sus bobinas.',
];

/** A pamphlet of `sections` sections, with notes, and an image when asked. */
function writeProject(root: string, config: object, sections = 3, image = false): void {
  fs.mkdirSync(path.join(root, 'manuscript'), { recursive: true });
  const parts = ['---', 'title: Papel y tinta', 'author: Colectivo Imprenta', 'lang: es', '---', ''];
  for (let s = 0; s < sections; s++) {
    parts.push(`## ${HEADINGS[s % HEADINGS.length]}${s >= HEADINGS.length ? ` ${s}` : ''}`, '');
    for (let p = 0; p < 6; p++) {
      const sentences = Array.from({ length: 5 }, (_, i) => SENTENCES[(s + p + i) % SENTENCES.length]);
      parts.push(`${sentences.join(' ')}${p === 2 ? `[^n${s}]` : ''}`, '');
    }
    parts.push(`[^n${s}]: Nota sobre el pliego número ${s + 1}.`, '');
  }
  if (image) {
    fs.mkdirSync(path.join(root, 'images'));
    const red = new Uint8Array(16 * 16 * 3).map((_, i) => (i % 3 === 0 ? 220 : 30));
    fs.writeFileSync(path.join(root, 'images', 'sello.png'), encodePng(16, 16, red));
    parts.push('![Un sello rojo](../images/sello.png)', '');
  }
  fs.writeFileSync(path.join(root, 'manuscript', 'texto.md'), parts.join('\n'));
  fs.writeFileSync(path.join(root, 'pamphleteer.config.json'), JSON.stringify(config, null, 2));
}

const text = (pdf: string, page?: number) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), pdf, '-'], {
    encoding: 'utf8',
  });
const pageCount = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);

/** Each page's boxes as pdf-lib reads them. */
async function boxes(file: string) {
  const doc = await PDFDocument.load(fs.readFileSync(file), { updateMetadata: false });
  return {
    doc,
    pages: doc.getPages().map((page) => ({
      media: page.getMediaBox(),
      trim: page.getTrimBox(),
      bleed: page.getBleedBox(),
    })),
  };
}

/** Snapshot of a folder's files and their bytes, to prove a failed build left it alone. */
function snapshot(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(
    fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => {
      const file = path.join(dir, f);
      return [f, fs.statSync(file).isFile() ? fs.readFileSync(file).toString('base64') : 'dir'];
    }),
  );
}

describe('build --only press,cover,riso on a two-ink pamphlet', () => {
  let root: string;
  let dist: string;
  let run: Awaited<ReturnType<typeof pamphleteer>>;
  beforeAll(async () => {
    root = path.join(tempDir('pamphleteer-press-'), 'papel');
    writeProject(
      root,
      {
        riso: { inks: ['black', 'fluorescent-pink'] },
        press: { color: 'gray', bleed: '0.125in' },
        cover: { paper: 'cream-60' },
      },
      3,
      true,
    );
    run = await pamphleteer(['build', '--only', 'press,cover,riso', '--preview'], { cwd: root });
    dist = path.join(root, 'dist');
  });

  it('writes the press PDF, the cover and one drum per ink with the preview', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const file of [
      'papel-y-tinta-press.pdf',
      'papel-y-tinta-cover.pdf',
      'papel-y-tinta-riso-black.pdf',
      'papel-y-tinta-riso-fluorescent-pink.pdf',
      'papel-y-tinta-riso-preview.png',
    ])
      expect(fs.existsSync(path.join(dist, file)), file).toBe(true);
    // --preview draws the wraparound cover and the riso overprint.
    for (const file of ['papel-y-tinta-wraparound-cover.png', 'papel-y-tinta-riso-overprint.png'])
      expect(
        fs
          .readFileSync(path.join(dist, 'preview', file))
          .subarray(1, 4)
          .toString('latin1'),
        file,
      ).toBe('PNG');
    // The print PDF was not asked for.
    expect(fs.existsSync(path.join(dist, 'papel-y-tinta.pdf'))).toBe(false);
  });

  it('riso: headings only on the accent drum, body text only on the black drum, the drums register', async () => {
    const black = path.join(dist, 'papel-y-tinta-riso-black.pdf');
    const pink = path.join(dist, 'papel-y-tinta-riso-fluorescent-pink.pdf');
    const blackText = text(black).replace(/\s+/g, ' ');
    const pinkText = text(pink).replace(/\s+/g, ' ');
    for (const heading of HEADINGS.slice(0, 3)) {
      expect(pinkText).toContain(heading);
      expect(blackText).not.toContain(heading);
    }
    for (const sentence of SENTENCES) {
      expect(blackText).toContain(sentence);
      expect(pinkText).not.toContain(sentence.slice(0, 20));
    }
    // The cover's title is on the accent drum's first page only.
    expect(text(pink, 1)).toContain('Papel y tinta');
    expect(text(black, 1)).not.toContain('Papel y tinta');
    // Same pages, same boxes.
    const [b, p] = [await boxes(black), await boxes(pink)];
    expect(b.pages.length).toBe(p.pages.length);
    expect(b.pages).toEqual(p.pages);
    // Gray only: no RGB or CMYK colour space or operator in the drums.
    for (const file of [black, pink]) {
      const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 1 << 28 });
      expect(qdf.toString('latin1')).not.toMatch(/DeviceRGB|DeviceCMYK|\s(rg|RG|k|K)\n/);
    }
    const png = fs.readFileSync(path.join(dist, 'papel-y-tinta-riso-preview.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('press: PDF/X-1a in gray with its OutputIntent, fonts embedded, trim and bleed boxes', async () => {
    const file = path.join(dist, 'papel-y-tinta-press.pdf');
    const { doc, pages } = await boxes(file);
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFX'));
    const profile = intent.lookup(PDFName.of('DestOutputProfile')) as PDFRawStream;
    expect((profile.dict.get(PDFName.of('N')) as PDFNumber).asNumber()).toBe(1);
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    expect((info.lookup(PDFName.of('GTS_PDFXVersion')) as PDFString).decodeText()).toBe('PDF/X-1a:2001');
    // Half-letter pages with 0.125in of bleed all round.
    for (const page of pages) {
      expect(page.trim.width).toBeCloseTo(396, 1);
      expect(page.trim.height).toBeCloseTo(612, 1);
      expect(page.bleed.x).toBeCloseTo(page.trim.x - 9, 1);
      expect(page.bleed.width).toBeCloseTo(396 + 18, 1);
      expect(page.media.width).toBeGreaterThanOrEqual(page.bleed.width - 0.1);
    }
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+/);
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { maxBuffer: 1 << 28 });
    expect(qdf.toString('latin1')).not.toMatch(/DeviceRGB|ICCBased.*\n.*\/N 3/);
    // PDF 1.3, without the transparency PDF/X-1a forbids.
    expect(fs.readFileSync(file).subarray(0, 8).toString('latin1')).toBe('%PDF-1.3');
    expect(qdf.toString('latin1')).not.toMatch(/\/S \/Transparency|\/SMask|\/ca 0\.|\/CA 0\./);
    // An independent check of the file's structure.
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(
      /No syntax or stream encoding errors/,
    );
    // The RGB image without a profile is reported.
    expect(run.stdout).toContain('1 image converted to gray: images/sello.png (no colour profile: taken as sRGB)');
  });

  it('cover: one wraparound page as wide as the formula, trim and bleed boxes', async () => {
    const interior = pageCount(path.join(dist, 'papel-y-tinta-riso-black.pdf'));
    const { pages } = await boxes(path.join(dist, 'papel-y-tinta-cover.pdf'));
    expect(pages).toHaveLength(1);
    const spine = (interior / 400) * 72;
    const { media, trim, bleed } = pages[0];
    expect(media.width).toBeCloseTo(2 * 396 + spine + 18, 2);
    expect(media.height).toBeCloseTo(612 + 18, 2);
    expect(trim.x - media.x).toBeCloseTo(9, 2);
    expect(trim.y - media.y).toBeCloseTo(9, 2);
    expect(trim.width).toBeCloseTo(2 * 396 + spine, 2);
    expect(trim.height).toBeCloseTo(612, 2);
    expect(bleed).toEqual(media);
    // Too narrow for text: left off, and said once.
    expect(run.stdout.match(/no text on it/g)).toHaveLength(1);
  });
});

describe('build --only press,cover,riso on the essay, the drums imposed', () => {
  it('writes CMYK PDF/X, the cover and two imposed drums that register', async () => {
    const root = tempProject('essay');
    fs.writeFileSync(path.join(root, 'pamphleteer.config.json'), JSON.stringify({ riso: { impose: true } }));
    const result = await pamphleteer(['build', '--only', 'press,cover,riso'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const dist = path.join(root, 'dist');
    const press = await boxes(path.join(dist, 'fading-color-press.pdf'));
    const intent = press.doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
    const profile = intent.lookup(PDFName.of('DestOutputProfile')) as PDFRawStream;
    expect((profile.dict.get(PDFName.of('N')) as PDFNumber).asNumber()).toBe(4);
    expect(fs.existsSync(path.join(dist, 'fading-color-cover.pdf'))).toBe(true);
    const black = path.join(dist, 'fading-color-riso-black.pdf');
    const red = path.join(dist, 'fading-color-riso-red.pdf');
    // Imposed as the zine: booklet sheets, two pages to a side.
    const [b, r] = [await boxes(black), await boxes(red)];
    expect(b.pages).toEqual(r.pages);
    expect(b.pages[0].media.width).toBeGreaterThan(b.pages[0].media.height);
    expect(b.pages.length).toBe(pageCount(path.join(dist, 'fading-color-press.pdf')) / 2);
    const redText = text(red);
    expect(redText).toContain('The Same Answer to the Same Problem');
    expect(text(black)).not.toContain('The Same Answer to the Same Problem');
    // The section's first line is set in capitals: compare letters, not case.
    expect(redText.toLowerCase()).not.toContain('following the election');
    expect(text(black).toLowerCase()).toContain('following the election');
  });
});

describe('the cover against the formula, for three page counts', () => {
  const spines: number[] = [];
  afterAll(() => {
    // Three different page counts, on both sides of the spine-text limit.
    expect(new Set(spines).size).toBe(3);
    expect(spines.some((w) => w < 18) && spines.some((w) => w >= 18)).toBe(true);
  });
  it.each([1, 8, 30])('%i sections', async (sections) => {
    const root = path.join(tempDir('pamphleteer-cover-'), 'papel');
    writeProject(root, { cover: { ppi: 100, bleed: '3mm', print: false, back: false } }, sections);
    const result = await pamphleteer(['build', '--only', 'pdf,cover'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const pages = pageCount(path.join(root, 'dist', 'papel-y-tinta.pdf'));
    const cover = path.join(root, 'dist', 'papel-y-tinta-cover.pdf');
    const [box] = (await boxes(cover)).pages;
    const bleed = (3 * 72) / 25.4;
    const spine = (pages / 100) * 72;
    expect(box.media.width).toBeCloseTo(2 * 396 + spine + 2 * bleed, 2);
    expect(box.media.height).toBeCloseTo(612 + 2 * bleed, 2);
    expect(box.trim.x - box.media.x).toBeCloseTo(bleed, 2);
    expect(box.trim.y - box.media.y).toBeCloseTo(bleed, 2);
    expect(box.trim.width).toBeCloseTo(2 * 396 + spine, 2);
    expect(box.trim.height).toBeCloseTo(612, 2);
    expect(box.bleed).toEqual(box.media);
    // At 100 pages to the inch the spine is wide enough for the title from 25 pages on; the front
    // cover has it too (the back cover's is in capitals).
    const titles = (text(cover).match(/Papel y tinta/g) ?? []).length;
    expect(titles).toBe(spine >= 18 ? 2 : 1);
    expect(result.stdout.includes('no text on it')).toBe(spine < 18);
    spines.push(spine);
  });
});

describe('bad input', () => {
  const project = (config: object) => {
    const root = path.join(tempDir('pamphleteer-press-bad-'), 'papel');
    writeProject(root, config, 1);
    fs.mkdirSync(path.join(root, 'dist'));
    fs.writeFileSync(path.join(root, 'dist', 'papel-y-tinta-press.pdf'), 'an earlier build');
    return root;
  };

  it('an unknown ink names the known ones (exit 1, dist/ unchanged)', async () => {
    const root = project({ riso: { inks: ['black', 'chartreuse'] } });
    const before = snapshot(path.join(root, 'dist'));
    const result = await pamphleteer(['build', '--only', 'riso'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/pamphleteer\.config\.json:\d+:\d+: error: .*riso\.inks.*fluorescent-pink/);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('Ghostscript missing: the install line, exit 2, dist/ unchanged', async () => {
    const root = project({});
    const before = snapshot(path.join(root, 'dist'));
    const result = await pamphleteer(['build', '--only', 'press'], {
      cwd: root,
      env: { PAMPHLETEER_GHOSTSCRIPT: path.join(root, 'no-such-gs') },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Ghostscript set by PAMPHLETEER_GHOSTSCRIPT was not found/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('Ghostscript failing: one line, exit 2, dist/ unchanged', async () => {
    const root = project({ riso: { inks: ['black', 'blue'] } });
    const before = snapshot(path.join(root, 'dist'));
    const result = await pamphleteer(['build', '--only', 'press,riso'], {
      cwd: root,
      env: { PAMPHLETEER_GHOSTSCRIPT: '/bin/false' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Ghostscript \(\/bin\/false\) failed to make the press-ready PDF/);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('a font whose licence forbids embedding stops press, naming the file (exit 1, dist/ unchanged)', async () => {
    const root = project({});
    // EB Garamond with its OS/2 fsType set to "restricted licence embedding".
    const woff2 = fs.readFileSync(
      path.join(REPO, 'node_modules/@fontsource/eb-garamond/files/eb-garamond-latin-400-normal.woff2'),
    );
    const ttf = Buffer.from(await decompressWoff2(woff2));
    for (let i = 0; i < ttf.readUInt16BE(4); i++) {
      const at = 12 + 16 * i;
      if (ttf.subarray(at, at + 4).toString('latin1') === 'OS/2') ttf.writeUInt16BE(2, ttf.readUInt32BE(at + 8) + 8);
    }
    fs.mkdirSync(path.join(root, 'styles', 'fonts'), { recursive: true });
    fs.writeFileSync(path.join(root, 'styles', 'fonts', 'cerrada.ttf'), ttf);
    fs.writeFileSync(
      path.join(root, 'styles', 'print.css'),
      '@font-face { font-family: "Cerrada"; src: url("fonts/cerrada.ttf"); }\np { font-family: "Cerrada"; }\n',
    );
    const before = snapshot(path.join(root, 'dist'));
    const result = await pamphleteer(['build', '--only', 'press'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/press: styles\/fonts\/cerrada\.ttf may not be embedded \(its licence/);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('-o with --only riso asks for a folder', async () => {
    const root = project({});
    const result = await pamphleteer(['build', '--only', 'riso', '-o', 'x.pdf'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/several files \(one per ink\); give a folder/);
  });
});
