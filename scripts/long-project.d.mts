/**
 * Writes a project whose manuscript is the essay repeated `times` times (default 10), footnote
 * labels made unique per copy and each copy after the first opened by a "Part N" heading.
 * Returns the project folder, `dir`.
 */
export function writeLongProject(dir: string, times?: number): string;
