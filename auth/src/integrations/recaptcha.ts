import { BadGatewayError } from "@m-ticketing/common";

export interface RecaptchaResult {
  success: boolean;
  errorCodes: string[];
}

/**
 * Asks reCAPTCHA's siteverify endpoint whether the token the widget gave the browser is
 * genuine (POST form `secret`, `response`, `remoteip`, as Google documents it).
 * An unreachable or confused verifier is a 502: we cannot tell, so nobody is let through.
 */
export async function verifyRecaptcha(
  verifyUrl: string,
  secret: string,
  token: string,
  remoteIp: string | undefined,
): Promise<RecaptchaResult> {
  const form = new URLSearchParams({ secret, response: token });
  if (remoteIp) form.set("remoteip", remoteIp);
  let body: { success?: unknown; "error-codes"?: unknown };
  try {
    const res = await fetch(verifyUrl, { method: "POST", body: form, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`siteverify answered ${res.status}`);
    body = (await res.json()) as typeof body;
  } catch {
    throw new BadGatewayError("reCAPTCHA could not be verified right now; try again");
  }
  const errorCodes = Array.isArray(body["error-codes"]) ? body["error-codes"].map(String) : [];
  return { success: body.success === true, errorCodes };
}
