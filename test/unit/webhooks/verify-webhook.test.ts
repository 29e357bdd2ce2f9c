import { inspect } from "node:util";
import { verifyWebhook, WebhookParseError, WebhookVerificationError } from "argil-client/webhooks";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";

const SECRET = `whsec_${Buffer.from("argil-client test secret 0123456789").toString("base64")}`;
const OTHER_SECRET = `whsec_${Buffer.from("someone else's secret 9876543210").toString("base64")}`;
const BODY = JSON.stringify({
  event: "VIDEO_GENERATION_SUCCESS",
  data: { videoId: "afaac696-1560-4e99-9d7e-4a3853c7182a", videoUrl: "https://files.example.com/final.mp4" },
});

/** The headers a Standard Webhooks sender puts on a delivery, signed with the library's own `sign`. */
function signedHeaders(body = BODY, { secret = SECRET, at = new Date(), id = "msg_2mQ4" } = {}) {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}

function failure(run: () => unknown): WebhookVerificationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    const verification = error as WebhookVerificationError;
    // Whatever went wrong, the secret (or its base64 part) never shows.
    const shown = `${verification.message} ${JSON.stringify(verification)} ${inspect(verification)}`;
    for (const secret of [SECRET, OTHER_SECRET]) expect(shown).not.toContain(secret.slice(6));
    return verification;
  }
  throw new Error("verification passed");
}

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describe("verifyWebhook", () => {
  it("accepts a valid signature and returns the parsed event", () => {
    const event = verifyWebhook(BODY, signedHeaders(), SECRET);
    expect(event).toMatchObject({ known: true, event: "VIDEO_GENERATION_SUCCESS" });
  });

  it("reads headers from a Headers object or a Node-style record in any letter case", () => {
    const headers = signedHeaders();
    expect(verifyWebhook(BODY, new Headers(headers), SECRET).known).toBe(true);
    const node = {
      "Webhook-Id": headers["webhook-id"],
      "WEBHOOK-TIMESTAMP": [headers["webhook-timestamp"]],
      "webhook-signature": headers["webhook-signature"],
      "content-type": undefined,
    };
    expect(verifyWebhook(BODY, node, SECRET).known).toBe(true);
  });

  it("accepts the body as a Buffer, a Uint8Array or an ArrayBuffer", () => {
    const bytes = new TextEncoder().encode(BODY);
    for (const body of [Buffer.from(BODY), bytes, bytes.buffer]) {
      expect(verifyWebhook(body, signedHeaders(), SECRET).known).toBe(true);
    }
  });

  it("accepts a secret without the whsec_ prefix", () => {
    expect(verifyWebhook(BODY, signedHeaders(), SECRET.slice(6)).known).toBe(true);
  });

  it("accepts any one matching signature among several, as during a secret rotation", () => {
    const headers = signedHeaders();
    const old = signedHeaders(BODY, { secret: OTHER_SECRET })["webhook-signature"];
    const rotated = { ...headers, "webhook-signature": `${old} v2,ignored ${headers["webhook-signature"]}` };
    expect(verifyWebhook(BODY, rotated, SECRET).known).toBe(true);
  });

  it("rejects a tampered body", () => {
    const tampered = BODY.replace("final.mp4", "other.mp4");
    const error = failure(() => verifyWebhook(tampered, signedHeaders(), SECRET));
    expect(error.reason).toBe("invalid_signature");
    expect(error.message).toMatch(/^No webhook-signature matches the body/);
  });

  it("rejects re-serialised JSON, which is not the signed body", () => {
    const reformatted = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(failure(() => verifyWebhook(reformatted, signedHeaders(), SECRET)).reason).toBe(
      "invalid_signature",
    );
  });

  it("rejects a signature made with another secret", () => {
    const headers = signedHeaders(BODY, { secret: OTHER_SECRET });
    expect(failure(() => verifyWebhook(BODY, headers, SECRET)).reason).toBe("invalid_signature");
  });

  it("rejects a timestamp older than five minutes, even with a valid signature", () => {
    const error = failure(() => verifyWebhook(BODY, signedHeaders(BODY, { at: minutes(-6) }), SECRET));
    expect(error.reason).toBe("timestamp_too_old");
    expect(error.message).toMatch(/^webhook-timestamp is 3[56]\d s old, beyond the 5-minute tolerance/);
  });

  it("rejects a timestamp more than five minutes ahead", () => {
    const error = failure(() => verifyWebhook(BODY, signedHeaders(BODY, { at: minutes(6) }), SECRET));
    expect(error.reason).toBe("timestamp_too_new");
  });

  it("accepts a timestamp within the tolerance", () => {
    expect(verifyWebhook(BODY, signedHeaders(BODY, { at: minutes(-4) }), SECRET).known).toBe(true);
  });

  it.each([undefined, null])("rejects %s headers as missing instead of throwing a TypeError", (headers) => {
    expect(failure(() => verifyWebhook(BODY, headers as never, SECRET)).reason).toBe("missing_header");
  });

  it("rejects a delivery without signature headers, naming each one missing", () => {
    const all = failure(() => verifyWebhook(BODY, {}, SECRET));
    expect(all.reason).toBe("missing_header");
    expect(all.message).toBe(
      "Missing webhook-id, webhook-timestamp, webhook-signature: this delivery is not signed the Standard Webhooks way.",
    );
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"] as const) {
      const headers: Record<string, string> = { ...signedHeaders() };
      headers[name] = "";
      const error = failure(() => verifyWebhook(BODY, headers, SECRET));
      expect(error.message).toBe(`Missing ${name}: this delivery is not signed the Standard Webhooks way.`);
    }
  });

  it("rejects a malformed timestamp and a repeated id", () => {
    const timestamp = { ...signedHeaders(), "webhook-timestamp": "yesterday" };
    expect(failure(() => verifyWebhook(BODY, timestamp, SECRET)).message).toBe(
      'webhook-timestamp must be Unix time in seconds, got "yesterday".',
    );
    const repeated = { ...signedHeaders(), "webhook-id": ["msg_1", "msg_2"] };
    expect(failure(() => verifyWebhook(BODY, repeated, SECRET)).reason).toBe("invalid_header");
  });

  it("rejects a malformed secret without quoting it", () => {
    for (const secret of ["", "   ", "whsec_not base64!", "whsec_"]) {
      expect(failure(() => verifyWebhook(BODY, signedHeaders(), secret)).reason).toBe("invalid_secret");
    }
    const error = failure(() => verifyWebhook(BODY, signedHeaders(), "whsec_c2VjcmV0?"));
    expect(error.message).not.toContain("c2VjcmV0");
  });

  it("rejects a parsed object in place of the raw body", () => {
    const parsed = JSON.parse(BODY) as unknown as string;
    expect(failure(() => verifyWebhook(parsed, signedHeaders(), SECRET)).reason).toBe("invalid_body");
  });

  it("raises WebhookParseError for a signed body that is not a webhook payload", () => {
    const body = '{"hello":"world"}';
    expect(() => verifyWebhook(body, signedHeaders(body), SECRET)).toThrow(WebhookParseError);
  });
});
