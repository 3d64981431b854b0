/**
 * A mistake in the user's input (manuscript, config, PDF, arguments): shown as its message alone,
 * never with a stack trace. Exit code 1 by default; 2 for a missing browser or tool.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
