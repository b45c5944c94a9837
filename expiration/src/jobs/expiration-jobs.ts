import type { BusContext, ServiceResource } from "@m-ticketing/common";
import type { Worker } from "bullmq";
import { Redis } from "ioredis";
import type { ExpirationConfig } from "../config";
import { ExpirationQueue, type ExpiryJobData } from "./expiration-queue";
import { createExpirationWorker } from "./expiration-worker";

/**
 * The service's Redis side, run by the shared host as a resource: the queue the listeners
 * schedule expiries in and the worker that announces due ones. Jobs live in Redis, so they
 * survive restarts of the service; several replicas share the queue. Ready = Redis answers.
 */
export class ExpirationJobs implements ServiceResource {
  readonly name = "redis";
  readonly queue: ExpirationQueue;
  private readonly redis: Redis;
  private readonly workerRedis: Redis;
  private worker?: Worker<ExpiryJobData>;

  constructor(
    private readonly config: ExpirationConfig,
    private readonly bus: BusContext,
  ) {
    this.redis = this.connect({});
    // BullMQ's workers block on Redis and must retry commands forever.
    this.workerRedis = this.connect({ maxRetriesPerRequest: null });
    this.queue = new ExpirationQueue(this.redis, config.QUEUE_PREFIX);
  }

  async start(): Promise<void> {
    this.worker = createExpirationWorker({
      redis: this.workerRedis,
      prefix: this.config.QUEUE_PREFIX,
      messaging: this.bus.messaging,
      queue: this.queue,
      logger: this.bus.logger,
      concurrency: this.config.WORKER_CONCURRENCY,
      retryDelayMs: this.config.PUBLISH_RETRY_DELAY_MS,
      retryMaxMs: this.config.PUBLISH_RETRY_MAX_MS,
    });
  }

  /** Lets running jobs finish their publish; pending jobs stay in Redis for the next start. */
  async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    for (const redis of [this.redis, this.workerRedis]) await redis.quit().catch(() => redis.disconnect());
  }

  ready = async (): Promise<void> => {
    if ((await this.redis.ping()) !== "PONG") throw new Error("redis did not answer");
  };

  private connect(options: { maxRetriesPerRequest?: null }): Redis {
    const redis = new Redis(this.config.REDIS_URL, { ...options, connectionName: "expiration" });
    // Without a listener an 'error' event would crash the process; ioredis reconnects by itself.
    redis.on("error", (err) => this.bus.logger.warn({ err: err.message }, "redis connection error"));
    return redis;
  }
}
