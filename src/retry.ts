// Runs one call as attempts: each under its own deadline, all stopped by the caller's signal, retried by the rules.
import { AttemptControl } from "./attempt-control.js";
import { type Abortable, unwatch, watch } from "./caller-signal.js";
import { APIConnectionError, APIError, APIUserAbortError } from "./errors.js";
import type { Authorize } from "./exchange.js";
import { DEBUG, emit, type Log } from "./logger.js";
import type { FetchLike } from "./options.js";
import { headersForLog } from "./redact.js";
import type { RetryOverrides } from "./resilience-options.js";
import { isRetryable, isTransient, retryDelayMs } from "./retry-policy.js";
import { AbortedByCaller } from "./stop-reasons.js";
import { startDeadline } from "./timeout.js";

/** A client's fetch, retry, timeout and logging settings, resolved once at construction. */
export interface CallPolicy {
  /** The fetch every attempt goes through (the client's `fetch` option). */
  readonly fetch: FetchLike;
  /** Puts the client's key on each request. */
  readonly authorize: Authorize;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly log: Log;
  /** Checks request bodies before sending, when the client was given `validation`. */
  readonly validateRequest?: ((operationId: string, body: unknown) => void) | undefined;
  /** Checks JSON success bodies, when `validateResponses` is on. */
  readonly validateResponse?:
    | ((
        operationId: string,
        body: unknown,
        context: { status: number; method: string; path: string; url: string },
      ) => void)
    | undefined;
}

/** What an attempt resolves to: at least the response, so a debug line can show its status. */
export interface Attempted {
  readonly response: Response;
}

/**
 * One attempt of a call: send the request through openapi-fetch with `control.fetch` as its per-request fetch,
 * read the body through `control.guard`, and reject with an ArgilError.
 */
export type Attempt<T extends Attempted> = (control: AttemptControl) => Promise<T>;

/** One call's link to its caller's signal: an abort stops the running attempt, or the wait before the next. */
class CallerAbort implements Abortable {
  attempt: AttemptControl | undefined;
  private wake: (() => void) | undefined;

  constructor(readonly signal: AbortSignal) {}

  abort(reason: unknown): void {
    this.attempt?.abort(new AbortedByCaller(reason));
    this.wake?.();
  }

  /** Waits `ms`, or less when the caller aborts meanwhile; clears its timer either way. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
      if (this.signal.aborted) this.wake();
    });
  }
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails in a way the retry rules do not retry, or runs out of retries, and
 * sets `attempts` on the error it throws. Once it settles, no timer and no listener of its own remains.
 */
export async function runAttempts<T extends Attempted>(
  policy: CallPolicy,
  method: string,
  path: string,
  overrides: RetryOverrides & { readonly fetch?: FetchLike | undefined },
  attempt: Attempt<T>,
): Promise<T> {
  const base = overrides.fetch ?? policy.fetch;
  const maxRetries = overrides.maxRetries ?? policy.maxRetries;
  const timeoutMs = overrides.timeoutMs ?? policy.timeoutMs;
  const { log } = policy;
  const debug = log.rank >= DEBUG;
  const caller = overrides.signal ? new CallerAbort(overrides.signal) : undefined;
  // Aborted before the call: the first attempt starts stopped, so nothing is sent and the error counts 0 attempts.
  const abortedFirst = caller?.signal.aborted;
  if (caller) watch(caller.signal, caller);
  try {
    for (let number = 1; ; number++) {
      const control = new AttemptControl(base, policy.authorize, path);
      if (caller) {
        caller.attempt = control;
        if (caller.signal.aborted) caller.abort(caller.signal.reason);
      }
      const started = debug ? performance.now() : 0;
      const timer = startDeadline(control, timeoutMs);
      let failure: unknown;
      try {
        const result = await attempt(control);
        if (debug) logAttempt(log, method, path, number, maxRetries, started, result.response);
        return result;
      } catch (error) {
        failure = error;
      } finally {
        clearTimeout(timer);
      }
      if (debug) logAttempt(log, method, path, number, maxRetries, started, failure);
      const aborted = caller?.signal.aborted;
      if (aborted || number > maxRetries || !isRetryable(failure, method)) {
        // A transient failure the caller did not ask to stop: say why it was not retried, unless retries are off.
        if (!aborted && maxRetries > 0 && isTransient(failure)) {
          const why =
            number > maxRetries
              ? `gave up after ${number} attempts`
              : `not retried, as the server may have acted on this ${method}`;
          emit(log, "warn", `argil: ${why}: ${failure.message}`, { method, path, attempts: number });
        }
        throw counted(failure, abortedFirst ? 0 : number);
      }
      const delay = retryDelayMs(failure, number);
      const next = `attempt ${number + 1} of ${maxRetries + 1}`;
      emit(log, "info", `argil: retrying in ${delay} ms (${next}): ${failure.message}`, {
        method,
        path,
        delay,
      });
      await (caller ? caller.wait(delay) : wait(delay));
      if (caller?.signal.aborted) {
        const { url } = failure;
        throw counted(new APIUserAbortError({ method, path, url, cause: caller.signal.reason }), number);
      }
    }
  } finally {
    if (caller) unwatch(caller.signal, caller);
  }
}

function counted(error: unknown, attempts: number): unknown {
  if (error instanceof APIError || error instanceof APIConnectionError) error.attempts = attempts;
  return error;
}

// Only called at debug level, so a quiet client never formats a line or copies headers.
function logAttempt(
  log: Log,
  method: string,
  path: string,
  attempt: number,
  maxRetries: number,
  started: number,
  outcome: unknown,
): void {
  const durationMs = Math.round(performance.now() - started);
  // By shape, not instanceof Response: a fetch from the undici package or another realm answers with its own class.
  const answer =
    outcome instanceof APIError || typeof (outcome as Response | undefined)?.headers?.get === "function"
      ? (outcome as Response | APIError)
      : undefined;
  const status = answer?.status;
  const what = status ?? (outcome as Error | undefined)?.name;
  const url = (outcome as { url?: string } | undefined)?.url;
  const headers = answer && headersForLog(answer.headers);
  const line = `argil: ${method} ${path} ${what} in ${durationMs} ms (attempt ${attempt} of ${maxRetries + 1})`;
  emit(log, "debug", line, { method, path, url, status, attempt, durationMs, headers });
}
