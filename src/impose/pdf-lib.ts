/**
 * pdf-lib for the imposition engine, from its single-file bundle (see src/util/pdf-lib-bundle.ts): process
 * start-up is a large part of an imposition run. Everything in src/impose imports pdf-lib through
 * this module so that every instanceof check sees the same classes.
 */
import type * as PdfLib from 'pdf-lib';
import { pdfLib } from '../util/pdf-lib-bundle.js';

export const {
  PDFDocument,
  ParseSpeeds,
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFPageLeaf,
  PDFPageTree,
  PDFRawStream,
  PDFRef,
  PDFStream,
  decodePDFRawStream,
} = pdfLib();
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
