import { createEvent, eventCatalogue, parseEvent } from "../../src/events";

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
