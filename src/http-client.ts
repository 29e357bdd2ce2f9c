// Creates the openapi-fetch client that every request of one Argil instance goes through.
import createClient, { type Client } from "openapi-fetch";
import { InvalidRequestError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import { argilMiddleware } from "./middleware.js";
import type { ResolvedOptions } from "./options.js";

/** JSON-encodes a body, reporting values JSON cannot carry (BigInt, cycles) before anything is sent. */
function serializeJsonBody(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new InvalidRequestError(`The request body cannot be sent as JSON: ${(error as Error).message}`, [
      { path: "body", message: (error as Error).message },
    ]);
  }
}

export function createHttpClient(options: ResolvedOptions): Client<paths> {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    headers: options.headers,
    bodySerializer: serializeJsonBody,
  });
  client.use(argilMiddleware(options.apiKey));
  return client;
}
