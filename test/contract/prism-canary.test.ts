// Guards the guards: if the mock ever stops validating requests or routing the spec, these fail loudly.
import { describe, expect, inject, it } from "vitest";
import { operations, sampleArguments } from "../support/spec-operations.js";
import { CONTRACT_KEY, label } from "./support.js";

const baseUrl = () => inject("mockBaseUrl");

describe("the Prism mock", () => {
  it("still rejects an invalid request body with 400 and sl-violations", async () => {
    const response = await fetch(`${baseUrl()}/webhooks/wh_1`, {
      method: "PUT",
      headers: { "x-api-key": CONTRACT_KEY, "content-type": "application/json" },
      body: JSON.stringify({ events: [] }),
    });
    expect(
      response.status,
      "Prism stopped validating request bodies: contract tests would prove nothing",
    ).toBe(400);
    expect(response.headers.get("sl-violations"), "Prism no longer reports violations").toBeTruthy();
  });

  it("still rejects an out-of-range query value", async () => {
    const response = await fetch(`${baseUrl()}/subtitles?pageSize=1000`, {
      headers: { "x-api-key": CONTRACT_KEY },
    });
    expect(response.status, "Prism stopped validating query parameters").toBe(400);
  });

  it.each(operations.map((op) => [label(op), op] as const))("routes %s to its operation", async (_l, op) => {
    const path = op.path.replace(/\{[^}]+\}/g, (name) =>
      String(sampleArguments(op, "required")[op.pathParams.indexOf(name.slice(1, -1))]),
    );
    const response = await fetch(`${baseUrl()}${path}`, {
      method: op.method,
      headers: { Prefer: "code=404" },
    });
    const text = await response.text();
    // Prism answers an unknown route with a NO_PATH_MATCHED / NO_METHOD_MATCHED problem; a known one checks the key.
    expect(text).not.toMatch(/NO_PATH_MATCHED|NO_METHOD_MATCHED|Route not resolved/i);
    expect(response.status).toBe(401);
  });
});
