/**
 * One rebuild at a time: a request during a rebuild makes exactly one more afterwards, however many
 * saves came meanwhile. The rebuild can ask whether it is already superseded (a save came in while
 * it ran), to skip work whose result the next round replaces.
 */
export class RebuildQueue {
  private running?: Promise<void>;
  private again = false;

  constructor(private readonly rebuild: (queue: RebuildQueue) => Promise<void>) {}

  /** A save came in during the current rebuild: another round follows it. */
  get superseded(): boolean {
    return this.again;
  }

  /** Rebuilds now, or once more after the rebuild under way; resolves when no round is left. */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.rebuild(this);
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Resolves when the rebuild under way (if any) has ended, however it ended. */
  async idle(): Promise<void> {
    await this.running?.catch(() => {});
  }
}
