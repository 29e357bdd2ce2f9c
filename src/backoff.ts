// How long to wait before a retry when the server did not say: exponential backoff with jitter.

/** The wait before the first retry, in ms. */
export const INITIAL_BACKOFF_MS = 500;
/** The longest computed wait between two attempts, in ms. */
export const MAX_BACKOFF_MS = 8_000;
// Each wait is shortened by up to this fraction at random, so clients that failed together do not retry together.
const JITTER = 0.25;

/**
 * The computed wait before retry number `retry` (1 for the first): 500 ms doubling per retry up to 8 s,
 * minus up to a quarter at random. Always a finite whole number of ms.
 */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (retry > 1 ? retry - 1 : 0));
  const draw = random();
  // A random source outside [0, 1] (or NaN) must not turn into a NaN or negative wait.
  const fraction = draw >= 0 && draw <= 1 ? draw : 0;
  return Math.round(base * (1 - JITTER * fraction));
}
