import { DiagnosticError, fileError, formatMessage } from '../util/diagnostics.js';
import { UserError } from '../util/user-error.js';

export type ExitCode = 0 | 1 | 2 | 3;

/** Exit codes, as documented in docs/options.md. */
export const EXIT = { ok: 0, input: 1, missingTool: 2, internal: 3 } as const;

/**
 * The one reporter, for build, check, watch and impose alike: what to print for an error and the
 * exit code it gives. A user's mistake (manuscript, config, style sheet, input, arguments) is printed
 * as vfile messages (formatMessage); anything else is a bug in pamphleteer: one line, and the stack
 * only with --debug.
 */
export function describeError(err: unknown, debug: boolean): { text: string; exitCode: ExitCode } {
  if (err instanceof DiagnosticError) {
    // Errors and warnings together, in file order, so the warnings are not lost on a failed build.
    return { text: err.messages.map((m) => formatMessage(m)).join('\n'), exitCode: err.exitCode };
  }
  // Every other mistake of the person's (arguments, a missing tool, a folder) is a UserError: a
  // message on no file in particular (its text names the path when there is one).
  if (err instanceof UserError) {
    return { text: formatMessage(fileError(undefined, err.message, undefined, '')), exitCode: err.exitCode };
  }
  const message = err instanceof Error ? err.message : String(err);
  const stack = err instanceof Error && err.stack ? err.stack : message;
  return {
    text: debug
      ? `internal error: ${stack}`
      : `internal error: ${message.split('\n')[0]}\nThis is a bug in pamphleteer. ` +
        'Run the same command with --debug and report the output.',
    exitCode: EXIT.internal,
  };
}

/** The worst exit code of several failures: an internal error outranks a missing tool, which outranks a user error. */
export function worstExitCode(codes: ExitCode[]): ExitCode {
  // biome-ignore lint/complexity/useMathMinMax: reduce keeps the ExitCode type; Math.max gives a number.
  return codes.reduce<ExitCode>((worst, c) => (c > worst ? c : worst), EXIT.ok);
}
