import { createEvent, eventCatalogue, parseEvent, traceOfEvent, withTrace } from "../../src/events";

const order = {
  id: "0c8e2f4a-6b1d-4c3e-9f5a-7d8b9c0e1f2a",
  userId: "1d9f3a5b-7c2e-4d4f-8a6b-8e9c0d1f2a3b",
  status: "created" as const,
  expiresAt: "2026-11-24T10:00:00.000Z",
  version: 0,
  ticket: { id: "2e0a4b6c-8d3f-4e5a-9b7c-9f0d1e2a3b4c", price: 2050, currency: "USD" },
};

test("an event carries an id, its type, the schema version, a time and the data", () => {
  const event = createEvent("order.created", order);
  expect(event).toMatchObject({ type: "order.created", version: 1, data: order });
  expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(Number.isNaN(Date.parse(event.occurredAt))).toBe(false);
});

test("a wrong shape cannot be published", () => {
  // @ts-expect-error price must be integer cents
  expect(() => createEvent("order.created", { ...order, ticket: { ...order.ticket, price: "20.50" } })).toThrow();
  // @ts-expect-error missing orderId
  expect(() => createEvent("expiration.complete", {})).toThrow();
});

test("a received event is read back with its type and validated data", () => {
  const event = createEvent("order.created", order);
  expect(parseEvent("order.created", JSON.parse(JSON.stringify(event)))).toEqual(event);
});

test("an event of another type, another version or with bad data is refused", () => {
  const event = createEvent("order.created", order);
  expect(() => parseEvent("order.cancelled", event)).toThrow(/Expected a order.cancelled/);
  expect(() => parseEvent("order.created", { ...event, version: 2 })).toThrow(/Unsupported/);
  expect(() => parseEvent("order.created", { ...event, data: { id: "x" } })).toThrow();
});

test("every catalogued event has a type equal to its key and a version", () => {
  for (const [type, spec] of Object.entries(eventCatalogue)) {
    expect(spec.type).toBe(type);
    expect(spec.version).toBeGreaterThan(0);
  }
});

test("an event created while handling a request carries its correlation id and names it as the cause", () => {
  const event = withTrace({ correlationId: "req-1", causationId: "req-1" }, () => createEvent("order.created", order));
  expect(event).toMatchObject({ correlationId: "req-1", causationId: "req-1" });
  // Handling that event: what it causes inherits the correlation and names the event as cause.
  const next = withTrace(traceOfEvent(event), () => createEvent("expiration.complete", { orderId: order.id }));
  expect(next).toMatchObject({ correlationId: "req-1", causationId: event.id });
});

test("an event created outside any request or event starts a correlation of its own", () => {
  const event = createEvent("expiration.complete", { orderId: order.id });
  expect(event.correlationId).toBe(event.id);
  expect(event.causationId).toBeUndefined();
});

test("trace ids travel through the bus, and an envelope without them (older publisher) is still read", () => {
  const event = withTrace({ correlationId: "req-2", causationId: "ev-1" }, () => createEvent("order.created", order));
  expect(parseEvent("order.created", JSON.parse(JSON.stringify(event)))).toMatchObject({
    correlationId: "req-2",
    causationId: "ev-1",
  });
  const { correlationId: _c, causationId: _k, ...old } = event;
  expect(traceOfEvent(parseEvent("order.created", old))).toEqual({ correlationId: event.id, causationId: event.id });
  expect(() => parseEvent("order.created", { ...event, correlationId: "two words" })).toThrow();
});
