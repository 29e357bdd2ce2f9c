/** Turns the parts of an HTTP error response into safe, readable facts: body, message and Retry-After. */

/** Longest raw body an error keeps, in characters; a proxy's HTML page or a dumped payload can be megabytes. */
export const MAX_RAW_BODY_CHARS = 4096;
/** Longest `Retry-After` an error reports, in ms; anything longer is treated as unusable rather than obeyed. */
export const MAX_RETRY_AFTER_MS = 60_000;

const MAX_TEXT_MESSAGE_CHARS = 200;
const MAX_DETAIL_CHARS = 500;
// RFC 9110 delta-seconds is an integer; a decimal is tolerated, anything else ("1.5abc", "-1") is not.
const DECIMAL = /^\d+(?:\.\d+)?$/;
// Date.parse accepts nearly anything ("1" is the year 2001), so only the three HTTP-date forms reach it.
const HTTP_DATE = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? /i;

// Undici leaves statusText empty for HTTP/2 and for some proxies; a message still needs a phrase.
const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  418: "I'm a Teapot",
  422: "Unprocessable Content",
  425: "Too Early",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The server's status text, else the standard reason phrase for `status`, else "". */
export function statusTextFor(status: number, statusText: string | undefined): string {
  // A stub Response may have no statusText at all.
  return (typeof statusText === "string" ? statusText.trim() : "") || REASON_PHRASES[status] || "";
}

/** Reads the body once as text. A failed read (reset, abort, body already used) yields "" instead of throwing. */
export async function readBodyText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return "";
  }
}

/** Cuts `text` to {@link MAX_RAW_BODY_CHARS} characters plus a marker saying how long it was. */
export function truncateRawBody(text: string): string {
  if (text.length <= MAX_RAW_BODY_CHARS) return text;
  // Never end on half a surrogate pair: the kept text must stay valid UTF-16.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_RAW_BODY_CHARS - 1))
    ? MAX_RAW_BODY_CHARS - 1
    : MAX_RAW_BODY_CHARS;
  return `${text.slice(0, end)}…[truncated: ${text.length} characters in all]`;
}

/** What an error body says: the parsed JSON value (or undefined) and a one-line detail for the message. */
export interface BodyFacts {
  body: unknown;
  detail: string | undefined;
}

/**
 * Interprets an error body of any kind without throwing: JSON (Argil's `{code, message}`, problem+json,
 * `{error}`), HTML (its `<title>`), short plain text (itself), or empty and unparsable (no detail).
 */
export function interpretBody(text: string, contentType: string | null): BodyFacts {
  const trimmed = text.trim();
  if (trimmed === "") return { body: undefined, detail: undefined };
  try {
    const body: unknown = JSON.parse(trimmed);
    return { body, detail: messageFromJson(body) };
  } catch {
    // Not JSON, whatever the content type claimed; fall through to the text forms.
  }
  const type = contentType?.toLowerCase() ?? "";
  if (type.includes("html") || /^<(?:!doctype html|html)/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1];
    return { body: undefined, detail: title === undefined ? undefined : oneLine(title) };
  }
  if (type.includes("json") || /^[{[]/.test(trimmed)) {
    return { body: undefined, detail: "the error body is not valid JSON" };
  }
  return { body: undefined, detail: trimmed.length <= MAX_TEXT_MESSAGE_CHARS ? oneLine(trimmed) : undefined };
}

function messageFromJson(body: unknown): string | undefined {
  if (typeof body === "string") return body.length <= MAX_TEXT_MESSAGE_CHARS ? oneLine(body) : undefined;
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const nested = record.error;
  const candidates = [record.message, record.detail, record.title, nested];
  if (typeof nested === "object" && nested !== null)
    candidates.push((nested as Record<string, unknown>).message);
  const found = candidates.find((value): value is string => typeof value === "string" && value.trim() !== "");
  return found === undefined ? undefined : oneLine(found);
}

// Server text goes into messages and log lines: no newlines or terminal escapes, bounded length.
function oneLine(text: string): string {
  const flat = text.replace(/[\p{Cc}\s]+/gu, " ").trim();
  return flat.length <= MAX_DETAIL_CHARS ? flat : `${flat.slice(0, MAX_DETAIL_CHARS)}…`;
}

/**
 * The server's requested wait in ms, from `retry-after-ms` or else `Retry-After` (delta-seconds or
 * HTTP-date), or undefined when absent, unparsable, negative or above {@link MAX_RETRY_AFTER_MS}.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim() ?? "";
  const fromMs = DECIMAL.test(ms) ? withinLimit(Number(ms)) : undefined;
  if (fromMs !== undefined) return fromMs;
  const value = headers.get("retry-after")?.trim() ?? "";
  if (DECIMAL.test(value)) return withinLimit(Number(value) * 1000);
  if (!HTTP_DATE.test(value)) return undefined;
  const delay = Date.parse(value) - now;
  // An HTTP-date has whole seconds, so "now" can come out up to a second in the past.
  return delay >= -1000 ? withinLimit(Math.max(0, delay)) : undefined;
}

function withinLimit(ms: number): number | undefined {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_RETRY_AFTER_MS ? Math.ceil(ms) : undefined;
}
