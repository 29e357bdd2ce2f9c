// Every declared error status of every operation, forced on the mock with `Prefer: code=N`.
import {
  type APIError,
  AuthenticationError,
  BadRequestError,
  errorClassForStatus,
  InvalidRequestError,
} from "argil-client";
import { describe, expect, it } from "vitest";
import { declaredErrors, operations, sampleArguments } from "../support/spec-operations.js";
import { CONTRACT_KEY, callMethod, label, mockClient } from "./support.js";

const cases = operations.flatMap((op) =>
  declaredErrors(op).map(({ status, example }) => [label(op), status, op, example] as const),
);

describe("declared error statuses", () => {
  it.each(cases)(
    "%s answering %i raises the matching class with Argil's code and message",
    async (_l, status, op, example) => {
      const { argil } = mockClient();
      const error = await callMethod(argil, op, sampleArguments(op, "required"), {
        headers: { Prefer: `code=${status}` },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClassForStatus(status));
      expect((error as APIError).status).toBe(status);
      expect((error as APIError).code).toBe(example?.code);
      expect((error as APIError).message).toContain(String(example?.message));
    },
  );
});

describe("authentication against the mock", () => {
  it("raises AuthenticationError when the request reaches the mock without a key", async () => {
    const { argil } = mockClient("static", {
      fetch: (request) => {
        const stripped = new Request(request);
        stripped.headers.delete("x-api-key");
        return fetch(stripped);
      },
    });
    const error = await argil.webhooks.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String(error)).not.toContain(CONTRACT_KEY);
  });
});

const invalidUpdates = [
  ["an empty events list", { events: [] }],
  ["an unknown event", { events: ["VIDEO_DONE"] }],
  ["an extra property", { callbackUrl: "https://example.com/h", secret: "x" }],
] as const;

describe("PUT /webhooks/{id} request validation by the mock", () => {
  it.each(invalidUpdates)("answers %s with BadRequestError", async (_kind, body) => {
    const { argil, violations } = mockClient("static", { validateRequests: false });
    const error = await argil.webhooks.update("wh_1", body as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(violations[0]).toBeDefined();
  });

  it.each(invalidUpdates)(
    "is pre-empted for %s by the generated validators, sending nothing",
    async (_kind, body) => {
      const { argil, statuses } = mockClient("static");
      const error = await argil.webhooks.update("wh_1", body as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(statuses).toEqual([]);
    },
  );
});
