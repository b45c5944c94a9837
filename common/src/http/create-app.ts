import { randomUUID } from "node:crypto";
import cookieParser from "cookie-parser";
import express, { type Express, type Router } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { TokenVersionLookup } from "../sessions";
import { currentUser } from "./current-user";
import { errorHandler, notFoundHandler } from "./error-handler";
import { healthRoutes, type ReadinessCheck } from "./health";
import "./express-types";

export interface AppOptions {
  logger: Logger;
  jwtKey: string;
  minTokenVersion: TokenVersionLookup;
  readiness: Record<string, ReadinessCheck>;
  /** The service's routers, mounted after the shared middleware. */
  routes: Router[];
  jsonLimit?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The Express app every service shares: security headers, request ids (kept from
 * `x-request-id` when the gateway sent one), request logs, JSON body limit, cookies,
 * the current user, health probes, then the service's routes and the error handler.
 */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", true);
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
    }),
  );
  app.use(healthRoutes(options.readiness));
  app.use(express.json({ limit: options.jsonLimit ?? "100kb" }));
  app.use(cookieParser());
  app.use(currentUser(options.jwtKey, options.minTokenVersion));
  for (const router of options.routes) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(options.logger));
  return app;
}
