import {
  AckPolicy,
  type Consumer,
  type ConsumerMessages,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JsMsg,
} from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import type { Logger } from "pino";
import type { AnyDatabase, Executor } from "../db/database";
import { isTransientInfrastructureError } from "../db/errors";
import { inbox } from "../db/schema";
import { type EventEnvelope, type EventType, parseEvent, traceOfEvent, withTrace } from "../events";
import type { Messaging } from "./connection";
import { publishDeadLetter } from "./dead-letters";
import { databaseBudget, type FailureBudget, memoryBudget } from "./failure-budget";
import { repullOnLeadershipChange } from "./leadership-change";

/** Applies one event. Runs inside the transaction that also records it in the inbox. */
export type EventHandler<T extends EventType> = (event: EventEnvelope<T>, tx: Executor) => Promise<void>;

/** Applies one event with no database around it; must be idempotent by itself. */
export type IdempotentEventHandler<T extends EventType> = (event: EventEnvelope<T>) => Promise<void>;

export type ListenerSpec<T extends EventType = EventType> =
  | { type: T; handle: EventHandler<T>; inbox: true }
  | { type: T; handle: IdempotentEventHandler<T>; inbox: false };

/** A listener for any one event type (a union, so a service can list several). */
export type AnyListenerSpec = { [T in EventType]: ListenerSpec<T> }[EventType];

export function listen<T extends EventType>(type: T, handle: EventHandler<T>): ListenerSpec<T> {
  return { type, handle, inbox: true };
}

/**
 * For services without a database (expiration): the handler gets no transaction and no
 * inbox, so it must be idempotent itself (e.g. a job id that can only be added once).
 */
export function listenIdempotent<T extends EventType>(type: T, handle: IdempotentEventHandler<T>): ListenerSpec<T> {
  return { type, handle, inbox: false };
}

/**
 * Throw from a handler when the event cannot be applied yet (e.g. version v+2 arrived
 * before v+1): it is redelivered after `delayMs` without being logged as a failure.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs = 100,
  ) {
    super(message);
    this.name = "RetryLaterError";
  }
}

/**
 * Throw from a handler when an event is well-formed but must never be applied (it
 * contradicts what this service knows, e.g. a payment for another amount than the
 * order's): the transaction rolls back, the event is dead-lettered at once (logged with
 * `deadLetter: true`, terminated) and never retried.
 */
export class RefusedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedEventError";
  }
}

export interface ConsumerOptions {
  messaging: Messaging;
  /** Needed for listeners with an inbox (`listen`); not for `listenIdempotent`. */
  db?: AnyDatabase;
  /** Service name: replicas of one service share a durable consumer per event type. */
  service: string;
  logger: Logger;
  /**
   * Handler failures on a healthy database before an event is dead-lettered. Failures
   * of the infrastructure (database unreachable, pool time-outs, serialization
   * conflicts) never count: those events are retried for as long as the outage lasts.
   */
  maxDeliveries: number;
  /** How long the server waits for an ack before redelivering (covers crashed handlers). */
  ackWaitMs?: number;
  /** Events handled at once per subject. */
  concurrency?: number;
  /**
   * Events (with an inbox) that arrived together and are applied in one transaction, each
   * in a savepoint of its own: one commit for the lot instead of one per event. An event
   * whose savepoint fails is then handled alone (its own transaction, retries, dead letter).
   * Default 32; 1 applies every event in a transaction of its own.
   */
  batchSize?: number;
  /** Longest wait between two attempts during an outage (default 5 s: resumes within that of recovery). */
  outageRetryMaxMs?: number;
  /** Pull request settings; see `DEFAULT_PULL`. */
  pull?: Partial<PullSettings>;
}

export interface PullSettings {
  /** How long one pull request lives on the server before the client renews it. */
  expiresMs: number;
  /** Server heartbeat while a pull waits; two missed ones make the client re-pull. */
  idleHeartbeatMs: number;
  maxMessages: number;
}

/**
 * The client's defaults (30 s expiry, 15 s heartbeat) leave a pull stranded on a NATS
 * node that went away for 30–45 s. With a 1 s heartbeat the client notices a lost
 * consumer leader after two missed heartbeats (~2 s) and from then on pulls again every
 * second (`bind`, below); the new leader's "409 Leadership Change" makes it pull at once
 * (`repullOnLeadershipChange`). Chaos C6 measures what is left after the election.
 */
export const DEFAULT_PULL: PullSettings = { expiresMs: 5000, idleHeartbeatMs: 1000, maxMessages: 64 };

/**
 * An event that cannot apply yet (a gap in versions) is not broken: it waits for the
 * missing event, which may itself be in backoff. It gets this many times the failure
 * bound (about 16 minutes with the defaults) before it is dead-lettered.
 */
