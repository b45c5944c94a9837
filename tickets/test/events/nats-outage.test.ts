import { randomUUID } from "node:crypto";
import { attachTicketFile, natsUrl, TcpProxy } from "@m-ticketing/common/testing";
import request from "supertest";
import { cookieOf, type Harness, newUser, startTickets, ticketBody } from "../helpers";

let h: Harness;
let proxy: TcpProxy;

beforeAll(async () => {
  const nats = await TcpProxy.inFrontOf(natsUrl());
  proxy = nats.proxy;
  h = await startTickets({ NATS_URL: nats.url });
});
afterAll(async () => {
  await proxy.start().catch(() => {});
  await h.stop();
  await proxy.stop();
});

test("a listing made while NATS is unreachable is announced once NATS is back, exactly once", async () => {
  await proxy.cut();
  const seller = newUser();
  const res = await request(h.url)
    .post("/api/tickets")
    .set("Cookie", cookieOf(seller))
    .send(ticketBody({ title: `Outage ${randomUUID()}` }))
    .expect(201);
  await attachTicketFile(h.url, cookieOf(seller), res.body.ticket.id);
  await proxy.start();

  const created = await h.observe("ticket.created");
  const [announced] = await created.waitFor((e) => e.data.id === res.body.ticket.id, 1, 20_000);
  expect(announced!.data).toMatchObject({ id: res.body.ticket.id, version: 0, status: "available" });
  const info = await h.messaging.jsm.streams.info(h.messaging.stream);
  expect(info.state.messages).toBe(1);
});
