// The openapi-fetch middleware every request goes through: path guards, the API key, and status-to-error mapping.
import type { Middleware } from "openapi-fetch";
import { connectionError } from "./connection-error.js";
import { APIConnectionError, apiErrorFromResponse, isArgilError } from "./errors.js";
import { assertPathParams } from "./request-guards.js";

/**
 * Builds the middleware for one client. The key lives only in this closure, so no object a user can inspect
 * holds it.
 */
export function argilMiddleware(apiKey: string): Middleware {
  return {
    onRequest({ request, schemaPath, params }) {
      assertPathParams(schemaPath, params.path);
      // `set` replaces any x-api-key a caller passed, in any letter case, so exactly one is sent: ours.
      request.headers.set("x-api-key", apiKey);
    },
    async onResponse({ request, response, schemaPath }) {
      // A custom fetch that resolves to something else would otherwise surface as a bare TypeError.
      if (typeof (response as Partial<Response> | undefined)?.status !== "number") {
        throw new APIConnectionError({
          method: request.method,
          path: schemaPath,
          url: request.url,
          cause: response,
          message: `the fetch option resolved to ${response === null ? "null" : typeof response}, not a Response`,
        });
      }
      if (!response.ok) {
        throw await apiErrorFromResponse(response, {
          method: request.method,
          path: schemaPath,
          url: request.url,
        });
      }
    },
    onError({ request, error, schemaPath }) {
      if (isArgilError(error)) return error as Error;
      // The attempt's deadline, the caller's signal, or the network: connectionError tells them apart.
      return connectionError(
        { method: request.method, path: schemaPath, url: request.url },
        error,
        "response",
      );
    },
  };
}
