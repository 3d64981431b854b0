import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { cjkFamilyKey, primaryLanguage, type CjkKey } from '../language/index.js';
import { INSTANCE_REVISION, type InstanceJob, instanceCacheDir, makeInstances } from './instance-faces.js';

const require = createRequire(import.meta.url);

/**
 * The bundled fonts, all from npm (@fontsource), one serif family per script: EB Garamond for Latin,
 * Greek and Cyrillic; Noto Naskh Arabic (Arabic, Persian, Sorani forms) and Noto Nastaliq Urdu (Urdu);
 * Noto Serif Hebrew; Noto Serif Devanagari, Bengali, Tamil, Thai, Georgian and Armenian; Noto Sans
 * Ethiopic (fontsource has no serif); Noto Serif SC, TC, JP and KR for Chinese (simplified,
 * traditional), Japanese and Korean. Each package's CSS lists its files as subsets with their
 * `unicode-range`; a book loads only the subsets its text uses.
 */

export type FamilyKey =
  | 'garamond'
  | 'arabic'
  | 'nastaliq'
  | 'hebrew'
  | 'devanagari'
  | 'bengali'
  | 'tamil'
  | 'thai'
  | 'georgian'
  | 'armenian'
  | 'ethiopic'
  | CjkKey;

interface FamilySpec {
  key: FamilyKey;
  pkg: string;
  /** The CSS family name its @font-face rules declare. */
  family: string;
  /** The primary language subtags whose books are set in it first. */
  languages: string[];
  /** The package's CSS files, one per weight/style. */
  cssFiles: string[];
  /** Subsets never loaded from this family: Latin stays EB Garamond's. */
  skip: (subset: string) => boolean;
  /**
   * A variable font package (fontsource-variable: one file per subset for every weight, a tenth of the
   * static package's size): its subsets are instanced at 400 and 700 on first use (instance-faces.ts).
   */
  variable?: boolean;
}

const NOT_LATIN = (subset: string) =>
  /^(latin|latin-ext|cyrillic|cyrillic-ext|greek|greek-ext|vietnamese|math|symbols)$/.test(subset);

const FAMILIES: FamilySpec[] = [
  // 600 doubles as bold. TrueType outlines: Chromium embeds them as CID TrueType with a clean text layer.
  {
    key: 'garamond',
    pkg: '@fontsource/eb-garamond',
    family: 'EB Garamond',
    languages: [],
    cssFiles: ['400', '400-italic', '600', '600-italic'],
    skip: () => false,
  },
  {
    key: 'arabic',
    pkg: '@fontsource/noto-naskh-arabic',
    family: 'Noto Naskh Arabic',
    languages: ['ar', 'fa', 'ps', 'sd', 'ug', 'ckb'],
    cssFiles: ['400', '700'],
    skip: NOT_LATIN,
  },
  {
    key: 'hebrew',
    pkg: '@fontsource/noto-serif-hebrew',
    family: 'Noto Serif Hebrew',
    languages: ['he', 'iw', 'yi'],
    cssFiles: ['400', '700'],
    skip: NOT_LATIN,
  },
  {
    key: 'devanagari',
    pkg: '@fontsource/noto-serif-devanagari',
    family: 'Noto Serif Devanagari',
    languages: ['hi', 'mr', 'ne', 'sa', 'mai', 'bho', 'kok', 'new'],
    cssFiles: ['400', '700'],
    skip: NOT_LATIN,
  },
  {
    key: 'bengali',
    pkg: '@fontsource/noto-serif-bengali',
    family: 'Noto Serif Bengali',
    languages: ['bn', 'as', 'mni'],
    cssFiles: ['400', '700'],
    skip: NOT_LATIN,
  },
  {
    key: 'tamil',
    pkg: '@fontsource/noto-serif-tamil',
    family: 'Noto Serif Tamil',
    languages: ['ta'],
    cssFiles: ['400', '700'],
    skip: NOT_LATIN,
  },
  {
    key: 'thai',
    pkg: '@fontsource/noto-serif-thai',
    family: 'Noto Serif Thai',
    languages: ['th'],
    cssFiles: ['400', '700'],
    skip: NOT_LATIN,
  },
  {
    key: 'georgian',
    pkg: '@fontsource/noto-serif-georgian',
    family: 'Noto Serif Georgian',
    languages: ['ka'],
    cssFiles: ['400', '700'],
    skip: NOT_LATIN,
  },
  {
    key: 'armenian',
    pkg: '@fontsource/noto-serif-armenian',
    family: 'Noto Serif Armenian',
    languages: ['hy'],
    cssFiles: ['400', '700'],
    skip: NOT_LATIN,
  },
  {
    key: 'ethiopic',
    pkg: '@fontsource/noto-sans-ethiopic',
    family: 'Noto Sans Ethiopic',
    languages: ['am', 'ti', 'gez', 'tig'],
    cssFiles: ['400', '700'],
    skip: NOT_LATIN,
  },
  {
    key: 'sc',
    pkg: '@fontsource-variable/noto-serif-sc',
    family: 'Noto Serif SC',
    languages: [],
    cssFiles: ['index'],
    skip: NOT_LATIN,
    variable: true,
  },
  {
    key: 'tc',
    pkg: '@fontsource-variable/noto-serif-tc',
    family: 'Noto Serif TC',
    languages: [],
    cssFiles: ['index'],
    skip: NOT_LATIN,
    variable: true,
  },
  {
    key: 'jp',
    pkg: '@fontsource-variable/noto-serif-jp',
    family: 'Noto Serif JP',
    languages: [],
    cssFiles: ['index'],
    skip: NOT_LATIN,
    variable: true,
  },
  {
    key: 'kr',
    pkg: '@fontsource-variable/noto-serif-kr',
    family: 'Noto Serif KR',
    languages: [],
    cssFiles: ['index'],
    skip: NOT_LATIN,
    variable: true,
  },
  // Urdu's own style: tried last for other books (Arabic and Persian letters come from Naskh).
  {
    key: 'nastaliq',
    pkg: '@fontsource/noto-nastaliq-urdu',
    family: 'Noto Nastaliq Urdu',
    languages: ['ur'],
    cssFiles: ['400', '700'],
    skip: NOT_LATIN,
  },
];

