// The one place a failed exchange (fetch rejected, or the body stopped) becomes a connection error class.

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  type ErrorRequest,
} from "./errors.js";
import { AbortedByCaller, AttemptTimeout } from "./stop-reasons.js";

/** Where the exchange broke: before the status arrived, or while the body was streaming in. */
export type ExchangePhase = "response" | "body";

/**
 * The error for an exchange that failed with `cause`: `APIConnectionTimeoutError` when the attempt's deadline
 * stopped it, `APIUserAbortError` (the caller's reason as `cause`) when the caller's signal did, otherwise
 * `APIConnectionError` with the failure as `cause`.
 */
export function connectionError(
  request: ErrorRequest,
  cause: unknown,
  phase: ExchangePhase,
): APIConnectionError {
  const { method, path, url } = request;
  if (cause instanceof AbortedByCaller)
    return new APIUserAbortError({ method, path, url, cause: cause.reason });
  if (cause instanceof AttemptTimeout) {
    const during = phase === "body" ? "while reading the response body" : "waiting for the response";
    const message = `the request timed out after ${cause.timeoutMs} ms (timeoutMs) ${during}; raise timeoutMs or try again later`;
    return new APIConnectionTimeoutError({ method, path, url, cause, message });
  }
  const message = phase === "body" ? "the connection failed while reading the response body" : undefined;
  return new APIConnectionError({ method, path, url, cause, message });
}
