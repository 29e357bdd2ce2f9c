import type { Schema } from "argil-client";
import {
  parseWebhookEvent,
  type UnknownWebhookEvent,
  type WebhookEvent,
  WebhookParseError,
} from "argil-client/webhooks";
import { describe, expect, expectTypeOf, it } from "vitest";
import { spec } from "../../support/spec-operations.js";

type Json = Record<string, unknown>;

// The delivery examples of the spec's x-webhooks operation: one per event it declares.
const deliveries = Object.values((spec["x-webhooks"] ?? {}) as Json).flatMap((item) =>
  Object.values(item as Json).flatMap((op) => {
    const media = ((op as Json).requestBody as Json).content as Json;
    const examples = (media["application/json"] as Json).examples as Json;
    return Object.entries(examples).map(
      ([name, example]) => [name, (example as Json).value as Json] as const,
    );
  }),
);

function parseError(body: unknown): WebhookParseError {
  try {
    parseWebhookEvent(body as string);
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookParseError);
    return error as WebhookParseError;
  }
  throw new Error(`parsed ${String(body)}`);
}

// Compiles only while the union narrows on `known` and then on `event`.
function describeEvent(event: WebhookEvent | UnknownWebhookEvent): string {
  if (!event.known) return `unknown ${event.event}`;
  switch (event.event) {
    case "VIDEO_GENERATION_SUCCESS":
      return `video ${event.data.videoId} at ${event.data.videoUrl}`;
    case "VIDEO_GENERATION_FAILED":
      return `video ${event.data.videoName} failed`;
    case "AVATAR_TRAINING_SUCCESS":
      return `avatar ${event.data.avatarId} with voice ${event.data.voiceId}`;
    case "AVATAR_TRAINING_FAILED":
      return `avatar ${event.data.avatarName} failed`;
  }
}

describe("parseWebhookEvent", () => {
  it("has a spec example for every event", () => {
    const events = deliveries.map(([, value]) => value.event).sort();
    expect(events).toEqual([
      "AVATAR_TRAINING_FAILED",
      "AVATAR_TRAINING_SUCCESS",
      "VIDEO_GENERATION_FAILED",
      "VIDEO_GENERATION_SUCCESS",
    ]);
  });

  it.each(deliveries)("parses the %s delivery into a known, typed event", (_, payload) => {
    const event = parseWebhookEvent(JSON.stringify(payload));
    expect(event).toEqual({ ...payload, known: true });
    expect(describeEvent(event)).not.toMatch(/^unknown/);
  });

  it("types known events as the spec's WebhookEvent union", () => {
    expectTypeOf<WebhookEvent>().toExtend<Schema<"WebhookEvent">>();
    expectTypeOf(parseWebhookEvent).returns.toEqualTypeOf<WebhookEvent | UnknownWebhookEvent>();
  });

  it("returns an event the spec does not know as an UnknownWebhookEvent instead of throwing", () => {
    const event = parseWebhookEvent('{"event":"VIDEO_DELETED","data":{"videoId":"v1","reason":42}}');
    expect(event).toEqual({ known: false, event: "VIDEO_DELETED", data: { videoId: "v1", reason: 42 } });
    expect(describeEvent(event)).toBe("unknown VIDEO_DELETED");
  });

  it("accepts a Buffer, a Uint8Array, an ArrayBuffer and an already parsed object", () => {
    const [, payload] = deliveries[0] as (typeof deliveries)[number];
    const text = JSON.stringify(payload);
    const bytes = new TextEncoder().encode(text);
    for (const body of [Buffer.from(text), bytes, bytes.buffer, payload]) {
      expect(parseWebhookEvent(body)).toEqual({ ...payload, known: true });
    }
  });

  it("does not change a parsed object it is given", () => {
    const payload = { event: "AVATAR_TRAINING_FAILED", data: { avatarId: "a1" } };
    parseWebhookEvent(payload);
    expect(payload).toEqual({ event: "AVATAR_TRAINING_FAILED", data: { avatarId: "a1" } });
  });

  it("keeps fields Argil adds to a known event's data", () => {
    const event = parseWebhookEvent({
      event: "VIDEO_GENERATION_SUCCESS",
      data: { videoId: "v1", durationS: 12 },
    });
    expect(event.data).toEqual({ videoId: "v1", durationS: 12 });
  });

  it("rejects a body that is not JSON", () => {
    expect(parseError("event=VIDEO_GENERATION_SUCCESS").message).toMatch(
      /^The webhook body is not valid JSON \(/,
    );
    expect(parseError('{"event": "VIDEO_GENERATION_SUCCESS",').message).toMatch(/not valid JSON/);
    expect(parseError("").message).toBe("The webhook body is empty; expected a JSON object.");
    expect(parseError(new Uint8Array([0x7b, 0xff, 0x7d])).message).toBe(
      "The webhook body is not valid UTF-8 text.",
    );
  });

  it("rejects JSON that is not an object", () => {
    expect(parseError("[]").message).toBe(
      'The webhook body is an array; expected a JSON object with "event" and "data".',
    );
    expect(parseError("null").message).toMatch(/^The webhook body is null;/);
    expect(parseError("42").message).toMatch(/^The webhook body is a number;/);
    expect(parseError('"VIDEO_GENERATION_SUCCESS"').message).toMatch(/^The webhook body is a string;/);
    expect(parseError(undefined).message).toMatch(/^The webhook body is undefined;/);
  });

  it("rejects a body without a string event", () => {
    expect(parseError('{"data":{}}').message).toBe('The webhook body has no "event" field.');
    expect(parseError('{"event":7,"data":{}}').message).toBe(
      'The webhook body\'s "event" must be a string, got a number.',
    );
  });

  it("rejects a body without an object data", () => {
    expect(parseError('{"event":"VIDEO_GENERATION_SUCCESS"}').message).toBe(
      'The VIDEO_GENERATION_SUCCESS webhook body has no "data" field.',
    );
    for (const [data, kind] of [
      ["[]", "an array"],
      ['"done"', "a string"],
      ["null", "null"],
    ]) {
      expect(parseError(`{"event":"NEW_EVENT","data":${data}}`).message).toBe(
        `The NEW_EVENT webhook body's "data" must be an object, got ${kind}.`,
      );
    }
  });

  it("rejects a known event whose data breaks its schema, listing each violation", () => {
    const error = parseError('{"event":"VIDEO_GENERATION_SUCCESS","data":{"videoId":12,"extras":[1]}}');
    expect(error.violations).toEqual([
      { path: "/data/videoId", message: "must be a string" },
      { path: "/data/extras", message: "must match exactly one of object or string" },
    ]);
    expect(error.message).toBe(
      "The VIDEO_GENERATION_SUCCESS webhook body does not match the spec: /data/videoId must be a string; " +
        "/data/extras must match exactly one of object or string",
    );
  });

  it("accepts extras as an object of strings or as a string, as the docs show both", () => {
    for (const extras of [{ crmId: "lead-1" }, ""]) {
      expect(parseWebhookEvent({ event: "AVATAR_TRAINING_FAILED", data: { extras } }).known).toBe(true);
    }
    expect(parseError({ event: "AVATAR_TRAINING_FAILED", data: { extras: { n: 1 } } }).violations).toEqual([
      { path: "/data/extras/n", message: "must be a string" },
    ]);
  });
});
