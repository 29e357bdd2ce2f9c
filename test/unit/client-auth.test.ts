import { Argil } from "argil-client";
import { describe, expect, it } from "vitest";
import { json, scriptedFetch, TEST_KEY } from "../support/scripted-fetch.js";

const webhook = {
  id: "4f1e6a3e-0a59-4c59-9d2a-1a3b5c7d9e0f",
  callbackUrl: "https://example.com/h",
  events: [],
};

describe("authentication headers", () => {
  it("sends the client's key as exactly one x-api-key header", async () => {
    const stub = scriptedFetch(json(webhook));
    await new Argil({ apiKey: TEST_KEY, fetch: stub.fetch }).webhooks.update("wh_1", {});
    const sent = stub.requests[0]?.headers;
    expect(sent?.get("x-api-key")).toBe(TEST_KEY);
    expect([...(sent?.keys() ?? [])].filter((name) => name === "x-api-key")).toHaveLength(1);
  });

  it.each(["x-api-key", "X-API-KEY", "X-Api-Key"])("ignores a per-request %s header", async (name) => {
    const stub = scriptedFetch(json(webhook));
    await new Argil({ apiKey: TEST_KEY, fetch: stub.fetch }).webhooks.update(
      "wh_1",
      {},
      { headers: { [name]: "other" } },
    );
    expect(stub.requests[0]?.headers.get("x-api-key")).toBe(TEST_KEY);
  });

  it("ignores an x-api-key in the client's default headers", async () => {
    const stub = scriptedFetch(json([]));
    await new Argil({
      apiKey: TEST_KEY,
      fetch: stub.fetch,
      headers: { "X-Api-Key": "other" },
    }).webhooks.list();
    expect(stub.requests[0]?.headers.get("x-api-key")).toBe(TEST_KEY);
  });

  it("refuses to remove the key with a null header and sends nothing", async () => {
    const stub = scriptedFetch(json(webhook));
    const argil = new Argil({ apiKey: TEST_KEY, fetch: stub.fetch });
    const headers = { "x-api-key": null } as unknown as Record<string, string>;
    await expect(argil.webhooks.update("wh_1", {}, { headers })).rejects.toMatchObject({
      name: "InvalidRequestError",
    });
    expect(stub.requests).toHaveLength(0);
  });

  it("sends default and per-request headers along with the key", async () => {
    const stub = scriptedFetch(json([]));
    const argil = new Argil({ apiKey: TEST_KEY, fetch: stub.fetch, headers: { "x-team": "a" } });
    await argil.webhooks.list({ headers: { "x-trace": "b" } });
    expect(stub.requests[0]?.headers.get("x-team")).toBe("a");
    expect(stub.requests[0]?.headers.get("x-trace")).toBe("b");
  });

  it("applies the same key rules to argil.raw", async () => {
    const stub = scriptedFetch(json(webhook));
    const argil = new Argil({ apiKey: TEST_KEY, fetch: stub.fetch });
    await argil.raw.PUT("/webhooks/{id}", {
      params: { path: { id: "wh_1" } },
      body: {},
      headers: { "X-API-KEY": "x" },
    });
    expect(stub.requests[0]?.headers.get("x-api-key")).toBe(TEST_KEY);
  });
});
