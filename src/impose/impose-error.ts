import { UserError } from '../util/user-error.js';

/**
 * The imposition engine's mistakes of input (the PDF or an option): a UserError with a code saying
 * which. Its message is a single line naming the problem, so the CLI prints it as is and exits 1.
 */
export type ImposeErrorCode =
  | 'not-pdf'
  | 'broken-pdf'
  | 'encrypted-pdf'
  | 'empty-pdf'
  | 'zero-size-page'
  | 'too-many-pages'
  | 'bad-option';

export class ImposeError extends UserError {
  readonly code: ImposeErrorCode;

  constructor(code: ImposeErrorCode, message: string, options?: { cause?: unknown }) {
    // Collapse any newline a library message might carry: callers print this verbatim.
    super(message.replace(/\s*\n\s*/g, ' ').trim(), 1, options);
    this.name = 'ImposeError';
    this.code = code;
  }
}
