/** Every error argil-client throws, and `APIError.generate()`, the one place an HTTP status becomes a class. */
import {
  interpretBody,
  parseRetryAfter,
  readBodyText,
  statusTextFor,
  truncateRawBody,
} from "./error-body.js";
import { redactHeaders, redactUrl } from "./redact.js";

// Symbol.for is shared by every realm and every copy of the package, unlike the class identity.
const BRAND = Symbol.for("argil-client.error");

/** Root of every error argil-client throws: catch it to catch them all. The original failure is in `cause`. */
export class ArgilError extends Error {
  override name = "ArgilError";

  /** Marks the error for {@link isArgilError}; on the prototype, so it stays out of `inspect()` output. */
  get [BRAND](): true {
    return true;
  }

  /** A plain object for `JSON.stringify` and loggers; holds nothing that could carry the API key. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

/** The client's configuration is unusable (say, a missing or malformed API key); thrown by `new Argil()`. */
export class ConfigError extends ArgilError {
  override name = "ConfigError";
}

/** One problem with a request's input: `path` points at the value ("/events/0", "path.id"). */
export interface RequestViolation {
  readonly path: string;
  readonly message: string;
}

/** The request's input is invalid and nothing was sent; `violations` lists each problem found. */
export class InvalidRequestError extends ArgilError {
  override name = "InvalidRequestError";
  /** Each problem found, in input order; empty when the message says it all. */
  readonly violations: ReadonlyArray<RequestViolation>;

  constructor(message: string, violations: ReadonlyArray<RequestViolation> = []) {
    super(message);
    this.violations = Object.freeze(violations.map(({ path, message }) => Object.freeze({ path, message })));
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), violations: this.violations };
  }
}

/** The request an error is about. Never its headers: they carry the API key. */
export interface ErrorRequest {
  method: string;
  /** The spec's path template, like "/webhooks/{id}". */
  path: string;
  /** The request URL; errors drop any `user:password@` part. */
  url: string;
}

/** What a connection error is built from: the request, the failure and optionally what went wrong. */
export interface APIConnectionErrorArgs extends ErrorRequest {
  cause: unknown;
  /** What went wrong; the error prefixes it with method and path. Defaults to a description of `cause`. */
  message?: string | undefined;
}

/** No HTTP response arrived: `fetch` itself failed (DNS, refused, reset). The failure is in `cause`. */
export class APIConnectionError extends ArgilError {
  override name = "APIConnectionError";
  readonly method: string;
  readonly path: string;
  readonly url: string;
  /** How many attempts were made; the retry layer sets it. */
  attempts = 1;

  constructor(args: APIConnectionErrorArgs) {
    const detail =
      args.message ?? `could not reach the API (${describe(args.cause)}); check the network and baseUrl`;
    super(`${args.method} ${args.path}: ${detail}`, { cause: args.cause });
    this.method = args.method;
    this.path = args.path;
    this.url = redactUrl(args.url);
  }

  override toJSON(): Record<string, unknown> {
    const { method, path, url, attempts } = this;
    return { ...super.toJSON(), method, path, url, attempts };
  }
}

/** An attempt ran past `timeoutMs`, including reading the body. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError";

  constructor(args: APIConnectionErrorArgs) {
    super({ ...args, message: args.message ?? "the request timed out; raise timeoutMs or try again later" });
  }
}

/** The caller's `signal` aborted the request; its reason is the `cause`. */
export class APIUserAbortError extends APIConnectionError {
  override name = "APIUserAbortError";

  constructor(args: APIConnectionErrorArgs) {
    super({ ...args, message: args.message ?? "the request was aborted by the caller's signal" });
  }
}

// Names the failure without dumping it: undici's "fetch failed" hides the useful code one level down. Read by
// shape, not instanceof: an Error from another realm (a vm context, an iframe, a test runner) is still an Error.
function describe(cause: unknown): string {
  if (typeof cause === "string") return cause;
  const message = (cause as { message?: unknown } | null)?.message;
  if (typeof message !== "string") return "unknown failure";
  const inner: unknown = (cause as { cause?: unknown }).cause;
  const code = typeof inner === "object" && inner !== null && "code" in inner ? inner.code : undefined;
  return typeof code === "string" ? `${message}, ${code}` : message;
}

