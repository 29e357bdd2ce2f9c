// Turns the body of a webhook delivery into a typed, schema-checked event, or an UnknownWebhookEvent for new events.
import { WebhookParseError } from "../errors.js";
import type { components } from "../generated/openapi.js";
import { webhookEventNames, webhookSchemaValidators } from "../generated/validators.js";
import { listViolations, schemaViolations } from "../validation.js";

/**
 * A payload of an event the spec describes, checked against its schema. Narrow it on `event`; `known: true`
 * (added by the parser, not sent by Argil) tells it apart from an {@link UnknownWebhookEvent}.
 */
export type WebhookEvent = components["schemas"]["WebhookEvent"] & { readonly known: true };

/**
 * A payload whose `event` the spec does not know yet (Argil added one after this client was generated). It is
 * returned rather than thrown so receivers keep working; its `data` is unchecked.
 */
export interface UnknownWebhookEvent {
  readonly known: false;
  event: string;
  data: Record<string, unknown>;
}

/** A webhook body as a receiver gets it: the raw text or bytes, or a body a framework already parsed. */
export type WebhookBody = string | Uint8Array | ArrayBuffer | object;

const KNOWN = new Set(webhookEventNames);

const kindOf = (value: unknown) => {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return `${type === "object" ? "an" : "a"} ${type}`;
};
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function decode(body: ArrayBufferView | ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch (cause) {
    throw new WebhookParseError("The webhook body is not valid UTF-8 text.", [], { cause });
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === "") throw new WebhookParseError("The webhook body is empty; expected a JSON object.");
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new WebhookParseError(`The webhook body is not valid JSON (${reason}).`, [], { cause });
  }
}

/**
 * Reads a webhook delivery's body into a typed event. Known events are validated against their schema in the
 * spec; an event name the spec does not know is returned as an {@link UnknownWebhookEvent}.
 * Pass the raw body (string, Buffer, Uint8Array, ArrayBuffer) or an object your framework already parsed.
 * This does not check who sent it: use {@link verifyWebhook} for deliveries that carry signature headers.
 *
 * @throws WebhookParseError when the body is not JSON, not an object, lacks a string `event` or an object `data`,
 * or is a known event whose data breaks its schema (listed in `violations`).
 * @example
 * const event = parseWebhookEvent(await request.text());
 * if (event.known && event.event === "VIDEO_GENERATION_SUCCESS") console.log(event.data.videoUrl);
 */
export function parseWebhookEvent(body: WebhookBody): WebhookEvent | UnknownWebhookEvent {
  const payload =
    typeof body === "string"
      ? parseJson(body)
      : ArrayBuffer.isView(body) || body instanceof ArrayBuffer
        ? parseJson(decode(body))
        : body;
  if (!isRecord(payload)) {
    throw new WebhookParseError(
      `The webhook body is ${kindOf(payload)}; expected a JSON object with "event" and "data".`,
    );
  }
  const { event, data } = payload;
  if (event === undefined) throw new WebhookParseError('The webhook body has no "event" field.');
  if (typeof event !== "string")
    throw new WebhookParseError(`The webhook body's "event" must be a string, got ${kindOf(event)}.`);
  if (data === undefined) throw new WebhookParseError(`The ${event} webhook body has no "data" field.`);
  if (!isRecord(data))
    throw new WebhookParseError(`The ${event} webhook body's "data" must be an object, got ${kindOf(data)}.`);
  if (!KNOWN.has(event)) return { known: false, event, data };
  const violations = schemaViolations(webhookSchemaValidators.WebhookEvent, payload);
  if (violations.length > 0) {
    throw new WebhookParseError(
      `The ${event} webhook body does not match the spec: ${listViolations(violations, "the body")}`,
      violations,
    );
  }
  return { ...(payload as components["schemas"]["WebhookEvent"]), known: true };
}