export const RETRY_LATER_FACTOR = 10;

/** Delay before redelivery after the nth failed attempt: 100 ms doubling up to 5 s. */
export function redeliveryDelay(deliveryCount: number): number {
  return Math.min(100 * 2 ** Math.max(0, deliveryCount - 1), 5000);
}

export function durableName(service: string, type: EventType): string {
  return `${service}-${type.replace(/[.]/g, "_")}`;
}

/** Shortest interval between two warnings about the same outage. */
const OUTAGE_LOG_INTERVAL_MS = 30_000;

/**
 * One durable pull consumer per (service, event type): JetStream's form of a durable
 * queue group, shared by every replica. Handles each event once through the inbox,
 * acks after commit, naks with backoff on failure, retries infrastructure failures
 * without limit and dead-letters (to the dead-letter stream) after the bound.
 */
export class EventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private watcher?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly durable: string;
  private readonly budget: FailureBudget;
  private outageSince?: number;
  private outageLoggedAt = 0;
  private infraFailures = 0;
  private stopped = false;
  /** A question "does the consumer still exist?" in flight (see `checkExists`). */
  private checking?: Promise<void>;
  private recreating?: Promise<void>;

  constructor(
    private readonly spec: AnyListenerSpec,
    private readonly options: ConsumerOptions,
  ) {
    this.durable = durableName(options.service, spec.type);
    this.budget = spec.inbox && options.db ? databaseBudget(options.db, this.durable) : memoryBudget();
  }

  get name(): string {
    return this.durable;
  }

  async start(): Promise<void> {
    this.stopped = false;
    const consumer = await this.ensureConsumer();
    const pull = { ...DEFAULT_PULL, ...this.options.pull };
    this.messages = await consumer.consume({
      max_messages: pull.maxMessages,
      expires: pull.expiresMs,
      idle_heartbeat: pull.idleHeartbeatMs,
      // Re-pull at once on missed heartbeats instead of first asking for the consumer's
      // info: while its Raft group elects a leader (4–9 s after a NATS node is killed) that
      // request times out after 5 s and the client then backs off 2.5–7.5 s (3.5 and 4.8 s
      // from election to handling in two C6 runs). Whether the consumer still exists is
      // checked beside the pulls instead (`checkExists`).
      bind: true,
    });
    const { logger } = this.options;
    const onChange = () => logger.debug({ consumer: this.durable }, "consumer leader changed; pulling again");
    if (!repullOnLeadershipChange(this.messages, onChange)) {
      logger.warn({ consumer: this.durable }, "nats.js internals changed: leader changes noticed by heartbeats only");
    }
    this.watcher = this.watch(this.messages);
    this.loop = this.run(this.messages);
  }

  /** Stops pulling and waits for the events being handled to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.messages?.stop();
    await this.loop;
    await this.watcher;
    await Promise.all(this.inFlight);
    await this.checking;
    await this.recreating;
  }

  private consumerConfig() {
    const { messaging, ackWaitMs = 10_000 } = this.options;
    return {
      durable_name: this.durable,
      filter_subject: `${messaging.subjectPrefix}${this.spec.type}`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(ackWaitMs),
      // No server-side bound: the server cannot tell an outage from a broken handler, and
      // terminating on its count threw events away during long database outages. The
      // consumer decides (budget above) and dead-letters instead of dropping.
      max_deliver: -1,
      max_ack_pending: 1000,
    };
  }

  private async ensureConsumer(): Promise<Consumer> {
    const { messaging } = this.options;
    const config = this.consumerConfig();
    try {
      await messaging.jsm.consumers.add(messaging.stream, config);
    } catch {
      // It exists (another replica, an earlier run): bring its settings up to date.
      const { durable_name: _name, filter_subject: _subject, deliver_policy: _policy, ...mutable } = config;
      await messaging.jsm.consumers.update(messaging.stream, this.durable, mutable);
    }
    return messaging.js.consumers.get(messaging.stream, this.durable);
  }

  /**
   * The pull loop's notifications. A deleted consumer (an operator, a stream restored from
   * backup) is created again, so pulling resumes instead of waiting forever.
   */
  private async watch(messages: ConsumerMessages): Promise<void> {
    const { logger } = this.options;
    for await (const status of messages.status()) {
      if (this.stopped) break;
      if (status.type === "heartbeats_missed") {
        logger.debug({ consumer: this.durable, missed: status.count }, "pull heartbeats missed; pulling again");
        this.checkExists();
      } else if (status.type === "consumer_deleted" || status.type === "consumer_not_found") {
        this.recreate(status.type);
      } else if (status.type !== "next") {
        logger.debug({ consumer: this.durable, status }, "pull status");
      }
    }
  }

  /**
   * Pulls that go unanswered may mean the consumer is gone without a word (deleted while
   * no pull waited, a server that lost its store): asks, one question at a time, without
   * holding up the pulls, and creates it again if the server says it does not exist.
   */
  private checkExists(): void {
    const { messaging } = this.options;
    if (this.checking) return;
    this.checking = messaging.jsm.consumers
      .info(messaging.stream, this.durable)
      .then(
        () => {},
        (err) => {
          const code = err instanceof JetStreamApiError ? err.code : undefined;
          if (code === JetStreamApiCodes.ConsumerNotFound) this.recreate("consumer_not_found");
        },
      )
      .finally(() => {
        this.checking = undefined;
      });
  }

  private recreate(reason: string): void {
    const { logger, messaging } = this.options;
    if (this.recreating || this.stopped) return;
    logger.warn({ consumer: this.durable, status: reason }, "consumer gone; creating it again");
    this.recreating = messaging.jsm.consumers
      .add(messaging.stream, this.consumerConfig())
      .then(
        () => {},
        (err) => logger.warn({ err, consumer: this.durable }, "could not create the consumer again"),
      )
      .finally(() => {
        this.recreating = undefined;
      });
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    const limit = this.options.concurrency ?? 1;
    const batchSize = this.spec.inbox && this.options.db ? (this.options.batchSize ?? 32) : 1;
    const track = (task: Promise<void>) => {
      const tracked = task.finally(() => this.inFlight.delete(tracked));
      this.inFlight.add(tracked);
    };
    if (batchSize <= 1) {
      for await (const msg of messages) {
        track(this.handle(msg));
        if (this.inFlight.size >= limit) await Promise.race(this.inFlight);
      }
      return;
    }
    // Messages of one pull arrive in a burst: what arrived before the next turn of the
    // event loop (or batchSize of them) is applied together.
    let buffer: JsMsg[] = [];
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      track(batch.length === 1 ? this.handle(batch[0] as JsMsg) : this.handleBatch(batch));
    };
    for await (const msg of messages) {
      buffer.push(msg);
      if (buffer.length >= batchSize) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      if (this.inFlight.size >= limit) await Promise.race(this.inFlight);
    }
    flush();
  }

  /**
   * Applies several events in one transaction, each in a savepoint; acks those applied once
   * it commits. An event whose savepoint failed, or all of them if the transaction itself
   * failed, go through `handle` one by one (which decides retry, outage or dead letter).
   */
  private async handleBatch(batch: JsMsg[]): Promise<void> {
    const { logger, service } = this.options;
    const db = this.options.db as AnyDatabase;
    const parsed: { msg: JsMsg; event: EventEnvelope }[] = [];
    for (const msg of batch) {
      try {
        parsed.push({ msg, event: parseEvent(this.spec.type, msg.json()) });
      } catch (err) {
        await this.deadLetter(msg, undefined, msg.info.deliveryCount, err, "dead-lettered: unreadable event");
      }
    }
    const applied: { msg: JsMsg; event: EventEnvelope }[] = [];
    const alone: JsMsg[] = [];
    try {
      await db.transaction(async (tx) => {
        for (const item of parsed) {
          try {
            await withTrace(traceOfEvent(item.event), () =>
              tx.transaction(async (savepoint) => this.applyIn(savepoint, service, item.event)),
            );
            applied.push(item);
          } catch {
            alone.push(item.msg);
          }
        }
      });
    } catch {
      // The transaction as a whole failed (connection lost, commit refused): nothing was applied.
      for (const { msg } of parsed) await this.handle(msg);
      return;
    }
    for (const { msg, event } of applied) {
      msg.ack();
      logger.info({ type: event.type, eventId: event.id, ...traceOfEvent(event) }, "event handled");
      if (msg.info.deliveryCount > 1) await this.budget.clear(event.id);
    }
    if (applied.length) this.recovered();
    for (const msg of alone) await this.handle(msg);
  }

  private async handle(msg: JsMsg): Promise<void> {
    const { logger, maxDeliveries } = this.options;
    const attempt = msg.info.deliveryCount;
    let event: EventEnvelope;
    try {
      event = parseEvent(this.spec.type, msg.json());
    } catch (err) {
      await this.deadLetter(msg, undefined, attempt, err, "dead-lettered: unreadable event");
      return;
    }
    // The handler runs in the event's trace: what it logs and publishes carries the
    // correlation id, with this event as the cause.
    const trace = traceOfEvent(event);
    try {
      await withTrace(trace, () => this.apply(event));
      msg.ack();
      logger.info({ type: event.type, eventId: event.id, ...trace }, "event handled");
      this.recovered();
      if (attempt > 1) await this.budget.clear(event.id);
    } catch (err) {
      if (isTransientInfrastructureError(err)) return this.retryAfterOutage(msg, event, err);
      if (err instanceof RefusedEventError) {
        return this.deadLetter(msg, event, attempt, err, "dead-lettered: event refused", trace);
      }
      const waiting = err instanceof RetryLaterError;
      // Recorded only if the database answers: if it does not, this was an outage too.
      const spent = await this.budget.record(event.id, waiting ? "wait" : "failure", err);
      if (spent === null) return this.retryAfterOutage(msg, event, err);
      this.recovered();
      const limit = waiting ? maxDeliveries * RETRY_LATER_FACTOR : maxDeliveries;
      const context = { eventId: event.id, type: event.type, attempt, spent, maxDeliveries: limit, ...trace };
      if (spent >= limit) {
        await this.deadLetter(msg, event, attempt, err, "dead-lettered: handler kept failing", trace);
      } else if (waiting) {
        logger.debug({ ...context, reason: (err as Error).message }, "event not applicable yet; retrying");
        msg.nak(Math.max((err as RetryLaterError).delayMs, redeliveryDelay(spent)));
      } else {
        logger.warn({ ...context, err }, "event handler failed; will retry");
        msg.nak(redeliveryDelay(spent));
      }
    }
  }

  /** An infrastructure failure: redeliver with backoff, without limit and without spending the budget. */
  private retryAfterOutage(msg: JsMsg, event: EventEnvelope, err: unknown): void {
    const now = Date.now();
    this.infraFailures++;
    this.outageSince ??= now;
    const attempt = msg.info.deliveryCount;
    this.options.logger.debug(
      { consumer: this.durable, eventId: event.id, attempt },
      "infrastructure failure; retrying",
    );
    if (now - this.outageLoggedAt >= OUTAGE_LOG_INTERVAL_MS) {
      this.outageLoggedAt = now;
      this.options.logger.warn(
        { err, consumer: this.durable, eventId: event.id, since: new Date(this.outageSince).toISOString() },
        "infrastructure unavailable; events are kept and retried until it is back",
      );
    }
    msg.nak(Math.min(redeliveryDelay(this.infraFailures), this.options.outageRetryMaxMs ?? 5000));
  }

  private recovered(): void {
    if (this.outageSince === undefined) return;
    this.options.logger.info(
      { consumer: this.durable, outageMs: Date.now() - this.outageSince },
      "infrastructure back; handling events again",
    );
    this.outageSince = undefined;
    this.outageLoggedAt = 0;
    this.infraFailures = 0;
  }

  /** Copies the event with its error to the dead-letter stream, then terminates it. */
  private async deadLetter(
    msg: JsMsg,
    event: EventEnvelope | undefined,
    attempt: number,
    err: unknown,
    message: string,
    trace: object = {},
  ): Promise<void> {
    const { logger, messaging, service } = this.options;
    try {
      await publishDeadLetter(messaging, {
        service,
        consumer: this.durable,
        subject: msg.subject,
        eventId: event?.id,
        streamSeq: msg.info.streamSequence,
        attempts: attempt,
        error: String((err as Error)?.message ?? err),
        data: msg.data,
      });
    } catch (publishErr) {
      // Not stored anywhere yet: keep the event and try again later.
      logger.warn({ err: publishErr, consumer: this.durable }, "could not dead-letter; will retry");
      msg.nak(5000);
      return;
    }
    if (event) await this.budget.clear(event.id);
    logger.error(
      {
        err,
        consumer: this.durable,
        eventId: event?.id,
        type: event?.type,
        subject: msg.subject,
        seq: msg.seq,
        attempt,
        deadLetter: true,
        ...trace,
      },
      message,
    );
    msg.term(); // no reason text: nats-server 2.9 does not understand "+TERM <reason>"
  }

  private async apply(event: EventEnvelope): Promise<void> {
    const spec = this.spec;
    if (!spec.inbox) {
      await (spec.handle as IdempotentEventHandler<EventType>)(event);
      return;
    }
    const { db, service } = this.options;
    if (!db) throw new Error(`${service}: listeners with an inbox need a database`);
    await db.transaction(async (tx) => this.applyIn(tx, service, event));
  }

  /** Records the event in the inbox and applies it, in the caller's transaction (or savepoint). */
  private async applyIn(tx: Executor, service: string, event: EventEnvelope): Promise<void> {
    const fresh = await tx
      .insert(inbox)
      .values({ consumer: service, eventId: event.id })
      .onConflictDoNothing()
      .returning({ eventId: inbox.eventId });
    if (fresh.length === 0) return; // handled before: a redelivery changes nothing
    await (this.spec.handle as EventHandler<EventType>)(event, tx);
  }
}
