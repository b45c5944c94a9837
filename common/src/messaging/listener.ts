import { AckPolicy, type Consumer, type ConsumerMessages, DeliverPolicy, type JsMsg } from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import type { Logger } from "pino";
import type { AnyDatabase, Executor } from "../db/database";
import { inbox } from "../db/schema";
import { type EventEnvelope, type EventType, parseEvent, traceOfEvent, withTrace } from "../events";
import type { Messaging } from "./connection";

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

export interface ConsumerOptions {
  messaging: Messaging;
  /** Needed for listeners with an inbox (`listen`); not for `listenIdempotent`. */
  db?: AnyDatabase;
  /** Service name: replicas of one service share a durable consumer per event type. */
  service: string;
  logger: Logger;
  /** Deliveries before an event is dead-lettered (logged and terminated). */
  maxDeliveries: number;
  /** How long the server waits for an ack before redelivering (covers crashed handlers). */
  ackWaitMs?: number;
  /** Events handled at once per subject. */
  concurrency?: number;
}

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

/**
 * One durable pull consumer per (service, event type): JetStream's form of a durable
 * queue group, shared by every replica. Handles each event once through the inbox,
 * acks after commit, naks with backoff on failure and dead-letters after the bound.
 */
export class EventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly durable: string;

  constructor(
    private readonly spec: AnyListenerSpec,
    private readonly options: ConsumerOptions,
  ) {
    this.durable = durableName(options.service, spec.type);
  }

  async start(): Promise<void> {
    const consumer = await this.ensureConsumer();
    this.messages = await consumer.consume({ max_messages: 64 });
    this.loop = this.run(this.messages);
  }

  /** Stops pulling and waits for the events being handled to finish. */
  async stop(): Promise<void> {
    this.messages?.stop();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  private async ensureConsumer(): Promise<Consumer> {
    const { messaging, maxDeliveries, ackWaitMs = 10_000 } = this.options;
    const config = {
      durable_name: this.durable,
      filter_subject: `${messaging.subjectPrefix}${this.spec.type}`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(ackWaitMs),
      // The server's own bound, for handlers that crash the process before they can nak.
      max_deliver: maxDeliveries * RETRY_LATER_FACTOR,
      max_ack_pending: 1000,
    };
    try {
      await messaging.jsm.consumers.add(messaging.stream, config);
    } catch {
      // It exists (another replica, an earlier run): bring its settings up to date.
      const { durable_name: _name, filter_subject: _subject, deliver_policy: _policy, ...mutable } = config;
      await messaging.jsm.consumers.update(messaging.stream, this.durable, mutable);
    }
    return messaging.js.consumers.get(messaging.stream, this.durable);
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    const limit = this.options.concurrency ?? 1;
    for await (const msg of messages) {
      const task = this.handle(msg).finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
      if (this.inFlight.size >= limit) await Promise.race(this.inFlight);
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    const { logger, maxDeliveries } = this.options;
    const attempt = msg.info.deliveryCount;
    let event: EventEnvelope;
    try {
      event = parseEvent(this.spec.type, msg.json());
    } catch (err) {
      logger.error({ err, subject: msg.subject, seq: msg.seq, deadLetter: true }, "dead-lettered: unreadable event");
      msg.term(); // no reason text: nats-server 2.9 does not understand "+TERM <reason>"
      return;
    }
    // The handler runs in the event's trace: what it logs and publishes carries the
    // correlation id, with this event as the cause.
    const trace = traceOfEvent(event);
    try {
      await withTrace(trace, () => this.apply(event));
      msg.ack();
      logger.info({ type: event.type, eventId: event.id, ...trace }, "event handled");
    } catch (err) {
      const waiting = err instanceof RetryLaterError;
      const limit = waiting ? maxDeliveries * RETRY_LATER_FACTOR : maxDeliveries;
      const context = { eventId: event.id, type: event.type, attempt, maxDeliveries: limit, ...trace };
      if (attempt >= limit) {
        logger.error({ ...context, err, deadLetter: true, data: event.data }, "dead-lettered: handler kept failing");
        msg.term();
      } else if (waiting) {
        logger.debug({ ...context, reason: err.message }, "event not applicable yet; retrying");
        msg.nak(Math.max(err.delayMs, redeliveryDelay(attempt)));
      } else {
        logger.warn({ ...context, err }, "event handler failed; will retry");
        msg.nak(redeliveryDelay(attempt));
      }
    }
  }

  private async apply(event: EventEnvelope): Promise<void> {
    const spec = this.spec;
    if (!spec.inbox) {
      await (spec.handle as IdempotentEventHandler<EventType>)(event);
      return;
    }
    const { db, service } = this.options;
    if (!db) throw new Error(`${service}: listeners with an inbox need a database`);
    await db.transaction(async (tx) => {
      const fresh = await tx
        .insert(inbox)
        .values({ consumer: service, eventId: event.id })
        .onConflictDoNothing()
        .returning({ eventId: inbox.eventId });
      if (fresh.length === 0) return; // handled before: a redelivery changes nothing
      await (spec.handle as EventHandler<EventType>)(event, tx);
    });
  }
}
