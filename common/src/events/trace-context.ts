import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What ties a piece of work to the user action it belongs to, so one purchase can be
 * followed through every service's logs with one grep.
 */
export interface TraceContext {
  /** The same for everything one action caused: the id of the request it started with. */
  correlationId: string;
  /** The request or event that directly caused this work. */
  causationId: string;
}

/** Request ids, trace ids and event ids: what may travel in a header, an envelope or a log. */
export const TRACE_ID = /^[A-Za-z0-9._-]{1,128}$/;

const storage = new AsyncLocalStorage<TraceContext>();

/** The context of the request or event being handled, if any. */
export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it awaits) in `trace`: events it creates and lines it logs carry it. */
export function withTrace<T>(trace: TraceContext, fn: () => T): T {
  return storage.run(trace, fn);
}

/**
 * Runs `fn` as part of the action `correlationId` names (e.g. the purchase an order was
 * placed in), keeping the current cause, so every event of one purchase shares one
 * correlation id even when its requests came without a common `traceparent`.
 */
export function withinAction<T>(correlationId: string | null | undefined, fn: () => T): T {
  if (!correlationId) return fn();
  return withTrace({ correlationId, causationId: currentTrace()?.causationId ?? correlationId }, fn);
}

/** The context of handling `event`: its correlation id (or its own id, for an old envelope), caused by it. */
export function traceOfEvent(event: { id: string; correlationId?: string }): TraceContext {
  return { correlationId: event.correlationId ?? event.id, causationId: event.id };
}
