// The one polling engine behind the wait helpers: fetch, report status changes, sleep, until done, failed,
// timed out or aborted, leaving no timer or listener behind.
import { APIUserAbortError, InvalidRequestError, ResourceFailedError, WaitTimeoutError } from "./errors.js";
import { assertSignal } from "./request-guards.js";

/** Options every wait helper takes. */
export interface PollOptions<Status extends string, R> {
  /** Time between two fetches, in ms. Default: per resource (video 5000, avatar 2000, asset 2000). */
  intervalMs?: number | undefined;
  /**
   * How long to wait in all, in ms, before rejecting with `WaitTimeoutError`. `Infinity` waits for ever.
   * Default: per resource (video 30 minutes, avatar 5 minutes, asset 10 minutes).
   */
  timeoutMs?: number | undefined;
  /** Stops waiting (and the request in flight) when aborted; the wait rejects with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Called with each new status, the first one seen included, and the resource as fetched. */
  onStatus?: ((status: Status, resource: R) => void) | undefined;
}

/** What the engine needs to know about one resource and one wait. */
export interface PollTarget<R> {
  resourceType: "video" | "avatar" | "asset";
  id: string;
  /** The operation polled, for abort errors: "GET" and "/videos/{id}". */
  method: string;
  path: string;
  /** The first fetch (for renderAndWait: the render); later ones use `fetch`. Default: `fetch`. */
  first?: ((signal: AbortSignal) => Promise<R>) | undefined;
  fetch: (signal: AbortSignal) => Promise<R>;
  done: readonly string[];
  failed: readonly string[];
  /** What to do when time runs out, appended to the timeout message. */
  timeoutHint: string;
  defaults: { intervalMs: number; timeoutMs: number };
}

// The reason the engine aborts its own signal with when time runs out; never surfaces as a cause.
const TIMED_OUT = Symbol("timeoutMs elapsed");

// setTimeout fires at once for delays above 2^31 - 1 ms, so longer ones are refused rather than misread.
const MAX_DELAY_MS = 2_147_483_647;

function checkDelay(name: string, value: number, allowInfinity: boolean): number {
  const ok =
    typeof value === "number" &&
    value >= 0 &&
    (value <= MAX_DELAY_MS || (allowInfinity && value === Infinity));
  if (!ok) {
    throw new InvalidRequestError(
      `${name} must be a number of milliseconds from 0 to ${MAX_DELAY_MS}${allowInfinity ? " or Infinity" : ""}, got ${String(value)}.`,
      [{ path: name, message: "is out of range" }],
    );
  }
  return value;
}

const WAIT_OPTION_KEYS = ["intervalMs", "timeoutMs", "signal", "onStatus"];

/**
 * Checks a wait helper's options the way request options are checked, before anything is sent: an object, no
 * unknown (misspelt) keys, a real AbortSignal and a function for onStatus. `extra` names the helper's own keys.
 */
export function assertWaitOptions(helper: string, options: unknown, extra: readonly string[] = []): void {
  if (options === undefined) return;
  const fail = (problem: string, path = "options"): never => {
    throw new InvalidRequestError(`${helper}: ${problem}; nothing was sent.`, [{ path, message: problem }]);
  };
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    fail(`options must be an object, got ${options === null ? "null" : typeof options}`);
  }
  const known = [...WAIT_OPTION_KEYS, ...extra];
  const unknown = Object.keys(options as object).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    fail(
      `unknown option ${unknown.map((key) => JSON.stringify(key)).join(", ")} (expected ${known.join(", ")})`,
    );
  }
  const { signal, onStatus } = options as PollOptions<string, unknown>;
  assertSignal(helper, signal, "options.signal");
  if (onStatus !== undefined && typeof onStatus !== "function") {
    fail("onStatus must be a function", "options.onStatus");
  }
}

const statusOf = (resource: unknown) => {
  const status = (resource as { status?: unknown } | null | undefined)?.status;
  return typeof status === "string" ? status : undefined;
};

/**
 * Fetches `target` until its status is one of `done` (resolves to it) or `failed` (rejects with
 * ResourceFailedError). Rejects with WaitTimeoutError after `timeoutMs`, with APIUserAbortError when `signal`
 * aborts (also mid-request or mid-sleep), and with whatever a fetch rejects with: retries are the client's job.
 */
export async function poll<Status extends string, R>(
  target: PollTarget<R>,
  options: PollOptions<Status, R> = {},
): Promise<R> {
  assertWaitOptions(`waiting for ${target.resourceType} ${target.id}`, options);
  const intervalMs = checkDelay("intervalMs", options.intervalMs ?? target.defaults.intervalMs, false);
  const timeoutMs = checkDelay("timeoutMs", options.timeoutMs ?? target.defaults.timeoutMs, true);
  const { signal, onStatus } = options;
  const { resourceType, id } = target;
  const label = `${resourceType} ${id}`;
  const abortError = () =>
    new APIUserAbortError({
      method: target.method,
      path: target.path,
      url: "",
      cause: signal?.reason,
      message: `the wait for ${label} was aborted by the caller's signal`,
    });
  if (signal?.aborted) throw abortError();

  // One controller stops the request in flight and the sleep, whether the caller aborts or time runs out.
  const stop = new AbortController();
  let timedOut = false;
  let last: R | undefined;
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const deadline =
    timeoutMs === Infinity
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          stop.abort(TIMED_OUT);
        }, timeoutMs);
  const stopped = new Promise<never>((_, reject) => {
    stop.signal.addEventListener("abort", () => reject(stop.signal.reason), { once: true });
  });
  stopped.catch(() => {}); // settled by whichever of the races below notices first

  const timeoutError = (cause?: unknown) => {
    const lastStatus = statusOf(last);
    const state = lastStatus
      ? `still ${lastStatus}`
      : last === undefined
        ? "no answer yet"
        : "the answers had no status";
    return new WaitTimeoutError<R>({
      resourceType,
      id,
      resource: last,
      timeoutMs,
      cause,
      message: `${state} after ${timeoutMs} ms (timeoutMs); ${target.timeoutHint}`,
    });
  };

  try {
    let seen: string | undefined;
    for (let fetch = target.first ?? target.fetch; ; fetch = target.fetch) {
      last = await Promise.race([fetch(stop.signal), stopped]);
      const status = statusOf(last);
      if (status !== undefined && status !== seen) {
        seen = status;
        onStatus?.(status as Status, last);
      }
      if (status !== undefined && target.done.includes(status)) return last;
      if (status !== undefined && target.failed.includes(status)) {
        throw new ResourceFailedError<R>({
          resourceType,
          id,
          resource: last,
          status,
          message: `ended with status ${status}`,
        });
      }
      let sleep: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([new Promise((resolve) => (sleep = setTimeout(resolve, intervalMs))), stopped]);
      } finally {
        clearTimeout(sleep);
      }
    }
  } catch (error) {
    if (timedOut) throw timeoutError(error === TIMED_OUT ? undefined : error);
    if (signal?.aborted) throw error instanceof APIUserAbortError ? error : abortError();
    throw error;
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener("abort", onAbort);
    if (!stop.signal.aborted) stop.abort(); // ends any listener a fetch left on our signal
  }
}
