import type { ApiErrorItem } from "./api-types";

/**
 * A failed API call: the HTTP status (0 when the server could not be reached) and the
 * `errors` items of the body. `message` is always something a person can read.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: ApiErrorItem[];
  /** Seconds from a Retry-After header (429), when present. */
  readonly retryAfter: number | null;

  constructor(status: number, errors: ApiErrorItem[], retryAfter: number | null = null) {
    super(humanMessage(status, errors, retryAfter));
    this.name = "ApiError";
    this.status = status;
    this.errors = errors;
    this.retryAfter = retryAfter;
  }

  /** `{field: message}` for the items that name a field (first message per field wins). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const item of this.errors) {
      if (item.field && !(item.field in out)) out[item.field] = item.message;
    }
    return out;
  }

  /** Messages that belong to no field of `knownFields`, for a form-level alert. */
  formErrors(knownFields: readonly string[]): string[] {
    if (this.status === 0 || this.status >= 500 || this.errors.length === 0) return [this.message];
    return this.errors.filter((e) => !e.field || !knownFields.includes(e.field)).map((e) => e.message);
  }
}

const BY_STATUS: Record<number, string> = {
  0: "We could not reach the server. Check your connection and try again.",
  401: "Please sign in to continue.",
  403: "You are not allowed to do that.",
  404: "We could not find what you were looking for.",
  409: "This changed in the meantime. Reload the page and try again.",
  413: "That file is too large.",
  415: "That file type is not supported.",
  429: "Too many attempts. Please wait a moment and try again.",
  502: "A partner service is not answering right now. Please try again in a moment.",
  503: "The service is busy right now. Please try again in a moment.",
};

function humanMessage(status: number, errors: ApiErrorItem[], retryAfter: number | null): string {
  if (status === 429 && retryAfter) return `Too many attempts. Try again in ${retryAfter} seconds.`;
  const first = errors[0]?.message;
  // 5xx bodies are generic ("Something went wrong"): say what the user can do instead.
  if (first && status > 0 && status < 500) return first;
  return BY_STATUS[status] ?? "Something went wrong on our side. Please try again in a moment.";
}

/** Any thrown value as a sentence for a toast. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return "Something went wrong. Please try again.";
}
