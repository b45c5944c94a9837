import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express, type Router } from "express";
import type { Logger } from "pino";
import { type BaseConfig, durationToSeconds, poolSettings } from "../config";
import { createDatabase, type Database } from "../db/database";
import { runMigrations } from "../db/migrate";
import { createApp } from "../http/create-app";
import { errorHandler, notFoundHandler } from "../http/error-handler";
import { healthRoutes, type ReadinessCheck } from "../http/health";
import { type RouteEntry, routeTable } from "../http/route-table";
import { createLogger } from "../logger";
import { connectMessaging, type Messaging, natsConnection } from "../messaging/connection";
import { countDeadLetters } from "../messaging/dead-letters";
import { type AnyListenerSpec, EventConsumer, listen } from "../messaging/listener";
import { OutboxRelay } from "../messaging/outbox";
import {
  type CachedSessionCheck,
  cachedSessionCheck,
  revocationLookup,
  revokedSessionLookup,
  sessionsRevokedHandler,
  type TokenVersionLookup,
} from "../sessions";

/** What the listeners and resources of every service get to work with. */
export interface BusContext {
  messaging: Messaging;
  logger: Logger;
}

/** What a service's routes and listeners get to work with. */
export interface ServiceContext<TSchema extends Record<string, unknown>> extends BusContext {
  database: Database<TSchema>;
  /** Session cookie settings derived from the base config. */
  session: { jwtKey: string; ttlSeconds: number; secureCookie: boolean };
}

/** The variables of a service without a database or sessions (expiration). */
export type BusConfig = Omit<BaseConfig, "DATABASE_URL" | "JWT_KEY" | "SESSION_TTL" | "COOKIE_SECURE">;

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
  /** Extra resources (a Redis queue, a timer, …): started before the listeners, stopped after them. */
  resources?(ctx: ServiceContext<TSchema>): ServiceResource[];
}

/**
 * A service without a database (expiration): no migrations, outbox, inbox or sessions.
 * Its listeners must be idempotent by themselves (`listenIdempotent`); HTTP serves only
 * `/healthz` and `/readyz`.
 */
export interface BusServiceDefinition extends ServiceOptions {
  name: string;
  config: BusConfig;
  database: false;
  listeners?(ctx: BusContext): AnyListenerSpec[];
  resources?(ctx: BusContext): ServiceResource[];
}

export interface ServiceResource {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  ready?: ReadinessCheck;
}

/**
 * Runs one service: migrate (under an advisory lock), connect to NATS, start the outbox
 * relay, the resources, the listeners and HTTP; stop in reverse order on `stop()`. Without
 * a database (`database: false`) the migrations, relay, inbox and sessions are left out.
 */
export class ServiceHost<TSchema extends Record<string, unknown> = Record<string, never>> {
  readonly logger: Logger;
  private ctx?: ServiceContext<TSchema>;
  private bus?: BusContext;
  private server?: Server;
  private app?: Express;
  private relay?: OutboxRelay;
  /** Services other than auth: the cached session check, forgotten by the revocations applied here. */
  private sessionCheck?: CachedSessionCheck;
  private consumers: EventConsumer[] = [];
  private resources: ServiceResource[] = [];
  private housekeeping?: NodeJS.Timeout;
  private shuttingDown = false;

  constructor(definition: ServiceDefinition<TSchema>);
  constructor(definition: BusServiceDefinition);
  constructor(private readonly definition: ServiceDefinition<TSchema> | BusServiceDefinition) {
    this.logger = definition.logger ?? createLogger(definition.name, definition.config.LOG_LEVEL);
  }

  /** Every method and path the running service answers (tests that must cover each route). */
  routes(): RouteEntry[] {
    if (!this.app) throw new Error("service not started");
    return routeTable(this.app);
  }

  /** The running service's database, NATS connection and logger (a service with a database). */
  get context(): ServiceContext<TSchema> {
    if (!this.ctx) throw new Error(this.bus ? "service has no database" : "service not started");
    return this.ctx;
  }

