// Reads a success response the way the operation declares it, under the attempt's deadline: JSON, text, or nothing.
import type { AttemptControl } from "./attempt-control.js";
import { connectionError } from "./connection-error.js";
import { type ErrorRequest, invalidSuccessBodyError } from "./errors.js";
import type { OperationSpec } from "./operation-spec.js";

/** How a raw call asked for its body (openapi-fetch's `parseAs`). */
export type ParseAs = "json" | "text" | "blob" | "arrayBuffer" | "stream";

// A body stops streaming when the connection breaks, or at once when the attempt stops (deadline or caller).
async function readAs<K extends "text" | "blob" | "arrayBuffer">(
  response: Response,
  kind: K,
  request: ErrorRequest,
  control: AttemptControl | undefined,
): Promise<Awaited<ReturnType<Response[K]>>> {
  const reading = response[kind]() as Promise<Awaited<ReturnType<Response[K]>>>;
  try {
    return await (control ? control.guard(reading) : reading);
  } catch (cause) {
    throw connectionError(request, cause, "body");
  }
}

/** Parses JSON text, turning a parse failure into an APIError that says so (never `undefined`). */
export function parseJsonBody(response: Response, request: ErrorRequest, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // Only a body that did not parse is looked at again, so a good one is not copied by trim().
    const reason = text.trim() === "" ? "the body is empty" : (error as Error).message;
    throw invalidSuccessBodyError(response, request, text, reason);
  }
}

/** The value a method resolves to for a 2xx response. */
export async function readSuccessBody(
  response: Response,
  spec: OperationSpec,
  request: ErrorRequest,
  control?: AttemptControl,
): Promise<unknown> {
  if (spec.response === "none") {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const text = await readAs(response, "text", request, control);
  return spec.response === "text" ? text : parseJsonBody(response, request, text);
}

/**
 * The `data` of a raw call, read as `parseAs` asks: JSON is parsed strictly for operations that declare JSON
 * (a body that does not parse is an APIError), as openapi-fetch does for the others. "stream" is left unread.
 */
export async function readRawBody(
  response: Response,
  parseAs: ParseAs,
  spec: OperationSpec | undefined,
  request: ErrorRequest,
  control: AttemptControl,
): Promise<unknown> {
  if (parseAs === "stream") return response.body;
  if (parseAs !== "json") return readAs(response, parseAs, request, control);
  const text = await readAs(response, "text", request, control);
  if (spec?.response === "json") return parseJsonBody(response, request, text);
  // Asked for JSON from an operation that does not declare it: an empty body is no data, anything else must parse.
  return text === "" ? undefined : parseJsonBody(response, request, text);
}
