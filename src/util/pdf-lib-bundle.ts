import { createRequire } from 'node:module';
import type * as PdfLib from 'pdf-lib';

const require = createRequire(import.meta.url);

/**
 * pdf-lib, loaded on first call from its single-file bundle: `pdf-lib/dist/pdf-lib.min.js` loads in
 * ~30 ms against ~80 ms for the CommonJS tree (hundreds of files), and is found the same way from
 * lib/ and from the bundled CLI. Same package, same version, same API; types come from the package.
 */
export function pdfLib(): typeof PdfLib {
  return require('pdf-lib/dist/pdf-lib.min.js') as typeof PdfLib;
}