/** Everything an {@link APIError} is built from; the request's headers are deliberately not among them. */
export interface APIErrorArgs extends ErrorRequest {
  status: number;
  statusText: string;
  /** The response headers; the error keeps a redacted copy. */
  headers: Headers;
  /** The parsed JSON body, or undefined when it is not JSON. */
  body: unknown;
  rawBody: string;
  /** What the server said; the error prefixes it with status, method and path. */
  message?: string | undefined;
}

// Only where the remedy is obvious; the 401 hint names the header, never its value.
const HINTS: Readonly<Record<number, string>> = {
  401: "check the API key (x-api-key, default from ARGIL_API_KEY)",
  429: "slow down or retry later",
};

/**
 * The API answered with an error status (or a 2xx with a broken body). Catch a subclass for one status.
 * The message reads "404 Not Found: PUT /webhooks/{id}: Webhook not found".
 */
export class APIError extends ArgilError {
  override name = "APIError";
  readonly status: number;
  /** The response's status text, or the standard phrase when the server sent none. */
  readonly statusText: string;
  /** Argil's numeric `code` from a `{code, message}` body. */
  readonly code: number | undefined;
  /** The parsed JSON body, or undefined when it was not JSON. */
  readonly body: unknown;
  /** The body as text, cut to 4096 characters with a marker when longer. */
  readonly rawBody: string;
  /** The response headers, with x-api-key, authorization and cookies replaced by "[redacted]". */
  readonly headers: Headers;
  readonly method: string;
  /** The spec's path template, like "/webhooks/{id}". */
  readonly path: string;
  readonly url: string;
  /** How many attempts were made; the retry layer sets it. */
  attempts = 1;
  /** The wait the server asked for (`retry-after-ms` or `Retry-After`), in ms, when within 0 to 60 000. */
  readonly retryAfterMs: number | undefined;

  constructor(args: APIErrorArgs) {
    const statusText = statusTextFor(args.status, args.statusText);
    const statusLine = `${args.status} ${statusText}`.trim();
    // A proxy's <title>502 Bad Gateway</title> would only repeat the status line.
    const detail = args.message === statusLine || args.message === statusText ? undefined : args.message;
    const hint = HINTS[args.status];
    super(
      `${statusLine}: ${args.method} ${args.path}${detail ? `: ${detail}` : ""}${hint ? `; ${hint}` : ""}`,
    );
    this.status = args.status;
    this.statusText = statusText;
    this.code = codeOf(args.body);
    this.body = args.body;
    this.rawBody = truncateRawBody(args.rawBody);
    this.headers = redactHeaders(args.headers);
    this.method = args.method;
    this.path = args.path;
    this.url = redactUrl(args.url);
    this.retryAfterMs = parseRetryAfter(args.headers);
  }

  /** Builds the error of the class {@link errorClassForStatus} picks for `args.status`. */
  static generate(args: APIErrorArgs): APIError {
    const ErrorClass = errorClassForStatus(args.status);
    return new ErrorClass(args);
  }

  override toJSON(): Record<string, unknown> {
    const { name, message, status, code, method, path, url, body, attempts } = this;
    return { name, message, status, code, method, path, url, body, attempts };
  }
}

function codeOf(body: unknown): number | undefined {
  const code = typeof body === "object" && body !== null && "code" in body ? body.code : undefined;
  return typeof code === "number" && Number.isFinite(code) ? code : undefined;
}

/** 400: the API rejected the request's input. */
export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
/** 401: the API key is missing or not accepted. */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
/** 403: the API key may not do this. */
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
/** 404: the resource does not exist (or not for this key). */
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
/** 409: the request conflicts with the resource's current state. */
export class ConflictError extends APIError {
  override name = "ConflictError";
}
/** 422: the input is well-formed but the API cannot act on it. */
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
/** 429: too many requests; `retryAfterMs` says how long to wait when the server said so. */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
/** Any 5xx, including a proxy's 502/503/504; `retryAfterMs` as for {@link RateLimitError}. */
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

