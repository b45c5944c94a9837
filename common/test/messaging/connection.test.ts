import { jetstreamManager } from "@nats-io/jetstream";
import { connect, nanos } from "@nats-io/transport-node";
import { connectMessaging, eventStreamConfig, StreamSettingsError } from "../../src/messaging/connection";
import { deleteStream, natsAuth, natsUrl, TcpProxy, testNatsConnection, uniqueMessaging } from "../../src/testing";

test("closing the connection while NATS is unreachable still completes, so shutdown can go on", async () => {
  const names = uniqueMessaging();
  const proxy = new TcpProxy("127.0.0.1", Number(new URL(natsUrl()).port || 4222));
  await proxy.start();
  const messaging = await connectMessaging({
    ...testNatsConnection(),
    servers: `nats://127.0.0.1:${proxy.port}`,
    stream: names.NATS_STREAM,
    subjectPrefix: names.NATS_SUBJECT_PREFIX,
    name: "closing-while-cut",
  });
  try {
    await proxy.cut();
    await expect(messaging.close()).resolves.toBeUndefined();
    expect(messaging.nc.isClosed()).toBe(true);
  } finally {
    await proxy.stop();
    await deleteStream(names.NATS_STREAM);
  }
});

test("the event stream is created once and reused by every later connection", async () => {
  const names = uniqueMessaging();
  const options = {
    ...testNatsConnection(),
    stream: names.NATS_STREAM,
    subjectPrefix: names.NATS_SUBJECT_PREFIX,
    name: "a",
  };
  const [first, second] = await Promise.all([connectMessaging(options), connectMessaging(options)]);
  try {
    const info = await first.jsm.streams.info(names.NATS_STREAM);
    expect(info.config.subjects).toEqual([`${names.NATS_SUBJECT_PREFIX}>`]);
  } finally {
    await first.close();
    await second.close();
    await deleteStream(names.NATS_STREAM);
  }
});

test("an existing stream with other settings is brought to the configured ones on start", async () => {
  const names = uniqueMessaging();
  const nc = await connect({ servers: natsUrl(), ...natsAuth() });
  const jsm = await jetstreamManager(nc);
  // What an older version (or a hand-made stream) left: 2-minute window, no age limit.
  await jsm.streams.add({
    name: names.NATS_STREAM,
    subjects: [`${names.NATS_SUBJECT_PREFIX}>`],
    duplicate_window: nanos(2 * 60 * 1000),
  });
  const messaging = await connectMessaging({
    ...testNatsConnection(),
    stream: names.NATS_STREAM,
    subjectPrefix: names.NATS_SUBJECT_PREFIX,
    name: "reconcile",
  });
  try {
    const { config } = await jsm.streams.info(names.NATS_STREAM);
    const wanted = eventStreamConfig({ stream: names.NATS_STREAM, subjectPrefix: names.NATS_SUBJECT_PREFIX });
    expect(config.duplicate_window).toBe(wanted.duplicate_window);
    expect(config.max_age).toBe(wanted.max_age);
  } finally {
    await messaging.close();
    await nc.close();
    await deleteStream(names.NATS_STREAM);
  }
});

test("a stream the server will not update stops start-up, naming each difference", async () => {
  const names = uniqueMessaging();
  const source = uniqueMessaging();
  const nc = await connect({ servers: natsUrl(), ...natsAuth() });
  const jsm = await jetstreamManager(nc);
  // The name is taken by a mirror (a hand-made backup, say): a mirror may not have subjects.
  await jsm.streams.add({ name: source.NATS_STREAM, subjects: [`${source.NATS_SUBJECT_PREFIX}>`] });
  await jsm.streams.add({ name: names.NATS_STREAM, mirror: { name: source.NATS_STREAM } });
  try {
    const attempt = connectMessaging({
      ...testNatsConnection(),
      stream: names.NATS_STREAM,
      subjectPrefix: names.NATS_SUBJECT_PREFIX,
      name: "refused",
    });
    await expect(attempt).rejects.toThrow(StreamSettingsError);
    await expect(attempt).rejects.toThrow(`subjects: undefined → ["${names.NATS_SUBJECT_PREFIX}>"]`);
  } finally {
    await nc.close();
    await deleteStream(names.NATS_STREAM);
    await deleteStream(source.NATS_STREAM);
  }
});
