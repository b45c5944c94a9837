import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type EventData, type EventType, eventCatalogue } from "./catalogue";
import { currentTrace, TRACE_ID } from "./trace-context";

/**
 * What travels on the bus: an id (also the JetStream dedup id), the type, schema version,
 * time and data, plus the action it belongs to: `correlationId` (the request that started
 * it, shared by every event it led to) and `causationId` (the request or event that
 * directly caused this one). Envelopes from before tracing have neither.
 */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  version: number;
  occurredAt: string;
  correlationId?: string;
  causationId?: string;
  data: EventData<T>;
}

/**
 * Builds an envelope, validating the data against the catalogue so a wrong shape never
 * leaves. Inside a request or an event handler it carries that context's correlation id
 * and names it as the cause; outside any (a timer) it starts a correlation of its own.
 */
export function createEvent<T extends EventType>(type: T, data: EventData<T>): EventEnvelope<T> {
  const spec = eventCatalogue[type];
  const id = randomUUID();
  const trace = currentTrace();
  return {
    id,
    type,
    version: spec.version,
    occurredAt: new Date().toISOString(),
    correlationId: trace?.correlationId ?? id,
    ...(trace && { causationId: trace.causationId }),
    data: spec.data.parse(data) as EventData<T>,
  };
}

const envelopeShape = z.object({
  id: z.uuid(),
  type: z.string(),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().regex(TRACE_ID).optional(),
  causationId: z.string().regex(TRACE_ID).optional(),
  data: z.unknown(),
});

/** Parses a received message body as an envelope of `type`; throws on anything else. */
export function parseEvent<T extends EventType>(type: T, body: unknown): EventEnvelope<T> {
  const envelope = envelopeShape.parse(body);
  if (envelope.type !== type) throw new Error(`Expected a ${type} event, got ${envelope.type}`);
  const spec = eventCatalogue[type];
  if (envelope.version !== spec.version) {
    throw new Error(`Unsupported ${type} version ${envelope.version} (this build reads ${spec.version})`);
  }
  return { ...envelope, type, data: spec.data.parse(envelope.data) as EventData<T> };
}