const CLASS_BY_STATUS: Readonly<Record<number, typeof APIError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The class for an HTTP status: one of the subclasses above, InternalServerError for 5xx, else APIError. */
export function errorClassForStatus(status: number): typeof APIError {
  return status >= 500 ? InternalServerError : (CLASS_BY_STATUS[status] ?? APIError);
}

/**
 * Builds the typed error for an error response. Reads the body once and never throws: a failed read,
 * HTML, plain text, empty or truncated JSON all give an APIError whose message falls back to the status.
 */
export async function apiErrorFromResponse(response: Response, request: ErrorRequest): Promise<APIError> {
  return apiErrorFromBody(response, request, await readBodyText(response));
}

/** The typed error for an error response whose body was already read as `rawBody` ("" when it could not be). */
export function apiErrorFromBody(
  response: Response,
  request: ErrorRequest,
  rawBody: string,
  /** What to say when the body cannot: used when the body was not read. */
  fallbackDetail?: string,
): APIError {
  const { body, detail: said } = interpretBody(rawBody, response.headers.get("content-type"));
  const { status, statusText, headers } = response;
  const { method, path, url } = request;
  return APIError.generate({
    status,
    statusText,
    headers,
    body,
    rawBody,
    method,
    path,
    url,
    message: said ?? fallbackDetail,
  });
}

/**
 * The error for a 2xx whose body should be JSON but is not (or is empty): never resolve to undefined.
 * `reason` is the parser's complaint, like "Unexpected end of JSON input".
 */
export function invalidSuccessBodyError(
  response: Response,
  request: ErrorRequest,
  rawBody: string,
  reason: string,
): APIError {
  // JSON.stringify quotes the sample and escapes control characters, so it reads safely in one line.
  const sample = rawBody === "" ? "none, the body is empty" : JSON.stringify(rawBody.slice(0, 100));
  const message = `the response body is not valid JSON (${reason}); first bytes: ${sample}`;
  const { status, statusText, headers } = response;
  const { method, path, url } = request;
  return APIError.generate({
    status,
    statusText,
    headers,
    body: undefined,
    rawBody,
    method,
    path,
    url,
    message,
  });
}

/** True for any argil-client error, also one from another realm or a second copy of the package. */
export function isArgilError(value: unknown): value is ArgilError {
  if (value instanceof ArgilError) return true;
  return typeof value === "object" && value !== null && BRAND in value && value[BRAND] === true;
}

// ---- The helpers' errors: webhook receiving, wait helpers and schema validation. ----

/** The resources the wait helpers poll, as the spec describes them. */
export type WaitedResource = import("./schema.js").Schema<"Video" | "Avatar" | "Asset">;

/**
 * A webhook body is not a payload Argil sends: not JSON, not an object, no string `event` or object `data`, or
 * a known event whose `data` breaks its schema. The message says which; `violations` lists schema problems.
 */
export class WebhookParseError extends ArgilError {
  override name = "WebhookParseError";
  /** Each schema problem of a known event, with its JSON path ("/data/videoId"); empty for other failures. */
  readonly violations: ReadonlyArray<RequestViolation>;

  constructor(
    message: string,
    violations: ReadonlyArray<RequestViolation> = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.violations = Object.freeze(violations.map(({ path, message }) => Object.freeze({ path, message })));
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), violations: this.violations };
  }
}

/** Why a webhook delivery failed verification. */
export type WebhookVerificationFailure =
  | "missing_header"
  | "invalid_header"
  | "invalid_secret"
  | "invalid_body"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "invalid_signature";

/**
 * A webhook delivery failed Standard Webhooks verification: a missing or malformed `webhook-*` header, a
 * timestamp outside the 5-minute tolerance, a malformed secret, a parsed object instead of the raw body, or no
 * matching signature. Answer it with a 4xx
 * and do not act on it. Neither the message nor any property contains the secret.
 */
export class WebhookVerificationError extends ArgilError {
  override name = "WebhookVerificationError";
  /** What failed, for code that treats, say, replays differently from forgeries. */
  readonly reason: WebhookVerificationFailure;

