import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection, nanos } from "@nats-io/transport-node";

export interface MessagingOptions {
  servers: string;
  /** JetStream stream that holds every integration event of this deployment. */
  stream: string;
  /** Prepended to each event type to form its subject (`ticketing.` + `order.created`). */
  subjectPrefix: string;
  replicas?: number;
  /** Connection name shown in NATS monitoring. */
  name: string;
  /** This service's NATS user and password: each service may publish only its own subjects. */
  user?: string;
  password?: string;
  /** CA certificate (PEM file) that signed the server's certificate: connect over TLS. */
  tlsCaFile?: string;
}

/** The connection settings of a service's config (NATS_URL, NATS_USER, NATS_PASSWORD, NATS_TLS_CA). */
export function natsConnection(config: {
  NATS_URL: string;
  NATS_USER?: string;
  NATS_PASSWORD?: string;
  NATS_TLS_CA?: string;
}): Pick<MessagingOptions, "servers" | "user" | "password" | "tlsCaFile"> {
  return {
    servers: config.NATS_URL,
    user: config.NATS_USER,
    password: config.NATS_PASSWORD,
    tlsCaFile: config.NATS_TLS_CA,
  };
}

export interface Messaging {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  subjectPrefix: string;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Connects to NATS (retrying forever, also on the first connection, so start-up order
 * does not matter) and makes sure the event stream exists. Our server is 2.9: the
 * stream uses only settings that version knows.
 */
export async function connectMessaging(options: MessagingOptions): Promise<Messaging> {
  const nc = await connect({
    servers: options.servers.split(","),
    name: options.name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    ...(options.user ? { user: options.user, pass: options.password } : {}),
    ...(options.tlsCaFile ? { tls: { caFile: options.tlsCaFile } } : {}),
  });
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, options);
  return {
    nc,
    js: jetstream(nc),
    jsm,
    stream: options.stream,
    subjectPrefix: options.subjectPrefix,
    close: async () => {
      // drain() refuses while NATS is unreachable; shutdown must go on and close the rest.
      if (!nc.isClosed()) await nc.drain().catch(() => nc.close());
    },
  };
}

async function ensureStream(jsm: JetStreamManager, options: MessagingOptions): Promise<void> {
  const config = {
    name: options.stream,
    subjects: [`${options.subjectPrefix}>`],
    num_replicas: options.replicas ?? 1,
    // Long enough for any consumer to come back from an outage and catch up.
    max_age: nanos(7 * DAY_MS),
    // Window in which a re-sent event id (relay retry after a crash) is dropped.
    duplicate_window: nanos(10 * 60 * 1000),
  };
  try {
    await jsm.streams.info(options.stream);
  } catch {
    try {
      await jsm.streams.add(config);
    } catch (err) {
      // Another replica created it between our two calls.
      await jsm.streams.info(options.stream).catch(() => {
        throw err;
      });
    }
  }
}