/** Every bundled family but EB Garamond, in the order they are tried for a character EB Garamond lacks. */
export const OTHER_FAMILIES: FamilyKey[] = FAMILIES.map((f) => f.key).filter((k) => k !== 'garamond');

/** The CSS family name of a bundled family ("Noto Serif Thai"). */
export function familyName(key: FamilyKey): string {
  return FAMILIES.find((f) => f.key === key)!.family;
}

export interface FontFile {
  family: FamilyKey;
  /** fontsource's name, e.g. "eb-garamond-latin-400-normal", "noto-serif-jp-[12]-400-normal". */
  name: string;
  subset: string;
  weight: number;
  italic: boolean;
  /** The @font-face rule as fontsource wrote it (relative src URLs). */
  rule: string;
  /** Absolute path of the woff2 file. */
  file: string;
  ranges: Array<[number, number]>;
}

const parsed = new Map<FamilyKey, FontFile[]>();

/** Every face of a family, in its CSS order, with its unicode ranges. */
export function familyFiles(key: FamilyKey): FontFile[] {
  let files = parsed.get(key);
  if (files) return files;
  const spec = FAMILIES.find((f) => f.key === key)!;
  const dir = path.dirname(require.resolve(`${spec.pkg}/package.json`));
  const base = path.basename(spec.pkg);
  files = [];
  const version = spec.variable
    ? (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version
    : '';
  for (const css of spec.cssFiles) {
    const text = fs.readFileSync(path.join(dir, `${css}.css`), 'utf8');
    for (const m of text.matchAll(/\/\* ([^*]+?) \*\/\s*(@font-face\s*\{[^}]*\})/g)) {
      const [, name, rule] = m;
      const face = spec.variable
        ? new RegExp(`^${base}-(.+)-(wght)-(normal|italic)$`).exec(name)
        : new RegExp(`^${base}-(.+)-(\\d+)-(normal|italic)$`).exec(name);
      if (!face) continue;
      const subset = face[1].replace(/^\[(\d+)\]$/, '$1');
      if (spec.skip(subset)) continue;
      const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1] ?? 'U+0-10FFFF';
      const source = path.join(dir, /url\(\.\/([^)]+\.woff2)\)/.exec(rule)?.[1] ?? `files/${name}.woff2`);
      const common = { family: key, subset, italic: face[3] === 'italic', ranges: parseUnicodeRange(range) };
      if (!spec.variable) {
        files.push({ ...common, name, weight: Number(face[2]), rule, file: source });
        continue;
      }
      for (const weight of [400, 700]) {
        const staticRule = rule
          .replace(/font-family:[^;]*;/, `font-family: '${spec.family}';`)
          .replace(/font-weight:[^;]*;/, `font-weight: ${weight};`)
          .replace(/format\('woff2-variations'\)/, "format('truetype')");
        const instance = { ...common, name: `${name}-${weight}`, weight, rule: staticRule };
        files.push(instancedFace(instance, spec, version, source));
      }
    }
  }
  if (!files.length) throw new Error(`${spec.pkg}: no font faces found in its CSS`);
  parsed.set(key, files);
  return files;
}

/**
 * A face of a variable family at one weight: its `file` is the static instance in the font cache,
 * made on first need (facesFor makes a book's all at once).
 */
