// One attempt's exchange with the server: the key on the request, fetch under the attempt's control, and any
// failure or error status turned into an ArgilError before openapi-fetch sees a response.
import type { AttemptControl } from "./attempt-control.js";
import { connectionError } from "./connection-error.js";
import { APIConnectionError, apiErrorFromResponse, isArgilError } from "./errors.js";
import type { OutgoingRequest } from "./outgoing-request.js";

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
  // A custom fetch that resolves to something else would otherwise surface as a bare TypeError.
  if (typeof (response as Partial<Response> | undefined)?.status !== "number") {
    throw new APIConnectionError({
      method,
      path,
      url,
      cause: response,
      message: `the fetch option resolved to ${response === null ? "null" : typeof response}, not a Response`,
    });
  }
  if (!response.ok) throw await apiErrorFromResponse(response, { method, path, url });
  return response;
}
