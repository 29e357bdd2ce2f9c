// `argil.raw`: openapi-fetch's path-style client, with the same auth and error mapping, typed to say what throws.
import type { Client, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, MediaType, PathsWithMethod } from "openapi-typescript-helpers";
import type { paths } from "./generated/openapi.js";
import { operationTable } from "./generated/operations.js";
import type { OperationSpec } from "./operation-spec.js";
import { assertHeaders, assertQuery } from "./request-guards.js";
import { parseJsonBody } from "./response-body.js";

type InitParam<Init> = [keyof Init] extends [never] ? [Init?] : [Init];

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
  Init extends MaybeOptionalInit<paths[Path], Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<RawResponse<paths[Path][Method] & Record<string | number, unknown>, Init>>;

/** Path-style access to every operation: `argil.raw.PUT("/webhooks/{id}", { params: { path: { id } }, body })`. */
export interface RawClient {
  GET: RawMethod<"get">;
  PUT: RawMethod<"put">;
  POST: RawMethod<"post">;
  DELETE: RawMethod<"delete">;
}

const specsByRoute = new Map<string, OperationSpec>(
  Object.values(operationTable).map((spec) => [`${spec.method} ${spec.path}`, spec]),
);

/** Wraps the shared openapi-fetch client: checks input first, and refuses a 2xx JSON body that does not parse. */
export function createRawClient(client: Client<paths>): RawClient {
  const call =
    (method: "GET" | "PUT" | "POST" | "DELETE") =>
    async (url: string, init?: { params?: { query?: unknown }; headers?: unknown; parseAs?: string }) => {
      assertQuery(init?.params?.query);
      if (init?.headers !== undefined && !(init.headers instanceof Headers)) assertHeaders(init.headers);
      const spec = specsByRoute.get(`${method} ${url}`);
      const wantsJson = spec?.response === "json" && (init?.parseAs ?? "json") === "json";
      // biome-ignore lint/suspicious/noExplicitAny: dispatching by method name over the typed client.
      const send = client[method] as (url: string, init: object) => Promise<any>;
      if (!wantsJson) return send(url, { ...init });
      const result = await send(url, { ...init, parseAs: "text" });
      const response = result.response as Response;
      return {
        data: parseJsonBody(response, { method, path: url, url: response.url }, result.data ?? ""),
        response,
      };
    };
  return {
    GET: call("GET"),
    PUT: call("PUT"),
    POST: call("POST"),
    DELETE: call("DELETE"),
  } as unknown as RawClient;
}