function instancedFace(face: Omit<FontFile, 'file'>, spec: FamilySpec, version: string, source: string): FontFile {
  let target: string | undefined;
  const job = (): InstanceJob => {
    target ??= path.join(
      instanceCacheDir(spec.pkg, version),
      `${path.basename(source, '.woff2')}-${face.weight}.${INSTANCE_REVISION}.ttf`,
    );
    return { source, weight: face.weight, target };
  };
  const entry = { ...face, file: '' } as FontFile;
  Object.defineProperty(entry, 'file', {
    enumerable: true,
    get: () => {
      const j = job();
      if (!instanced.has(j.target)) {
        makeInstances([j]);
        instanced.add(j.target);
      }
      return j.target;
    },
  });
  instanceJobs.set(entry, job);
  return entry;
}

const instanced = new Set<string>();
const instanceJobs = new WeakMap<FontFile, () => InstanceJob>();

/** Makes the static instances of the faces that need one, in one go (a worker start costs more than a face). */
export function prepareFaces(faces: FontFile[]): void {
  const jobs = faces.flatMap((f) => instanceJobs.get(f)?.() ?? []).filter((j) => !instanced.has(j.target));
  if (!jobs.length) return;
  makeInstances(jobs);
  for (const j of jobs) instanced.add(j.target);
}

/** "U+0000-00FF,U+0131,U+4E??" → [[0, 255], [305, 305], …] */
export function parseUnicodeRange(value: string): Array<[number, number]> {
  return value.split(',').map((part): [number, number] => {
    const p = part.trim().replace(/^U\+/i, '');
    if (p.includes('?')) return [parseInt(p.replace(/\?/g, '0'), 16), parseInt(p.replace(/\?/g, 'F'), 16)];
    const [a, b] = p.split('-');
    return [parseInt(a, 16), parseInt(b ?? a, 16)];
  });
}

export function inRanges(cp: number, ranges: Array<[number, number]>): boolean {
  for (const [a, b] of ranges) if (cp >= a && cp <= b) return true;
  return false;
}

/** The script family a book's language is set in, put first in its font stack (see styles/base.css). */
export function primaryFamily(lang: string): FamilyKey {
  const primary = primaryLanguage(lang);
  if (['zh', 'ja', 'ko', 'yue'].includes(primary)) return cjkFamilyKey(lang);
  return FAMILIES.find((f) => f.languages.includes(primary))?.key ?? 'garamond';
}

/**
 * Whether the book's script sets emphasis in bold (its bundled face has no italic; styles/base.css
 * says so too): its bold faces are then loaded for emphasized text. CJK uses emphasis dots instead.
 */
export function emphasisIsBold(lang: string): boolean {
  const family = primaryFamily(lang);
  return family !== 'garamond' && family !== 'sc' && family !== 'tc' && family !== 'jp' && family !== 'kr';
}

/**
 * The families whose glyphs may set a book, in the order they are tried: EB Garamond, the book's own
 * script family, the book's CJK flavour before the other CJK faces, then the rest.
 */
export function familyOrder(lang: string): FamilyKey[] {
  const primary = primaryFamily(lang);
  const cjk = cjkFamilyKey(lang);
  const rest = OTHER_FAMILIES.filter((k) => k !== primary && k !== cjk);
  const firstCjk = rest.findIndex((k) => k === 'sc' || k === 'tc' || k === 'jp' || k === 'kr');
  rest.splice(firstCjk, 0, cjk);
  return [...new Set<FamilyKey>(['garamond', primary, ...rest])];
}

/**
 * Characters every EB Garamond face has (ASCII, Latin-1, the usual quotes and dashes), checked against
 * the fonts' cmaps by tests/lang/units.test.ts: Latin text needs no font parsing.
 */
const GARAMOND_COMMON =
  /^[\u0020-\u007E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201A\u201C\u201D\u201E\u2022\u2026\u2039\u203A\u2009\u2002]$/u;
export const GARAMOND_COMMON_SAMPLE =
  ' ~\u00A0ÿ\u2013\u2014\u2018\u2019\u201A\u201C\u201D\u201E\u2022\u2026\u2039\u203A\u2009\u2002';

let garamondCmap: Set<number> | undefined;

/**
 * Whether EB Garamond (regular, any subset) has a glyph for the character: from the fonts' cmaps, read on first need.
 */
export function garamondHas(cp: number): boolean {
  if (GARAMOND_COMMON.test(String.fromCodePoint(cp))) return true;
  // Outside every subset's range: no need to read a font.
  if (!familyFiles('garamond').some((f) => inRanges(cp, f.ranges))) return false;
  if (!garamondCmap) {
    // Only books beyond Latin-1 pay for reading the fonts.
    garamondCmap = new Set();
    for (const face of familyFiles('garamond')) {
      if (face.weight !== 400 || face.italic) continue;
      for (const c of fontkitFace(face.file).characterSet) garamondCmap.add(c);
    }
  }
  return garamondCmap.has(cp);
}

