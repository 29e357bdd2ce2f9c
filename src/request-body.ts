// Request bodies, serialised once per call so that every attempt of a retried call sends the same bytes.
import { InvalidRequestError } from "./errors.js";

/** JSON-encodes a body, reporting values JSON cannot carry (BigInt, cycles) before anything is sent. */
export function serializeJsonBody(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new InvalidRequestError(`The request body cannot be sent as JSON: ${(error as Error).message}`, [
      { path: "body", message: (error as Error).message },
    ]);
  }
}

/** A body serializer as openapi-fetch calls it: the body, and the request's headers so far. */
export type Serialize = (body: unknown, headers?: Headers) => unknown;

/** The serializer for a body that is already serialised: hands it to openapi-fetch unchanged. */
export const alreadySerialized: Serialize = (body) => body;

/**
 * Wraps `serialize` so it runs once per call: the first attempt serialises, later attempts resend that result
 * even if the caller changed the body object in between.
 */
export function serializeOnce(serialize: Serialize): Serialize {
  let done = false;
  let result: unknown;
  return (body, headers) => {
    if (!done) {
      result = serialize(body, headers);
      done = true;
    }
    return result;
  };
}
