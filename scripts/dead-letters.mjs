// `npm run dead-letters -- list [--service S]`
// `npm run dead-letters -- replay <seq…> | --all [--service S]`
//
// Events a consumer gave up on (see common/src/messaging/dead-letters.ts) wait in the
// stream <NATS_STREAM>_DEAD_LETTERS with the error that stopped them. `list` shows them;
// `replay` publishes each again on its original subject (consumers that handled it before
// skip it through their inbox) and removes it from the dead-letter stream. Fix the cause
// first: a replayed event that fails again is dead-lettered again.
//
// Connects with NATS_URL (default nats://127.0.0.1:4222), NATS_STREAM (TICKETING) and
// NATS_SUBJECT_PREFIX (ticketing.), the same variables the services read.

import { deadLetterStream, listDeadLetters, replayDeadLetter } from "@m-ticketing/common";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";

const [command, ...rest] = process.argv.slice(2);
const option = (name) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
const service = option("--service");
const usage = "usage: npm run dead-letters -- list [--service S] | replay <seq…> | replay --all [--service S]";

if (command !== "list" && command !== "replay") {
  console.error(usage);
  process.exit(2);
}
// A plain connection: this command never creates or changes streams.
const nc = await connect({
  servers: (process.env.NATS_URL ?? "nats://127.0.0.1:4222").split(","),
  name: "dead-letters",
});
const messaging = {
  nc,
  js: jetstream(nc),
  jsm: await jetstreamManager(nc),
  stream: process.env.NATS_STREAM ?? "TICKETING",
  subjectPrefix: process.env.NATS_SUBJECT_PREFIX ?? "ticketing.",
};
let status = 0;
try {
  const exists = await messaging.jsm.streams.info(deadLetterStream(messaging.stream)).then(
    () => true,
    () => false,
  );
  const letters = exists ? await listDeadLetters(messaging, { service }) : [];
  if (command === "list") {
    for (const l of letters) {
      console.log(
        `${l.seq}\t${l.time.toISOString()}\t${l.consumer}\t${l.subject}\tevent ${l.eventId ?? "(unreadable)"}\tattempts ${l.attempts}\t${l.error}`,
      );
    }
    console.log(`${letters.length} dead letter(s)${service ? ` of ${service}` : ""}`);
  } else {
    const wanted = rest.includes("--all")
      ? letters
      : rest.filter((a) => /^\d+$/.test(a)).map((seq) => letters.find((l) => l.seq === Number(seq)) ?? Number(seq));
    if (wanted.length === 0) {
      console.error(usage);
      status = 2;
    }
    for (const letter of wanted) {
      if (typeof letter === "number") {
        console.error(`no dead letter ${letter}${service ? ` of ${service}` : ""}`);
        status = 1;
        continue;
      }
      await replayDeadLetter(messaging, letter);
      console.log(`replayed ${letter.seq} (${letter.consumer}, event ${letter.eventId ?? "?"}) on ${letter.subject}`);
    }
  }
} finally {
  await nc.drain();
}
process.exit(status);
