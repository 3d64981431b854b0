import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { UserError } from './user-error.js';
import { shownPath } from './shown-path.js';

/** A positioned problem in a manuscript file, as `file:line:column: severity: message`. */
export function formatMessage(m: VFileMessage, cwd = process.cwd()): string {
  const file = m.file ? shownPath(m.file, cwd) : '';
  const where = m.line ? `${file}:${m.line}:${m.column ?? 1}` : file;
  return `${where}: ${m.fatal ? 'error' : 'warning'}: ${m.reason}${m.ruleId ? ` [${m.ruleId}]` : ''}`;
}

/** Manuscript errors that stop the build: carries every message, errors and warnings, in file order. */
export class ManuscriptError extends UserError {
  constructor(readonly messages: VFileMessage[]) {
    super(
      messages
        .filter((m) => m.fatal)
        .map((m) => formatMessage(m))
        .join('\n'),
    );
    this.name = 'ManuscriptError';
  }
}

export function messagesOf(files: VFile[]): VFileMessage[] {
  return files.flatMap((f) =>
    [...f.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
  );
}

/** Where a message points: a point, a node's position, or nowhere (the file as a whole). */
export type Place = Point | Position | undefined;

/** A warning on a manuscript file: shown, and the build goes on. */
export function reportWarning(file: VFile, reason: string, place: Place, ruleId: string): VFileMessage {
  return file.message(reason, { place, ruleId, source: 'pamphleteer' });
}

/** An error on a manuscript file: a positioned message marked fatal, which stops the build. */
export function reportError(file: VFile, reason: string, place: Place, ruleId: string): VFileMessage {
  const m = reportWarning(file, reason, place, ruleId);
  m.fatal = true;
  return m;
}
