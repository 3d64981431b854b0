/**
 * Ghostscript, found the way the browser is: the `PAMPHLETEER_GHOSTSCRIPT` variable, else `gs` on
 * PATH (gswin64c on Windows). It converts the print edition's RGB PDF into a PDF/X (press) or a
 * grayscale PDF (riso drums): colour conversion, transparency flattening and font embedding are
 * what it has done reliably for decades, and no JavaScript PDF library converts colour at all.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../util/user-error.js';
import { onPath } from '../../util/tools.js';
import { PDFX_VERSION, type PdfxFlavour, type PressColor } from './flavours.js';

export const GHOSTSCRIPT_INSTALL_HINT =
  'Ghostscript is needed for the press-ready and riso outputs and was not found. Install it ' +
  '(Debian/Ubuntu: apt-get install ghostscript; macOS: brew install ghostscript; Windows: ghostscript.com) ' +
  'or set PAMPHLETEER_GHOSTSCRIPT to its path.';

/** The Ghostscript program to run, or a UserError (exit 2) saying how to install it. */
export function findGhostscript(): string {
  const given = process.env.PAMPHLETEER_GHOSTSCRIPT;
  if (given) {
    if (!fs.existsSync(given))
      throw new UserError(`The Ghostscript set by PAMPHLETEER_GHOSTSCRIPT was not found: ${given}`, 2);
    return given;
  }
  const found = process.platform === 'win32' ? (onPath('gswin64c.exe') ?? onPath('gswin32c.exe')) : onPath('gs');
  if (!found) throw new UserError(GHOSTSCRIPT_INSTALL_HINT, 2);
  return found;
}

/**
 * Ghostscript's own ICC profiles (Debian: /usr/share/ghostscript/<version>/iccprofiles), asked of
 * the program itself so any installation works: the OutputIntent embeds one of them.
 */
async function iccProfile(gs: string, color: PressColor): Promise<string | undefined> {
  const name = color === 'gray' ? 'default_gray.icc' : 'default_cmyk.icc';
  const help = await run(gs, ['-h']).catch(() => '');
  const dirs = [...help.matchAll(/([^\s:;]+)\/(?:lib|Resource\/Init)\b/g)].map((m) => path.dirname(`${m[1]}/x`));
  for (const dir of new Set(dirs)) {
    for (const candidate of [path.join(dir, 'iccprofiles', name), path.join(dir, '..', 'iccprofiles', name)])
      if (fs.existsSync(candidate)) return path.resolve(candidate);
  }
  return undefined;
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { output: `${stderr}\n${stdout}`.trim() }));
      else resolve(`${stdout}\n${stderr}`);
    });
  });
}

/** A PostScript string literal. */
function psString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?')})`;
}

export interface ConvertOptions {
  color: PressColor;
  /** Make a PDF/X of this flavour, with its OutputIntent; plain gray or CMYK without. */
  pdfx?: PdfxFlavour;
  title: string;
  /** What the message calls the output when Ghostscript fails ("the press-ready PDF"). */
  what: string;
}

export interface Converted {
  pdf: Uint8Array;
  /** Ghostscript's own warnings, one per line, without its banner. */
  warnings: string[];
}

/** Converts a PDF held in memory; the temporary folder is removed however it ends. */
export async function convertPdf(input: Uint8Array, options: ConvertOptions): Promise<Converted> {
  const gs = findGhostscript();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pamphleteer-gs-'));
  try {
    const inFile = path.join(work, 'in.pdf');
    const outFile = path.join(work, 'out.pdf');
    fs.writeFileSync(inFile, input);
    const device = options.color === 'gray' ? 'Gray' : 'CMYK';
    const args = [
      '-dBATCH',
      '-dNOPAUSE',
      '-dQUIET',
      '-dSAFER',
      '-sDEVICE=pdfwrite',
      `-sColorConversionStrategy=${device}`,
      `-sProcessColorModel=Device${device}`,
      // Links are annotations, which PDF/X forbids on the page; paper cannot follow them anyway.
      '-dPreserveAnnots=false',
      '-dEmbedAllFonts=true',
      '-dSubsetFonts=true',
      `-sOutputFile=${outFile}`,
    ];
    if (options.pdfx) {
      const icc = await iccProfile(gs, options.color);
      const prefix = path.join(work, 'pdfx.ps');
      fs.writeFileSync(prefix, pdfxPrefix(options, icc));
      // PDF 1.3: no transparency, which PDF/X-1a and X-3 forbid; Ghostscript flattens it.
      args.push('-dPDFX', '-dCompatibilityLevel=1.3');
      if (icc) args.push(`--permit-file-read=${path.dirname(icc)}${path.sep}`);
      args.push(prefix);
    }
    args.push(inFile);
    let output: string;
    try {
      output = await run(gs, args);
    } catch (error) {
      const detail = ((error as { output?: string }).output ?? (error as Error).message).split('\n')[0];
      throw new UserError(`Ghostscript (${gs}) failed to make ${options.what}: ${detail}`, 2, { cause: error });
    }
    if (!fs.existsSync(outFile) || fs.statSync(outFile).size === 0)
      throw new UserError(`Ghostscript (${gs}) wrote no ${options.what}: ${output.trim().split('\n')[0]}`, 2);
    const warnings = output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !/^GPL Ghostscript|^Copyright|^This software/.test(line));
    return { pdf: new Uint8Array(fs.readFileSync(outFile)), warnings };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The PDF/X prefix (Ghostscript's lib/PDFX_def.ps, filled in): version, title and OutputIntent. */
function pdfxPrefix(options: ConvertOptions, icc: string | undefined): string {
  const version = psString(PDFX_VERSION[options.pdfx!]);
  const components = options.color === 'gray' ? 1 : 4;
  const condition = options.color === 'gray' ? 'Grayscale (Ghostscript default gray)' : 'CMYK (Ghostscript default)';
  return [
    '%!',
    `[ /GTS_PDFXVersion ${version} /GTS_PDFXConformance ${version} /Title ${psString(options.title)}`,
    '  /Trapped /False /DOCINFO pdfmark',
    ...(icc
      ? [
          '[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark',
          `[{icc_PDFX} << /N ${components} >> /PUT pdfmark`,
          `[{icc_PDFX} ${psString(icc)} (r) file /PUT pdfmark`,
        ]
      : []),
    '[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark',
    `[{OutputIntent_PDFX} << /Type /OutputIntent /S /GTS_PDFX /OutputCondition ${psString(condition)}`,
    `  /OutputConditionIdentifier (Custom) /Info ${psString(condition)} /RegistryName (http://www.color.org)`,
    `  ${icc ? '/DestOutputProfile {icc_PDFX}' : ''} >> /PUT pdfmark`,
    '[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark',
    '',
  ].join('\n');
}
