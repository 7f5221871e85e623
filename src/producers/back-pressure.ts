/**
 * The producer stops reading the inbox while more than `limit` jobs wait, and resumes once
 * the count is back at or under it. The count comes from Redis (every producer and worker
 * shares it), read at most once per `pollMs`.
 */
export class BackPressureGate {
  private lastCount = 0;
  private lastReadAt = -Infinity;
  private paused = false;

  constructor(
    private readonly countWaiting: () => Promise<number>,
    private readonly limit: number,
    private readonly onChange: (paused: boolean, waiting: number) => void = () => undefined,
    /** Minimum ms between two reads of the waiting count (default 200). */
    private readonly pollMs = 200,
  ) {}

  get isPaused(): boolean {
    return this.paused;
  }

  /** Resolves when there is room in the queue; call before reading each file. */
  async wait(isClosed: () => boolean = () => false): Promise<void> {
    for (;;) {
      const waiting = await this.read();
      const over = waiting > this.limit;
      if (over !== this.paused) {
        this.paused = over;
        this.onChange(over, waiting);
      }
      if (!over || isClosed()) {
        this.lastCount += 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  private async read(): Promise<number> {
    const now = Date.now();
    if (now - this.lastReadAt >= this.pollMs) {
      this.lastCount = await this.countWaiting();
      this.lastReadAt = now;
    }
    return this.lastCount;
  }
}
