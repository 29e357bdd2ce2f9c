// Type helpers that read one operation's inputs and result out of the generated `operations` type.
import type { operations } from "./generated/openapi.js";

/** Every operationId of the spec, such as `"webhooks.update"`. */
export type OperationId = keyof operations;

/** Per-request options accepted as the last argument of every method. */
export interface RequestOptions {
  /** Aborts the request when signalled. */
  signal?: AbortSignal | undefined;
  /** Extra headers for this request only. They cannot replace or remove `x-api-key`. */
  headers?: Record<string, string> | undefined;
}

/** The path parameters of an operation, by name. */
export type OperationPathParams<K extends OperationId> = operations[K]["parameters"] extends { path: infer P }
  ? P
  : never;

type Query<K extends OperationId> = NonNullable<operations[K]["parameters"]["query"]>;

/** The query parameters of an operation. A value left `undefined` is left out of the URL. */
export type OperationQuery<K extends OperationId> = {
  [Name in keyof Query<K>]: Query<K>[Name] | (undefined extends Query<K>[Name] ? undefined : never);
};

/** The JSON request body of an operation. */
export type OperationBody<K extends OperationId> = operations[K] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;

type BodyOf<R> = R extends { content: infer C }
  ? C extends { "application/json": infer J }
    ? J
    : C[keyof C] extends string
      ? string
      : unknown
  : undefined;

/** What a method resolves to: the parsed success body, the text of a text response, or `undefined` for 204. */
export type OperationResult<K extends OperationId> = {
  [S in keyof operations[K]["responses"]]: S extends SuccessStatus
    ? BodyOf<operations[K]["responses"][S]>
    : never;
}[keyof operations[K]["responses"]];
