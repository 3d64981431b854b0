/**
 * One failure policy for the page's steps and handlers: a step that throws changes nothing further
 * and leaves Paged.js's own decision standing (its page break, its note split, the browser's line
 * breaks), and says so on the page's console (PAMPHLETEER_DEBUG=print shows it). A layout that
 * lost text is still caught afterwards by the word check (word-check.ts), which refuses the PDF.
 */
export function failSafe<A extends unknown[], R>(
  concern: string,
  step: (...args: A) => R,
): (...args: A) => R | undefined {
  return (...args: A) => {
    try {
      return step(...args);
    } catch (err) {
      console.warn(`pamphleteer: ${concern} skipped:`, err);
      return undefined;
    }
  };
}
