// The shape of one entry of the generated operation table (src/generated/operations.ts).

/** How a paginated list operation pages, copied from the spec's `x-pagination` extension. */
export interface PaginationSpec {
  readonly pageParam: string;
  readonly sizeParam: string;
  readonly items?: string;
  readonly totalPages?: string;
  readonly totalPagesHeader?: string;
}

/** What the client needs at run time to turn a method call into a request. */
export interface OperationSpec {
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH";
  /** The spec's path template, e.g. `/webhooks/{id}`. */
  readonly path: string;
  /** Path parameter names in the order they appear in the path; the method takes them first, in this order. */
  readonly pathParams: readonly string[];
  /** Whether the operation takes query parameters. */
  readonly query: boolean;
  readonly body: "none" | "required" | "optional";
  /** How a success body is read: parsed JSON, text, or nothing (204). */
  readonly response: "json" | "text" | "none";
  readonly pagination?: PaginationSpec;
}
