import { z } from 'zod';
import { LAYOUTS, LAYOUT_NAMES, DEFAULT_LAYOUT } from '../impose/layouts/index.js';
import { FLIPS } from '../impose/plan-types.js';
import { COVER_PAPERS, COVER_PAPER_NAMES } from '../render/pod-cover/papers.js';
import { PDFX_FLAVOURS, PRESS_COLORS } from '../render/press/flavours.js';
import { RISO_INK_NAMES } from '../render/riso/inks.js';
import {
  CSS_UNITS,
  PAGE_SIZE_NAMES,
  PAPER_NAMES,
  PAPER_UNITS,
  SHEET_NAMES,
  SIZE_PATTERN,
  lengthPattern,
  namedSizePattern,
} from '../util/lengths.js';

/** A length as CSS has it: the print edition's margins, font size and bleed. */
const length = z.string().regex(lengthPattern(CSS_UNITS), 'must be a length such as "12mm", "0.5in" or "10pt"');
/** Imposition lengths: no px, which means nothing on paper. */
const paperLength = z.string().regex(lengthPattern(PAPER_UNITS), 'must be a length such as "0.1mm" or "0.004in"');
const customSize = z
  .string()
  .regex(
    SIZE_PATTERN,
    `must be one of the presets ${PAGE_SIZE_NAMES.join(', ')}, or a custom size such as "140x216mm"`,
  );
const sheetNames = SHEET_NAMES.join(', ');

export const OUTPUTS = ['epub', 'pdf', 'zine', 'cover', 'press', 'riso'] as const;
export type OutputKind = (typeof OUTPUTS)[number];
/** What a build makes unless `outputs` or `--only` says otherwise: the print-shop outputs are asked for. */
export const DEFAULT_OUTPUTS = ['epub', 'pdf', 'zine'] as const satisfies readonly OutputKind[];

/*
 * Every key carries a .describe(): the text becomes the published JSON Schema's description
 * (schema/pamphleteer.config.schema.json), which editors show while completing the config.
 * Keep docs/options.md in step when adding a key.
 */
