// How the local gateway routes requests: the same table as the Kubernetes Gateway API
// HTTPRoutes and the Ingress in infra/ (a test compares them). First match wins.
import { PORTS } from "./services.mjs";

export const ROUTES = [
  { prefix: "/api/users", service: "auth", port: PORTS.auth },
  { prefix: "/api/tickets", service: "tickets", port: PORTS.tickets },
  { prefix: "/api/events", service: "tickets", port: PORTS.tickets },
  { prefix: "/api/orders", service: "orders", port: PORTS.orders },
  { prefix: "/api/payments", service: "payments", port: PORTS.payments },
  { prefix: "/api/notifications", service: "notifications", port: PORTS.notifications },
  { prefix: "/", service: "client", port: PORTS.client },
];
