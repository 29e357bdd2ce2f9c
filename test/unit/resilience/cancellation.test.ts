// The caller's signal: it stops the running attempt and every later one, and the client leaves nothing on it.
import { getEventListeners } from "node:events";
import { APIConnectionError, APIUserAbortError } from "argil-client";
import { describe, expect, it } from "vitest";
import { reply } from "../../support/fault-server.js";
import { clientFor, collectGarbage, failureOf, sleep, useFaultServer, within } from "./support.js";

const server = useFaultServer();

const video = { id: "vid_1" };
const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

/** Resolves once the server has received `count` requests in all. */
async function received(count: number): Promise<void> {
  while (server.requests.length < count) await sleep(2);
}

describe("a caller's signal", () => {
  it("raises APIUserAbortError with the caller's reason as cause when it aborts mid-request", async () => {
    server.sequence({ kind: "hang" });
    const controller = new AbortController();
    const call = clientFor(server).videos.get("vid_1", { signal: controller.signal });
    await received(1);
    const reason = new Error("the user closed the page");
    controller.abort(reason);
    const error = await failureOf(call);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.cause).toBe(reason);
    expect(error.message).toBe("GET /videos/{id}: the request was aborted by the caller's signal");
    expect((error as APIUserAbortError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("aborts while the body is streaming in", async () => {
    server.sequence({ kind: "stall-body", status: 200, headers: { "content-type": "application/json" } });
    const controller = new AbortController();
    const call = clientFor(server).videos.get("vid_1", { signal: controller.signal });
    await received(1);
    await sleep(20);
    controller.abort();
    const error = await failureOf(call);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error.cause as DOMException).name).toBe("AbortError");
  });

  it("raises APIUserAbortError when it aborts while an error body is streaming in", async () => {
    server.sequence({ kind: "stall-body", status: 500, headers: { "content-type": "application/json" } });
    const controller = new AbortController();
    const call = clientFor(server).videos.get("vid_1", { signal: controller.signal });
    await received(1);
    await sleep(20);
    controller.abort(new Error("gave up"));
    const error = await within(call, 2000);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).message).toBe("GET /videos/{id}: the request was aborted by the caller's signal");
  });

  it("stops at once when it aborts during the wait before a retry", async () => {
    server.sequence(reply(503, { code: 503, message: "down" }, { "retry-after": "30" }));
    const controller = new AbortController();
    const call = clientFor(server).videos.get("vid_1", { signal: controller.signal });
    await received(1);
    await sleep(20);
    const start = performance.now();
    controller.abort("stop");
    const error = await failureOf(call);
    expect(performance.now() - start).toBeLessThan(100);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.cause).toBe("stop");
    expect((error as APIUserAbortError).attempts).toBe(1);
    await sleep(50);
    expect(server.requests).toHaveLength(1);
  });

  it("aborts a stalled body even after a garbage collection", async () => {
    server.sequence({ kind: "stall-body", status: 200, headers: { "content-type": "application/json" } });
    const controller = new AbortController();
    const call = clientFor(server).videos.get("vid_1", { signal: controller.signal });
    await received(1);
    await sleep(50);
    collectGarbage();
    collectGarbage();
    controller.abort("after gc");
    const error = await within(call, 2000);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBe("after gc");
  });

  it("sends nothing when it is already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("too late"));
    const error = await failureOf(clientFor(server).videos.get("vid_1", { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error.cause as Error).message).toBe("too late");
    expect((error as APIUserAbortError).attempts).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it("aborts raw calls the same way", async () => {
    server.sequence({ kind: "hang" });
    const controller = new AbortController();
    const call = clientFor(server).raw.GET("/videos/{id}", {
      params: { path: { id: "vid_1" } },
      signal: controller.signal,
    });
    await received(1);
    controller.abort("raw stop");
    const error = await failureOf(call);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.cause).toBe("raw stop");
    expect(listeners(controller.signal)).toBe(0);
  });
});

describe("listeners on a shared signal", () => {
  it("leaves none on an AbortController shared by 50 calls, with no MaxListeners warning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      server.script((request) =>
        request.index % 5 === 0 ? reply(500, {}, { "retry-after": "0" }) : reply(200, video),
      );
      const controller = new AbortController();
      const argil = clientFor(server);
      const calls = Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? argil.videos.get(`vid_${i}`, { signal: controller.signal })
          : argil.raw.GET("/videos/{id}", {
              params: { path: { id: `vid_${i}` } },
              signal: controller.signal,
            }),
      );
      // However many calls share it, the client holds at most one listener on the signal.
      expect(listeners(controller.signal)).toBeLessThanOrEqual(1);
      const outcomes = await Promise.allSettled(calls);
      expect(outcomes.every((outcome) => outcome.status === "fulfilled")).toBe(true);
      expect(listeners(controller.signal)).toBe(0);
      // Sequential calls, aborted ones and ones that fail leave none either.
      for (let i = 0; i < 50; i++) await argil.videos.get("vid_1", { signal: controller.signal });
      server.sequence(reply(404, { code: 404, message: "gone" }));
      await failureOf(argil.videos.get("vid_1", { signal: controller.signal }));
      server.sequence({ kind: "hang" });
      const hung = argil.videos.get("vid_1", { signal: controller.signal });
      await received(server.requests.length + 1);
      controller.abort();
      await failureOf(hung);
      expect(listeners(controller.signal)).toBe(0);
      await sleep(10);
      expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
