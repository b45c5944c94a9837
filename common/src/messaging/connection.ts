import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection, nanos } from "@nats-io/transport-node";
import { deadLetterStreamConfig } from "./dead-letters";

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
 * does not matter) and makes sure the event stream and its dead-letter stream exist
 * with the settings this version wants. Our server is 2.9: the streams use only
 * settings that version knows.
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
  try {
    await ensureStreams(jsm, options);
  } catch (err) {
    await nc.close();
    throw err;
  }
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

export function eventStreamConfig(options: Pick<MessagingOptions, "stream" | "subjectPrefix" | "replicas">) {
  return {
    name: options.stream,
    subjects: [`${options.subjectPrefix}>`],
    num_replicas: options.replicas ?? 1,
    // Long enough for any consumer to come back from an outage and catch up.
    max_age: nanos(7 * DAY_MS),
    // Window in which a re-sent event id (relay retry after a crash) is dropped.
    duplicate_window: nanos(10 * 60 * 1000),
  };
}

/** Thrown when an existing stream differs from the configuration and cannot be updated. */
export class StreamSettingsError extends Error {
  constructor(
    readonly stream: string,
    readonly differences: string[],
    cause: unknown,
  ) {
    super(
      `stream ${stream} has other settings than this service wants and could not be updated (${
        (cause as Error)?.message ?? cause
      }): ${differences.join("; ")}`,
    );
    this.name = "StreamSettingsError";
  }
}

type WantedStream = ReturnType<typeof eventStreamConfig>;

/** Settings of `existing` that differ from `wanted`, as "num_replicas: 1 → 3". */
export function streamDifferences(existing: Partial<WantedStream>, wanted: WantedStream): string[] {
  const out: string[] = [];
  for (const key of ["subjects", "num_replicas", "max_age", "duplicate_window"] as const) {
    const have = JSON.stringify(existing[key]);
    const want = JSON.stringify(wanted[key]);
    if (have !== want) out.push(`${key}: ${have} → ${want}`);
  }
  return out;
}

/**
 * Creates a stream, or brings an existing one to `wanted` (replicas, limits, duplicate
 * window): a stream created as R1 becomes R3 when the services start with
 * NATS_STREAM_REPLICAS=3. If the server refuses the update, start-up fails naming each
 * difference, instead of running on settings nobody chose.
 */
export async function reconcileStream(jsm: JetStreamManager, wanted: WantedStream): Promise<string[]> {
  let existing: Partial<WantedStream>;
  try {
    existing = (await jsm.streams.info(wanted.name)).config;
  } catch {
    try {
      await jsm.streams.add(wanted);
      return [];
    } catch (err) {
      // Another replica created it between our two calls.
      existing = (
        await jsm.streams.info(wanted.name).catch(() => {
          throw err;
        })
      ).config;
    }
  }
  const differences = streamDifferences(existing, wanted);
  if (differences.length === 0) return [];
  const { name, ...update } = wanted;
  let after: Partial<WantedStream>;
  try {
    after = (await jsm.streams.update(name, { ...existing, ...update })).config;
  } catch (err) {
    throw new StreamSettingsError(name, differences, err);
  }
  // A server may accept an update and still not apply it (a single server keeps R1).
  const remaining = streamDifferences(after, wanted);
  if (remaining.length) throw new StreamSettingsError(name, remaining, "the server kept its settings");
  return differences;
}

async function ensureStreams(jsm: JetStreamManager, options: MessagingOptions): Promise<void> {
  await reconcileStream(jsm, eventStreamConfig(options));
  await reconcileStream(jsm, deadLetterStreamConfig(options.stream, options.replicas ?? 1));
}
