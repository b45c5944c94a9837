// Reading and re-publishing the events in the system's JetStream stream, for the checks
// (how many `order.cancelled` per order?) and for C5's redelivery burst.
import { jetstream } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";

/**
 * Every message in `stream` whose subject matches `subject`, oldest first, as
 * { subject, data, storedAt } (`storedAt`: when the stream stored it, epoch ms).
 * `nats`: connection options of a user allowed to read the stream (the harness's test user).
 */
export async function readEvents(nats, { stream = "TICKETING", subject = "ticketing.>" } = {}) {
  const nc = await connect({ ...nats, timeout: 3000 });
  try {
    const js = jetstream(nc);
    // A string becomes filter_subject, which NATS 2.9 knows (an array needs 2.10).
    const consumer = await js.consumers.get(stream, { filter_subjects: subject });
    const out = [];
    for (;;) {
      const batch = await consumer.fetch({ max_messages: 500, expires: 1000 });
      let n = 0;
      for await (const msg of batch) {
        out.push({ subject: msg.subject, data: msg.json(), storedAt: msg.info.timestampNanos / 1e6 });
        n++;
      }
      if (n === 0) break;
    }
    await consumer.delete().catch(() => {}); // else it would linger, counting new events as pending
    return out;
  } finally {
    await nc.close();
  }
}

/**
 * Publishes each event again with a fresh Nats-Msg-Id (so JetStream's duplicate window
 * does not drop it) but the same envelope, event id included: to every consumer it is
 * the redelivery of an event it has already handled.
 */
export async function republish(nats, events) {
  const nc = await connect({ ...nats, timeout: 3000 });
  try {
    const js = jetstream(nc);
    await Promise.all(
      events.map((e, i) =>
        js.publish(e.subject, JSON.stringify(e.data), { msgID: `${e.data.id}-again-${Date.now()}-${i}` }),
      ),
    );
  } finally {
    await nc.close();
  }
}

/** Count of events per `data.data.id` (the entity the event is about). */
export function countBy(events, key = (e) => e.data.data.id) {
  const counts = new Map();
  for (const e of events) counts.set(key(e), (counts.get(key(e)) ?? 0) + 1);
  return counts;
}
