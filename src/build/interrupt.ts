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

/**
 * On SIGINT/SIGTERM/SIGHUP: run the clean-ups, then exit 130 (or 143/129), the shell's convention
 * for a process ended by that signal. A second Ctrl-C while cleaning up exits at once.
 */
export function installInterruptHandlers(onSignal?: (signal: NodeJS.Signals) => void): void {
  if (installed) return;
  installed = true;
  const codes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  let stopping = false;
  for (const signal of Object.keys(codes) as NodeJS.Signals[]) {
    process.on(signal, () => {
      if (stopping) process.exit(codes[signal]);
      stopping = true;
      onSignal?.(signal);
      // Browsers can hang on close: never wait more than a few seconds before leaving.
      const timeout = setTimeout(() => process.exit(codes[signal]), 5000);
      timeout.unref();
      void runCleanups().finally(() => process.exit(codes[signal]));
    });
  }
}
