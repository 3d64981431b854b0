import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileSystemError } from '../util/errors.js';
import { onInterrupt } from './interrupt.js';

/**
 * A set of output files written as temporary files next to their targets, then renamed into place
 * together. Until `commit()`, the previous files are untouched; `discard()` (also run on Ctrl-C,
 * see interrupt.ts) removes the temporary files, so a failed build leaves no partial file behind.
 * The temporary file is in the same folder as its target because rename is only atomic within
 * one file system.
 */
export class StagedWrite {
  private readonly staged: { temp: string; target: string }[] = [];
  private settled = false;

  /**
   * Writes every file `fill` stages, all at once; on an error, or Ctrl-C meanwhile, none of them
   * (the previous files stay as they were, and no temporary file is left).
   */
  static writeAll(fill: (stage: (target: string, bytes: Uint8Array | string) => void) => void): void {
    const staged = new StagedWrite();
    const unregister = onInterrupt(() => staged.discard());
    try {
      fill((target, bytes) => staged.stage(target, bytes));
      staged.commit();
    } catch (err) {
      staged.discard();
      throw err;
    } finally {
      unregister();
    }
  }

  /** Writes `bytes` to a temporary file beside `target` (creating the folder when needed). */
  stage(target: string, bytes: Uint8Array | string): void {
    if (this.settled) throw new Error('StagedWrite already committed or discarded');
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Registered before writing, so a half-written temp file is also removed on failure.
      this.staged.push({ temp, target });
      fs.writeFileSync(temp, bytes);
    } catch (err) {
      throw fileSystemError(err, path.dirname(target));
    }
  }

  /**
   * Renames every staged file into place. Synchronous on purpose: a signal handler cannot run in
   * the middle of it, so Ctrl-C never leaves half of the outputs renamed.
   */
  commit(): string[] {
    if (this.settled) throw new Error('StagedWrite already committed or discarded');
    this.settled = true;
    for (const { temp, target } of this.staged) {
      try {
        fs.renameSync(temp, target);
      } catch (err) {
        throw fileSystemError(err, target);
      }
    }
    return this.staged.map((s) => s.target);
  }

  /** Removes the temporary files; the targets keep their previous content. Safe to call twice. */
  discard(): void {
    if (this.settled) return;
    this.settled = true;
    for (const { temp } of this.staged) fs.rmSync(temp, { force: true });
  }
}
