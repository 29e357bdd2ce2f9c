// Checks of caller input that must fail before anything is sent: path parameters, query values, headers.
import { InvalidRequestError } from "./errors.js";

const PATH_PARAM = /\{([^{}]+)\}/g;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// A header value is a byte string without CR, LF, NUL or other controls (tab is allowed); fetch throws a bare
// TypeError on anything else, so it is caught here first.
const unsendableHeaderValue = (value: string) =>
  [...value].some((char) => {
    const code = char.charCodeAt(0);
    return (code < 0x20 && code !== 0x09) || code === 0x7f || code > 0xff;
  });

const describe = (value: unknown): string =>
  value === null ? "null" : typeof value === "string" ? JSON.stringify(value) : typeof value;

// Half of a surrogate pair on its own cannot be percent-encoded: encodeURIComponent throws a URIError.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Query names the URL can carry as they are; anything else would need encoding that openapi-fetch does not do.
const QUERY_NAME = /^[A-Za-z0-9_.~-]+$/;

// Decoding repeatedly catches "%2e%2e" and "%252e%252e" that a server or proxy may decode into "..".
function isDotSegment(value: string): boolean {
  // Without a dot or a percent sign no decoding can produce one: the common id needs no further work.
  if (!value.includes(".") && !value.includes("%")) return false;
  let current = value;
  for (let round = 0; round < 3; round++) {
    if (current === "." || current === "..") return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) return false;
    current = decoded;
  }
  return current === "." || current === "..";
}

/**
 * Every `{name}` of the path template must be a non-blank string that is not a dot segment: openapi-fetch would
 * otherwise request another resource (`/webhooks/` or `/webhooks/..` means the collection or the root).
 */
export function assertPathParams(template: string, values: Record<string, unknown> | undefined): void {
  for (const match of template.matchAll(PATH_PARAM)) {
    const name = match[1] as string;
    const value = values?.[name];
    let problem: string | undefined;
    if (typeof value !== "string") problem = `must be a string, got ${describe(value)}`;
    else if (value.trim() === "") problem = `must not be empty or blank, got ${describe(value)}`;
    else if (isDotSegment(value)) problem = `must not be a "." or ".." path segment, got ${describe(value)}`;
    else if (LONE_SURROGATE.test(value))
      problem = "must be well-formed Unicode (it has half a surrogate pair)";
    if (problem) {
      throw new InvalidRequestError(`Path parameter "${name}" ${problem}; nothing was sent.`, [
        { path: `path.${name}`, message: problem },
      ]);
    }
  }
}

// NaN and Infinity would go out as "limit=NaN": numbers must be finite; strings must be encodable.
const isScalar = (value: unknown) =>
  (typeof value === "string" && !LONE_SURROGATE.test(value)) ||
  typeof value === "boolean" ||
  Number.isFinite(value);

/** Query values must be scalars or arrays of scalars; `undefined` and `null` are left out of the URL. */
export function assertQuery(query: unknown): void {
  if (query === undefined || query === null) return;
  if (typeof query !== "object" || Array.isArray(query)) {
    throw new InvalidRequestError(`The query must be an object, got ${describe(query)}; nothing was sent.`, [
      { path: "query", message: "must be an object" },
    ]);
  }
  const violations = Object.entries(query).flatMap(([name, v]) => {
    if (!QUERY_NAME.test(name))
      return [{ path: `query.${name}`, message: "is not a valid query parameter name" }];
    if (v === undefined || v === null || isScalar(v) || (Array.isArray(v) && v.every(isScalar))) return [];
    return [
      {
        path: `query.${name}`,
        message: "must be a well-formed string, a finite number, a boolean or an array of them",
      },
    ];
  });
  if (violations.length > 0) {
    throw new InvalidRequestError(
      `Invalid query: ${violations.map((v) => `${v.path} ${v.message}`).join("; ")}; nothing was sent.`,
      violations,
    );
  }
}

/**
 * Headers given as a Headers object (of any implementation or realm: read by shape) or as [name, value] pairs,
 * as a plain object; a name given twice keeps both values, joined with ", " as HTTP reads them. Anything else
 * comes back as it is, for {@link headersProblem} to judge. Names are matched without regard to case.
 */
