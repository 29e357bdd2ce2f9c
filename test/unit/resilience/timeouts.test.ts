// Per-attempt deadlines over the whole exchange, against a server that hangs, stalls or answers slowly.
import { APIConnectionError, APIConnectionTimeoutError, Argil } from "argil-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reply } from "../../support/fault-server.js";
import { clientFor, collectGarbage, failureOf, KEY, sleep, useFaultServer, within } from "./support.js";

const server = useFaultServer();

const json = { "content-type": "application/json" };
const video = { id: "vid_1" };
const newVideo = { name: "Launch", moments: [{ avatarId: "av_1", transcript: "Hi" }] };

// Takes the call itself, not its promise: a call starts its deadline and hands the request to fetch before it
// returns, so timing has to start first.
async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; outcome: T | Error }> {
  const start = performance.now();
  const outcome = await call().catch((error: Error) => error);
  return { ms: performance.now() - start, outcome };
}

describe("timeoutMs", () => {
  it("cuts off an attempt that gets no answer and raises APIConnectionTimeoutError", async () => {
    server.sequence({ kind: "hang" });
    const { ms, outcome } = await timed(() =>
      clientFor(server, { timeoutMs: 80, maxRetries: 0 }).videos.get("vid_1"),
    );
    expect(outcome).toBeInstanceOf(APIConnectionTimeoutError);
    expect(outcome).toBeInstanceOf(APIConnectionError);
    expect((outcome as Error).message).toBe(
      "GET /videos/{id}: the request timed out after 80 ms (timeoutMs) waiting for the response; raise timeoutMs or try again later",
    );
    expect((outcome as APIConnectionTimeoutError).attempts).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(75);
    expect(ms).toBeLessThan(1000);
  });

  it("cuts off a body that stalls after the headers at the same deadline", async () => {
    server.sequence({ kind: "stall-body", status: 200, headers: json, firstBytes: '{"id":' });
    const { ms, outcome } = await timed(() =>
      clientFor(server, { timeoutMs: 80, maxRetries: 0 }).videos.get("vid_1"),
    );
    expect(outcome).toBeInstanceOf(APIConnectionTimeoutError);
    expect((outcome as Error).message).toContain("while reading the response body");
    expect(ms).toBeLessThan(1000);
  });

  it("cuts off a stalled error body too, keeping the status it did get", async () => {
    server.sequence({ kind: "stall-body", status: 404, headers: json, firstBytes: '{"code":404,' });
    const { ms, outcome } = await timed(() => clientFor(server, { timeoutMs: 80 }).videos.get("vid_1"));
    expect((outcome as { status?: number }).status).toBe(404);
    expect(ms).toBeLessThan(1000);
  });

  it("settles a stalled error body at the deadline even with a fetch that ignores the signal", async () => {
    const stalled = () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("{"));
          },
        }),
        { status: 500, headers: json },
      );
    const argil = new Argil({
      apiKey: KEY,
      baseUrl: "https://api.test/v1",
      logLevel: "off",
      fetch: async () => stalled(),
    });
    const { ms, outcome } = await timed(() => argil.videos.get("vid_1", { timeoutMs: 80, maxRetries: 0 }));
    expect((outcome as { status?: number }).status).toBe(500);
    expect((outcome as Error).message).toBe(
      "500 Internal Server Error: GET /videos/{id}: the error body did not arrive within timeoutMs (80 ms)",
    );
    expect(ms).toBeLessThan(1000);
  });

  it("resolves an answer that is slow but inside the deadline", async () => {
    server.sequence({ ...reply(200, video), delayMs: 60 });
    await expect(clientFor(server, { timeoutMs: 1000 }).videos.get("vid_1")).resolves.toEqual(video);
  });

  it("times out an answer slower than the deadline", async () => {
    server.sequence({ ...reply(200, video), delayMs: 400 });
    const error = await failureOf(clientFor(server, { timeoutMs: 60, maxRetries: 0 }).videos.get("vid_1"));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("retries a GET that timed out and resolves with the next answer", async () => {
    server.sequence({ kind: "hang" }, reply(200, video));
    await expect(clientFor(server, { timeoutMs: 80 }).videos.get("vid_1")).resolves.toEqual(video);
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a POST that timed out, because the server may have acted on it", async () => {
    server.sequence({ kind: "hang" }, reply(201, video));
    const error = await failureOf(clientFor(server, { timeoutMs: 80 }).videos.create(newVideo));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as APIConnectionTimeoutError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("gives each attempt its own full deadline", async () => {
    server.sequence({ ...reply(200, video), delayMs: 150 });
    // Two attempts of 100 ms would fail; one deadline per attempt means the 150 ms answer never fits.
    const error = await failureOf(clientFor(server, { timeoutMs: 100, maxRetries: 1 }).videos.get("vid_1"));
    expect((error as APIConnectionTimeoutError).attempts).toBe(2);
    server.sequence({ ...reply(200, video), delayMs: 50 });
    await expect(clientFor(server, { timeoutMs: 100 }).videos.get("vid_1")).resolves.toEqual(video);
  });

  it("lets a request's timeoutMs override the client's", async () => {
    server.sequence({ kind: "hang" });
    const argil = clientFor(server, { maxRetries: 0 });
    const { ms, outcome } = await timed(() => argil.videos.get("vid_1", { timeoutMs: 60 }));
    expect(outcome).toBeInstanceOf(APIConnectionTimeoutError);
    expect(ms).toBeLessThan(1000);
  });

  it("cuts off a raw call whose body stalls, like a method", async () => {
    server.sequence({ kind: "stall-body", status: 200, headers: json, firstBytes: "[" });
    const argil = clientFor(server, { timeoutMs: 80, maxRetries: 0 });
    const error = await failureOf(argil.raw.GET("/webhooks"));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    const text = await failureOf(argil.raw.GET("/webhooks", { parseAs: "text", timeoutMs: 60 }));
    expect(text).toBeInstanceOf(APIConnectionTimeoutError);
  });
});

describe("deadlines after a garbage collection", () => {
  // undici links a Request to its signal through a WeakRef; the client must not depend on that link surviving.
  it.each([
    ["the default fetch", undefined],
    [
      "a custom fetch that ignores the signal",
      (url: string, { signal: _ignored, ...init }: RequestInit) => fetch(url, init),
    ],
  ])("still cut off a hung request and a stalled body with %s", async (_kind, custom) => {
    const argil = clientFor(server, { timeoutMs: 300, maxRetries: 0, ...(custom ? { fetch: custom } : {}) });
    for (const fault of [{ kind: "hang" }, { kind: "stall-body", status: 200, headers: json }] as const) {
      server.sequence(fault);
      const call = argil.videos.get("vid_1");
      await sleep(100);
      collectGarbage();
      collectGarbage();
      expect(await within(call, 2000)).toBeInstanceOf(APIConnectionTimeoutError);
    }
  });
});

describe("the default deadline", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is 60 s per attempt", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const argil = new Argil({
      apiKey: KEY,
      baseUrl: "https://api.test/v1",
      maxRetries: 0,
      logLevel: "off",
      fetch: (_url, { signal }) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason));
        }),
    });
    let settled = false;
    const call = argil.videos.get("vid_1").finally(() => {
      settled = true;
    });
    call.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });
});