/** What pamphleteer asks of a face opened with fontkit. */
export interface FontkitFace {
  unitsPerEm: number;
  characterSet: number[];
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { advanceWidth: number };
  layout(text: string): { advanceWidth: number };
}

/**
 * fontkit's shapers for Indic and other complex scripts need a generator runtime its bundle does not
 * carry: their text is measured glyph by glyph instead (close enough to fit a cover's title).
 */
function withSafeLayout(face: FontkitFace): FontkitFace {
  const layout = face.layout.bind(face);
  face.layout = (text) => {
    try {
      return layout(text);
    } catch {
      let advanceWidth = 0;
      for (const ch of text) advanceWidth += face.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth;
      return { advanceWidth };
    }
  };
  return face;
}

let fontkit: { create(data: Uint8Array): FontkitFace } | undefined;
const fontkitFaces = new Map<string, FontkitFace>();

/**
 * A bundled face (its woff2 file's path) opened with fontkit, once per process. fontkit reads the
 * .woff beside the .woff2: the same glyphs, and no Brotli decoder to run.
 */
export function fontkitFace(woff2File: string): FontkitFace {
  let face = fontkitFaces.get(woff2File);
  if (!face) {
    // fontkit takes most of a second to load: required on first need only.
    fontkit ??= require('@pdf-lib/fontkit') as { create(data: Uint8Array): FontkitFace };
    face = withSafeLayout(fontkit.create(fs.readFileSync(woff2File.replace(/\.woff2$/, '.woff'))));
    fontkitFaces.set(woff2File, face);
  }
  return face;
}

/** A font file's bytes (TrueType, OpenType, WOFF or WOFF2) opened with fontkit; undefined if it is none of these. */
export function fontkitFromBytes(bytes: Uint8Array): FontkitFace | undefined {
  fontkit ??= require('@pdf-lib/fontkit') as { create(data: Uint8Array): FontkitFace };
  try {
    const face = fontkit.create(bytes);
    return Array.isArray(face.characterSet) ? face : undefined;
  } catch {
    return undefined;
  }
}

/** Characters no font needs to draw: spaces, controls, joiners, direction marks, variation selectors. */
const INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Default_Ignorable_Code_Point}]$/u;

/** Whether some bundled font draws the character (EB Garamond's cmap, or a Noto subset's exact range). */
export function bundledFontsHave(cp: number): boolean {
  if (cp < 0x7f || INVISIBLE.test(String.fromCodePoint(cp))) return true;
  if (garamondHas(cp)) return true;
  for (const key of OTHER_FAMILIES) {
    if (familyFiles(key).some((f) => inRanges(cp, f.ranges))) return true;
  }
  return false;
}

/**
 * The faces a book needs, given the characters of its print edition (and those set in bold):
 * EB Garamond's Latin subsets always; any other subset only when it draws a character the faces
 * before it do not. The book's own script family takes every character it covers beyond Latin, so
 * Japanese punctuation is set in the Japanese font.
 */
export function facesFor(lang: string, used: Set<number>, bold: Set<number>): FontFile[] {
  const primary = primaryFamily(lang);
  const beyondLatin = [...used].filter((cp) => cp >= 0x250 || (cp >= 0x80 && !garamondHas(cp)));
  const chosen: FontFile[] = [];
  const covered = (cp: number, family: FamilyKey) =>
    family !== primary &&
    ((cp < 0x2e80 && garamondHas(cp)) ||
      chosen.some((f) => f.family !== 'garamond' && f.weight === 400 && inRanges(cp, f.ranges)));
  for (const family of familyOrder(lang)) {
    const files = familyFiles(family);
    if (family === 'garamond') {
      const extra = new Set(
        files
          .filter(
            (f) =>
              f.subset !== 'latin' &&
              f.subset !== 'latin-ext' &&
              beyondLatin.some((cp) => inRanges(cp, f.ranges) && garamondHas(cp)),
          )
          .map((f) => f.subset),
      );
      chosen.push(...files.filter((f) => f.subset === 'latin' || f.subset === 'latin-ext' || extra.has(f.subset)));
      continue;
    }
    const wanted = beyondLatin.filter((cp) => !covered(cp, family));
    if (!wanted.length) continue;
    for (const f of files) {
      const chars = f.weight >= 600 ? wanted.filter((cp) => bold.has(cp)) : wanted;
      if (chars.some((cp) => inRanges(cp, f.ranges))) chosen.push(f);
    }
  }
  prepareFaces(chosen);
  return chosen;
}
