import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIUserAbortError,
  InvalidRequestError,
  NotFoundError,
  ResourceFailedError,
  WaitTimeoutError,
} from "../../../src/errors.js";
import { createWaiters } from "../../../src/waiters.js";
import { asset, avatar, resources, scriptedGet, scriptedRender, VIDEO_ID, video } from "./support.js";

/** Settles `promise` while advancing fake time, and returns its outcome without an unhandled rejection. */
async function settle<T>(
  promise: Promise<T>,
  ms = 24 * 60 * 60_000,
): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.advanceTimersByTimeAsync(ms);
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("videos.waitUntilDone", () => {
  it("polls IDLE → GENERATING_AUDIO → GENERATING_VIDEO → DONE and reports each status once, in order", async () => {
    const get = scriptedGet([
      video("IDLE"),
      video("GENERATING_AUDIO"),
      video("GENERATING_AUDIO"),
      video("GENERATING_VIDEO"),
      video("DONE"),
    ]);
    const onStatus = vi.fn();
    const { value } = await settle(
      createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID, { onStatus }),
    );
    expect(value).toEqual(video("DONE"));
    expect(onStatus.mock.calls).toEqual([
      ["IDLE", video("IDLE")],
      ["GENERATING_AUDIO", video("GENERATING_AUDIO")],
      ["GENERATING_VIDEO", video("GENERATING_VIDEO")],
      ["DONE", video("DONE")],
    ]);
    expect(get).toHaveBeenCalledTimes(5);
    expect(get).toHaveBeenCalledWith(VIDEO_ID, { signal: expect.any(AbortSignal) });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("waits intervalMs between polls, 5000 ms by default", async () => {
    const get = scriptedGet([video("GENERATING_VIDEO"), video("DONE")]);
    const done = createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID);
    await vi.advanceTimersByTimeAsync(4999);
    expect(get).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(get).toHaveBeenCalledTimes(2);
    await expect(done).resolves.toEqual(video("DONE"));

    const fast = scriptedGet([video("GENERATING_VIDEO"), video("DONE")]);
    const quick = createWaiters(resources({ videoGet: fast })).videos.waitUntilDone(VIDEO_ID, {
      intervalMs: 250,
    });
    await vi.advanceTimersByTimeAsync(250);
    await expect(quick).resolves.toEqual(video("DONE"));
  });

  it("rejects with ResourceFailedError carrying the video when it turns FAILED mid-way", async () => {
    const get = scriptedGet([video("GENERATING_AUDIO"), video("FAILED"), video("DONE")]);
    const onStatus = vi.fn();
    const { error } = await settle(
      createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID, { onStatus }),
    );
    expect(error).toBeInstanceOf(ResourceFailedError);
    expect(error).toMatchObject({
      name: "ResourceFailedError",
      resourceType: "video",
      id: VIDEO_ID,
      status: "FAILED",
      resource: video("FAILED"),
      message: `video ${VIDEO_ID}: ended with status FAILED`,
    });
    expect(onStatus.mock.calls.map(([status]) => status)).toEqual(["GENERATING_AUDIO", "FAILED"]);
    expect(get).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with WaitTimeoutError carrying the last video once timeoutMs runs out, mid-sleep", async () => {
    const get = scriptedGet([video("GENERATING_VIDEO")]);
    const wait = createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID, {
      timeoutMs: 12_000,
    });
    const outcome = settle(wait, 0);
    await vi.advanceTimersByTimeAsync(11_999);
    expect(get).toHaveBeenCalledTimes(3); // at 0, 5000 and 10000 ms
    expect(vi.getTimerCount()).toBe(2); // the deadline and the sleep
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await outcome;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({
      resourceType: "video",
      id: VIDEO_ID,
      timeoutMs: 12_000,
      lastStatus: "GENERATING_VIDEO",
      lastResource: video("GENERATING_VIDEO"),
      cause: undefined,
    });
    expect((error as Error).message).toBe(
      `video ${VIDEO_ID}: still GENERATING_VIDEO after 12000 ms (timeoutMs); raise timeoutMs, or listen for the VIDEO_GENERATION_SUCCESS webhook instead of polling`,
    );
    expect(get).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("says the answers had no status, not 'no answer yet', when they came without one", async () => {
    const get = scriptedGet([{ id: VIDEO_ID } as ReturnType<typeof video>]);
    const wait = createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID, {
      timeoutMs: 12_000,
    });
    const { error } = await settle(wait, 12_000);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toContain("the answers had no status after 12000 ms");
  });

  it("times out a request that never answers, and aborts it", async () => {
    const get = scriptedGet<ReturnType<typeof video>>(["hang"]);
    const wait = createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID, {
      timeoutMs: 1000,
    });
    const { error } = await settle(wait, 1000);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ lastResource: undefined, lastStatus: undefined });
    expect((error as Error).message).toContain("no answer yet after 1000 ms");
    expect(get.signals[0]?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops at once when the signal aborts mid-sleep, with APIUserAbortError and the reason as cause", async () => {
    const get = scriptedGet([video("GENERATING_AUDIO")]);
    const controller = new AbortController();
    const wait = createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID, {
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(2000);
    const reason = new Error("user navigated away");
    controller.abort(reason);
    const { error } = await settle(wait, 0);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBe(reason);
    expect((error as Error).message).toBe(
      `GET /videos/{id}: the wait for video ${VIDEO_ID} was aborted by the caller's signal`,
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(get).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("aborts the request in flight when the signal aborts during it", async () => {
    const get = scriptedGet<ReturnType<typeof video>>(["hang"]);
    const controller = new AbortController();
    const wait = createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID, {
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    const { error } = await settle(wait, 0);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(get.signals[0]?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sends nothing when the signal has already aborted", async () => {
    const get = scriptedGet([video("DONE")]);
    const waiters = createWaiters(resources({ videoGet: get }));
    await expect(
      waiters.videos.waitUntilDone(VIDEO_ID, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(get).not.toHaveBeenCalled();
  });

  it("removes its abort listener once settled", async () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, "addEventListener");
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    const get = scriptedGet([video("GENERATING_VIDEO"), video("DONE")]);
    await settle(
      createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID, {
        signal: controller.signal,
      }),
    );
    expect(add).toHaveBeenCalledTimes(1);
    expect(remove).toHaveBeenCalledWith("abort", add.mock.calls[0]?.[1]);
  });

  it("rethrows an error from get without retrying it (retries are the client's)", async () => {
    const notFound = new NotFoundError({
      status: 404,
      statusText: "Not Found",
      headers: new Headers(),
      body: { code: 404, message: "Video not found" },
      rawBody: "",
      method: "GET",
      path: "/videos/{id}",
      url: `https://api.argil.ai/v1/videos/${VIDEO_ID}`,
    });
    const get = scriptedGet<ReturnType<typeof video>>([video("GENERATING_AUDIO"), notFound, video("DONE")]);
    const { error } = await settle(
      createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID),
    );
    expect(error).toBe(notFound);
    expect(get).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with what onStatus throws and stops polling", async () => {
    const get = scriptedGet([video("GENERATING_AUDIO"), video("DONE")]);
    const boom = new Error("listener failed");
    const { error } = await settle(
      createWaiters(resources({ videoGet: get })).videos.waitUntilDone(VIDEO_ID, {
        onStatus: () => {
          throw boom;
        },
      }),
    );
    expect(error).toBe(boom);
    expect(get).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("refuses intervals and timeouts that are not milliseconds in range", async () => {
    const waiters = createWaiters(resources({ videoGet: scriptedGet([video("DONE")]) }));
    for (const options of [
      { intervalMs: -1 },
      { intervalMs: Number.NaN },
      { timeoutMs: 2 ** 31 },
      { intervalMs: Infinity },
    ]) {
      await expect(waiters.videos.waitUntilDone(VIDEO_ID, options)).rejects.toBeInstanceOf(
        InvalidRequestError,
      );
    }
    await expect(waiters.videos.waitUntilDone(VIDEO_ID, { timeoutMs: Infinity })).resolves.toEqual(
      video("DONE"),
    );
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("videos.renderAndWait", () => {
  it("renders with the callbackUrl, then polls until DONE, reporting the render's status first", async () => {
    const render = scriptedRender([video("GENERATING_AUDIO")]);
    const get = scriptedGet([video("GENERATING_VIDEO"), video("DONE")]);
    const onStatus = vi.fn();
    const waiters = createWaiters(resources({ videoGet: get, render }));
    const { value } = await settle(
      waiters.videos.renderAndWait(VIDEO_ID, { callbackUrl: "https://example.com/done", onStatus }),
    );
    expect(value).toEqual(video("DONE"));
    expect(render).toHaveBeenCalledWith(
      VIDEO_ID,
      { callbackUrl: "https://example.com/done" },
      {
        signal: expect.any(AbortSignal),
      },
    );
    expect(onStatus.mock.calls.map(([status]) => status)).toEqual([
      "GENERATING_AUDIO",
      "GENERATING_VIDEO",
      "DONE",
    ]);
    expect(get).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("renders without a body when no callbackUrl is given", async () => {
    const render = scriptedRender([video("GENERATING_AUDIO")]);
    const waiters = createWaiters(resources({ videoGet: scriptedGet([video("DONE")]), render }));
    await settle(waiters.videos.renderAndWait(VIDEO_ID));
    expect(render).toHaveBeenCalledWith(VIDEO_ID, undefined, { signal: expect.any(AbortSignal) });
  });

  it("rejects with the render's error and polls nothing", async () => {
    const get = scriptedGet([video("DONE")]);
    const refused = new Error("Video is already being generated");
    const waiters = createWaiters(resources({ videoGet: get, render: scriptedRender([refused]) }));
    expect((await settle(waiters.videos.renderAndWait(VIDEO_ID))).error).toBe(refused);
    expect(get).not.toHaveBeenCalled();
  });
});

describe("avatars.waitUntilReady", () => {
  it("polls TRAINING → IDLE every 2000 ms by default", async () => {
    const get = scriptedGet([avatar("TRAINING"), avatar("TRAINING"), avatar("IDLE")]);
    const onStatus = vi.fn();
    const wait = createWaiters(resources({ avatarGet: get })).avatars.waitUntilReady("c6679d72", {
      onStatus,
    });
    await vi.advanceTimersByTimeAsync(4000);
    await expect(wait).resolves.toEqual(avatar("IDLE"));
    expect(get).toHaveBeenCalledTimes(3);
    expect(onStatus.mock.calls.map(([status]) => status)).toEqual(["TRAINING", "IDLE"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each(["TRAINING_FAILED", "REFUSED"] as const)(
    "rejects with ResourceFailedError on %s",
    async (status) => {
      const get = scriptedGet([avatar("TRAINING"), avatar(status)]);
      const { error } = await settle(
        createWaiters(resources({ avatarGet: get })).avatars.waitUntilReady("c6679d72"),
      );
      expect(error).toBeInstanceOf(ResourceFailedError);
      expect(error).toMatchObject({ resourceType: "avatar", status, resource: avatar(status) });
      expect(vi.getTimerCount()).toBe(0);
    },
  );

  it("gives up after 5 minutes by default", async () => {
    const get = scriptedGet([avatar("TRAINING")]);
    const wait = createWaiters(resources({ avatarGet: get })).avatars.waitUntilReady("c6679d72");
    let settled = false;
    const outcome = settle(wait, 0).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await outcome;
    expect(error).toMatchObject({ name: "WaitTimeoutError", timeoutMs: 300_000, lastStatus: "TRAINING" });
  });
});

describe("assets.waitUntilReady", () => {
  it("polls PROCESSING → READY", async () => {
    const get = scriptedGet([asset("PROCESSING"), asset("READY")]);
    const { value } = await settle(
      createWaiters(resources({ assetGet: get })).assets.waitUntilReady("0e522e89"),
    );
    expect(value).toEqual(asset("READY"));
    expect(get).toHaveBeenCalledWith("0e522e89", { signal: expect.any(AbortSignal) });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with ResourceFailedError when processing FAILED", async () => {
    const get = scriptedGet([asset("PROCESSING"), asset("FAILED")]);
    const { error } = await settle(
      createWaiters(resources({ assetGet: get })).assets.waitUntilReady("0e522e89"),
    );
    expect(error).toMatchObject({ name: "ResourceFailedError", resourceType: "asset", status: "FAILED" });
  });
});

describe("wait options from plain JavaScript", () => {
  it.each([
    [
      "a string instead of options",
      "fast",
      "waiting for video vid: options must be an object, got string; nothing was sent.",
    ],
    [
      "a misspelt key",
      { interval: 1 },
      'waiting for video vid: unknown option "interval" (expected intervalMs, timeoutMs, signal, onStatus); nothing was sent.',
    ],
    [
      "a signal that is not an AbortSignal",
      { signal: "x" },
      "waiting for video vid: signal must be an AbortSignal; nothing was sent.",
    ],
    [
      "an onStatus that is not a function",
      { onStatus: "x" },
      "waiting for video vid: onStatus must be a function; nothing was sent.",
    ],
  ])("rejects %s with InvalidRequestError before polling", async (_kind, options, message) => {
    const get = scriptedGet([video("DONE")]);
    const waiters = createWaiters(resources({ videoGet: get }));
    const { error } = await settle(waiters.videos.waitUntilDone("vid", options as never));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toBe(message);
    expect(get).not.toHaveBeenCalled();
  });

  it("knows renderAndWait's callbackUrl, and rejects its misspelling before rendering", async () => {
    const render = scriptedRender([video("GENERATING_VIDEO")]);
    const waiters = createWaiters(resources({ videoGet: scriptedGet([video("DONE")]), render }));
    const { error } = await settle(
      waiters.videos.renderAndWait("vid", { callbackURL: "https://x" } as never),
    );
    expect((error as Error).message).toBe(
      'waiting for video vid: unknown option "callbackURL" (expected intervalMs, timeoutMs, signal, onStatus, callbackUrl); nothing was sent.',
    );
    expect(render).not.toHaveBeenCalled();
  });
});
