import type { ConsumerMessages } from "@nats-io/jetstream";
import { Redis } from "ioredis";
import { Pool } from "pg";
import { createEvent, type EventData, type EventEnvelope, type EventType } from "../events";
import { connectMessaging, type Messaging } from "../messaging/connection";
import { deadLetterStream } from "../messaging/dead-letters";
import { durableName } from "../messaging/listener";
import type { ServiceModule, ServiceOptions } from "../service/service-host";
import { createTestDatabase, type TestDatabase } from "./test-database";
import {
  eventually,
  type NatsUser,
  natsEnv,
  redisUrl,
  testEnv,
  testNatsConnection,
  uniqueMessaging,
  uniqueRedisPrefix,
} from "./test-env";

const SERVICE_NATS_USERS: readonly string[] = [
  "auth",
  "tickets",
  "orders",
  "payments",
  "expiration",
  "notifications",
] satisfies NatsUser[];

/** Something a test needs besides the services (the PayPal emulator, …): its variables reach every service. */
export interface TestResource {
  env?: Record<string, string>;
  stop(): Promise<void>;
}

type Startable = { start(port?: number): Promise<{ url: string }>; stop(): Promise<void> };
/** Any service's module (`config: never` accepts every service's own config type). */
type AnyModule = Omit<ServiceModule<unknown, Startable>, "create"> & {
  create(config: never, options?: ServiceOptions): Startable;
};
type ConfigOf<M extends AnyModule> = ReturnType<M["loadConfig"]>;
type ServiceOf<M extends AnyModule> = ReturnType<M["create"]>;
type Started<R> = { [K in keyof R]: R[K] extends (test: ResourceArgs) => Promise<infer T> ? T : never };

/** What a resource is started with: the variables the services will get so far (stream, QUEUE_PREFIX, …). */
export interface ResourceArgs {
  env: Readonly<Record<string, string>>;
}

export interface TestOptions<
  M extends AnyModule,
  R extends Record<string, (test: ResourceArgs) => Promise<TestResource>>,
> {
  /**
   * Started in this order on one fresh stream, each on a fresh database of its own (if it
   * has one). The first is `t`'s own; `[]` starts none (start them with `t.start`).
   */
  services: [] | [M, ...AnyModule[]];
  /** Variables for every service (each reads the ones it knows). */
  env?: Record<string, string>;
  /** Started before the services; their `env` is passed to every service. */
  resources?: R;
  /** Host options for every service (e.g. `{ consumer: { ackWaitMs: 1500 } }` to see redeliveries quickly). */
  options?: ServiceOptions;
}

/** An observed event type: every event of it in the stream, from the first, in stream order. */
export class Observed<T extends EventType> {
  readonly events: Array<EventEnvelope<T>> = [];

  /** The events matching `match` once there are at least `count` of them. */
  waitFor(match: (event: EventEnvelope<T>) => boolean = () => true, count = 1, timeoutMs?: number) {
    return eventually(async () => {
      const found = this.events.filter(match);
      return found.length >= count ? found : null;
    }, timeoutMs);
  }
}

interface Shared {
  messaging: Messaging;
  env: Record<string, string>;
  options: ServiceOptions;
  queuePrefix: string;
  databases: Map<string, Promise<TestDatabase>>;
  running: Array<{ stop(): Promise<void> }>;
  instances: Array<{ module: string; stack: unknown }>;
  observers: Map<EventType, { observed: Observed<EventType>; messages: ConsumerMessages }>;
  resources: Record<string, TestResource>;
  pools: Map<string, Pool>;
}

/**
 * Real services in-process for a test: one fresh JetStream stream and Redis key prefix for
 * all of them, a fresh database per service, and the test's side of the bus (`publish`,
 * `observe`, `consumerIdle`, as NATS's `test` user; each service connects as its own user).
 * `url`, `config`, `service` and `db` are those of the first
 * service (or of the one `start`/`get` returned).
 */
export class TestStack<C, S, R = Record<never, never>> {
  private constructor(
    private readonly shared: Shared,
    readonly url: string,
    readonly config: C,
    readonly service: S,
    /** The service's own database (undefined for a service without one). */
    readonly db: TestDatabase,
    readonly resources: R,
  ) {}

  /** The stream, subject prefix and NATS connection the services share. */
  get messaging(): Messaging {
    return this.shared.messaging;
  }

