// Checks a webhook delivery's Standard Webhooks signature (the `standardwebhooks` package does the HMAC) and parses it.
import { WebhookVerificationError as LibraryVerificationError, Webhook } from "standardwebhooks";
import { WebhookVerificationError, type WebhookVerificationFailure } from "../errors.js";
import { parseWebhookEvent, type UnknownWebhookEvent, type WebhookEvent } from "./parse-webhook-event.js";

/** Request headers as web frameworks hand them over: a `Headers` object or Node's `req.headers`. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** How far, in seconds, `webhook-timestamp` may be from now either way (the Standard Webhooks default). */
const TOLERANCE_SECONDS = 5 * 60;

const fail = (reason: WebhookVerificationFailure, message: string) =>
  new WebhookVerificationError(reason, message);

/** Every value of a header, in any letter case; a `Headers` object has already joined them with ", ". */
function headerValues(headers: WebhookHeaders, name: string): string[] {
  // A receiver that passes nothing gets the same "missing header" answer as one whose request had none.
  if (typeof headers !== "object" || headers === null) return [];
  if (typeof (headers as Headers).get === "function") {
    const value = (headers as Headers).get(name);
    return value ? [value] : [];
  }
  return Object.entries(headers)
    .filter(([key]) => key.toLowerCase() === name)
    .flatMap(([, value]) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .filter((value) => value !== "");
}

function singleHeader(headers: WebhookHeaders, name: string): string | undefined {
  const values = [...new Set(headerValues(headers, name))];
  if (values.length > 1) throw fail("invalid_header", `The ${name} header appears more than once.`);
  return values[0];
}

function checkTimestamp(value: string): void {
  if (!/^\d{1,12}$/.test(value)) {
    throw fail(
      "invalid_header",
      `webhook-timestamp must be Unix time in seconds, got ${JSON.stringify(value.slice(0, 40))}.`,
    );
  }
  const age = Math.floor(Date.now() / 1000) - Number(value);
  if (age > TOLERANCE_SECONDS) {
    throw fail(
      "timestamp_too_old",
      `webhook-timestamp is ${age} s old, beyond the 5-minute tolerance: a delayed or replayed delivery.`,
    );
  }
  if (-age > TOLERANCE_SECONDS) {
    throw fail(
      "timestamp_too_new",
      `webhook-timestamp is ${-age} s in the future, beyond the 5-minute tolerance: check the clocks.`,
    );
  }
}

function signer(secret: unknown): Webhook {
  const malformed =
    "The webhook secret is malformed: pass the whsec_… value of the webhook's settings (base64 after the prefix).";
  if (typeof secret !== "string" || secret.trim() === "")
    throw fail("invalid_secret", "The webhook secret is missing or empty.");
  try {
    return new Webhook(secret.trim());
  } catch {
    // The library's own message is dropped: it might one day quote the secret.
    throw fail("invalid_secret", malformed);
  }
}

function bodyText(rawBody: unknown): string {
  if (typeof rawBody === "string") return rawBody;
  if (ArrayBuffer.isView(rawBody) || rawBody instanceof ArrayBuffer) return new TextDecoder().decode(rawBody);
  throw fail(
    "invalid_body",
    "verifyWebhook needs the raw body exactly as received (a string or bytes), not a parsed object: the signature covers those bytes.",
  );
}

/**
 * Verifies a webhook delivery signed the Standard Webhooks way, then parses it (see {@link parseWebhookEvent}).
 * Checks that `webhook-id`, `webhook-timestamp` and `webhook-signature` are present, that the timestamp is within
 * 5 minutes of now, and that one of the `v1,` signatures is the HMAC-SHA256 of the body under `secret` (compared in
 * constant time). The cryptography is the `standardwebhooks` package's; it runs on any JavaScript runtime.
 *
 * Argil's v1 docs do not describe signing, so v1 deliveries may carry no such headers; verify only deliveries that
 * do (the docs' v2 endpoints sign theirs and also deliver v1 events).
 *
 * @param rawBody The body exactly as received, before any JSON parsing (`await request.text()`, a raw Buffer).
 * @param headers The request's headers, a `Headers` object or Node's `req.headers`; names in any letter case.
 * @param secret The endpoint's signing secret, `whsec_` followed by base64.
 * @returns The parsed event: a typed `WebhookEvent`, or an `UnknownWebhookEvent` for an event the spec lacks.
 * @throws WebhookVerificationError when anything is missing, malformed, expired or does not match; its message
 * never contains the secret. WebhookParseError when the verified body is not a webhook payload.
 */
export function verifyWebhook(
  rawBody: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeaders,
  secret: string,
): WebhookEvent | UnknownWebhookEvent {
  const webhook = signer(secret);
  const text = bodyText(rawBody);
  const id = singleHeader(headers, "webhook-id");
  const timestamp = singleHeader(headers, "webhook-timestamp");
  const signature = headerValues(headers, "webhook-signature").join(" ");
  const missing = [!id && "webhook-id", !timestamp && "webhook-timestamp", !signature && "webhook-signature"];
  if (!id || !timestamp || !signature) {
    throw fail(
      "missing_header",
      `Missing ${missing.filter(Boolean).join(", ")}: this delivery is not signed the Standard Webhooks way.`,
    );
  }
  checkTimestamp(timestamp);
  try {
    const signed = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };
    webhook.verify(text, signed, { jsonParse: false });
  } catch (error) {
    if (!(error instanceof LibraryVerificationError)) throw error;
    // The library checks the timestamp again; a delivery right at the limit can cross it in between.
    if (/too old/.test(error.message))
      throw fail("timestamp_too_old", "webhook-timestamp is beyond the 5-minute tolerance.");
    if (/too new/.test(error.message))
      throw fail("timestamp_too_new", "webhook-timestamp is beyond the 5-minute tolerance.");
    throw fail(
      "invalid_signature",
      "No webhook-signature matches the body: a wrong secret, or the body changed after it was signed (pass the raw body, not re-serialised JSON).",
    );
  }
  return parseWebhookEvent(text);
}
