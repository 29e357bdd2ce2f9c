// Retry and timeout settings shared by the client options and the per-request options: defaults, limits, checks.
import { InvalidRequestError } from "./errors.js";

/** Retries after the first attempt when `maxRetries` is not given. */
export const DEFAULT_MAX_RETRIES = 2;
/** The deadline of one attempt, in ms, when `timeoutMs` is not given. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** The longest deadline a timer can hold (2^31 - 1 ms, about 24.8 days); Node fires longer ones at once. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Per-call overrides of the client's retry settings, as a request's options carry them. */
export interface RetryOverrides {
  readonly signal?: AbortSignal | undefined;
  readonly maxRetries?: number | undefined;
  readonly timeoutMs?: number | undefined;
}

/**
 * Why the `maxRetries` and `timeoutMs` of `options` cannot be used, naming the first bad one, or undefined when
 * both can (undefined means "use the default"). Only numbers are echoed, so no string a caller passed is shown.
 */
export function retryOptionsProblem(options: {
  maxRetries?: unknown;
  timeoutMs?: unknown;
}): string | undefined {
  const { maxRetries, timeoutMs } = options;
  const shown = (value: unknown) => (typeof value === "number" ? value : typeof value);
  if (maxRetries !== undefined && !(Number.isSafeInteger(maxRetries) && (maxRetries as number) >= 0)) {
    return `maxRetries must be a whole number, 0 or more (got ${shown(maxRetries)})`;
  }
  const ms = timeoutMs as number;
  if (timeoutMs !== undefined && !(Number.isInteger(ms) && ms >= 1 && ms <= MAX_TIMEOUT_MS)) {
    return `timeoutMs must be a whole number of ms from 1 to ${MAX_TIMEOUT_MS} (got ${shown(timeoutMs)})`;
  }
  return undefined;
}

/** Throws InvalidRequestError for a bad `maxRetries` or `timeoutMs` in a request's options; nothing is sent. */
export function assertRetryOptions(
  where: string,
  options: { maxRetries?: unknown; timeoutMs?: unknown },
): void {
  const problem = retryOptionsProblem(options);
  if (problem) {
    const [name = "", ...rest] = problem.split(" ");
    throw new InvalidRequestError(`${where}: ${problem}; nothing was sent.`, [
      { path: `options.${name}`, message: rest.join(" ") },
    ]);
  }
}
