import type { Database } from './pool.js';

/**
 * Announces committed record ids with NOTIFY, outside the transaction that wrote them.
 *
 * PostgreSQL serialises every committing transaction that sent a NOTIFY (it holds the
 * notification queue's lock through the commit and its WAL flush), so a NOTIFY inside the
 * write made writers queue behind each other's disk flushes: 8 concurrent writeRecord
 * calls managed ~400/s with it and ~900/s without. Here the writes commit (and flush) in
 * parallel; the announcements follow in transactions of their own that skip the flush wait
 * (the record is durable already; a notification never is) and carry every id that piled
 * up meanwhile, one notification per id.
 */
export class Notifier {
  private pending: Array<{ id: string; done: (err?: unknown) => void }> = [];
  private flushing = false;

  /** channel: [a-z0-9_] only (see recordsChannel), so it and the hex ids go in as literals. */
  constructor(
    private readonly db: Database,
    private readonly channel: string,
  ) {
    if (!/^[a-z0-9_]+$/.test(channel)) throw new Error(`not a plain channel name: ${channel}`);
  }

  /** Resolves once id's notification is committed; rejects when it could not be sent. id: a validated sha256. */
  announce(id: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ id, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const notifies = batch.map(({ id }) => `SELECT pg_notify('${this.channel}', '${id}');`).join(' ');
      try {
        await this.db.query(`BEGIN; SET LOCAL synchronous_commit = off; ${notifies} COMMIT`);
        for (const entry of batch) entry.done();
      } catch (err) {
        for (const entry of batch) entry.done(err);
      }
    }
    this.flushing = false;
  }
}
