// Calls made while rendering on the server: the same /api routes the browser uses, through
// API_BASE_URL (the gateway; in Kubernetes its in-cluster address), with the visitor's
// cookie forwarded so the services see the same session.
import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { errorItems } from "./api-client";
import { ApiError } from "./api-error";
import type { User } from "./api-types";
import { serverConfig } from "./config";

export async function serverGet<T>(path: string): Promise<T> {
  const incoming = await headers();
  const forward: Record<string, string> = { accept: "application/json" };
  const cookie = incoming.get("cookie");
  if (cookie) forward.cookie = cookie;
  // Keeps the visitor's address in the services' logs and rate limits.
  const forwardedFor = incoming.get("x-forwarded-for");
  if (forwardedFor) forward["x-forwarded-for"] = forwardedFor;
  const requestId = incoming.get("x-request-id");
  if (requestId) forward["x-request-id"] = requestId;

  let res: Response;
  try {
    res = await fetch(new URL(path, serverConfig().apiBaseUrl), {
      headers: forward,
      cache: "no-store",
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new ApiError(0, []);
  }
  const text = await res.text().catch(() => "");
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) throw new ApiError(res.status, errorItems(data));
  return data as T;
}

/** Like serverGet, but a 404 shows the not-found page and a 401 sends the visitor to sign in. */
export async function serverGetOrNavigate<T>(path: string, returnTo: string): Promise<T> {
  try {
    return await serverGet<T>(path);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) notFound();
    if (err instanceof ApiError && err.status === 401) redirect(signInPath(returnTo));
    throw err;
  }
}

export interface Session {
  user: User | null;
  /** True when the auth service could not answer (the header says so instead of "Sign in"). */
  unavailable: boolean;
}

/** Who is signed in, asked once per request (layout and page share the answer). */
export const session = cache(async (): Promise<Session> => {
  try {
    const { currentUser } = await serverGet<{ currentUser: User | null }>("/api/users/currentuser");
    return { user: currentUser ?? null, unavailable: false };
  } catch {
    return { user: null, unavailable: true };
  }
});

export async function currentUser(): Promise<User | null> {
  return (await session()).user;
}

/** The signed-in user, or a redirect to sign in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}

export function signInPath(returnTo: string): string {
  return `/auth/signin?next=${encodeURIComponent(returnTo)}`;
}
