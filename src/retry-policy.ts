// Which failures are retried, for which methods, and after how long: the rules of the README's retry section.
import { backoffMs } from "./backoff.js";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "./errors.js";

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504]);
// A repeated GET, PUT or DELETE leaves the server as one would; a POST here creates a video or starts a render.
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const MAX_CAUSE_DEPTH = 8;

/** A failure that retrying may cure, for any method: a connection failure, a timeout, or a retryable status. */
export type TransientFailure = APIError | APIConnectionError;

/** True for a failure another attempt of an idempotent request may cure. A caller's abort is never one. */
export function isTransient(error: unknown): error is TransientFailure {
  if (error instanceof APIError) return RETRYABLE_STATUSES.has(error.status);
  return error instanceof APIConnectionError && !(error instanceof APIUserAbortError);
}

/**
 * True when `error` may be retried for `method`. GET, PUT and DELETE: every transient failure. Any other method
 * (POST): only when the server certainly did not act, that is a 429 or a connection refused before any byte
 * was sent; never a 5xx or a timeout, after which the work may have been done.
 */
export function isRetryable(error: unknown, method: string): error is TransientFailure {
  if (!isTransient(error)) return false;
  if (IDEMPOTENT_METHODS.has(method)) return true;
  if (error instanceof APIError) return error.status === 429;
  return !(error instanceof APIConnectionTimeoutError) && refusedBeforeSending(error.cause);
}

/** True when ECONNREFUSED is somewhere in the cause chain (also inside an AggregateError of address attempts). */
export function refusedBeforeSending(cause: unknown, depth = 0): boolean {
  if (typeof cause !== "object" || cause === null || depth > MAX_CAUSE_DEPTH) return false;
  if ((cause as { code?: unknown }).code === "ECONNREFUSED") return true;
  const { errors } = cause as { errors?: unknown };
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.every((inner) => refusedBeforeSending(inner, depth + 1));
  }
  return refusedBeforeSending((cause as { cause?: unknown }).cause, depth + 1);
}

/** The wait before retry number `retry`: the server's Retry-After when usable (0 to 60 s), else the backoff. */
export function retryDelayMs(error: TransientFailure, retry: number): number {
  return (error instanceof APIError ? error.retryAfterMs : undefined) ?? backoffMs(retry);
}
