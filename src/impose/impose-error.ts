/**
 * The one error type the imposition engine throws on purpose. Its message is a
 * single line naming the problem, so the CLI can print it as is and exit 1.
 */
export type ImposeErrorCode =
  | 'not-pdf'
  | 'broken-pdf'
  | 'encrypted-pdf'
  | 'empty-pdf'
  | 'zero-size-page'
  | 'too-many-pages'
  | 'bad-option'
  | 'io';

export class ImposeError extends Error {
  readonly code: ImposeErrorCode;

  constructor(code: ImposeErrorCode, message: string, options?: { cause?: unknown }) {
    // Collapse any newline a library message might carry: callers print this verbatim.
    super(message.replace(/\s*\n\s*/g, ' ').trim(), options);
    this.name = 'ImposeError';
    this.code = code;
  }
}
