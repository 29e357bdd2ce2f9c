// Reads a success response the way the operation declares it: parsed JSON, text, or nothing.
import { APIConnectionError, invalidSuccessBodyError } from "./errors.js";
import type { OperationSpec } from "./operation-spec.js";

interface RequestInfo {
  method: string;
  path: string;
  url: string;
}

async function readText(response: Response, request: RequestInfo): Promise<string> {
  try {
    return await response.text();
  } catch (cause) {
    // The connection broke while the body was streaming in.
    throw new APIConnectionError({
      ...request,
      cause,
      message: "the connection failed while reading the response body",
    });
  }
}

/** Parses JSON text, turning a parse failure into an APIError that says so (never `undefined`). */
export function parseJsonBody(response: Response, request: RequestInfo, text: string): unknown {
  if (text.trim() === "") throw invalidSuccessBodyError(response, request, text, "the body is empty");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidSuccessBodyError(response, request, text, (error as Error).message);
  }
}

/** The value a method resolves to for a 2xx response. */
export async function readSuccessBody(
  response: Response,
  spec: OperationSpec,
  request: RequestInfo,
): Promise<unknown> {
  if (spec.response === "none") {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  const text = await readText(response, request);
  return spec.response === "text" ? text : parseJsonBody(response, request, text);
}
