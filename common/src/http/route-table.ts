import type { Express } from "express";

export interface RouteEntry {
  method: string;
  /** Express path pattern, e.g. `/api/tickets/:id`. */
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every method and path the app answers, read from Express's router (its routers mounted at
 * the root, as createApp mounts them): what a test that must cover "every route" walks.
 */
export function routeTable(app: Express): RouteEntry[] {
  const entries: RouteEntry[] = [];
  const walk = (stack: Layer[] | undefined) => {
    for (const layer of stack ?? []) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on && method !== "_all") entries.push({ method: method.toUpperCase(), path });
          }
        }
      } else walk(layer.handle?.stack);
    }
  };
  walk((app as unknown as { router?: { stack: Layer[] } }).router?.stack);
  return entries;
}
