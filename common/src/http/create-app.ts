import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import cookieParser from "cookie-parser";
import express, { type Express, type Router } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { TRACE_ID, withTrace } from "../events/trace-context";
import type { RevokedSessionLookup, SessionCheck, TokenVersionLookup } from "../sessions";
import { trustProxySetting } from "./client-address";
import { noStore, refuseCrossSiteWrites } from "./cross-site";
import { currentUser } from "./current-user";
import { errorHandler, notFoundHandler } from "./error-handler";
import { healthRoutes, type ReadinessCheck } from "./health";
import { refuseEncodedBodies, refuseMalformedPaths, refuseNulCharacters } from "./request-hygiene";
import { shedLoad } from "./shed-load";
import "./express-types";

export interface AppOptions {
  logger: Logger;
  jwtKey: string;
  minTokenVersion: TokenVersionLookup;
  /** Sessions signed out one by one (every service with a database: revokedSessionLookup). */
  isSessionRevoked?: RevokedSessionLookup;
  /** Both checks in one (cached) lookup; replaces the two above (services other than auth). */
  sessionCheck?: SessionCheck;
  readiness: Record<string, ReadinessCheck>;
  /** Figures reported with /readyz that do not decide readiness (e.g. dead letters). */
  readinessDetails?: () => Promise<Record<string, unknown>>;
  /** The service's routers, mounted after the shared middleware. */
  routes: Router[];
  jsonLimit?: string;
  /** Requests waiting for a database connection now, and how many make new requests answer 429 (SHED_DB_WAITING). */
  shed?: { waiting: () => number; maxWaiting: number };
  /** Which peers may set X-Forwarded-For (`TRUST_PROXY`, see `trustProxySetting`); default `loopback`. */
  trustProxy?: string;
}

// W3C trace context: version-traceid-parentid-flags; an all-zero trace id is invalid.
const TRACEPARENT = /^[0-9a-f]{2}-(?!0{32})([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The trace of a request: its correlation id is the caller's W3C trace id when it sent a
 * `traceparent` (a browser or gateway tracing one action across several requests), else
 * the request id; the request is the cause of what it does.
 */
export function requestTrace(req: IncomingMessage & { id?: unknown }) {
  const requestId = String(req.id);
  const header = req.headers.traceparent;
  const traceId = typeof header === "string" ? TRACEPARENT.exec(header.trim())?.[1] : undefined;
  return { correlationId: traceId ?? requestId, causationId: requestId };
}

/**
 * The Express app every service shares: security headers, request ids (kept from
 * `x-request-id` when the gateway sent one), request logs, health probes, `no-store`,
 * refusal of malformed paths, cross-site writes, compressed bodies and NUL characters (each
 * a 4xx naming the field, never a 500 from deeper down), the JSON body limit, cookies, the
 * current user, then the service's routes and the error handler.
 */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(options.trustProxy ?? "loopback"));
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && TRACE_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
      // One short entry per request (id, method, url, status, time): full request and
      // response headers made each ~2 kB of JSON and could carry what logs must not.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(healthRoutes(options.readiness, options.readinessDetails));
  if (options.shed) app.use(shedLoad(options.shed.waiting, options.shed.maxWaiting));
  app.use(noStore);
  app.use(refuseMalformedPaths);
  app.use(refuseCrossSiteWrites);
  app.use(refuseEncodedBodies);
  app.use(express.json({ limit: options.jsonLimit ?? "100kb" }));
  app.use(refuseNulCharacters);
  app.use(cookieParser());
  // After the body parser (its stream callbacks would lose the context): the routes, what
  // they log and the events they write carry the request's correlation id.
  app.use((req, _res, next) => withTrace(requestTrace(req), next));
  app.use(currentUser(options.jwtKey, options.minTokenVersion, options.isSessionRevoked, options.sessionCheck));
  for (const router of options.routes) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(options.logger));
  return app;
}
