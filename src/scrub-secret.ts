// Removes the API key from an error on its way out, for servers, proxies or fetch wrappers that echo it back.
const REPLACEMENT = "[redacted]";

/**
 * Keys shorter than this are not searched for: real Argil keys are long, and replacing a short test key such as
 * "test" inside messages, URLs and bodies would corrupt them while protecting nothing.
 */
export const MIN_SCRUBBED_LENGTH = 8;

function scrubValue(value: unknown, secret: string, depth: number): unknown {
  if (typeof value === "string")
    return value.includes(secret) ? value.replaceAll(secret, REPLACEMENT) : value;
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secret, depth + 1));
  if (value instanceof Error) {
    // A frozen error (say, a wrapper's) cannot be changed in place: a plain copy carries its scrubbed text.
    return Object.isFrozen(value)
      ? scrubbedCopy(value, secret, depth + 1)
      : scrubError(value, secret, depth + 1);
  }
  if (value instanceof Headers) {
    const copy = new Headers();
    for (const [name, text] of value) copy.append(name, scrubValue(text, secret, depth) as string);
    return copy;
  }
  if (typeof Request === "function" && value instanceof Request) return scrubRequest(value, secret, depth);
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]) => [key, scrubValue(item, secret, depth + 1)] as const);
    return entries.some(([key, item]) => item !== value.get(key)) ? new Map(entries) : value;
  }
  const entries = Object.entries(value).map(
    ([key, item]) => [key, scrubValue(item, secret, depth + 1)] as const,
  );
  if (Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(entries);
  // Another class's instance (an HTTP library's request or config object) is left as it is unless the key is
  // in one of its own fields; then a plain copy of those fields, scrubbed, takes its place.
  return entries.some(([key, item]) => item !== (value as Record<string, unknown>)[key])
    ? Object.fromEntries(entries)
    : value;
}

function scrubbedCopy(error: Error, secret: string, depth: number): Error {
  const copy = new Error(scrubValue(error.message, secret, depth) as string, {
    cause: scrubValue(error.cause, secret, depth),
  });
  copy.name = error.name;
  if (error.stack !== undefined) copy.stack = scrubValue(error.stack, secret, depth) as string;
  return copy;
}

// A Request a fetch wrapper rejects with (or an HTTP library's error carries) holds the key in its headers.
// The copy keeps method, URL and headers, scrubbed; not the body, which could only be read asynchronously.
function scrubRequest(request: Request, secret: string, depth: number): unknown {
  const headers = scrubValue(request.headers, secret, depth) as Headers;
  const url = scrubValue(request.url, secret, depth) as string;
  try {
    return new Request(url, { method: request.method, headers });
  } catch {
    return { method: request.method, url, headers };
  }
}

function scrubError<E extends Error>(error: E, secret: string, depth = 0): E {
  for (const key of [...Object.getOwnPropertyNames(error), "cause"] as (keyof E & string)[]) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (!descriptor || !("value" in descriptor)) continue;
    const scrubbed = scrubValue(descriptor.value, secret, depth);
    if (scrubbed === descriptor.value) continue;
    // Errors keep their fields readonly for users; this copy-on-write is the one place allowed to change them.
    Object.defineProperty(error, key, { ...descriptor, value: scrubbed });
  }
  return error;
}

/**
 * Replaces every occurrence of `secret` in the error's message, stack, body, raw body, headers and cause chain.
 * Returns the same error so callers can `throw scrubSecret(error, key)`.
 */
export function scrubSecret<T>(error: T, secret: string): T {
  if (error instanceof Error && secret.length >= MIN_SCRUBBED_LENGTH) scrubError(error, secret);
  return error;
}

/** A copy of `value` (a log line's message or details) with every occurrence of `secret` replaced. */
export function scrubDeep<T>(value: T, secret: string): T {
  return secret.length >= MIN_SCRUBBED_LENGTH ? (scrubValue(value, secret, 0) as T) : value;
}
