import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError, fileSystemError } from '../util/user-error.js';
import { shownPath } from '../util/shown-path.js';
import { onInterrupt, throwIfInterrupted } from './interrupt.js';

/** Temporary files written at once by writeMany (the thread pool runs four; the rest wait their turn there). */
const FILES_AT_ONCE = 16;

interface Staged {
  temp: string;
  target: string;
  /** A hard link (or copy) of the previous target, made just before the rename, to roll back to. */
  backup?: string;
  /** Whether the temporary file has been renamed onto the target. */
  moved?: boolean;
}

interface StagedWriteOptions {
  /**
   * Files the run reads (the input PDF, the manuscript, images…): a target that is one of them
   * (same real path, or same file through another link) is refused before anything is written.
   */
  inputs?: string[];
}

/**
 * A set of output files written as temporary files next to their targets, then renamed into place
 * together: all of them replace the previous files, or none does. Every target is checked before
 * the first rename (a folder in the way, an input about to be overwritten), and a rename that fails
 * halfway puts back the files already replaced, from backups made just before. `discard()` (also
 * run on Ctrl-C, see interrupt.ts) removes the temporary files, so no `.tmp` file is ever left.
 * The temporary file is in the same folder as its target because rename is only atomic within
 * one file system.
 */
export class StagedWrite {
  private readonly staged: Staged[] = [];
  private settled = false;

  constructor(private readonly options: StagedWriteOptions = {}) {}

  /**
   * Writes every file `fill` stages, all at once; on an error, or Ctrl-C meanwhile, none of them
   * (the previous files stay as they were, and no temporary file is left).
   */
  static writeAll(
    fill: (stage: (target: string, bytes: Uint8Array | string) => void) => void,
    options: StagedWriteOptions = {},
  ): string[] {
    const staged = new StagedWrite(options);
    const unregister = onInterrupt(() => staged.discard());
    try {
      fill((target, bytes) => staged.stage(target, bytes));
      return staged.commit();
    } finally {
      staged.discard();
      unregister();
    }
  }

  /**
   * writeAll for many files at once (a catalogue site: thousands of small pages, covers and copies):
   * the temporary files are written several at a time, since a busy file system creates several in
   * the time it takes to create one; then all are renamed into place together, as writeAll does. A
   * file given as `copyOf` is a hard link to that file (a copy across file systems), never read into
   * memory: outputs are replaced by renaming, never rewritten in place, so the link keeps the content.
   */
  static async writeMany(
    files: { target: string; bytes?: Uint8Array | string; copyOf?: string }[],
    options: StagedWriteOptions = {},
  ): Promise<string[]> {
    const staged = new StagedWrite(options);
    const unregister = onInterrupt(() => staged.discard());
    try {
      let next = 0;
      const writer = async () => {
        while (next < files.length) await staged.stageAsync(files[next++]);
      };
      await Promise.all(Array.from({ length: Math.min(FILES_AT_ONCE, files.length) }, writer));
      return staged.commit();
    } finally {
      staged.discard();
      unregister();
    }
  }

  private async stageAsync(file: { target: string; bytes?: Uint8Array | string; copyOf?: string }): Promise<void> {
    // Discarded meanwhile (an error in another file, or Ctrl-C): write no more.
    if (this.settled) throw new Error('StagedWrite already committed or discarded');
    const { target } = file;
    refuseInput(target, this.options.inputs ?? []);
    const temp = sideFile(target, 'tmp');
    try {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      this.staged.push({ temp, target });
      if (file.copyOf !== undefined) await linkOrCopy(file.copyOf, temp);
      else await fs.promises.writeFile(temp, file.bytes ?? '', { flag: 'wx' });
    } catch (err) {
      throw fileSystemError(err, shownPath(path.dirname(target)));
    } finally {
      // Discarded while this file was being written: discard() may have come before it existed.
      if (this.settled) fs.rmSync(temp, { force: true });
    }
  }

