/**
 * Clean-ups that must run when the user interrupts a build (Ctrl-C) or the process is told to
 * stop: remove temporary files, close the browser. Each build registers its own and unregisters
 * when done; the CLI installs the signal handlers once (see installInterruptHandlers).
 */
type Cleanup = () => void | Promise<void>;
const cleanups = new Set<Cleanup>();

export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Runs every registered clean-up (in reverse order of registration), each at most once. */
export async function runCleanups(): Promise<void> {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  for (const cleanup of pending) {
    try {
      await cleanup();
    } catch {
      // Best effort: one failing clean-up must not keep the others from running.
    }
  }
}

let installed = false;
/** 128 + the signal's number: the shell's convention for a process ended by that signal. */
const codes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export function signalExitCode(signal: NodeJS.Signals): number {
  return codes[signal] ?? 130;
}
let interruptedBy: NodeJS.Signals | undefined;

/** The signal that interrupted this run, if one did: work still under way must not write anything. */
export function interruptSignal(): NodeJS.Signals | undefined {
  return interruptedBy;
}

/** Thrown by work that notices the run was interrupted (before writing outputs, between pages…). */
export class InterruptedError extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = 'InterruptedError';
  }
}

/** Throws InterruptedError when a signal arrived: called before anything is written. */
export function throwIfInterrupted(): void {
  if (interruptedBy) throw new InterruptedError(interruptedBy);
}

/**
 * Lets a pending signal handler run (signals are delivered between turns of the event loop, never
 * during synchronous work), then throws if one did. Long synchronous stages call it between steps.
 */
export async function checkpoint(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfInterrupted();
}

/**
 * On SIGINT/SIGTERM/SIGHUP: say so in one line, run the clean-ups (temporary files, the browser and
 * its profile), then exit 130 (or 143/129): 128 + the signal's number, the shell's convention for a
 * process ended by a signal. A second signal while cleaning up exits at once (the exit hook in
 * render/print/browser.ts still kills the browser and removes its profile).
 */
export function installInterruptHandlers(onSignal?: (signal: NodeJS.Signals) => void): void {
  if (installed) return;
  installed = true;
  let stopping = false;
  for (const signal of Object.keys(codes) as NodeJS.Signals[]) {
    process.on(signal, () => {
      if (stopping) process.exit(codes[signal]);
      stopping = true;
      interruptedBy = signal;
      process.exitCode = signalExitCode(signal);
      process.stderr.write(`interrupted (${signal}): stopped; nothing half-done was written.\n`);
      // One line says so: whatever fails from now on (the closed browser, a refused write) fails
      // because of the interruption, and is no news to the user.
      process.stderr.write = () => true;
      process.stdout.write = () => true;
      onSignal?.(signal);
      // Browsers can hang on close: never wait more than a few seconds before leaving.
      const timeout = setTimeout(() => process.exit(codes[signal]), 5000);
      timeout.unref();
      void runCleanups().finally(() => process.exit(codes[signal]));
    });
  }
}
