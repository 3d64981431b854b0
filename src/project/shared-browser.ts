import { onInterrupt } from './interrupt.js';
import { launchBrowser, type PrintBrowser } from './renderers.js';

/**
 * One browser for every build of a run (a catalogue of dozens of titles, or watch's rebuilds):
 * launched on first use only, so an EPUB-only build never starts one, and closed exactly once.
 */
export class SharedBrowser {
  private launched?: Promise<PrintBrowser>;
  private readonly unregister = onInterrupt(() => this.close());

  constructor(private readonly executablePath?: string) {}

  /** The browser, launching it on first call. `executablePath` from the first project's config wins. */
  get(executablePath?: string): Promise<PrintBrowser> {
    if (!this.launched) {
      const pathToUse = this.executablePath ?? executablePath;
      this.launched = launchBrowser(pathToUse ? { executablePath: pathToUse } : {});
      // A failed launch is reported by the build that asked; later builds get the same error.
      this.launched.catch(() => {});
    }
    return this.launched;
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
