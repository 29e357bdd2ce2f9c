// Client options: what each one means, its default and env var, resolved and checked once at construction.
import { ConfigError } from "./errors.js";
import { defaultBaseUrl } from "./generated/operations.js";
import { createLog, isLogger, type Log, type Logger, type LogLevel, parseLogLevel } from "./logger.js";
import { headerRecord, headersProblem } from "./request-guards.js";
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, retryOptionsProblem } from "./resilience-options.js";
import { scrubDeep } from "./scrub-secret.js";
import type { ArgilValidation } from "./validation.js";

/**
 * A WHATWG-compatible fetch. The client calls it as `fetch(url, init)`: `url` is the full URL as a string and
 * `init` has the `method`, `headers` (a plain object of lower-case names, so `{ ...init.headers, "x-trace": "1" }`
 * keeps them), `body` (a JSON string, when there is one) and a `signal`
 * that stops the attempt (its deadline or your abort). Pass the init on, as in
 * `(url, init) => fetch(url, init)`, so a stopped attempt also closes its connection.
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

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
  /**
   * The fetch to send requests with, e.g. to trace or stub them. Default: `globalThis.fetch`, looked up on each
   * call (so a stub or interceptor installed later applies). It is called as
   * `fetch(url, init)`, the init carrying the attempt's `signal`; pass the init on (see {@link FetchLike}).
   */
  fetch?: FetchLike | undefined;
  /**
   * Extra headers sent with every request. Default: none. They cannot replace or remove `x-api-key`,
   * which is always the client's own `apiKey`.
   */
  headers?: Record<string, string> | Headers | [string, string][] | undefined;
  /**
   * The request and response validators generated from the spec: pass `argilValidation` (from
   * `argil-client/validation`) to check bodies against the spec. Default: none, so the validators stay out of your bundle.
   */
  validation?: ArgilValidation | undefined;
  /**
   * Check every request body against the spec before sending; a violation throws `InvalidRequestError` listing
   * each problem with its JSON path, and nothing is sent. Default: `true` when `validation` is given. Needs
   * `validation`.
   */
  validateRequests?: boolean | undefined;
  /**
   * Check every JSON success body against the spec; a violation throws `ResponseValidationError`. Default:
   * `false`. Needs `validation`.
   */
  validateResponses?: boolean | undefined;
  /**
   * How many times a failed request is retried, with backoff, before its error is thrown. Default: `2` (so up to
   * 3 attempts). Retried: connection failures, timeouts, 408, 409, 429, 500, 502, 503 and 504; a POST only on 429
   * or a refused connection, because the server may have acted on it otherwise. `0` turns retries off. Can be
   * overridden per request.
   */
  maxRetries?: number | undefined;
  /**
   * The deadline of each attempt, in milliseconds, covering the whole exchange: connecting, sending, waiting for
   * the status and reading the body. Default: `60000` (60 s). An attempt past it is aborted and counts as a
   * timeout (`APIConnectionTimeoutError` once no retry is left). Can be overridden per request.
   */
  timeoutMs?: number | undefined;
  /**
   * How much the client logs: `"off"`, `"error"`, `"warn"`, `"info"` (each retry) or `"debug"` (every attempt
   * with method, path, status, attempt and duration). Default: the `ARGIL_LOG` environment variable, else
   * `"warn"`. The API key and `authorization` never appear in a line.
   */
  logLevel?: LogLevel | undefined;
  /** Where log lines go: anything shaped like `console` (`error`, `warn`, `info`, `debug`). Default: `console`. */
  logger?: Logger | undefined;
  /**
   * Allow `new Argil()` in a browser page. Default: `false`, so construction in a page (a global `window` with a
   * `document`) throws `ConfigError`: the page would expose your API key to anyone who loads it. Workers, edge
   * runtimes, Deno and Bun are not pages and need no flag.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Options after defaults and checks; the key stays inside the client's closures, never on an object users see. */
export interface ResolvedOptions {
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  readonly headers: Record<string, string>;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly log: Log;
  /** Set when request bodies are checked before sending. */
  readonly validateRequest: ArgilValidation["validateRequest"] | undefined;
  /** Set when JSON success bodies are checked. */
  readonly validateResponse: ArgilValidation["validateResponse"] | undefined;
}

