// Client options: what each one means, its default and env var, resolved and checked once at construction.
import { ConfigError } from "./errors.js";
import { defaultBaseUrl } from "./generated/operations.js";
import { headersProblem } from "./request-guards.js";

/** A WHATWG-compatible fetch; the client calls it with a `Request`. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Options for `new Argil(options)`. */
export interface ClientOptions {
  /**
   * Your Argil API key, sent as the `x-api-key` header on every request (create one at
   * https://app.argil.ai/developers). Default: the `ARGIL_API_KEY` environment variable.
   * A missing, blank or malformed key throws `ConfigError` at construction.
   */
  apiKey?: string | undefined;
  /**
   * Root URL of the API, without a trailing path such as `/webhooks`. Default: the `ARGIL_BASE_URL`
   * environment variable, else the spec's server `https://api.argil.ai/v1`. Point it at the mock from
   * `argil-client/testing` in tests.
   */
  baseUrl?: string | undefined;
  /** The fetch to send requests with, e.g. to trace or stub them. Default: `globalThis.fetch`. */
  fetch?: FetchLike | undefined;
  /**
   * Extra headers sent with every request. Default: none. They cannot replace or remove `x-api-key`,
   * which is always the client's own `apiKey`.
   */
  headers?: Record<string, string> | undefined;
}

/** Options after defaults and checks; the key stays inside the client's closures, never on an object users see. */
export interface ResolvedOptions {
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  readonly headers: Record<string, string>;
}

// Read lazily and defensively: edge runtimes and browsers have no `process`.
const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

function checkApiKey(value: unknown): string {
  if (value === undefined || value === null) {
    throw new ConfigError(
      "No API key: pass `apiKey` to `new Argil()` or set the ARGIL_API_KEY environment variable.",
    );
  }
  if (typeof value !== "string") throw new ConfigError(`apiKey must be a string, got ${typeof value}.`);
  const key = value.trim();
  if (key === "")
    throw new ConfigError("apiKey is empty or only whitespace: pass the key from your Argil dashboard.");
  // Control and non-ASCII characters cannot travel in a header and usually mean a pasting mistake.
  if (!/^[\x20-\x7e]+$/.test(key)) {
    throw new ConfigError(
      "apiKey contains control or non-ASCII characters, which cannot be sent in the x-api-key header.",
    );
  }
  return key;
}

function checkBaseUrl(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "")
    throw new ConfigError("baseUrl must be a non-empty URL string.");
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(`baseUrl is not an absolute URL: ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`baseUrl must use http or https, got ${url.protocol}`);
  }
  if (url.search || url.hash) throw new ConfigError("baseUrl must not have a query string or fragment.");
  return url.href.replace(/\/+$/, "");
}

function checkHeaders(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  const problem = headersProblem(value);
  if (problem) throw new ConfigError(`headers: ${problem}`);
  return { ...(value as Record<string, string>) };
}

/** Applies defaults and checks every option; throws `ConfigError` naming the bad one. */
export function resolveOptions(options: ClientOptions = {}): ResolvedOptions {
  if (typeof options !== "object" || options === null) throw new ConfigError("options must be an object.");
  const fetchImpl = options.fetch ?? (globalThis.fetch as FetchLike | undefined);
  if (typeof fetchImpl !== "function") {
    throw new ConfigError("No fetch available: pass `fetch` in the options (Node 18+ has one built in).");
  }
  return {
    apiKey: checkApiKey(options.apiKey ?? env("ARGIL_API_KEY")),
    baseUrl: checkBaseUrl(options.baseUrl ?? env("ARGIL_BASE_URL") ?? defaultBaseUrl),
    fetch: fetchImpl,
    headers: checkHeaders(options.headers),
  };
}
