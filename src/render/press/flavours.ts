/** The press-ready PDF's choices: its colour and its PDF/X flavour, as the config and Ghostscript name them. */
export const PRESS_COLORS = ['gray', 'cmyk'] as const;
export type PressColor = (typeof PRESS_COLORS)[number];

export const PDFX_FLAVOURS = ['x-1a', 'x-3'] as const;
export type PdfxFlavour = (typeof PDFX_FLAVOURS)[number];

/** What the document information (and a preflight) calls each flavour. */
export const PDFX_VERSION: Record<PdfxFlavour, string> = {
  'x-1a': 'PDF/X-1a:2001',
  'x-3': 'PDF/X-3:2002',
};
