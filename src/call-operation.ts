// Turns a resource method call, `(pathParams..., body | query, options)`, into one request through openapi-fetch.
import type { Client } from "openapi-fetch";
import { InvalidRequestError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import type { OperationSpec } from "./operation-spec.js";
import type { RequestOptions } from "./operation-types.js";
import { assertHeaders, assertQuery } from "./request-guards.js";
import { readSuccessBody } from "./response-body.js";

const REQUEST_OPTION_KEYS = new Set(["signal", "headers"]);

function checkOptions(operationId: string, options: unknown): RequestOptions {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidRequestError(`${operationId}: request options must be an object; nothing was sent.`);
  }
  const unknown = Object.keys(options).filter((key) => !REQUEST_OPTION_KEYS.has(key));
  if (unknown.length > 0) {
    throw new InvalidRequestError(
      `${operationId}: unknown request option ${unknown.map((k) => JSON.stringify(k)).join(", ")} (expected signal, headers); nothing was sent.`,
    );
  }
  assertHeaders((options as RequestOptions).headers);
  return options as RequestOptions;
}

function checkBody(operationId: string, spec: OperationSpec, body: unknown): void {
  if (body === undefined) {
    if (spec.body === "required") {
      throw new InvalidRequestError(`${operationId} needs a request body; nothing was sent.`, [
        { path: "body", message: "is required" },
      ]);
    }
    return;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InvalidRequestError(`${operationId}: the request body must be an object; nothing was sent.`, [
      { path: "body", message: "must be an object" },
    ]);
  }
}

/** Sends one operation and resolves to its success body (see OperationResult). */
export async function callOperation(
  client: Client<paths>,
  operationId: string,
  spec: OperationSpec,
  args: readonly unknown[],
): Promise<unknown> {
  let next = 0;
  const path: Record<string, unknown> = {};
  for (const name of spec.pathParams) path[name] = args[next++];
  const body = spec.body === "none" ? undefined : args[next++];
  const query = spec.query ? args[next++] : undefined;
  const options = checkOptions(operationId, args[next]);
  checkBody(operationId, spec, body);
  assertQuery(query);

  // biome-ignore lint/suspicious/noExplicitAny: the table is generated from the same spec as `paths`.
  const request = client.request as (method: string, path: string, init: object) => Promise<any>;
  const { response } = await request(spec.method, spec.path, {
    params: { path, query },
    body,
    // "stream" leaves the body unread, so it is read exactly once, below, the way the spec declares it.
    parseAs: "stream",
    signal: options.signal,
    headers: options.headers,
  });
  return readSuccessBody(response as Response, spec, {
    method: spec.method,
    path: spec.path,
    url: (response as Response).url,
  });
}
