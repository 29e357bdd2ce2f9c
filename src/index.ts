// The public entry point of argil-client: the client, its options, its errors and the spec's types.
export { Argil } from "./client.js";
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ArgilError,
  AuthenticationError,
  BadRequestError,
  ConfigError,
  ConflictError,
  errorClassForStatus,
  InternalServerError,
  InvalidRequestError,
  isArgilError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors.js";
export type { components, operations, paths } from "./generated/openapi.js";
export type { ArgilResources } from "./generated/resources.js";
export type {
  OperationBody,
  OperationId,
  OperationPathParams,
  OperationQuery,
  OperationResult,
  RequestOptions,
} from "./operation-types.js";
export type { ClientOptions, FetchLike } from "./options.js";
export type { RawClient, RawResponse } from "./raw-client.js";
export type { Schema } from "./schema.js";