export function headerRecord(input: unknown): unknown {
  const iterable = input as { entries?: unknown; get?: unknown } | null | undefined;
  const isHeaders = typeof iterable?.entries === "function" && typeof iterable.get === "function";
  if (!isHeaders && !Array.isArray(input)) return input;
  const pairs: unknown[] = isHeaders
    ? [...(iterable.entries as () => Iterable<unknown>).call(input)]
    : (input as unknown[]);
  if (!pairs.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === "string")) {
    return input; // reported by headersProblem as not an object of names to values
  }
  const record: Record<string, unknown> = {};
  for (const [name, value] of pairs as [string, unknown][]) {
    const key = name.toLowerCase();
    // A value that is not a string is kept as it is, for headersProblem to name.
    record[key] = key in record ? `${String(record[key])}, ${String(value)}` : value;
  }
  return record;
}

// Framing and hop-by-hop headers: fetch sets them itself; a given one makes a request hang or fail obscurely.
const TRANSPORT_HEADERS = new Set([
  ...["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "expect", "host"],
  ...["te", "trailer", "proxy-connection"],
]);

/** Why `headers` cannot be sent, or undefined when it can. */
export function headersProblem(headers: unknown): string | undefined {
  if (headers === undefined) return undefined;
  if (Array.isArray(headers)) return "an array of headers must hold [name, value] pairs";
  if (typeof headers !== "object" || headers === null) {
    return "must be an object of header names to string values";
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) return `${JSON.stringify(name)} is not a valid header name`;
    if (TRANSPORT_HEADERS.has(name.toLowerCase())) {
      return `${name} is set by fetch for the connection and the body, and cannot be given`;
    }
    if (typeof value !== "string") return `the value of ${name} must be a string, got ${describe(value)}`;
    if (unsendableHeaderValue(value)) {
      return `the value of ${name} contains control characters or characters outside Latin-1 (encode it first)`;
    }
  }
  return undefined;
}

/**
 * A caller's `signal`, wherever one is taken (method options, a raw init, a wait): absent (undefined, or null
 * where `allowNull`) or something with addEventListener, read by shape so an AbortSignal from another realm
 * passes. `where` names the call and `path` the option, for the InvalidRequestError.
 */
export function assertSignal(where: string, signal: unknown, path: string, allowNull = false): void {
  if (signal === undefined || (allowNull && signal === null)) return;
  if (typeof (signal as Partial<AbortSignal> | null)?.addEventListener === "function") return;
  throw new InvalidRequestError(`${where}: signal must be an AbortSignal; nothing was sent.`, [
    { path, message: "must be an AbortSignal" },
  ]);
}

/**
 * openapi-fetch's per-request options that would redirect or rewrite a request, set to undefined on every call
 * so a polluted Object.prototype (say, an inherited `baseUrl`) cannot supply them: undefined means "the
 * client's own" to openapi-fetch.
 */
export const CLIENT_ONLY_OPTIONS = Object.freeze({
  baseUrl: undefined,
  Request: undefined,
  querySerializer: undefined,
  pathSerializer: undefined,
  middleware: undefined,
});

/**
 * A query's own entries in an object without a prototype: openapi-fetch reads a query with `for…in`, which
 * would also send inherited keys (not checked, not encoded) and anything added to Object.prototype.
 */
export function ownQuery(query: unknown): unknown {
  // No query is an empty one too: openapi-fetch would otherwise iterate a fresh `{}`, inheriting all the same.
  if (query === undefined || query === null) return Object.create(null);
  if (typeof query !== "object") return query;
  return Object.assign(Object.create(null), query);
}

/** Per-request headers, checked the same way as the client's. */
export function assertHeaders(headers: unknown): void {
  const problem = headersProblem(headers);
  if (problem) {
    throw new InvalidRequestError(`Invalid headers: ${problem}; nothing was sent.`, [
      { path: "headers", message: problem },
    ]);
  }
}
