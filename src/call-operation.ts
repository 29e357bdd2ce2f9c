// Turns a resource method call, `(pathParams..., body | query, options)`, into one request through openapi-fetch.
import type { Client } from "openapi-fetch";
import type { AttemptControl } from "./attempt-control.js";
import { InvalidRequestError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import { callPolicyOf } from "./http-client.js";
import type { OperationSpec } from "./operation-spec.js";
import type { RequestOptions } from "./operation-types.js";
import { alreadySerialized, serializeJsonBody } from "./request-body.js";
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
import { readSuccessBody } from "./response-body.js";
import { runAttempts } from "./retry.js";

const REQUEST_OPTION_KEYS = new Set(["signal", "headers", "maxRetries", "timeoutMs"]);
const NO_OPTIONS: RequestOptions = Object.freeze({});

function checkOptions(operationId: string, options: unknown): RequestOptions {
  if (options === undefined) return NO_OPTIONS;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidRequestError(`${operationId}: request options must be an object; nothing was sent.`);
  }
  const unknown = Object.keys(options).filter((key) => !REQUEST_OPTION_KEYS.has(key));
  if (unknown.length > 0) {
    throw new InvalidRequestError(
      `${operationId}: unknown request option ${unknown.map((k) => JSON.stringify(k)).join(", ")} (expected signal, headers, maxRetries, timeoutMs); nothing was sent.`,
    );
  }
  const given = (options as RequestOptions).headers;
  const headers = headerRecord(given) as Record<string, string> | undefined;
  assertHeaders(headers);
  assertSignal(operationId, (options as RequestOptions).signal, "options.signal");
  if ("maxRetries" in options || "timeoutMs" in options) assertRetryOptions(operationId, options);
  // Headers come back as the plain object they were checked as, so they are read once.
  return headers === given ? (options as RequestOptions) : { ...(options as RequestOptions), headers };
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

function argumentNames(spec: OperationSpec): string[] {
  const names = [...spec.pathParams];
  if (spec.body !== "none") names.push("body");
  if (spec.query) names.push("query");
  return [...names, "options"];
}

/** Sends one operation and resolves to its success body (see OperationResult). */
export async function callOperation(
  client: Client<paths>,
  operationId: string,
  spec: OperationSpec,
  args: readonly unknown[],
): Promise<unknown> {
  return (await sendOperation(client, operationId, spec, args)).data;
}

/** A sent operation's success body, the response it came in (for paging headers) and the URL it went to. */
export interface SentOperation {
  data: unknown;
  response: Response;
  /** The request URL: `response.url`, or the URL sent to when a stub's Response has none. */
  url: string;
}

/** Sends one operation and resolves to its success body and the response it came in (for paging headers). */
export async function sendOperation(
  client: Client<paths>,
  operationId: string,
  spec: OperationSpec,
  args: readonly unknown[],
): Promise<SentOperation> {
  let next = 0;
  const path: Record<string, unknown> = {};
  for (const name of spec.pathParams) path[name] = args[next++];
  // Path parameters first: a forgotten id shifts every argument, and the id is what the caller must hear about.
  assertPathParams(spec.path, path);
  const body = spec.body === "none" ? undefined : args[next++];
  const query = spec.query ? args[next++] : undefined;
  const options = checkOptions(operationId, args[next]);
  // Plain JavaScript can pass anything: an argument in the wrong place (say, options where the query goes,
  // after an explicit undefined) must not be dropped unseen.
  if (args.length > next + 1 && args.slice(next + 1).some((extra) => extra !== undefined)) {
    throw new InvalidRequestError(
      `${operationId} takes at most ${next + 1} arguments (${argumentNames(spec).join(", ")}), got ${args.length}; nothing was sent.`,
    );
  }
  checkBody(operationId, spec, body);
  assertQuery(query);
  const policy = callPolicyOf(client);
  policy.validateRequest?.(operationId, body);
  // Serialised once, so a retry resends the same bytes even if the caller changes the object meanwhile.
  const payload = body === undefined ? undefined : serializeJsonBody(body);
  const result = await runAttempts(policy, spec.method, spec.path, options, (control) =>
    sendOnce(client, spec, path, query, payload, options.headers, control),
  );
  if (policy.validateResponse && spec.response === "json") {
    const { status } = result.response;
    const { url } = result;
    policy.validateResponse(operationId, result.data, { status, method: spec.method, path: spec.path, url });
  }
  return result;
}

// biome-ignore lint/suspicious/noExplicitAny: the table is generated from the same spec as `paths`.
type UntypedRequest = (method: string, path: string, init: object) => Promise<any>;

/** One attempt: the request through openapi-fetch, then its body, both stopped by the attempt's `control`. */
async function sendOnce(
  client: Client<paths>,
  spec: OperationSpec,
  path: Record<string, unknown>,
  query: unknown,
  payload: string | undefined,
  headers: Record<string, string> | undefined,
  control: AttemptControl,
): Promise<SentOperation> {
  const result = await (client.request as UntypedRequest)(spec.method, spec.path, {
    ...CLIENT_ONLY_OPTIONS,
    params: { path, query: ownQuery(query) },
    body: payload,
    bodySerializer: alreadySerialized,
    // "stream" leaves the body unread, so it is read exactly once, below, the way the spec declares it.
    parseAs: "stream",
    // The attempt's fetch hands its signal to fetch; the caller's signal never reaches a Request, which would
    // keep a listener on it until the Request is collected.
    fetch: control.fetch,
    headers,
  });
  const response = result.response as Response;
  const request = { method: spec.method, path: spec.path, url: response.url || control.url };
  const data = await readSuccessBody(response, spec, request, control);
  return { data, response, url: request.url };
}