  static async start<
    M extends AnyModule,
    R extends Record<string, (test: ResourceArgs) => Promise<TestResource>> = Record<never, never>,
  >(options: TestOptions<M, R>): Promise<TestStack<ConfigOf<M>, ServiceOf<M>, Started<R>>> {
    const names = uniqueMessaging();
    const messaging = await connectMessaging({
      ...testNatsConnection(),
      stream: names.NATS_STREAM,
      subjectPrefix: names.NATS_SUBJECT_PREFIX,
      name: "test",
    });
    const queuePrefix = uniqueRedisPrefix();
    const shared: Shared = {
      messaging,
      env: { ...names, QUEUE_PREFIX: queuePrefix },
      options: options.options ?? {},
      queuePrefix,
      databases: new Map(),
      running: [],
      instances: [],
      observers: new Map(),
      resources: {},
      pools: new Map(),
    };
    // No service yet: `url`, `config`, `service` and `db` come with the first `start`.
    const empty = new TestStack<unknown, unknown, Started<R>>(shared, "", undefined, undefined, undefined!, {
      ...shared.resources,
    } as Started<R>);
    try {
      for (const [name, start] of Object.entries(options.resources ?? {})) {
        const resource = await start({ env: { ...shared.env } });
        shared.resources[name] = resource;
        Object.assign(shared.env, resource.env);
      }
      Object.assign(shared.env, options.env);
      Object.assign(empty.resources as object, shared.resources);
      const [first, ...others] = options.services;
      if (!first) return empty as TestStack<ConfigOf<M>, ServiceOf<M>, Started<R>>;
      const stack = await empty.start(first);
      for (const module of others) await stack.start(module);
      return stack;
    } catch (err) {
      await empty.stop();
      throw err;
    }
  }

  /** The module's database, created on first use (fresh, migrated); shared by its replicas. */
  database(module: AnyModule): Promise<TestDatabase> {
    const { databases } = this.shared;
    let db = databases.get(module.name);
    if (!db) {
      db = createTestDatabase(module.name, module.migrationsFolder);
      databases.set(module.name, db);
    }
    return db;
  }

  /**
   * Starts one more instance of `module` on this stream (a replica, or a restart after a
   * `stop`): same database and Redis prefix; `env` overrides variables for it alone.
   */
  async start<M extends AnyModule>(
    module: M,
    extra: { env?: Record<string, string>; options?: ServiceOptions } = {},
  ): Promise<TestStack<ConfigOf<M>, ServiceOf<M>, R>> {
    const db = module.database === false ? undefined : await this.database(module);
    // Each service connects as its own NATS user, so a permission it lacks fails its tests.
    const user = (SERVICE_NATS_USERS.includes(module.name) ? module.name : "test") as NatsUser;
    const env = testEnv(db?.url ?? "", { ...natsEnv(user), ...this.shared.env, ...extra.env });
    if (!db) delete env.DATABASE_URL;
    const config = module.loadConfig(env) as ConfigOf<M>;
    const create = module.create as (config: ConfigOf<M>, options: ServiceOptions) => ServiceOf<M>;
    const service = create(config, { ...this.shared.options, ...extra.options });
    this.shared.running.push(service);
    const { url } = await service.start(0);
    const stack = new TestStack<ConfigOf<M>, ServiceOf<M>, R>(this.shared, url, config, service, db!, this.resources);
    this.shared.instances.push({ module: module.name, stack });
    return stack;
  }

  /** The first started instance of `module` (typed), e.g. `t.get(ordersModule).url`. */
  get<M extends AnyModule>(module: M): TestStack<ConfigOf<M>, ServiceOf<M>, R> {
    const found = this.shared.instances.find((i) => i.module === module.name);
    if (!found) throw new Error(`${module.name} was not started`);
    return found.stack as TestStack<ConfigOf<M>, ServiceOf<M>, R>;
  }

  /**
   * Publishes an event as its owner's outbox relay does: `Nats-Msg-Id` is the event id, so
   * publishing the same envelope again is dropped by JetStream like a relay's re-send.
   * `{ duplicate: true }` gets it past the de-duplication, as a redelivery reaches a consumer.
   */
  async publish<T extends EventType>(
    event: EventEnvelope<T>,
    opts?: { duplicate?: boolean },
  ): Promise<EventEnvelope<T>>;
  async publish<T extends EventType>(
    type: T,
    data: EventData<T>,
    opts?: { duplicate?: boolean },
  ): Promise<EventEnvelope<T>>;
  async publish<T extends EventType>(
    eventOrType: EventEnvelope<T> | T,
    dataOrOpts?: EventData<T> | { duplicate?: boolean },
    maybeOpts?: { duplicate?: boolean },
  ): Promise<EventEnvelope<T>> {
    const byType = typeof eventOrType === "string";
    const event = byType ? createEvent(eventOrType, dataOrOpts as EventData<T>) : eventOrType;
    const opts = (byType ? maybeOpts : (dataOrOpts as { duplicate?: boolean })) ?? {};
    const { js, subjectPrefix } = this.shared.messaging;
    const msgID = opts.duplicate ? `${event.id}:${crypto.randomUUID()}` : event.id;
    await js.publish(`${subjectPrefix}${event.type}`, JSON.stringify(event), { msgID });
    return event;
  }

