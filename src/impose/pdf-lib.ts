/**
 * pdf-lib, loaded from its single-file bundle. Measured on Node 20: requiring
 * `pdf-lib/dist/pdf-lib.min.js` takes ~30 ms against ~80 ms for the CommonJS
 * tree (`pdf-lib/cjs`, hundreds of files), and process start-up is a large
 * part of an imposition run (issue 5's speed goal is for whole processes).
 * Same package, same version, same API; types come from the package itself.
 * Everything in src/impose imports pdf-lib through this module so that every
 * instanceof check sees the same classes.
 */
import { createRequire } from 'node:module';
import type * as PdfLib from 'pdf-lib';

const require = createRequire(import.meta.url);
const pdfLib = require('pdf-lib/dist/pdf-lib.min.js') as typeof PdfLib;

export const { PDFDocument, ParseSpeeds, PDFArray, PDFDict, PDFName, PDFNumber, PDFPageLeaf, PDFPageTree, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } = pdfLib;
export type PDFDocument = PdfLib.PDFDocument;
export type PDFArray = PdfLib.PDFArray;
export type PDFDict = PdfLib.PDFDict;
export type PDFName = PdfLib.PDFName;
export type PDFNumber = PdfLib.PDFNumber;
export type PDFPageLeaf = PdfLib.PDFPageLeaf;
export type PDFPageTree = PdfLib.PDFPageTree;
export type PDFRawStream = PdfLib.PDFRawStream;
export type PDFRef = PdfLib.PDFRef;
export type PDFStream = PdfLib.PDFStream;
export type PDFContext = PdfLib.PDFContext;
export type PDFObject = PdfLib.PDFObject;
