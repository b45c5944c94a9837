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