  constructor(reason: WebhookVerificationFailure, message: string) {
    super(message);
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}

/** Where a response came from, for {@link ResponseValidationError}. */
export interface ResponseValidationContext extends ErrorRequest {
  status: number;
}

/**
 * A success response's body does not match the spec: raised when response validation is on, and by `for await`
 * over a list whose page holds no array of items (whatever the validation setting).
 * The message names the operation, the status and each violation; `body` is the parsed body as received.
 */
export class ResponseValidationError extends ArgilError {
  override name = "ResponseValidationError";
  readonly operationId: string;
  readonly status: number;
  readonly method: string;
  /** The spec's path template, like "/videos/{id}". */
  readonly path: string;
  readonly url: string;
  /** Each problem found, with its JSON path in the body ("/videos/0/status"). */
  readonly violations: ReadonlyArray<RequestViolation>;
  readonly body: unknown;

  constructor(
    operationId: string,
    context: ResponseValidationContext,
    violations: ReadonlyArray<RequestViolation>,
    body: unknown,
  ) {
    const listed = violations.slice(0, 10).map((v) => `${v.path || "the body"} ${v.message}`);
    const more = violations.length > 10 ? `; and ${violations.length - 10} more` : "";
    super(
      `${context.status} ${context.method} ${context.path}: the response body does not match the spec ` +
        `(${operationId}): ${listed.join("; ")}${more}`,
    );
    this.operationId = operationId;
    this.status = context.status;
    this.method = context.method;
    this.path = context.path;
    this.url = redactUrl(context.url);
    this.violations = Object.freeze(violations.map(({ path, message }) => Object.freeze({ path, message })));
    this.body = body;
  }

  override toJSON(): Record<string, unknown> {
    const { operationId, status, method, path, url, violations } = this;
    return { ...super.toJSON(), operationId, status, method, path, url, violations };
  }
}

/** What a wait helper's errors are built from. */
export interface WaitErrorArgs<R> {
  resourceType: "video" | "avatar" | "asset";
  id: string;
  /** The last state fetched; for a timeout, undefined when no answer arrived in time. */
  resource: R | undefined;
  /** What the error adds after "video <id>: ". */
  message: string;
}

/**
 * A job a wait helper watched ended in failure: a video `FAILED`, an avatar `TRAINING_FAILED` or `REFUSED`, an
 * asset `FAILED`. `resource` is its last state, as fetched.
 */
export class ResourceFailedError<R = WaitedResource> extends ArgilError {
  override name = "ResourceFailedError";
  readonly resourceType: "video" | "avatar" | "asset";
  readonly id: string;
  /** The failure status, like "FAILED". */
  readonly status: string;
  readonly resource: R;

  constructor(args: WaitErrorArgs<R> & { resource: R; status: string }) {
    super(`${args.resourceType} ${args.id}: ${args.message}`);
    this.resourceType = args.resourceType;
    this.id = args.id;
    this.status = args.status;
    this.resource = args.resource;
  }

  override toJSON(): Record<string, unknown> {
    const { resourceType, id, status } = this;
    return { ...super.toJSON(), resourceType, id, status };
  }
}

/** A wait helper ran past its `timeoutMs`; `lastResource` is the last state fetched, if any arrived. */
export class WaitTimeoutError<R = WaitedResource> extends ArgilError {
  override name = "WaitTimeoutError";
  readonly resourceType: "video" | "avatar" | "asset";
  readonly id: string;
  /** The limit that ran out, in milliseconds. */
  readonly timeoutMs: number;
  readonly lastResource: R | undefined;

  constructor(args: WaitErrorArgs<R> & { timeoutMs: number; cause?: unknown }) {
    super(`${args.resourceType} ${args.id}: ${args.message}`, { cause: args.cause });
    this.resourceType = args.resourceType;
    this.id = args.id;
    this.timeoutMs = args.timeoutMs;
    this.lastResource = args.resource;
  }

  /** The status of the last state fetched. */
  get lastStatus(): string | undefined {
    const status = (this.lastResource as { status?: unknown } | undefined)?.status;
    return typeof status === "string" ? status : undefined;
  }

  override toJSON(): Record<string, unknown> {
    const { resourceType, id, timeoutMs, lastStatus } = this;
    return { ...super.toJSON(), resourceType, id, timeoutMs, lastStatus };
  }
}
