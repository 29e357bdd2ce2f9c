import { Argil, NotFoundError } from "argil-client";
import { describe, expect, it } from "vitest";
import { json, scriptedFetch, TEST_KEY } from "../../support/scripted-fetch.js";
import { VIDEO_ID, video } from "./support.js";

const client = (fetch: ReturnType<typeof scriptedFetch>["fetch"]) =>
  new Argil({ apiKey: TEST_KEY, baseUrl: "https://api.argil.ai/v1", fetch });

describe("the wait helpers over the real client", () => {
  it("poll with the client's own GET requests, key and all", async () => {
    const { fetch, requests } = scriptedFetch(json(video("GENERATING_VIDEO")), json(video("DONE")));
    const done = await client(fetch).videos.waitUntilDone(VIDEO_ID, { intervalMs: 1 });
    expect(done.status).toBe("DONE");
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      `GET /v1/videos/${VIDEO_ID}`,
      `GET /v1/videos/${VIDEO_ID}`,
    ]);
    expect(requests.every((r) => r.headers.get("x-api-key") === TEST_KEY)).toBe(true);
  });

  it("leave a transient 500 to the client's retries instead of failing the wait", async () => {
    const { fetch, requests } = scriptedFetch(
      json({ code: 500, message: "Internal server error" }, 500, { "retry-after-ms": "0" }),
      json(video("DONE")),
    );
    const done = await client(fetch).videos.waitUntilDone(VIDEO_ID, { intervalMs: 1 });
    expect(done.status).toBe("DONE");
    expect(requests).toHaveLength(2);
  });

  it("reject with the client's NotFoundError, sending nothing more", async () => {
    const { fetch, requests } = scriptedFetch(json({ code: 404, message: "Video not found" }, 404));
    const wait = client(fetch).videos.waitUntilDone(VIDEO_ID, { intervalMs: 1 });
    await expect(wait).rejects.toBeInstanceOf(NotFoundError);
    expect(requests).toHaveLength(1);
  });

  it("render through the client with the callbackUrl as the body", async () => {
    const { fetch, requests } = scriptedFetch(json(video("GENERATING_AUDIO")), json(video("DONE")));
    const waiters = client(fetch);
    await waiters.videos.renderAndWait(VIDEO_ID, { intervalMs: 1, callbackUrl: "https://example.com/done" });
    expect(requests[0]).toMatchObject({ method: "POST", body: '{"callbackUrl":"https://example.com/done"}' });
    expect(requests[0]?.url.pathname).toBe(`/v1/videos/${VIDEO_ID}/render`);
    expect(requests[1]?.method).toBe("GET");
  });
});
