import { nanos, headers as natsHeaders } from "@nats-io/transport-node";
import type { Messaging } from "./connection";

/**
 * Events a consumer gave up on (a handler that kept failing on a healthy database, or an
 * unreadable message) are copied, with the reason, into a dead-letter stream of their
 * own before they are terminated: nothing is thrown away, and an operator lists and
 * replays them with `npm run dead-letters`.
 *
 * The subjects are outside the event stream's prefix (`deadletter.<STREAM>.<service>.<type>`),
 * so the event stream never captures them and no consumer sees them by accident.
 */
export const deadLetterStream = (stream: string) => `${stream}_DEAD_LETTERS`;
export const deadLetterSubject = (stream: string, service = "*", type = ">") =>
  `deadletter.${stream}.${service}.${type}`;

/** Dead letters are kept this long: long enough for someone to notice and replay them. */
const DEAD_LETTER_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export const DEAD_LETTER_HEADERS = {
  error: "Ticketing-Error",
  consumer: "Ticketing-Consumer",
  service: "Ticketing-Service",
  subject: "Ticketing-Subject",
  streamSeq: "Ticketing-Stream-Seq",
  attempts: "Ticketing-Attempts",
  eventId: "Ticketing-Event-Id",
} as const;

export function deadLetterStreamConfig(stream: string, replicas: number) {
  return {
    name: deadLetterStream(stream),
    subjects: [deadLetterSubject(stream, "*", ">")],
    num_replicas: replicas,
    max_age: nanos(DEAD_LETTER_MAX_AGE_MS),
    duplicate_window: nanos(10 * 60 * 1000),
  };
}

export interface DeadLetter {
  /** Sequence in the dead-letter stream: what `replay` takes. */
  seq: number;
  time: Date;
  service: string;
  consumer: string;
  /** Subject the event was published on, where a replay publishes it again. */
  subject: string;
  eventId?: string;
  /** Sequence of the original in the event stream. */
  streamSeq: number;
  attempts: number;
  error: string;
  data: Uint8Array;
}

/** Header values are one line; a stack trace or a long message is cut. */
const oneLine = (text: string) => text.replace(/\s+/g, " ").slice(0, 1000);

export async function publishDeadLetter(messaging: Messaging, letter: Omit<DeadLetter, "seq" | "time">): Promise<void> {
  const h = natsHeaders();
  h.set(DEAD_LETTER_HEADERS.error, oneLine(letter.error) || "unknown");
  h.set(DEAD_LETTER_HEADERS.consumer, letter.consumer);
  h.set(DEAD_LETTER_HEADERS.service, letter.service);
  h.set(DEAD_LETTER_HEADERS.subject, letter.subject);
  h.set(DEAD_LETTER_HEADERS.streamSeq, String(letter.streamSeq));
  h.set(DEAD_LETTER_HEADERS.attempts, String(letter.attempts));
  if (letter.eventId) h.set(DEAD_LETTER_HEADERS.eventId, letter.eventId);
  const type = letter.subject.startsWith(messaging.subjectPrefix)
    ? letter.subject.slice(messaging.subjectPrefix.length)
    : letter.subject;
  await messaging.js.publish(deadLetterSubject(messaging.stream, letter.service, type), letter.data, {
    headers: h,
    // The same delivery dead-lettered twice (the process died before terminating it) is stored once.
    msgID: `${letter.consumer}:${letter.streamSeq}`,
  });
}

/** Dead letters of one service (or all), oldest first, at most `limit`. */
export async function listDeadLetters(
  messaging: Pick<Messaging, "jsm" | "stream">,
  { service, limit = 1000 }: { service?: string; limit?: number } = {},
): Promise<DeadLetter[]> {
  const name = deadLetterStream(messaging.stream);
  const info = await messaging.jsm.streams.info(name);
  const out: DeadLetter[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && out.length < limit; seq++) {
    const stored = await messaging.jsm.streams.getMessage(name, { seq }).catch(() => null);
    if (!stored) continue; // deleted (replayed) or expired
    const h = (key: string) => stored.header?.get(key) ?? "";
    const letter: DeadLetter = {
      seq: stored.seq,
      time: stored.time,
      service: h(DEAD_LETTER_HEADERS.service),
      consumer: h(DEAD_LETTER_HEADERS.consumer),
      subject: h(DEAD_LETTER_HEADERS.subject),
      eventId: h(DEAD_LETTER_HEADERS.eventId) || undefined,
      streamSeq: Number(h(DEAD_LETTER_HEADERS.streamSeq)),
      attempts: Number(h(DEAD_LETTER_HEADERS.attempts)),
      error: h(DEAD_LETTER_HEADERS.error),
      data: stored.data,
    };
    if (!service || letter.service === service) out.push(letter);
  }
  return out;
}

/**
 * Publishes a dead letter's event again on its original subject (a new message id, so
 * the duplicate window lets it through) and removes it from the dead-letter stream.
 * Every consumer of that subject receives it; the ones that handled it before skip it
 * through their inbox. The consumer that gave up starts with a fresh budget.
 */
export async function replayDeadLetter(messaging: Messaging, letter: DeadLetter): Promise<void> {
  await messaging.js.publish(letter.subject, letter.data, { msgID: `replay:${letter.consumer}:${letter.seq}` });
  await messaging.jsm.streams.deleteMessage(deadLetterStream(messaging.stream), letter.seq);
}

/** How many dead letters a service has (for /readyz details). */
export async function countDeadLetters(messaging: Pick<Messaging, "jsm" | "stream">, service: string) {
  const info = await messaging.jsm.streams.info(deadLetterStream(messaging.stream), {
    subjects_filter: deadLetterSubject(messaging.stream, service, ">"),
  });
  return Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
}
