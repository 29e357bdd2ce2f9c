// Type helpers that read one operation's inputs and result out of the generated `operations` type.
import type { operations } from "./generated/openapi.js";

/** Every operationId of the spec, such as `"webhooks.update"`. */
export type OperationId = keyof operations;

/** Per-request options accepted as the last argument of every method. */
export interface RequestOptions {
  /**
   * Aborts the call when signalled: the running attempt is cut off, no further attempt is made (also during the
   * wait before a retry), and the call rejects with `APIUserAbortError` whose `cause` is the signal's reason.
   * Default: none.
   */
  signal?: AbortSignal | undefined;
  /** Extra headers for this request only. They cannot replace or remove `x-api-key`. Default: none. */
  headers?: Record<string, string> | undefined;
  /**
   * Retries for this call, overriding the client's `maxRetries` (default there: 2). A whole number, 0 or more;
   * the retry rules (which failures, and POST only when the server certainly did not act) stay the same.
   */
  maxRetries?: number | undefined;
  /**
   * The deadline of each attempt of this call in milliseconds, overriding the client's `timeoutMs` (default
   * there: 60000), covering the whole exchange including reading the body. A whole number from 1.
   */
  timeoutMs?: number | undefined;
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
