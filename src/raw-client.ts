// `argil.raw`: openapi-fetch's path-style client, with the same auth, errors, retries and timeouts as the methods.
import type { Client, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, MediaType, PathsWithMethod } from "openapi-typescript-helpers";
import { InvalidRequestError, invalidSuccessBodyError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import { operationTable } from "./generated/operations.js";
import { callPolicyOf } from "./http-client.js";
import type { OperationSpec } from "./operation-spec.js";
import type { FetchLike } from "./options.js";
import { type Serialize, serializeJsonBody, serializeOnce } from "./request-body.js";
import {
  assertHeaders,
  assertPathParams,
  assertQuery,
  assertSignal,
  CLIENT_ONLY_OPTIONS,
  headerRecord,
  ownQuery,
} from "./request-guards.js";
import { assertRetryOptions } from "./resilience-options.js";
import { type ParseAs, readRawBody } from "./response-body.js";
import { runAttempts } from "./retry.js";

type InitParam<Init> = [keyof Init] extends [never] ? [Init?] : [Init];

/** Per-request retry and timeout settings a raw call accepts besides openapi-fetch's own options. */
export interface RawRequestOptions {
  /** Retries for this call, overriding the client's `maxRetries` (default there: 2). A whole number, 0 or more. */
  maxRetries?: number | undefined;
  /**
   * The deadline of each attempt in milliseconds, overriding the client's `timeoutMs` (default there: 60000). It
   * covers reading the body, except with `parseAs: "stream"`, where it ends once the headers are in.
   */
  timeoutMs?: number | undefined;
  /**
   * The fetch for this call, overriding the client's `fetch` option; called the same way, as `fetch(url, init)`
   * (see {@link FetchLike}).
   */
  fetch?: FetchLike | undefined;
}

/** openapi-fetch options a raw call cannot set: they would send the key elsewhere or bypass the client's checks. */
type ClientOnlyKey = keyof typeof CLIENT_ONLY_OPTIONS | "fetch" | "redirect";

// Distributes over openapi-fetch's `Init | undefined`, so an operation with nothing required keeps `init` optional.
type RawInit<Path extends keyof paths, Method extends HttpMethod> =
  MaybeOptionalInit<paths[Path], Method> extends infer Init
    ? Init extends undefined
      ? undefined
      : Omit<Init, ClientOnlyKey> & RawRequestOptions
    : never;

/**
 * A raw call resolves only on success: any non-2xx status rejects with an `APIError` subclass and a failed fetch
 * with `APIConnectionError`, so `error` is never set and `data` is the success body.
 */
export type RawResponse<Operation extends Record<string | number, unknown>, Init> = Exclude<
  FetchResponse<Operation, Init, MediaType>,
  { error: unknown }
>;

type RawMethod<Method extends HttpMethod> = <
  Path extends PathsWithMethod<paths, Method>,
  Init extends RawInit<Path, Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<RawResponse<paths[Path][Method] & Record<string | number, unknown>, Init>>;

/**
 * Path-style access to every operation: `argil.raw.PUT("/webhooks/{id}", { params: { path: { id } }, body })`.
 * Retries, timeouts and `signal` behave as for the methods; `maxRetries` and `timeoutMs` can be set per call.
 */
export interface RawClient {
  GET: RawMethod<"get">;
  PUT: RawMethod<"put">;
  POST: RawMethod<"post">;
  DELETE: RawMethod<"delete">;
}

/** The parts of a raw call's init this wrapper looks at; the rest goes to openapi-fetch as given. */
interface UntypedInit extends RawRequestOptions {
  params?: { query?: unknown };
  headers?: unknown;
  body?: unknown;
  signal?: AbortSignal | null;
  parseAs?: ParseAs;
  bodySerializer?: Serialize;
  fetch?: FetchLike;
}

const specsByRoute = new Map<string, OperationSpec>(
  Object.values(operationTable).map((spec) => [`${spec.method} ${spec.path}`, spec]),
);

// openapi-fetch options that would send the key elsewhere or bypass the guards and serialisation.
const UNSAFE_INIT_KEYS = [...Object.keys(CLIENT_ONLY_OPTIONS), "redirect"];

/** Only the spec's paths, with their path parameters checked before openapi-fetch builds a URL from them. */
function checkRoute(method: string, url: unknown, init: unknown): void {
  if (typeof url !== "string" || !specsByRoute.has(`${method} ${url}`)) {
    throw new InvalidRequestError(
      `${method} ${String(url)} is not an operation of the spec (use a path template such as "/webhooks/{id}"); nothing was sent.`,
      [{ path: "url", message: "is not a path of the spec for this method" }],
    );
  }
  if (typeof init !== "object" || init === null) {
    throw new InvalidRequestError(`${method} ${url}: the request init must be an object; nothing was sent.`);
  }
  const unsafe = UNSAFE_INIT_KEYS.filter((key) => key in init);
  if (unsafe.length > 0) {
    throw new InvalidRequestError(
      `${method} ${url}: ${unsafe.join(", ")} cannot be set per request on argil.raw (they would send the key elsewhere or bypass the client's checks; set baseUrl on the client); nothing was sent.`,
    );
  }
  assertPathParams(url, (init as { params?: { path?: Record<string, unknown> } }).params?.path);
}

const PARSE_AS = ["json", "text", "blob", "arrayBuffer", "stream"];

// What a raw init may hold: openapi-fetch's per-request options, ours, and fetch's own RequestInit fields (a
// misspelt `timeoutMS` would otherwise be passed along to fetch and the default used, unseen).
const RAW_INIT_KEYS = new Set([
  ...["params", "body", "headers", "parseAs", "bodySerializer", "signal", "fetch", "maxRetries", "timeoutMs"],
  ...["cache", "credentials", "integrity", "keepalive", "mode", "priority", "referrer", "referrerPolicy"],
  ...["duplex", "window", "dispatcher"],
]);

/** The raw-only options openapi-fetch would otherwise trip over after sending: `parseAs` and `signal`. */
function assertRawOptions(call: string, init: UntypedInit): void {
  const unknown = Object.keys(init).filter((key) => !RAW_INIT_KEYS.has(key));
  if (unknown.length > 0) {
    throw new InvalidRequestError(
      `${call}: unknown option ${unknown.map((key) => JSON.stringify(key)).join(", ")} (expected params, body, headers, parseAs, signal, fetch, maxRetries, timeoutMs or a RequestInit field); nothing was sent.`,
    );
  }
  if (init.fetch !== undefined && typeof init.fetch !== "function") {
    throw new InvalidRequestError(
      `${call}: fetch must be a function called as fetch(url, init), got ${init.fetch === null ? "null" : typeof init.fetch}; nothing was sent.`,
      [{ path: "init.fetch", message: "must be a function" }],
    );
  }
  if (init.parseAs !== undefined && !PARSE_AS.includes(init.parseAs)) {
    throw new InvalidRequestError(
      `${call}: parseAs must be one of ${PARSE_AS.join(", ")}, got ${JSON.stringify(init.parseAs)}; nothing was sent.`,
      [{ path: "init.parseAs", message: `must be one of ${PARSE_AS.join(", ")}` }],
    );
  }
  // openapi-fetch's types allow `signal: null`, as RequestInit does.
  assertSignal(call, init.signal, "init.signal", true);
}

/** Wraps the shared openapi-fetch client: checks input first, retries by the rules, reads the body strictly. */
export function createRawClient(client: Client<paths>): RawClient {
  const policy = callPolicyOf(client);
  const call =
    (method: "GET" | "PUT" | "POST" | "DELETE") =>
    async (url: string, init: UntypedInit = {}) => {
      checkRoute(method, url, init);
      assertQuery(init.params?.query);
      const { signal, maxRetries, timeoutMs, bodySerializer, fetch, ...rest } = init;
      if (init.headers !== undefined) {
        rest.headers = headerRecord(init.headers);
        assertHeaders(rest.headers);
      }
      // openapi-fetch also sends params.header: the same checks apply.
      const headerParams = (init.params as { header?: unknown } | undefined)?.header;
      if (headerParams !== undefined) assertHeaders(headerRecord(headerParams));
      assertRetryOptions(`${method} ${url}`, { maxRetries, timeoutMs });
      assertRawOptions(`${method} ${url}`, init);
      const spec = specsByRoute.get(`${method} ${url}`);
      // By default the body is read the way the spec declares it, as openapi-fetch's types say: text stays text.
      const parseAs = init.parseAs ?? (spec?.response === "text" ? "text" : "json");
      // Serialised on the first attempt only, so a retry resends the same bytes.
      const serializer =
        rest.body === undefined ? bodySerializer : serializeOnce(bodySerializer ?? serializeJsonBody);
      const overrides = { signal: signal ?? undefined, maxRetries, timeoutMs, fetch };
      // biome-ignore lint/suspicious/noExplicitAny: dispatching by method name over the typed client.
      const send = client[method] as (url: string, init: object) => Promise<any>;
      return runAttempts(policy, method, url, overrides, async (control) => {
        const result = await send(url, {
          ...CLIENT_ONLY_OPTIONS,
          ...rest,
          params: { ...rest.params, query: ownQuery(rest.params?.query) },
          fetch: control.fetch,
          ...(serializer ? { bodySerializer: serializer } : {}),
          // The body is read below, under the attempt's deadline, so a stalled body is cut off like a stalled status.
          parseAs: "stream",
        });
        const response = result.response as Response;
        const request = { method, path: url, url: response.url || control.url };
        // openapi-fetch leaves `data` undefined for a 204 or an empty body: nothing to read. An operation that
        // declares a JSON answer is owed one, though, as the methods are.
        if (result.data === undefined) {
          if (spec?.response === "json" && parseAs === "json") {
            throw invalidSuccessBodyError(response, request, "", "the body is empty");
          }
          return result;
        }
        result.data = await readRawBody(response, parseAs, spec, request, control);
        return result;
      });
    };
  return {
    GET: call("GET"),
    PUT: call("PUT"),
    POST: call("POST"),
    DELETE: call("DELETE"),
  } as unknown as RawClient;
}
