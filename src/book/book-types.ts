import type { ElementContent, Root } from 'hast';
import type { LabelOverrides } from '../templates/labels.js';

/** Book metadata, validated from the manuscript's front matter (see src/manuscript/frontmatter.ts). */
export interface BookMetadata {
  title: string;
  subtitle?: string;
  /** Display names, in order. */
  authors: string[];
  /** Sort form of the first author ("Malco, J."), for EPUB `file-as`. */
  authorFileAs?: string;
  /** BCP 47 language tag. */
  lang: string;
  /** Writing direction: front matter `dir`, else the language's. */
  dir: 'ltr' | 'rtl';
  /** As written in the front matter: "2020", "2020-06", "2020-06-01". */
  date?: string;
  /** The date as an ISO timestamp, used wherever a reproducible "modified" time is needed. */
  dateISO: string;
  publisher?: string;
  source?: string;
  /** The rights statement actually given; the language's "All rights belong to the author." label when none is. */
  rights: string;
  /** The book's own labels (config `labels:`, then front matter `labels:`), over the language's. */
  labels?: LabelOverrides;
  description?: string;
  keywords: string[];
  /** Stable identifier: given in front matter, or a UUID derived from title + authors. */
  identifier: string;
  /** Absolute path of a cover image from the project, when the front matter names one. */
  cover?: string;
}

/** A footnote: numbered once for the whole book, in the order of first reference. */
export interface Note {
  /** 1…N across the whole book. */
  number: number;
  /** Element id of the note itself, e.g. "fn-3". */
  id: string;
  /** Element id of each reference to the note, e.g. ["fnref-3"]; the first is the primary one. */
  refIds: string[];
  /** Id of the chapter holding the (first) reference. */
  chapterId: string;
  /** The note's content as hast block content (usually paragraphs). */
  content: ElementContent[];
  /** Plain text of the note. */
  text: string;
}

export interface Heading {
  id: string;
  depth: 1 | 2 | 3 | 4 | 5 | 6;
  text: string;
  chapterId: string;
}

export interface Chapter {
  id: string;
  /** Null for an untitled opening section. */
  title: string | null;
  /**
   * The chapter's body as hast, heading included. A note reference is the placeholder element
   * `<pamphleteer-noteref data-note="N" id="fnref-N">`; each renderer turns it into its own markup
   * (the print and EPUB renderers each replace it).
   */
  tree: Root;
  /** Numbers of the notes first referenced in this chapter, in order (a later chapter may refer to them again). */
  notes: number[];
  headings: Heading[];
  /** The manuscript file this chapter came from, relative to the project. */
  sourceFile: string;
}

export interface Asset {
  /** The `src` used in chapter trees: a path relative to the project folder, with forward slashes. */
  href: string;
  /** Absolute path on disk. */
  path: string;
  mediaType: string;
}

export interface Book {
  metadata: BookMetadata;
  /** File-name-safe slug of the title, used for output names: "fading-color". */
  slug: string;
  chapters: Chapter[];
  notes: Note[];
  headings: Heading[];
  /** The "About the author" block from front matter `about`, as hast, if any. */
  about?: ElementContent[];
  assets: Asset[];
  /** Absolute path of the project folder. */
  root: string;
  stats: { words: number; noteWords: number };
}

export const NOTE_REF_TAG = 'pamphleteer-noteref';
