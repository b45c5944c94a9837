import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type AnyListenerSpec,
  connectMessaging,
  createLogger,
  EventConsumer,
  errorHandler,
  healthRoutes,
  type Logger,
  type Messaging,
  natsConnection,
  notFoundHandler,
} from "@m-ticketing/common";
import type { Worker } from "bullmq";
import express from "express";
import { Redis } from "ioredis";
import type { ExpirationConfig } from "./config";
import { ExpirationQueue } from "./queue/expiration-queue";
import { createExpirationWorker } from "./queue/expiration-worker";

export interface HostOptions {
  logger?: Logger;
  /** Consumer settings (tests shorten the ack wait to see redeliveries quickly). */
  consumer?: { ackWaitMs?: number; concurrency?: number };
  listeners(queue: ExpirationQueue): AnyListenerSpec[];
}

/**
 * Common's ServiceHost assumes a database (migrations, outbox, inbox); expiration has
 * only Redis. This host runs the same way without one: NATS, the listeners (idempotent
 * by job id, no inbox), the BullMQ queue and worker, and `/healthz` + `/readyz`
 * (ready = NATS and Redis answer). Jobs live in Redis, so they survive restarts of the
 * service; several replicas share the queue.
 */
export class ExpirationHost {
  readonly logger: Logger;
  private redis?: Redis;
  private workerRedis?: Redis;
  private messaging?: Messaging;
  private queue?: ExpirationQueue;
  private worker?: Worker;
  private consumers: EventConsumer[] = [];
  private server?: Server;
  private shuttingDown = false;

  constructor(
    private readonly config: ExpirationConfig,
    private readonly options: HostOptions,
  ) {
    this.logger = options.logger ?? createLogger("expiration", config.LOG_LEVEL);
  }

  /** The queue (for tests and tools). */
  get expirations(): ExpirationQueue {
    if (!this.queue) throw new Error("service not started");
    return this.queue;
  }

  async start(port = this.config.PORT): Promise<{ port: number; url: string }> {
    const { config, logger } = this;
    this.redis = this.connectRedis({});
    // BullMQ's workers block on Redis and must retry commands forever.
    this.workerRedis = this.connectRedis({ maxRetriesPerRequest: null });
    this.messaging = await connectMessaging({
      ...natsConnection(config),
      stream: config.NATS_STREAM,
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
      replicas: config.NATS_STREAM_REPLICAS,
      name: "expiration",
    });
    this.queue = new ExpirationQueue(this.redis, config.QUEUE_PREFIX);
    this.worker = createExpirationWorker({
      redis: this.workerRedis,
      prefix: config.QUEUE_PREFIX,
      messaging: this.messaging,
      queue: this.queue,
      logger,
      concurrency: config.WORKER_CONCURRENCY,
      retryDelayMs: config.PUBLISH_RETRY_DELAY_MS,
      retryMaxMs: config.PUBLISH_RETRY_MAX_MS,
    });
    const messaging = this.messaging;
    this.consumers = this.options.listeners(this.queue).map(
      (spec) =>
        new EventConsumer(spec, {
          messaging,
          service: "expiration",
          logger,
          maxDeliveries: config.MAX_DELIVERIES,
          ...this.options.consumer,
        }),
    );
    await Promise.all(this.consumers.map((c) => c.start()));

    const app = express();
    app.disable("x-powered-by");
    app.use(healthRoutes(this.readinessChecks()));
    app.use(notFoundHandler);
    app.use(errorHandler(logger));
    this.server = await new Promise<Server>((resolve, reject) => {
      const server = app.listen(port, (err?: Error) => (err ? reject(err) : resolve(server)));
    });
    const actualPort = (this.server.address() as AddressInfo).port;
    logger.info({ port: actualPort }, "expiration listening");
    return { port: actualPort, url: `http://127.0.0.1:${actualPort}` };
  }

  /**
   * Stops taking events first (no new jobs), lets the running jobs finish their publish,
   * then closes NATS and Redis. Pending jobs stay in Redis for the next start.
   */
  async stop(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    const server = this.server;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    // Each step runs even if an earlier one failed (e.g. NATS is unreachable while we stop).
    await this.step("consumers", () => Promise.all(this.consumers.map((c) => c.stop())));
    await this.step("worker", async () => this.worker?.close());
    await this.step("queue", async () => this.queue?.close());
    await this.step("nats", async () => {
      await this.messaging?.close().catch(() => this.messaging?.nc.close());
    });
    for (const redis of [this.redis, this.workerRedis]) {
      await this.step("redis", async () => {
        await redis?.quit().catch(() => redis.disconnect());
      });
    }
    this.logger.info("expiration stopped");
  }

  private async step(name: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.logger.warn({ err, step: name }, "shutdown step failed");
    }
  }

  private connectRedis(options: { maxRetriesPerRequest?: null }): Redis {
    const redis = new Redis(this.config.REDIS_URL, { ...options, connectionName: "expiration" });
    // Without a listener an 'error' event would crash the process; ioredis reconnects by itself.
    redis.on("error", (err) => this.logger.warn({ err: err.message }, "redis connection error"));
    return redis;
  }

  private readinessChecks() {
    return {
      shutdown: async () => {
        if (this.shuttingDown) throw new Error("shutting down");
      },
      nats: async () => {
        await this.messaging?.nc.flush();
      },
      redis: async () => {
        if ((await this.redis?.ping()) !== "PONG") throw new Error("redis did not answer");
      },
    };
  }
}
