// Calls from the browser: relative /api/... URLs (the gateway serves pages and API at one
// origin), the session cookie goes along by itself. Every failure becomes an ApiError.
import { ApiError } from "./api-error";
import type { ApiErrorItem } from "./api-types";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  method?: Method;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  form?: FormData;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", json, form, signal } = options;
  const headers: Record<string, string> = { accept: "application/json" };
  let body: BodyInit | undefined;
  if (form) body = form;
  else if (json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(json);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, signal, credentials: "same-origin", cache: "no-store" });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, []);
  }
  const data = await readJson(res);
  if (!res.ok) throw new ApiError(res.status, errorItems(data), retryAfter(res));
  return data as T;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => "");
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null; // an HTML error page from a proxy: the status says enough
  }
}

export function errorItems(data: unknown): ApiErrorItem[] {
  const errors = (data as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is ApiErrorItem => typeof e === "object" && e !== null && typeof e.message === "string")
    .map((e) => ({ message: e.message, ...(typeof e.field === "string" ? { field: e.field } : {}) }));
}

function retryAfter(res: Response): number | null {
  const value = Number(res.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? value : null;
}
