import { randomUUID } from "node:crypto";
import { parseEvent } from "@m-ticketing/common";
import { expirationCompleteEvent, expirationEventId } from "../../src/jobs/expiration-event";

test("every announcement of one order's expiry carries the same event id", () => {
  const orderId = randomUUID();
  expect(expirationEventId(orderId)).toBe(expirationEventId(orderId));
  expect(expirationEventId(orderId)).not.toBe(expirationEventId(randomUUID()));
});

test("the event is a valid expiration.complete envelope that consumers accept", () => {
  const orderId = randomUUID();
  const event = expirationCompleteEvent(orderId);
  const parsed = parseEvent("expiration.complete", JSON.parse(JSON.stringify(event)));
  expect(parsed).toMatchObject({ id: expirationEventId(orderId), type: "expiration.complete", data: { orderId } });
  expect(parsed.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
