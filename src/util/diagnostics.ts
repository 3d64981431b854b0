import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { VFileMessage } from 'vfile-message';
import { UserError } from './user-error.js';
import { shownPath } from './shown-path.js';

/**
 * Every message a person sees is a vfile message: a file, a place in it (or none: the file as a
 * whole, or no file for a command-line mistake), a reason that says what to do, and a rule id.
 * This is the one way it is printed: `file:line:column: error: reason [rule]`.
 */
export function formatMessage(m: VFileMessage, cwd = process.cwd()): string {
  const file = m.file ? shownPath(m.file, cwd) : '';
  const where = m.line ? `${file}:${m.line}:${m.column ?? 1}: ` : file ? `${file}: ` : '';
  return `${where}${m.fatal ? 'error' : 'warning'}: ${m.reason}${m.ruleId ? ` [${m.ruleId}]` : ''}`;
}

/** A person's mistakes, positioned in their files (manuscript, config, style sheet, PDF): every message, in order. */
export class DiagnosticError extends UserError {
  constructor(readonly messages: VFileMessage[]) {
    super(
      messages
        .filter((m) => m.fatal)
        .map((m) => formatMessage(m))
        .join('\n'),
    );
    this.name = 'DiagnosticError';
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

/**
 * An error in a file that is not parsed into a vfile (a config file, a style sheet, an input PDF),
 * or in no file (`file` undefined: the command line): the same kind of message as the manuscript's.
 */
export function fileError(file: string | undefined, reason: string, place: Place, ruleId: string): VFileMessage {
  const m = new VFileMessage(reason, { place, ruleId, source: 'pamphleteer' });
  if (file !== undefined) m.file = file;
  m.fatal = true;
  return m;
}

/** 1-based line and column (UTF-16 units, as editors count) of an offset in a text. */
export function pointAt(text: string): (offset: number) => Point {
  const place = location(text);
  return (offset) => {
    const point = place.toPoint(Math.min(Math.max(offset, 0), text.length));
    return point ? { line: point.line, column: point.column } : { line: 1, column: 1 };
  };
}
