import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express, Router } from "express";
import type { Logger } from "pino";
import { type BaseConfig, durationToSeconds } from "../config";
import { createDatabase, type Database } from "../db/database";
import { runMigrations } from "../db/migrate";
import { createApp } from "../http/create-app";
import type { ReadinessCheck } from "../http/health";
import { type RouteEntry, routeTable } from "../http/route-table";
import { createLogger } from "../logger";
import { connectMessaging, type Messaging, natsConnection } from "../messaging/connection";
import { type AnyListenerSpec, EventConsumer, listen } from "../messaging/listener";
import { OutboxRelay } from "../messaging/outbox";
import { applySessionsRevoked, revocationLookup, type TokenVersionLookup } from "../sessions";

/** What a service's routes and listeners get to work with. */
export interface ServiceContext<TSchema extends Record<string, unknown>> {
  database: Database<TSchema>;
  messaging: Messaging;
  logger: Logger;
  /** Session cookie settings derived from the base config. */
  session: { jwtKey: string; ttlSeconds: number; secureCookie: boolean };
}

/** What every `create<Name>Service(config, options)` accepts besides its config. */
export interface ServiceOptions {
  logger?: Logger;
  /** Consumer settings (tests shorten the ack wait to see redeliveries quickly). */
  consumer?: { ackWaitMs?: number; concurrency?: number };
}

/**
 * A service as a whole, exported by its `src/app.ts`: what `src/index.ts` and the tests'
 * `startTest` need to run it (name, migrations, config, factory).
 */
export interface ServiceModule<C, S extends { start(port?: number): Promise<{ url: string }>; stop(): Promise<void> }> {
  name: string;
  /** `false` for a service without a database (expiration). */
  database?: false;
  /** The service's own migrations (the shared tables are always migrated first). */
  migrationsFolder?: string;
  loadConfig(env?: NodeJS.ProcessEnv): C;
  create(config: C, options?: ServiceOptions): S;
}

/** `export const ordersModule = serviceModule("orders", { migrationsFolder, loadConfig, create: createOrdersService })`. */
export function serviceModule<C, S extends { start(port?: number): Promise<{ url: string }>; stop(): Promise<void> }>(
  name: string,
  parts: Omit<ServiceModule<C, S>, "name">,
): ServiceModule<C, S> {
  return { name, ...parts };
}

export interface ServiceDefinition<TSchema extends Record<string, unknown>> extends ServiceOptions {
  name: string;
  config: BaseConfig;
  schema: TSchema;
  /** The service's own migrations (the shared tables are always migrated first). */
  migrationsFolder?: string;
  routes(ctx: ServiceContext<TSchema>): Router[];
  listeners?(ctx: ServiceContext<TSchema>): AnyListenerSpec[];
  /** Auth knows token versions first-hand; every other service learns them from events. */
  minTokenVersion?(ctx: ServiceContext<TSchema>): TokenVersionLookup;
  /** Extra resources (a Redis queue, …): started after the core, stopped before it. */
  resources?(ctx: ServiceContext<TSchema>): ServiceResource[];
}

export interface ServiceResource {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  ready?: ReadinessCheck;
}

/**
 * Runs one service: migrate (under an advisory lock), connect to NATS, start the
 * outbox relay, the listeners and HTTP; stop in reverse order on `stop()`.
 */
export class ServiceHost<TSchema extends Record<string, unknown>> {
  readonly logger: Logger;
  private ctx?: ServiceContext<TSchema>;
  private server?: Server;
  private app?: Express;
  private relay?: OutboxRelay;
  private consumers: EventConsumer[] = [];
  private resources: ServiceResource[] = [];
  private housekeeping?: NodeJS.Timeout;
  private shuttingDown = false;

  constructor(private readonly definition: ServiceDefinition<TSchema>) {
    this.logger = definition.logger ?? createLogger(definition.name, definition.config.LOG_LEVEL);
  }

  /** Every method and path the running service answers (tests that must cover each route). */
  routes(): RouteEntry[] {
    if (!this.app) throw new Error("service not started");
    return routeTable(this.app);
  }

  get context(): ServiceContext<TSchema> {
    if (!this.ctx) throw new Error("service not started");
    return this.ctx;
  }

