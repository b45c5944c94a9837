import { connectMessaging } from "../../src/messaging/connection";
import { deleteStream, natsUrl, TcpProxy, testNatsConnection, uniqueMessaging } from "../../src/testing";

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
