import type { JetStreamClient } from "@nats-io/jetstream";
import { Client, type Pool } from "pg";
import type { Logger } from "pino";
import type { Executor } from "../db/database";
import { outbox } from "../db/schema";
import type { EventEnvelope } from "../events";

/**
 * How long the relay waits for JetStream's acknowledgement of one publish (the client's
 * default is 5 s). A publish sent on a connection to a NATS node that is stopping is never
 * acknowledged: the relay waited out the 5 s, so C6 saw handling resume 5.3 s after a
 * graceful stop whenever tickets' relay was connected to the stopped node. The batch is then
 * rolled back and published again (the stream drops repeats by `msgID`); acknowledgements
 * take milliseconds otherwise.
 */
const PUBLISH_TIMEOUT_MS = 2000;

/**
 * Postgres channel the relay listens on; the outbox's insert trigger notifies it (common
 * migration 0003 spells the name out: SQL cannot import it, and the relay's wake-up test
 * fails if the two differ). A NOTIFY is delivered only when the writer commits.
 */
export const OUTBOX_CHANNEL = "outbox_events";

/**
 * Records events in the caller's transaction. They are published only if it commits; the
 * outbox's insert trigger (common migration 0003) NOTIFYs the relay, delivered at that commit.
 */
export async function addToOutbox(tx: Executor, ...events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(outbox).values(events.map((e) => ({ eventId: e.id, subject: e.type, payload: e })));
}

export interface OutboxRelayOptions {
  pool: Pool;
  js: JetStreamClient;
  subjectPrefix: string;
  logger: Logger;
  /** Safety net for events whose NOTIFY was missed (crash, lost listen connection). */
  sweepIntervalMs?: number;
  batchSize?: number;
  /** Published rows are kept this long (for inspection), then deleted. */
  retentionMs?: number;
  /**
   * Connection string for the LISTEN connection (DATABASE_DIRECT_URL). LISTEN needs a
   * session of its own: through PgBouncer in transaction mode it would silently hear
   * nothing, so behind a pooler point this at PostgreSQL itself. Default: a pool client.
   */
  listenUrl?: string;
}

/** The one connection that LISTENs: a pool client, or a client of its own on the direct URL. */
interface ListenConnection {
  on(event: "notification", listener: () => void): unknown;
  on(event: "error", listener: (err: Error) => void): unknown;
  query(text: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Publishes outbox rows to JetStream with the event id as `Nats-Msg-Id`, so a row
 * re-sent after a crash is dropped by the server's duplicate window. Rows are claimed
 * with `FOR UPDATE SKIP LOCKED`, so several replicas can relay at once.
 */
export class OutboxRelay {
  private listenClient?: ListenConnection;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  /** A sweep in progress (it may be opening the LISTEN connection): `stop` waits for it. */
  private sweeping?: Promise<void>;
  private pending = false;
  private stopped = false;
  private lastCleanup = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.scheduleSweep();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
    await this.draining;
    const client = this.listenClient;
    this.listenClient = undefined;
    if (client) {
      await client.query(`unlisten ${OUTBOX_CHANNEL}`).catch(() => {});
      await client.close();
    }
  }

  /** Publishes everything pending; concurrent calls coalesce into one more pass. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.pending = true;
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
      });
    }
    return this.draining;
  }

  private async drain(): Promise<void> {
    while (this.pending && !this.stopped) {
      this.pending = false;
      try {
        while ((await this.publishBatch()) === (this.options.batchSize ?? 200)) {}
      } catch (err) {
        // NATS or the database is unavailable: the rows stay and the sweep retries.
        this.options.logger.warn({ err }, "outbox relay could not publish; will retry");
        return;
      }
    }
    await this.cleanup();
  }

  private async publishBatch(): Promise<number> {
    const { pool, js, subjectPrefix, batchSize = 200 } = this.options;
    const client = await pool.connect();
    try {
      await client.query("begin");
      // Claimed and marked in one statement; the mark is undone with the batch if a publish fails.
      const { rows } = await client.query<{ seq: string; event_id: string; subject: string; payload: unknown }>(
        `update outbox set published_at = now()
          where seq in (select seq from outbox where published_at is null order by seq limit $1 for update skip locked)
          returning seq, event_id, subject, payload`,
        [batchSize],
      );
      // RETURNING keeps no order: publish in the order the events were written.
      rows.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)));
      await Promise.all(
        rows.map((row) =>
          js.publish(`${subjectPrefix}${row.subject}`, JSON.stringify(row.payload), {
            msgID: row.event_id,
            timeout: PUBLISH_TIMEOUT_MS,
          }),
        ),
      );
      await client.query("commit");
      return rows.length;
    } catch (err) {
      await client.query("rollback").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  private async listen(): Promise<void> {
    try {
      const client = await this.openListenConnection();
      client.on("notification", () => this.wake());
      client.on("error", () => {
        // The connection died: forget it; the next sweep opens a new one.
        if (this.listenClient === client) this.listenClient = undefined;
        void client.close();
      });
      try {
        await client.query(`listen ${OUTBOX_CHANNEL}`);
      } catch (err) {
        await client.close();
        throw err;
      }
      // Stopped while connecting: a connection kept now would hold the process open.
      if (this.stopped) await client.close();
      else this.listenClient = client;
    } catch (err) {
      this.options.logger.warn({ err }, "outbox relay could not LISTEN; relying on the sweep");
    }
  }

  private async openListenConnection(): Promise<ListenConnection> {
    const { listenUrl, pool } = this.options;
    if (listenUrl) {
      const client = new Client({ connectionString: listenUrl, keepAlive: true, connectionTimeoutMillis: 3000 });
      client.on("error", () => {}); // replaced by the handler in listen()
      await client.connect();
      return Object.assign(client, { close: () => client.end().catch(() => {}) });
    }
    const client = await pool.connect();
    let released = false;
    return Object.assign(client, {
      close: async () => {
        if (!released) client.release(true);
        released = true;
      },
    });
  }

  private scheduleSweep(): void {
    this.timer = setTimeout(() => {
      this.sweeping = this.sweep().finally(() => {
        this.sweeping = undefined;
        if (!this.stopped) this.scheduleSweep();
      });
    }, this.options.sweepIntervalMs ?? 1000);
    this.timer.unref();
  }

  private async sweep(): Promise<void> {
    if (!this.listenClient && !this.stopped) await this.listen();
    await this.wake();
  }

  private async cleanup(): Promise<void> {
    const retention = this.options.retentionMs ?? 60 * 60 * 1000;
    if (Date.now() - this.lastCleanup < Math.min(retention, 60_000)) return;
    this.lastCleanup = Date.now();
    await this.options.pool
      .query("delete from outbox where published_at < now() - make_interval(secs => $1)", [retention / 1000])
      .catch(() => {});
  }
}
