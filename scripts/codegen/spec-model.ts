// Reads openapi/argil.yaml into the small operation model that the emitters and the spec-driven tests share.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

type Json = Record<string, unknown>;

/** The HTTP methods an OpenAPI path item may hold. */
const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;

/** How a paginated list operation pages, from its `x-pagination` extension. */
export interface PaginationModel {
  pageParam: string;
  sizeParam: string;
  /** Property of the envelope holding the items; absent when the body is a bare array. */
  items?: string;
  /** Property of the envelope holding the page count. */
  totalPages?: string;
  /** Response header holding the page count, for bare-array lists. */
  totalPagesHeader?: string;
}

/** One operation of the spec, as the client layer sees it. */
export interface OperationModel {
  operationId: string;
  resource: string;
  action: string;
  method: string;
  path: string;
  pathParams: string[];
  queryParams: { name: string; required: boolean }[];
  body: "none" | "required" | "optional";
  response: "json" | "text" | "none";
  summary: string;
  description: string;
  pagination?: PaginationModel;
}

export function loadSpec(specPath: string): Json {
  return parse(readFileSync(specPath, "utf8")) as Json;
}

/** Follows a local `#/...` reference, once; anything else is returned as it is. */
export function deref<T>(spec: Json, node: T): T {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== "string") return node;
  if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, found ${ref}`);
  let target: unknown = spec;
  for (const part of ref.slice(2).split("/")) {
    target = (target as Json | undefined)?.[part.replaceAll("~1", "/").replaceAll("~0", "~")];
    if (target === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  return deref(spec, target as T);
}

function responseKind(spec: Json, responses: Json): OperationModel["response"] {
  let kind: OperationModel["response"] = "none";
  for (const [status, raw] of Object.entries(responses)) {
    if (!/^2\d\d$/.test(status)) continue;
    const content = deref(spec, raw as Json).content as Json | undefined;
    for (const mediaType of Object.keys(content ?? {})) {
      if (/json/i.test(mediaType)) return "json";
      kind = "text";
    }
  }
  return kind;
}

/** Every operation of the spec, in the spec's path order. Throws on a missing or malformed operationId. */
export function listOperations(spec: Json): OperationModel[] {
  const operations: OperationModel[] = [];
  const seen = new Set<string>();
  for (const [path, rawItem] of Object.entries((spec.paths ?? {}) as Json)) {
    const item = rawItem as Json;
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const operationId = op.operationId;
      const match =
        typeof operationId === "string" ? /^([a-z][a-zA-Z]*)\.([a-z][a-zA-Z]*)$/.exec(operationId) : null;
      if (!match?.[1] || !match[2]) {
        throw new Error(`${method.toUpperCase()} ${path}: operationId must look like "resource.action"`);
      }
      if (seen.has(operationId as string)) throw new Error(`Duplicate operationId ${operationId}`);
      seen.add(operationId as string);
      const parameters = [...((item.parameters ?? []) as Json[]), ...((op.parameters ?? []) as Json[])].map(
        (p) => deref(spec, p),
      );
      const requestBody = op.requestBody ? deref(spec, op.requestBody as Json) : undefined;
      const pagination = op["x-pagination"] as PaginationModel | undefined;
      operations.push({
        operationId: operationId as string,
        resource: match[1],
        action: match[2],
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] as string),
        queryParams: parameters
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name as string, required: p.required === true })),
        body: requestBody ? (requestBody.required === true ? "required" : "optional") : "none",
        response: responseKind(spec, (op.responses ?? {}) as Json),
        summary: typeof op.summary === "string" ? op.summary : "",
        description: typeof op.description === "string" ? op.description : "",
        ...(pagination ? { pagination } : {}),
      });
    }
  }
  return operations;
}