export const configSchema = z
  .object({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editor completion.'),
    manuscript: z
      .object({
        dir: z.string().default('manuscript').describe('Folder holding the .md files, relative to the project.'),
        order: z
          .array(z.string())
          .optional()
          .describe('Explicit reading order of the manuscript files (names inside dir). Default: name order.'),
        missingGlyphs: z
          .enum(['error', 'warning'])
          .default('error')
          .describe(
            'A character that neither a bundled font nor a font of styles/ draws: "error" stops the build ' +
              '(default), "warning" prints it as a box.',
          ),
        // Removed: there is no network at build time. Kept only to say so to a config that still sets it.
        allowRemoteImages: z
          .unknown()
          .refine(
            (v) => v === undefined,
            'is no longer an option: remote images are never fetched. ' +
              'Download the image into the project, link it by its path, and delete this key.',
          )
          .optional()
          .describe('Removed: remote images are never fetched. Download them into the project.'),
      })
      .strict()
      .prefault({})
      .describe('Where the Markdown manuscript is.'),
    outputs: z
      .array(z.enum(OUTPUTS))
      .default([...DEFAULT_OUTPUTS])
      .describe(
        'What `pamphleteer build` makes: "epub", "pdf" (print edition), "zine" (imposed print PDF), ' +
          '"cover" (print-on-demand wraparound cover), "press" (PDF/X for a print shop), "riso" (one PDF per ink). ' +
          'Default: epub, pdf, zine.',
      ),
    outDir: z.string().default('dist').describe('Output folder, relative to the project.'),
    print: z
      .object({
        pageSize: z
          .union([z.enum(PAGE_SIZE_NAMES), customSize])
          .optional()
          .describe(
            `Page size of the print edition: ${PAGE_SIZE_NAMES.join(', ')}, ` +
              'or a custom size such as "140x216mm". Default: half of the paper.',
          ),
        paper: z
          .enum(PAPER_NAMES)
          .default('letter')
          .describe(
            'The paper you print on; decides the default page size (letter paper → half-letter pages, A4 → A5).',
          ),
        margins: z
          .object({
            top: length.describe('Top margin, e.g. "15mm".'),
            bottom: length.describe('Bottom margin.'),
            inside: length.describe('Margin at the spine.'),
            outside: length.describe('Margin at the outer edge.'),
          })
          .partial()
          .strict()
          .prefault({})
          .describe('Page margins; any you leave out keep their default.'),
        fontSize: length.default('10.5pt').describe('Body text size.'),
        notes: z
          .enum(['footnotes', 'endnotes'])
          .default('footnotes')
          .describe('Notes at the foot of each page, or gathered at the end.'),
        linkTargets: z
          .enum(['after', 'footnote', 'none'])
          .default('after')
          .describe(
            'Where a link\'s address is printed: "after" the link text in parentheses, ' +
              'in a "footnote" (marked a, b, c…), or "none".',
          ),
        toc: z.boolean().default(false).describe('Print a table of contents.'),
        padToMultipleOf4: z
          .boolean()
          .default(true)
          .describe('Pad with blank pages (before the back matter) to a multiple of 4, for booklets.'),
        hyphenate: z.boolean().default(true).describe('Hyphenate justified text.'),
        lineBreaking: z
          .enum(['knuth-plass', 'browser'])
          .default('knuth-plass')
          .describe(
            'How justified text is broken into lines: "knuth-plass" chooses the breaks of a whole paragraph ' +
              'at once, as TeX does (even spacing, fewer hyphens); "browser" lets Chromium break one line at a time.',
          ),
        bleed: length.optional().describe('Bleed around each page, e.g. "3mm" (for print shops).'),
        cropMarks: z.boolean().default(false).describe('Crop marks around each page of the print PDF.'),
        html: z
          .boolean()
          .default(false)
          .describe('Also write the laid-out HTML next to the PDF, for debugging (same as `build --html`).'),
      })
      .strict()
      .prefault({})
      .describe('The print edition (Paged.js PDF).'),
    zine: z
      .object({
        layout: z
          .enum(LAYOUT_NAMES)
          .default(DEFAULT_LAYOUT)
          .describe(`${LAYOUTS.map((layout) => `${layout.name}: ${layout.summary}`).join('; ')}.`),
        sheet: z
          .string()
          .regex(namedSizePattern(SHEET_NAMES), `must be ${sheetNames} or a size such as "11x17in"`)
          .optional()
          .describe(
            `Sheet you print the zine on: ${sheetNames} or "<w>x<h><unit>". Default: ` +
              'the smallest that holds two pages side by side.',
          ),
        flip: z
          .enum(FLIPS)
          .default(FLIPS[0])
          .describe('Duplex setting of your printer: flip on the short or the long edge.'),
        signature: z
          .number()
          .int()
          .positive()
          .multipleOf(4)
          .optional()
          .describe('Pages per signature (a multiple of 4), for pamphlets too thick to fold as one.'),
        cover: z
          .boolean()
          .default(false)
          .describe('Keep the last page as the back cover; padding blanks go before it.'),
        creep: paperLength
          .optional()
          .describe(
            'Paper thickness, e.g. "0.1mm": inner sheets move toward the spine so the text lines up after folding.',
          ),
        marks: z.boolean().default(false).describe('Fold marks, and cut marks for minizine and quarter.'),
        rtl: z
          .boolean()
          .optional()
          .describe("Right-to-left binding. Default: the book's writing direction (on for Arabic, Persian, Hebrew…)."),
        gutter: z
          .boolean()
          .default(false)
          .describe('Push pages against the spine instead of centering them in their cell.'),
      })
      .strict()
      .prefault({})
      .describe('The imposed zine PDF (same options as `pamphleteer impose`).'),
    cover: z
      .object({
        design: z
          .enum(['classic', 'bold', 'minimal'])
          .default('classic')
          .describe(
            'Design of the typographic cover (used when the front matter names no ' +
              'cover image): classic, bold or minimal.',
          ),
        print: z
          .boolean()
          .default(true)
          .describe(
            'Open the print PDF and the zine on a front cover (the cover image, ' +
              'or the typographic cover). false: the title page is the first page.',
          ),
        back: z
          .boolean()
          .default(true)
          .describe('End the print PDF and the zine on a back cover: description, publisher, tagline and QR code.'),
        distributor: z
          .string()
          .optional()
          .describe("Publisher or distro named on the back cover. Default: the front matter's publisher."),
        tagline: z.string().optional().describe('A short line on the back cover, such as "print, copy, share".'),
        qr: z
          .string()
          .url()
          .regex(/^https?:/, 'must be an http(s) URL')
          .optional()
          .describe('An http(s) URL printed as a QR code on the back cover.'),
        paper: z
          .enum(COVER_PAPER_NAMES)
          .default('white-60')
          .describe(
            'Interior paper of a print-on-demand book, for the spine width of the "cover" output: ' +
              `${COVER_PAPER_NAMES.map((name) => `${name} (${COVER_PAPERS[name].ppi} pages per inch)`).join(', ')}.`,
          ),
        ppi: z
          .number()
          .min(100)
          .max(1500)
          .optional()
          .describe("Pages per inch of the interior paper, from your printer's spec sheet; overrides paper."),
        bleed: paperLength
          .default('0.125in')
          .describe('Bleed around the wraparound cover (print-on-demand services ask for 0.125in).'),
        barcode: z
          .boolean()
          .default(true)
          .describe('Keep a white 2 × 1.2 in area at the foot of the back cover for the barcode the printer adds.'),
      })
      .strict()
      .prefault({})
      .describe("Covers: the typographic cover design, and the print edition's front and back covers."),
    press: z
      .object({
        color: z
          .enum(PRESS_COLORS)
          .default('cmyk')
          .describe('Colour of the press-ready PDF: "gray" (one ink, black) or "cmyk" (process colour).'),
        pdfx: z
          .enum(PDFX_FLAVOURS)
          .default('x-1a')
          .describe('PDF/X flavour: "x-1a" (PDF/X-1a:2001, what most shops ask for) or "x-3" (PDF/X-3:2002).'),
        bleed: length
          .default('3mm')
          .describe('Bleed around each page of the press-ready PDF, e.g. "3mm" or "0.125in".'),
        cropMarks: z.boolean().default(false).describe('Crop marks around each page of the press-ready PDF.'),
      })
      .strict()
      .prefault({})
      .describe('The press-ready PDF (output "press"): PDF/X by Ghostscript, for a print shop.'),
    riso: z
      .object({
        inks: z
          .array(z.enum(RISO_INK_NAMES, { error: () => `must be one of the riso inks: ${RISO_INK_NAMES.join(', ')}` }))
          .min(2, 'needs two inks or more: the first prints the body, the others the accent')
          .max(3, 'takes at most three inks')
          .default(['black', 'red'])
          .describe(
            'Riso inks, one drum each: the first prints the body text, the second the accent. ' +
              `Known inks: ${RISO_INK_NAMES.join(', ')}.`,
          ),
        accent: z
          .object({
            headings: z.boolean().default(true).describe('Headings on the accent drum.'),
            rules: z
              .boolean()
              .default(true)
              .describe('Rules (thematic breaks, the notes rule, table rules) on the accent drum.'),
            noteNumbers: z.boolean().default(true).describe('Note calls and note numbers on the accent drum.'),
            coverTitle: z.boolean().default(true).describe("The cover's title on the accent drum."),
            images: z.boolean().default(false).describe('Images on the accent drum (default: on the body drum).'),
          })
          .strict()
          .prefault({})
          .describe('Which parts print in the accent ink (the second ink).'),
        impose: z
          .boolean()
          .default(false)
          .describe('Impose each drum like the zine (zine settings), for printing sheets.'),
      })
      .strict()
      .prefault({})
      .describe('Risograph separations (output "riso"): one grayscale PDF per ink drum.'),
    browser: z
      .object({
        executablePath: z
          .string()
          .optional()
          .describe(
            'Path to Chrome/Chromium/Edge, or "bundled" for the Chromium of @sparticuz/chromium; ' +
              'overrides PAMPHLETEER_BROWSER and the automatic search.',
          ),
        allowRemote: z
          .boolean()
          .default(false)
          .describe('Let the print page load http(s) resources (blocked by default).'),
      })
      .strict()
      .prefault({})
      .describe('The browser that lays out the print edition.'),
    watch: z
      .object({
        port: z
          .number()
          .int()
          .min(1)
          .max(65535)
          .default(4000)
          .describe('Port of the preview server on 127.0.0.1 (the next free one is used when it is busy).'),
        build: z.boolean().default(true).describe('Also rebuild the outputs in outDir after each save.'),
      })
      .strict()
      .prefault({})
      .describe('`pamphleteer watch`, the live preview.'),
  })
  .strict();

export type Config = z.output<typeof configSchema>;
