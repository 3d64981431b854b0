import { z } from 'zod';

/** Page-size presets for the print edition (CSS `@page size`). */
export const PAGE_SIZES = {
  'half-letter': { width: '5.5in', height: '8.5in' },
  a5: { width: '148mm', height: '210mm' },
  a6: { width: '105mm', height: '148mm' },
  'quarter-letter': { width: '4.25in', height: '5.5in' },
  digest: { width: '5.5in', height: '8.25in' },
  letter: { width: '8.5in', height: '11in' },
  a4: { width: '210mm', height: '297mm' },
} as const;
export type PageSizeName = keyof typeof PAGE_SIZES;

const length = z
  .string()
  .regex(/^\d+(\.\d+)?(mm|cm|in|pt|px)$/, 'must be a length such as "12mm", "0.5in" or "10pt"');
const customSize = z
  .string()
  .regex(/^\d+(\.\d+)?x\d+(\.\d+)?(mm|cm|in|pt)$/, 'must be a preset or a custom size such as "140x216mm"');
const pageSizeNames = Object.keys(PAGE_SIZES) as [PageSizeName, ...PageSizeName[]];

export const OUTPUTS = ['epub', 'pdf', 'zine'] as const;
export type OutputKind = (typeof OUTPUTS)[number];

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    manuscript: z
      .object({
        /** Folder holding the .md files, relative to the project. */
        dir: z.string().default('manuscript'),
        /** Explicit reading order of the manuscript files (names inside dir); default: name order. */
        order: z.array(z.string()).optional(),
        /** Allow images from http(s) URLs (they are refused by default). */
        allowRemoteImages: z.boolean().default(false),
      })
      .strict()
      .default({}),
    outputs: z.array(z.enum(OUTPUTS)).default([...OUTPUTS]),
    outDir: z.string().default('dist'),
    print: z
      .object({
        pageSize: z.union([z.enum(pageSizeNames), customSize]).optional(),
        /** The paper the user prints on; decides the default page size (A4 paper → A5 pages). */
        paper: z.enum(['letter', 'a4']).default('letter'),
        margins: z
          .object({ top: length, bottom: length, inside: length, outside: length })
          .partial()
          .strict()
          .default({}),
        fontSize: length.default('10.5pt'),
        notes: z.enum(['footnotes', 'endnotes']).default('footnotes'),
        toc: z.boolean().default(false),
        /** Pad with blank pages (before the back matter) to a multiple of 4, for booklets. */
        padToMultipleOf4: z.boolean().default(true),
        hyphenate: z.boolean().default(true),
        bleed: length.optional(),
        cropMarks: z.boolean().default(false),
        /** Write the laid-out HTML next to the PDF, for debugging. */
        html: z.boolean().default(false),
      })
      .strict()
      .default({}),
    zine: z
      .object({
        layout: z.enum(['booklet', 'minizine', 'quarter']).default('booklet'),
        sheet: z.string().optional(),
        flip: z.enum(['short', 'long']).default('short'),
        signature: z.number().int().positive().multipleOf(4).optional(),
        cover: z.boolean().default(false),
        creep: length.optional(),
        marks: z.boolean().default(false),
        rtl: z.boolean().default(false),
        gutter: z.boolean().default(false),
      })
      .strict()
      .default({}),
    browser: z
      .object({
        /** Path to Chrome/Chromium/Edge; overrides PAMPHLETEER_BROWSER and the search. */
        executablePath: z.string().optional(),
        /** Let the page load http(s) resources (blocked by default). */
        allowRemote: z.boolean().default(false),
      })
      .strict()
      .default({}),
  })
  .strict();

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
