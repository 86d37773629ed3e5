/**
 * One rebuild at a time. Changes that arrive while a rebuild runs are collected and coalesced
 * into the next one (as Eleventy's WatchQueue does); a failing rebuild never stops the queue.
 */
export type Batch = Set<string> | 'all';

export class RebuildQueue {
  private waiting: Batch | undefined;
  private running: Promise<void> | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly run: (batch: Batch) => Promise<void>,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  /** Changes are waiting for the next rebuild (a running one may stop early to take them). */
  get pending(): boolean {
    return this.waiting !== undefined;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  push(batch: Batch): void {
    if (batch === 'all' || this.waiting === 'all') this.waiting = 'all';
    else {
      this.waiting ??= new Set();
      for (const p of batch) (this.waiting as Set<string>).add(p);
    }
    this.running ??= this.loop();
  }

  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private async loop(): Promise<void> {
    while (this.waiting !== undefined) {
      const b = this.waiting;
      this.waiting = undefined;
      try {
        await this.run(b);
      } catch (e) {
        this.onError(e);
      }
    }
    this.running = undefined;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
