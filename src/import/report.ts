/** What one import did, for the person to check: printed after the files are written. */
export interface ImportReport {
  /** What came in: "12 paragraphs, 3 headings, 14 notes (superscript links to a numbered list)…". */
  imported: string[];
  /** What was left out, and why: comments, tracked deletions, scripts, remote images, macros… */
  dropped: string[];
  /** Every place the importer had to choose without knowing: a title taken from a heading, a language… */
  guesses: string[];
}

export const emptyReport = (): ImportReport => ({ imported: [], dropped: [], guesses: [] });

/** "1 note", "3 notes". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
