// The public entry point of argil-client: the client, its options, its errors and the spec's types.
// Webhook helpers live in argil-client/webhooks and the validators in argil-client/validation, so importing
// the client loads neither.
export { Argil, type ArgilClientResources } from "./client.js";
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
  ResourceFailedError,
  type ResponseValidationContext,
  ResponseValidationError,
  UnprocessableEntityError,
  type WaitedResource,
  WaitTimeoutError,
  WebhookParseError,
  WebhookVerificationError,
  type WebhookVerificationFailure,
} from "./errors.js";
export type { components, operations, paths } from "./generated/openapi.js";
export type { ArgilResources } from "./generated/resources.js";
export type { Logger, LogLevel } from "./logger.js";
export type {
  OperationBody,
  OperationId,
  OperationPathParams,
  OperationQuery,
  OperationResult,
  RequestOptions,
} from "./operation-types.js";
export type { ClientOptions, FetchLike } from "./options.js";
export type { PagePromise } from "./pagination.js";
export type { RawClient, RawRequestOptions, RawResponse } from "./raw-client.js";
export type { Schema } from "./schema.js";
export type {
  AssetWaitOptions,
  AvatarWaitOptions,
  RenderAndWaitOptions,
  VideoWaitOptions,
} from "./waiters.js";
