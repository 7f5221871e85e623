/**
 * The producer stops reading the inbox while more than `limit` jobs wait, and resumes once
 * the count is back at or under it. The count comes from Redis (every producer and worker
 * shares it), read at most once per `pollMs`.
 */
export class BackPressureGate {
  private lastCount = 0;
  private lastReadAt = -Infinity;
  /** Files let through since the last read: lastCount is an estimate while this is above 0. */
  private sinceRead = 0;
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
      let waiting = await this.read();
      // Over only by the estimate (files let through since the last read, which workers may
      // long have taken): ask Redis before pausing. Pausing on the estimate alone capped the
      // inbox at `limit` files per poll even with an empty queue (330 files/s at limit 100).
      if (waiting > this.limit && this.sinceRead > 0) waiting = await this.read(true);
      const over = waiting > this.limit;
      if (over !== this.paused) {
        this.paused = over;
        this.onChange(over, waiting);
      }
      if (!over || isClosed()) {
        this.lastCount += 1;
        this.sinceRead += 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  private async read(fresh = false): Promise<number> {
    const now = Date.now();
    if (fresh || now - this.lastReadAt >= this.pollMs) {
      this.lastCount = await this.countWaiting();
      this.lastReadAt = now;
      this.sinceRead = 0;
    }
    return this.lastCount;
  }
}
