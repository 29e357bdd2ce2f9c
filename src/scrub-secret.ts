// Removes the API key from an error on its way out, for servers, proxies or fetch wrappers that echo it back.
const REPLACEMENT = "[redacted]";

/**
 * Keys shorter than this are not searched for: real Argil keys are long, and replacing a short test key such as
 * "test" inside messages, URLs and bodies would corrupt them while protecting nothing.
 */
export const MIN_SCRUBBED_LENGTH = 8;

// Deep enough for any cause chain or library error seen in practice; cycles end here too.
const MAX_DEPTH = 12;

/**
 * `value` with every occurrence of `secret` replaced. The rule throughout: what holds no secret comes back as
 * the same object, so identity, class and fields stay as they were; what holds one comes back as a copy, so
 * nothing the caller or a library owns (their error, their signal's reason, a frozen object) is changed.
 */
// Server text is cut short in messages and raw bodies (and by V8 in JSON parse errors), and a cut can fall
// inside an echoed key: from this many leading characters on, a run that follows the key counts as the key.
const fragmentLength = (secret: string) => Math.max(MIN_SCRUBBED_LENGTH, Math.ceil(secret.length / 2));

/** `text` with the key, and any run of at least half its leading characters, replaced. */
function scrubText(text: string, secret: string): string {
  const head = secret.slice(0, fragmentLength(secret));
  let at = text.indexOf(head);
  if (at === -1) return text;
  let out = "";
  let from = 0;
  while (at !== -1) {
    let end = at + head.length;
    while (end < text.length && end - at < secret.length && text[end] === secret[end - at]) end++;
    out += text.slice(from, at) + REPLACEMENT;
    from = end;
    at = text.indexOf(head, from);
  }
  return out + text.slice(from);
}

function scrubValue(value: unknown, secret: string, depth: number): unknown {
  if (typeof value === "string") return scrubText(value, secret);
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return value;
  const next = depth + 1;
  if (Array.isArray(value)) {
    const items = value.map((item) => scrubValue(item, secret, next));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (value instanceof Headers) {
    const entries = [...value].map(([name, text]): [string, string] => [
      name,
      scrubValue(text, secret, next) as string,
    ]);
    return entries.some(([name, text]) => text !== value.get(name)) ? new Headers(entries) : value;
  }
  if (typeof Request === "function" && value instanceof Request) return scrubRequest(value, secret, next);
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]) => [key, scrubValue(item, secret, next)] as const);
    return entries.some(([key, item]) => item !== value.get(key)) ? new Map(entries) : value;
  }
  if (value instanceof Set) {
    const items = [...value].map((item) => scrubValue(item, secret, next));
    return items.some((item) => !value.has(item)) ? new Set(items) : value;
  }
  return scrubbedObject(value, secret, next);
}

/**
 * An object (an error, a plain object, another class's instance) with its own properties scrubbed, symbol keys
 * and non-enumerable ones (an error's message, stack and cause) included. A copy keeps the prototype, so
 * `instanceof` and fields such as `code` still hold.
 */
function scrubbedObject(value: object, secret: string, depth: number): object {
  const changed = new Map<PropertyKey, unknown>();
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor || !("value" in descriptor)) continue;
    const scrubbed = scrubValue(descriptor.value, secret, depth);
    if (scrubbed !== descriptor.value) changed.set(key, scrubbed);
  }
  if (changed.size === 0) return value;
  const copy = Object.create(Object.getPrototypeOf(value)) as object;
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
    const replaced = changed.has(key) ? { value: changed.get(key) } : {};
    Object.defineProperty(copy, key, { ...descriptor, ...replaced });
  }
  return copy;
}

// A Request a fetch wrapper rejects with (or an HTTP library's error carries) holds the key in its headers.
// The copy keeps method, URL and headers, scrubbed; not the body, which could only be read asynchronously.
function scrubRequest(request: Request, secret: string, depth: number): unknown {
  const headers = scrubValue(request.headers, secret, depth) as Headers;
  const url = scrubValue(request.url, secret, depth) as string;
  if (headers === request.headers && url === request.url) return request;
  try {
    return new Request(url, { method: request.method, headers });
  } catch {
    return { method: request.method, url, headers };
  }
}

/**
 * The client's own error, scrubbed in place: its message, stack, body, raw body, headers and cause chain. The
 * cause and anything else it holds are replaced by scrubbed copies, never changed. Errors keep their fields
 * readonly for users; this is the one place allowed to rewrite them.
 */
function scrubOwnError<E extends Error>(error: E, secret: string): E {
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (!descriptor || !("value" in descriptor)) continue;
    const scrubbed = scrubValue(descriptor.value, secret, 1);
    if (scrubbed === descriptor.value) continue;
    if (descriptor.configurable) Object.defineProperty(error, key, { ...descriptor, value: scrubbed });
    else if (descriptor.writable) (error as Record<PropertyKey, unknown>)[key] = scrubbed;
  }
  return error;
}

/**
 * Replaces every occurrence of `secret` in the error the client is about to throw. Returns the same error so
 * callers can `throw scrubSecret(error, key)`; a failure that is not an Error is returned unchanged.
 */
export function scrubSecret<T>(error: T, secret: string): T {
  if (error instanceof Error && secret.length >= MIN_SCRUBBED_LENGTH) scrubOwnError(error, secret);
  return error;
}

/** A copy of `value` (a log line's message or details) with every occurrence of `secret` replaced. */
export function scrubDeep<T>(value: T, secret: string): T {
  return secret.length >= MIN_SCRUBBED_LENGTH ? (scrubValue(value, secret, 0) as T) : value;
}
