// Runs before every page (Next.js "proxy", formerly middleware): refuses undecodable paths
// with 400 instead of a render error, and sends the Content-Security-Policy with a fresh
// nonce, which Next.js reads from the request header and puts on its own scripts.
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, malformedPath } from "@/lib/security-headers";

const env: Record<string, string | undefined> = process.env;

export function proxy(request: NextRequest) {
  if (malformedPath(request.nextUrl.pathname)) {
    return new NextResponse("Bad request: the path has malformed percent-encoding", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, {
    paypalSdkUrl: env.NEXT_PUBLIC_PAYPAL_SDK_URL?.trim() || null,
    development: env.NODE_ENV === "development",
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Pages only: hashed static assets carry no scripts of their own.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
