/**
 * A mistake in the user's input (manuscript, config, PDF, arguments): shown as its message alone,
 * never with a stack trace. Exit code 1 by default; 2 for a missing browser or tool.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserError';
  }
}

const FILE_SYSTEM_PROBLEMS: Record<string, string> = {
  ENOENT: 'does not exist (or is a broken link)',
  EACCES: 'cannot be accessed: check its permissions',
  EPERM: 'cannot be accessed: check its permissions',
  EEXIST: 'is in the way: a file stands where a folder is needed',
  ENOTDIR: 'is in the way: a file stands where a folder is needed',
  EISDIR: 'is a folder where a file is needed',
  EROFS: 'is on a read-only disk',
  ENOSPC: 'cannot be written: the disk is full',
};

/**
 * The one way a file-system error about the user's files (missing, unreadable, not writable, disk
 * full) becomes a UserError naming the path; anything else is rethrown unchanged (a bug).
 */
export function fileSystemError(err: unknown, shownPath: string): UserError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const problem = code ? FILE_SYSTEM_PROBLEMS[code] : undefined;
  if (!problem) throw err;
  return new UserError(`${shownPath}: ${problem} (${code}).`, 1, { cause: err });
}
