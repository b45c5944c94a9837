import { randomUUID } from "node:crypto";
import {
  connectMessaging,
  createEvent,
  createLogger,
  EventConsumer,
  type EventData,
  type EventEnvelope,
  type EventType,
  listenIdempotent,
  type Messaging,
} from "@m-ticketing/common";
import { deleteStream, eventually, testEnv, testNatsConnection, uniqueRedisPrefix } from "@m-ticketing/common/testing";
import { Redis } from "ioredis";
import { createExpirationService } from "../src/app";
import { type ExpirationConfig, loadConfig } from "../src/config";

/**
 * The expiration service on real NATS and Redis, with a stream and queue prefix of its
 * own. The test publishes order events as the orders service would and collects the
 * `expiration.complete` events from the stream.
 */
export class ExpirationFixture {
  config!: ExpirationConfig;
  services: Array<ReturnType<typeof createExpirationService>> = [];
  messaging!: Messaging;
  readonly expirations: Array<EventEnvelope<"expiration.complete">> = [];
  private observer?: EventConsumer;

  async start(extra: Record<string, string> = {}): Promise<this> {
    // testEnv is made for services with a database; expiration ignores DATABASE_URL.
    const env = testEnv("postgres://127.0.0.1/unused", {
      QUEUE_PREFIX: uniqueRedisPrefix(),
      PUBLISH_RETRY_DELAY_MS: "100",
      PUBLISH_RETRY_MAX_MS: "500",
      ...extra,
    });
    this.config = loadConfig(env);
    this.messaging = await connectMessaging({
      ...testNatsConnection(),
      stream: this.config.NATS_STREAM,
      subjectPrefix: this.config.NATS_SUBJECT_PREFIX,
      name: "expiration-test",
    });
    this.observer = new EventConsumer(
      listenIdempotent("expiration.complete", async (event) => {
        this.expirations.push(event);
      }),
      {
        messaging: this.messaging,
        service: "test-observer",
        logger: createLogger("observer", "silent"),
        maxDeliveries: 5,
      },
    );
    await this.observer.start();
    await this.startReplica();
    return this;
  }

  /** One more instance of the service on the same stream and queue (a replica, or a restart). */
  async startReplica(overrides: Partial<ExpirationConfig> = {}) {
    const service = createExpirationService({ ...this.config, ...overrides });
    const { url } = await service.start(0);
    this.services.push(service);
    return { service, url };
  }

  get service() {
    return this.services[0]!;
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((s) => s.stop()));
    await this.observer?.stop();
    await this.messaging?.close();
    await deleteStream(this.config.NATS_STREAM);
    const redis = new Redis(this.config.REDIS_URL);
    const keys = await redis.keys(`${this.config.QUEUE_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }

  async publish<T extends EventType>(type: T, data: EventData<T>, msgID?: string): Promise<EventEnvelope<T>> {
    const event = createEvent(type, data);
    await this.messaging.js.publish(`${this.config.NATS_SUBJECT_PREFIX}${type}`, JSON.stringify(event), {
      msgID: msgID ?? event.id,
    });
    return event;
  }

  /** `order.created` for a new order expiring in `expiresInMs`. */
  async createOrder(expiresInMs: number) {
    const data = {
      id: randomUUID(),
      userId: randomUUID(),
      status: "created" as const,
      expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
      version: 0,
      ticket: { id: randomUUID(), price: 1000, currency: "USD" },
    };
    const event = await this.publish("order.created", data);
    return { ...data, event };
  }

  expirationsOf(orderId: string) {
    return this.expirations.filter((e) => e.data.orderId === orderId);
  }

  /** Waits for the order's `expiration.complete` and returns every one seen for it. */
  awaitExpiration(orderId: string, timeoutMs = 10_000) {
    return eventually(async () => {
      const seen = this.expirationsOf(orderId);
      return seen.length ? seen : null;
    }, timeoutMs);
  }
}