  /** Starts everything and listens on `port` (default: the config's PORT; 0 picks a free one). */
  async start(port = this.definition.config.PORT): Promise<{ port: number; url: string }> {
    const { config, name } = this.definition;
    const database = createDatabase(config.DATABASE_URL, this.definition.schema);
    await runMigrations(database.pool, this.definition.migrationsFolder);
    const messaging = await connectMessaging({
      ...natsConnection(config),
      stream: config.NATS_STREAM,
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
      replicas: config.NATS_STREAM_REPLICAS,
      name,
    });
    const ctx: ServiceContext<TSchema> = {
      database,
      messaging,
      logger: this.logger,
      session: {
        jwtKey: config.JWT_KEY,
        ttlSeconds: durationToSeconds(config.SESSION_TTL),
        secureCookie: config.COOKIE_SECURE ? config.COOKIE_SECURE === "true" : config.NODE_ENV === "production",
      },
    };
    this.ctx = ctx;

    this.relay = new OutboxRelay({
      pool: database.pool,
      js: messaging.js,
      subjectPrefix: messaging.subjectPrefix,
      logger: this.logger,
    });
    await this.relay.start();

    const specs: AnyListenerSpec[] = [...(this.definition.listeners?.(ctx) ?? [])];
    if (!this.definition.minTokenVersion) specs.push(listen("user.sessions-revoked", applySessionsRevoked));
    this.consumers = specs.map(
      (spec) =>
        new EventConsumer(spec, {
          messaging,
          db: database.db,
          service: name,
          logger: this.logger,
          maxDeliveries: config.MAX_DELIVERIES,
          // Handlers are correct in any arrival order (they must be, for redeliveries), so
          // several events per subject are applied at once: one at a time caps a consumer at
          // the speed of one transaction.
          concurrency: config.CONSUMER_CONCURRENCY,
          ...this.definition.consumer,
        }),
    );
    await Promise.all(this.consumers.map((c) => c.start()));

    this.resources = this.definition.resources?.(ctx) ?? [];
    for (const resource of this.resources) await resource.start();

    const app = createApp({
      logger: this.logger,
      jwtKey: config.JWT_KEY,
      minTokenVersion: this.definition.minTokenVersion?.(ctx) ?? revocationLookup(database.db),
      readiness: this.readinessChecks(ctx),
      routes: this.definition.routes(ctx),
      trustProxy: config.TRUST_PROXY,
    });
    this.app = app;
    this.server = await new Promise<Server>((resolve, reject) => {
      const done = (err?: Error) => (err ? reject(err) : resolve(server));
      const server = config.HOST ? app.listen(port, config.HOST, done) : app.listen(port, done);
    });
    // Keep-alive sockets must outlive the gateway's, or it sends requests into closing sockets.
    this.server.keepAliveTimeout = 65_000;
    this.housekeeping = setInterval(() => this.pruneInbox(), 60 * 60 * 1000).unref();
    const actualPort = (this.server.address() as AddressInfo).port;
    this.logger.info({ port: actualPort }, `${name} listening`);
    return { port: actualPort, url: `http://127.0.0.1:${actualPort}` };
  }

  /**
   * Graceful shutdown: report not-ready, stop taking requests and let in-flight ones
   * finish, drain consumers and the relay, then close NATS and the pool.
   */
  async stop(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    clearInterval(this.housekeeping);
    const timeout = this.definition.config.SHUTDOWN_TIMEOUT_MS;
    const server = this.server;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), timeout).unref();
      await closed;
      clearTimeout(force);
    }
    for (const resource of [...this.resources].reverse()) await resource.stop();
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.relay?.stop();
    await this.ctx?.messaging.close();
    await this.ctx?.database.close();
    this.logger.info(`${this.definition.name} stopped`);
  }

  private readinessChecks(ctx: ServiceContext<TSchema>): Record<string, ReadinessCheck> {
    const checks: Record<string, ReadinessCheck> = {
      shutdown: async () => {
        if (this.shuttingDown) throw new Error("shutting down");
      },
      database: async () => {
        await ctx.database.pool.query("select 1");
      },
      nats: async () => {
        await ctx.messaging.nc.flush();
      },
    };
    for (const resource of this.resources) if (resource.ready) checks[resource.name] = resource.ready;
    return checks;
  }

  /** Inbox ids only matter while JetStream could still redeliver (the stream keeps 7 days). */
  private async pruneInbox(): Promise<void> {
    await this.ctx?.database.pool
      .query("delete from inbox where handled_at < now() - interval '8 days'")
      .catch((err) => this.logger.warn({ err }, "inbox pruning failed"));
  }
}

/**
 * The body of every service's `src/index.ts`: start, and stop cleanly on SIGTERM/SIGINT.
 * Exits with 1 if start-up fails so the orchestrator restarts it.
 */
export async function runUntilSignalled(host: { start(): Promise<unknown>; stop(): Promise<void>; logger: Logger }) {
  const shutdown = async (signal: string) => {
    host.logger.info({ signal }, "shutting down");
    try {
      await host.stop();
      process.exit(0);
    } catch (err) {
      host.logger.error({ err }, "unclean shutdown");
      process.exit(1);
    }
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  try {
    await host.start();
  } catch (err) {
    host.logger.fatal({ err }, "start-up failed");
    process.exit(1);
  }
}
