// Keeps credentials out of everything a user can see: error headers and URLs, and the headers in log lines.

const REDACTED = "[redacted]";
// Header names are case-insensitive and `Headers` lower-cases them, so "X-API-Key" is found as "x-api-key".
const SECRET_HEADERS = ["x-api-key", "authorization", "proxy-authorization", "cookie", "set-cookie"];

/** A copy of `headers` with credentials and cookies replaced by "[redacted]", whatever their letter case. */
export function redactHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  for (const name of SECRET_HEADERS) if (copy.has(name)) copy.set(name, REDACTED);
  return copy;
}

/** The headers as a plain object for a log line, redacted like {@link redactHeaders}. */
export function headersForLog(headers: Headers): Record<string, string> {
  return Object.fromEntries(redactHeaders(headers));
}

/** `url` without any `user:password@` part; an unparsable URL is returned as given. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === "" && parsed.password === "") return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}
