// A short name for the spec's component schemas, so users can type their own code with them.
import type { components } from "./generated/openapi.js";

/**
 * A component schema of the spec by name.
 * @example
 * import type { Schema } from "argil-client";
 * function onWebhook(webhook: Schema<"Webhook">) {}
 */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];