const OPTION_NAMES = new Set([
  "apiKey",
  "baseUrl",
  "fetch",
  "headers",
  "validation",
  "validateRequests",
  "validateResponses",
  "maxRetries",
  "timeoutMs",
  "logLevel",
  "logger",
  "dangerouslyAllowBrowser",
]);

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
  // fetch refuses URLs with credentials, and they would end up in every error's url.
  if (url.username || url.password)
    throw new ConfigError("baseUrl must not contain a user name or password.");
  return url.href.replace(/\/+$/, "");
}

/** Passes every line through scrubDeep, so a key a server echoed (in a message or a header) never reaches a log. */
function scrubbingLogger(target: Logger, secret: string): Logger {
  const line =
    (level: keyof Logger) =>
    (message: string, details?: unknown): void =>
      target[level](scrubDeep(message, secret), scrubDeep(details, secret));
  return { error: line("error"), warn: line("warn"), info: line("info"), debug: line("debug") };
}

function checkLog(level: unknown, logger: unknown, secret: string): Log {
  const fromEnv = level === undefined ? env("ARGIL_LOG") : undefined;
  const name = fromEnv === undefined ? "logLevel" : "ARGIL_LOG";
  const value = level ?? fromEnv ?? "warn";
  const parsed = parseLogLevel(value);
  if (parsed === undefined) {
    throw new ConfigError(
      `${name} must be one of off, error, warn, info, debug (got ${JSON.stringify(value)}).`,
    );
  }
  const target = logger ?? globalThis.console;
  if (!isLogger(target))
    throw new ConfigError("logger must have error, warn, info and debug methods, like console.");
  return createLog(parsed, scrubbingLogger(target, secret));
}

function checkHeaders(input: unknown): Record<string, string> {
  if (input === undefined) return {};
  const value = headerRecord(input);
  const problem = headersProblem(value);
  if (problem) throw new ConfigError(`headers: ${problem}`);
  return { ...(value as Record<string, string>) };
}

function checkValidation(
  options: ClientOptions,
): Pick<ResolvedOptions, "validateRequest" | "validateResponse"> {
  const { validation, validateRequests, validateResponses } = options;
  for (const [name, value] of [
    ["validateRequests", validateRequests],
    ["validateResponses", validateResponses],
  ] as const) {
    if (value !== undefined && typeof value !== "boolean")
      throw new ConfigError(`${name} must be true or false.`);
  }
  if (validation === undefined) {
    if (validateRequests || validateResponses) {
      throw new ConfigError(
        'Validation needs the generated validators: import { argilValidation } from "argil-client/validation" and pass `validation: argilValidation`.',
      );
    }
    return { validateRequest: undefined, validateResponse: undefined };
  }
  if (
    typeof validation?.validateRequest !== "function" ||
    typeof validation.validateResponse !== "function"
  ) {
    throw new ConfigError(
      "validation must be argilValidation (an object with validateRequest and validateResponse).",
    );
  }
  return {
    validateRequest: validateRequests === false ? undefined : validation.validateRequest,
    validateResponse: validateResponses === true ? validation.validateResponse : undefined,
  };
}

/** Applies defaults and checks every option; throws `ConfigError` naming the bad one. */
export function resolveOptions(options: ClientOptions = {}): ResolvedOptions {
  if (typeof options !== "object" || options === null) throw new ConfigError("options must be an object.");
  const unknown = Object.keys(options).filter((name) => !OPTION_NAMES.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `Unknown option ${unknown.map((name) => JSON.stringify(name)).join(", ")}; expected one of ${[...OPTION_NAMES].join(", ")}.`,
    );
  }
  if ("fetch" in options && options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigError(
      `fetch must be a function called as fetch(url, init), got ${options.fetch === null ? "null" : typeof options.fetch}.`,
    );
  }
  if (options.fetch === undefined && typeof globalThis.fetch !== "function") {
    throw new ConfigError("No fetch available: pass `fetch` in the options (Node 20+ has one built in).");
  }
  // Without a fetch option, the global one is looked up on every call, so a stub or an interceptor installed
  // after the client was made (vi.stubGlobal, MSW) still sees the requests.
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const apiKey = checkApiKey(options.apiKey ?? env("ARGIL_API_KEY"));
  const retryProblem = retryOptionsProblem(options);
  if (retryProblem) throw new ConfigError(`${retryProblem}.`);
  return {
    apiKey,
    baseUrl: checkBaseUrl(options.baseUrl ?? env("ARGIL_BASE_URL") ?? defaultBaseUrl),
    fetch: fetchImpl,
    headers: checkHeaders(options.headers),
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    log: checkLog(options.logLevel, options.logger, apiKey),
    ...checkValidation(options),
  };
}
