// One attempt's exchange with the server: the key on the request, fetch under the attempt's control, and any
// failure or error status turned into an ArgilError before openapi-fetch sees a response.
import type { AttemptControl } from "./attempt-control.js";
import { connectionError } from "./connection-error.js";
import { APIConnectionError, APIError, apiErrorFromBody, isArgilError } from "./errors.js";
import type { OutgoingRequest } from "./outgoing-request.js";
import { AbortedByCaller, AttemptTimeout } from "./stop-reasons.js";

/** Puts the client's key on a request's headers; a closure, so no object a user can inspect holds the key. */
export type Authorize = (headers: Headers) => void;

/** The authorizer of one client. `set` replaces any x-api-key a caller passed, in any letter case: ours is sent. */
export function keyAuthorizer(apiKey: string): Authorize {
  return (headers) => headers.set("x-api-key", apiKey);
}

/** Sends `request` under `control` and resolves to a 2xx Response; anything else rejects with an ArgilError. */
export async function exchange(
  control: AttemptControl,
  authorize: Authorize,
  path: string,
  request: OutgoingRequest,
): Promise<Response> {
  const { method, url } = request;
  let response: Response;
  try {
    authorize(request.headers);
    response = await control.send(request);
  } catch (error) {
    // The attempt's deadline, the caller's signal, or the network: connectionError tells them apart.
    throw isArgilError(error) ? error : connectionError({ method, path, url }, error, "response");
  }
  const problem = notAResponse(response);
  if (problem) throw new APIConnectionError({ method, path, url, cause: response, message: problem });
  if (isRedirect(response)) throw redirectError(response, { method, path, url });
  if (!response.ok) {
    // The error body is read under the attempt's deadline and the caller's signal, like a success body, so a
    // stalled one cannot hold the call past either, even with a fetch that ignores the signal. At the deadline
    // the status that did arrive is the answer; the caller's abort is an abort.
    let rawBody = "";
    try {
      rawBody = await control.guard(response.text());
    } catch (error) {
      if (error instanceof AbortedByCaller) throw connectionError({ method, path, url }, error, "body");
      // A deadline leaves the status to go by, saying the body was cut off; so does any other failed read (a
      // reset, a body already used), with what little it tells.
      if (error instanceof AttemptTimeout) {
        const detail = `the error body did not arrive within timeoutMs (${error.timeoutMs} ms)`;
        throw apiErrorFromBody(response, { method, path, url }, "", detail);
      }
    }
    throw apiErrorFromBody(response, { method, path, url }, rawBody);
  }
  return response;
}

const isRedirect = (response: Response) =>
  response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400);

// Not followed, so the key stays with baseUrl: the error says where the API pointed and what to do.
function redirectError(response: Response, request: { method: string; path: string; url: string }) {
  const location = response.headers.get("location");
  const target = location ? ` to ${location}` : "";
  const detail = `the API answered with a redirect${target}, which the client does not follow so that the API key is only ever sent to baseUrl; check baseUrl (https, the /v1 path)`;
  response.body?.cancel().catch(() => undefined);
  return APIError.generate({
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: undefined,
    rawBody: "",
    ...request,
    message: detail,
  });
}

// What the rest of the client reads from a Response; a custom fetch's lookalike without it would surface as a
// bare TypeError. Read by shape, so a Response from another realm or fetch implementation still passes.
function notAResponse(value: unknown): string | undefined {
  const response = value as Partial<Response> | null | undefined;
  if (typeof response !== "object" || response === null) {
    return `the fetch option resolved to ${response === null ? "null" : typeof response}, not a Response`;
  }
  if (
    typeof response.status !== "number" ||
    typeof response.ok !== "boolean" ||
    typeof response.headers?.get !== "function" ||
    typeof response.text !== "function"
  ) {
    return "the fetch option resolved to an object that is not a Response (it needs status, ok, headers.get and text)";
  }
  // Response.error(): how a fetch says the network failed without rejecting.
  if (response.type === "error" || (response.status === 0 && response.type !== "opaqueredirect")) {
    return "the fetch option resolved to a network error (Response.error(), status 0)";
  }
  return undefined;
}
