import { onInterrupt } from '../util/interrupt.js';
import { launchBrowser, type PrintBrowser } from './renderers.js';

/**
 * One browser for every build of a run (a catalogue of dozens of titles, or watch's rebuilds):
 * launched on first use only, so an EPUB-only build never starts one, and closed exactly once.
 */
export class SharedBrowser {
  private launched?: Promise<PrintBrowser>;
  private started?: Promise<void>;
  private readonly unregister = onInterrupt(() => this.close());

  constructor(private readonly executablePath?: string) {}

  /** The browser, launching it on first call. `executablePath` from the first project's config wins. */
  get(executablePath?: string): Promise<PrintBrowser> {
    if (!this.launched) {
      const pathToUse = this.executablePath ?? executablePath;
      let started!: () => void;
      this.started = new Promise((resolve) => (started = resolve));
      this.launched = launchBrowser({ ...(pathToUse ? { executablePath: pathToUse } : {}), onStarted: started });
      // A failed launch is reported by the build that asked; later builds get the same error.
      this.launched.then(started, started);
    }
    return this.launched;
  }

  /**
   * Resolves once the browser's process has started (or its launch failed), before it is ready:
   * work done after this (parsing, which holds this thread) overlaps the browser's start-up.
   */
  async starting(executablePath?: string): Promise<void> {
    void this.get(executablePath);
    await this.started;
  }

  async close(): Promise<void> {
    this.unregister();
    const launched = this.launched;
    this.launched = undefined;
    if (!launched) return;
    try {
      await (await launched).close();
    } catch {
      // It failed to launch, or is already gone: nothing to close.
    }
  }
}
