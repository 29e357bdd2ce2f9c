// Receiving Argil's webhooks: parse a delivery into a typed event, and verify Standard Webhooks signatures.

export { WebhookParseError, WebhookVerificationError, type WebhookVerificationFailure } from "../errors.js";
export {
  parseWebhookEvent,
  type UnknownWebhookEvent,
  type WebhookBody,
  type WebhookEvent,
} from "./parse-webhook-event.js";
export { verifyWebhook, type WebhookHeaders } from "./verify-webhook.js";