  /** Every `type` event on the stream (what the services published, and the test), read from JetStream. */
  async observe<T extends EventType>(type: T): Promise<Observed<T>> {
    const known = this.shared.observers.get(type);
    if (known) return known.observed as unknown as Observed<T>;
    const { js, stream, subjectPrefix } = this.shared.messaging;
    const consumer = await js.consumers.get(stream, { filter_subjects: `${subjectPrefix}${type}` });
    const messages = await consumer.consume();
    const observed = new Observed<T>();
    this.shared.observers.set(type, { observed: observed as unknown as Observed<EventType>, messages });
    void (async () => {
      for await (const msg of messages) observed.events.push(msg.json<EventEnvelope<T>>());
    })();
    return observed;
  }

  /** Every `type` event on the stream once `settled`: what the services (and the test) published. */
  async published<T extends EventType>(type: T): Promise<Array<EventEnvelope<T>>> {
    const observed = await this.observe(type);
    await this.settled();
    return [...observed.events];
  }

  /**
   * Waits until every event the services committed is on the stream (their outboxes are
   * drained) and every `observe`d type has been read up to the stream's end: call it
   * before counting events or asserting that one was not published.
   */
  async settled(timeoutMs?: number): Promise<void> {
    const { jsm, stream, subjectPrefix } = this.shared.messaging;
    const databases = await Promise.all(this.shared.databases.values());
    await eventually(async () => {
      for (const db of databases) {
        const pool = this.pool(db);
        const { rows } = await pool.query("select count(*)::int as n from outbox where published_at is null");
        if (rows[0].n > 0) return false;
      }
      const { state } = await jsm.streams.info(stream, { subjects_filter: `${subjectPrefix}>` });
      for (const [type, { observed }] of this.shared.observers) {
        if (observed.events.length < (state.subjects?.[`${subjectPrefix}${type}`] ?? 0)) return false;
      }
      return true;
    }, timeoutMs);
  }

  private pool(db: TestDatabase): Pool {
    let pool = this.shared.pools.get(db.name);
    if (!pool) {
      pool = new Pool({ connectionString: db.url, max: 1 });
      this.shared.pools.set(db.name, pool);
    }
    return pool;
  }

  /** JetStream's view of `service`'s durable consumer of `type` (pending, redelivered, …). */
  consumerInfo(service: string, type: EventType) {
    const { jsm, stream } = this.shared.messaging;
    return jsm.consumers.info(stream, durableName(service, type));
  }

  /** Waits until `service`'s consumer of `type` has handled and acknowledged every event so far. */
  consumerIdle(service: string, type: EventType, timeoutMs?: number): Promise<void> {
    return eventually(async () => {
      const info = await this.consumerInfo(service, type);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    }, timeoutMs).then(() => {});
  }

  /** Stops every service (last started first) and resource, deletes the stream, the Redis keys and the databases. */
  async stop(): Promise<void> {
    const { shared } = this;
    for (const service of shared.running.splice(0).reverse()) await service.stop();
    for (const { messages } of shared.observers.values()) messages.stop();
    for (const resource of Object.values(shared.resources).reverse()) await resource.stop();
    await shared.messaging.jsm.streams.delete(shared.messaging.stream).catch(() => {});
    await shared.messaging.jsm.streams.delete(deadLetterStream(shared.messaging.stream)).catch(() => {});
    await shared.messaging.close();
    const redis = new Redis(redisUrl(), { lazyConnect: true });
    try {
      const keys = await redis.keys(`${shared.queuePrefix}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    for (const pool of shared.pools.values()) await pool.end();
    const databases = await Promise.all(shared.databases.values());
    await Promise.all(databases.map((db) => db.drop()));
  }
}

/** The one way to start services in a test. See CONTRIBUTING.md ("Starting a service in a test"). */
export const startTest = TestStack.start.bind(TestStack) as typeof TestStack.start;