  /** Writes `bytes` to a temporary file beside `target` (creating the folder when needed). */
  stage(target: string, bytes: Uint8Array | string): void {
    if (this.settled) throw new Error('StagedWrite already committed or discarded');
    refuseInput(target, this.options.inputs ?? []);
    const temp = sideFile(target, 'tmp');
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Registered before writing, so a half-written temp file is also removed on failure.
      this.staged.push({ temp, target });
      fs.writeFileSync(temp, bytes, { flag: 'wx' });
    } catch (err) {
      throw fileSystemError(err, shownPath(path.dirname(target)));
    }
  }

  /**
   * Renames every staged file into place, or none. Synchronous on purpose: a signal handler cannot
   * run in the middle of it, so Ctrl-C never leaves half of the outputs renamed.
   */
  commit(): string[] {
    if (this.settled) throw new Error('StagedWrite already committed or discarded');
    // A signal that arrived while the files were made: the run is over, nothing is replaced.
    throwIfInterrupted();
    const inputs = this.options.inputs ?? [];
    // Every target is checked before the first rename.
    for (const { target } of this.staged) {
      refuseInput(target, inputs);
      const stat = lstatOrUndefined(target);
      if (stat?.isDirectory())
        throw new UserError(
          `${shownPath(target)}: a folder stands where the output file goes; ` +
            'move it away or choose another output. Nothing was written.',
        );
    }
    try {
      for (const entry of this.staged) {
        if (lstatOrUndefined(entry.target)) entry.backup = backupOf(entry.target);
        fs.renameSync(entry.temp, entry.target);
        entry.moved = true;
      }
    } catch (err) {
      this.rollBack();
      const failed = this.staged.find((s) => !s.moved)?.target ?? this.staged[0].target;
      throw fileSystemError(err, shownPath(failed));
    }
    this.settled = true;
    for (const { backup } of this.staged) if (backup) fs.rmSync(backup, { force: true });
    return this.staged.map((s) => s.target);
  }

  /** Puts the previous files back where a rename already replaced them, and removes the backups. */
  private rollBack(): void {
    for (const entry of this.staged) {
      try {
        if (entry.moved) {
          if (entry.backup) fs.renameSync(entry.backup, entry.target);
          else fs.rmSync(entry.target, { force: true });
          entry.moved = false;
        } else if (entry.backup) fs.rmSync(entry.backup, { force: true });
        entry.backup = undefined;
      } catch {
        // Best effort: keep rolling the others back.
      }
    }
  }

  /** Removes the temporary files (and backups); the targets keep their previous content. Safe to call twice. */
  discard(): void {
    if (this.settled) return;
    this.settled = true;
    for (const entry of this.staged) {
      if (!entry.moved) fs.rmSync(entry.temp, { force: true });
      if (entry.backup && !entry.moved) fs.rmSync(entry.backup, { force: true });
    }
  }
}

function sideFile(target: string, kind: 'tmp' | 'bak'): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.${kind}`,
  );
}

/** `temp` as a hard link to `source`, or a copy of it where links are not allowed. */
async function linkOrCopy(source: string, temp: string): Promise<void> {
  try {
    await fs.promises.link(source, temp);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw err;
    await fs.promises.copyFile(source, temp, fs.constants.COPYFILE_EXCL);
  }
}

/** A second name for the current target (a hard link: instant; a copy where links are not allowed). */
function backupOf(target: string): string {
  const backup = sideFile(target, 'bak');
  try {
    fs.linkSync(target, backup);
  } catch {
    fs.copyFileSync(target, backup, fs.constants.COPYFILE_EXCL);
  }
  return backup;
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/** The real path of a file that may not exist yet: its folder's real path, then its name. */
function realPathOf(file: string): string {
  const abs = path.resolve(file);
  try {
    return fs.realpathSync(abs);
  } catch {
    const dir = path.dirname(abs);
    return dir === abs ? abs : path.join(realPathOf(dir), path.basename(abs));
  }
}

/** Throws when writing `target` would replace one of `inputs`: same real path, or the same file (device and inode). */
export function refuseInput(target: string, inputs: string[]): void {
  if (inputs.length === 0) return;
  const real = realPathOf(target);
  const stat = statOrUndefined(target);
  for (const input of inputs) {
    const inputStat = statOrUndefined(input);
    const same =
      realPathOf(input) === real || (!!stat && !!inputStat && stat.dev === inputStat.dev && stat.ino === inputStat.ino);
    if (same)
      throw new UserError(
        `${shownPath(target)}: this is the input ${shownPath(input)}, which would be lost; ` +
          'choose another output. Nothing was written.',
      );
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