  /** Starts everything and listens on `port` (default: the config's PORT; 0 picks a free one). */
  async start(port = this.definition.config.PORT): Promise<{ port: number; url: string }> {
    const { definition } = this;
    const { config, name } = definition;
    const withDatabase = "schema" in definition ? definition : undefined;
    // Migrations run in one transaction under a transaction-scoped lock, so they are safe
    // through PgBouncer in transaction mode; the direct URL, when there is one, is preferred.
    if (withDatabase) {
      const dbConfig = withDatabase.config;
      await runMigrations(
        { connectionString: dbConfig.DATABASE_DIRECT_URL ?? dbConfig.DATABASE_URL, connectionTimeoutMillis: 10_000 },
        withDatabase.migrationsFolder,
      );
    }
    const database =
      withDatabase &&
      createDatabase(withDatabase.config.DATABASE_URL, withDatabase.schema, poolSettings(withDatabase.config));
    const messaging = await connectMessaging({
      ...natsConnection(config),
      stream: config.NATS_STREAM,
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
      replicas: config.NATS_STREAM_REPLICAS,
      name,
    });
    const bus: BusContext = { messaging, logger: this.logger };
    this.bus = bus;
    let specs: AnyListenerSpec[];
    if (withDatabase && database) {
      const definition = withDatabase;
      const ctx: ServiceContext<TSchema> = { ...bus, database, session: sessionSettings(definition.config) };
      this.ctx = ctx;
      this.relay = new OutboxRelay({
        pool: database.pool,
        js: messaging.js,
        subjectPrefix: messaging.subjectPrefix,
        logger: this.logger,
        listenUrl: definition.config.DATABASE_DIRECT_URL,
      });
      await this.relay.start();
      this.resources = definition.resources?.(ctx) ?? [];
      specs = [...(definition.listeners?.(ctx) ?? [])];
      if (!definition.minTokenVersion) {
        const sessionCheck = cachedSessionCheck(database.db, definition.config.SESSION_CHECK_CACHE_MS);
        this.sessionCheck = sessionCheck;
        specs.push(
          listen(
            "user.sessions-revoked",
            sessionsRevokedHandler(definition.config.JWT_KEY, (userId) => sessionCheck.forget(userId)),
          ),
        );
      }
    } else {
      const busOnly = definition as BusServiceDefinition;
      this.resources = busOnly.resources?.(bus) ?? [];
      specs = busOnly.listeners?.(bus) ?? [];
    }
    for (const resource of this.resources) await resource.start();

    this.consumers = specs.map(
      (spec) =>
        new EventConsumer(spec, {
          messaging,
          db: database?.db,
          service: name,
          logger: this.logger,
          maxDeliveries: config.MAX_DELIVERIES,
          // Handlers are correct in any arrival order (they must be, for redeliveries), so
          // several events per subject are applied at once: one at a time caps a consumer at
          // the speed of one transaction.
          concurrency: config.CONSUMER_CONCURRENCY,
          ...definition.consumer,
        }),
    );
    await Promise.all(this.consumers.map((c) => c.start()));

    const app = withDatabase && this.ctx ? this.serviceApp(withDatabase, this.ctx) : this.healthApp();
    this.app = app;
    this.server = await new Promise<Server>((resolve, reject) => {
      const done = (err?: Error) => (err ? reject(err) : resolve(server));
      const server = config.HOST ? app.listen(port, config.HOST, done) : app.listen(port, done);
    });
    // Keep-alive sockets must outlive the gateway's, or it sends requests into closing sockets.
    this.server.keepAliveTimeout = 65_000;
    if (database) this.housekeeping = setInterval(() => this.pruneInbox(), 60 * 60 * 1000).unref();
    const actualPort = (this.server.address() as AddressInfo).port;
    this.logger.info({ port: actualPort }, `${name} listening`);
    return { port: actualPort, url: `http://127.0.0.1:${actualPort}` };
  }

  /**
   * Graceful shutdown: report not-ready, stop taking requests and let in-flight ones
   * finish, drain consumers, the resources and the relay, then close NATS and the pool.
   * Each step runs even if an earlier one failed (e.g. NATS is unreachable while we stop).
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
    await this.step("consumers", () => Promise.all(this.consumers.map((c) => c.stop())));
    for (const resource of [...this.resources].reverse()) await this.step(resource.name, () => resource.stop());
    await this.step("relay", async () => this.relay?.stop());
    await this.step("nats", async () => this.bus?.messaging.close());
    await this.step("database", async () => this.ctx?.database.close());
    this.logger.info(`${this.definition.name} stopped`);
  }

  private async step(name: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.logger.warn({ err, step: name }, "shutdown step failed");
    }
  }

  private serviceApp(definition: ServiceDefinition<TSchema>, ctx: ServiceContext<TSchema>) {
    return createApp({
      logger: this.logger,
      jwtKey: definition.config.JWT_KEY,
      minTokenVersion: definition.minTokenVersion?.(ctx) ?? revocationLookup(ctx.database.db),
      isSessionRevoked: revokedSessionLookup(ctx.database.db),
      sessionCheck: this.sessionCheck?.check,
      shed: { waiting: () => ctx.database.pool.waitingCount, maxWaiting: definition.config.SHED_DB_WAITING },
      readiness: this.readinessChecks(),
      readinessDetails: () => this.readinessDetails(),
      routes: definition.routes(ctx),
      trustProxy: definition.config.TRUST_PROXY,
    });
  }

  /** A service without sessions answers only its health probes. */
  private healthApp() {
    const app = express();
    app.disable("x-powered-by");
    app.use(healthRoutes(this.readinessChecks(), () => this.readinessDetails()));
    app.use(notFoundHandler);
    app.use(errorHandler(this.logger));
    return app;
  }

  /** Reported with /readyz without deciding readiness: events this service gave up on. */
  private async readinessDetails(): Promise<Record<string, unknown>> {
    const messaging = this.bus?.messaging;
    const deadLetters = messaging ? await countDeadLetters(messaging, this.definition.name).catch(() => null) : null;
    return { deadLetters };
  }

  private readinessChecks(): Record<string, ReadinessCheck> {
    const checks: Record<string, ReadinessCheck> = {
      shutdown: async () => {
        if (this.shuttingDown) throw new Error("shutting down");
      },
      nats: async () => {
        await this.bus?.messaging.nc.flush();
      },
    };
    const database = this.ctx?.database;
    if (database) {
      checks.database = async () => {
        await database.pool.query("select 1");
      };
    }
    for (const resource of this.resources) if (resource.ready) checks[resource.name] = resource.ready;
    return checks;
  }

  /**
   * Inbox ids only matter while JetStream could still redeliver (the stream keeps 7 days);
   * so do failure counts (an event dead-lettered or handled leaves its row behind at worst).
   */
  private async pruneInbox(): Promise<void> {
    for (const statement of [
      "delete from inbox where handled_at < now() - interval '8 days'",
      "delete from consumer_failures where updated_at < now() - interval '8 days'",
    ]) {
      await this.ctx?.database.pool.query(statement).catch((err) => this.logger.warn({ err }, "inbox pruning failed"));
    }
  }
}

function sessionSettings(config: BaseConfig): ServiceContext<Record<string, never>>["session"] {
  return {
    jwtKey: config.JWT_KEY,
    ttlSeconds: durationToSeconds(config.SESSION_TTL),
    secureCookie: config.COOKIE_SECURE ? config.COOKIE_SECURE === "true" : config.NODE_ENV === "production",
  };
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
