// How long the client waits between attempts: exponential backoff with jitter, or the server's Retry-After.
import { Argil, type InternalServerError } from "argil-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffMs } from "../../../src/backoff.js";
import { json } from "../../support/scripted-fetch.js";
import { failureOf, KEY } from "./support.js";

// Only the clock the client uses is faked; a real setImmediate lets each attempt's promises run to the end.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(new Date("2026-03-02T10:00:00.000Z"));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function settle(): Promise<void> {
  for (let i = 0; i < 25; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Answers with `replies` in order (the last repeats), noting the fake time each attempt arrived at. */
function timedClient(replies: (() => Response | Promise<Response>)[], options: { maxRetries?: number } = {}) {
  const times: number[] = [];
  const argil = new Argil({
    apiKey: KEY,
    baseUrl: "https://api.test/v1",
    logLevel: "off",
    ...options,
    fetch: async () => {
      times.push(Date.now());
      const next = replies[Math.min(times.length - 1, replies.length - 1)];
      if (!next) throw new Error("no reply scripted");
      return next();
    },
  });
  return { argil, times, waits: () => times.slice(1).map((time, i) => time - (times[i] as number)) };
}

/** Runs the call to the end, firing each wait's timer once the attempt before it has settled. */
async function drive<T>(promise: Promise<T>): Promise<void> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  while (!done) {
    await settle();
    if (!done) vi.advanceTimersToNextTimer();
  }
}

const refused = () => Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }));
const unavailable =
  (headers: Record<string, string> = {}) =>
  () =>
    json({ code: 503, message: "down" }, 503, headers);
const ok = () => json({ id: "vid_1" });

describe("backoffMs", () => {
  it("starts at 500 ms and doubles per retry up to 8 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((retry) => backoffMs(retry, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it("shortens each wait by at most a quarter at random", () => {
    expect([1, 2, 5].map((retry) => backoffMs(retry, () => 1))).toEqual([375, 750, 6000]);
    for (let i = 0; i < 200; i++) {
      const wait = backoffMs(2);
      expect(wait).toBeGreaterThanOrEqual(750);
      expect(wait).toBeLessThanOrEqual(1000);
    }
  });

  it("never produces NaN, a negative or an unbounded wait", () => {
    for (const retry of [0, -3, Number.NaN, 1e9, Number.POSITIVE_INFINITY]) {
      for (const random of [() => Number.NaN, () => -1, () => 7, Math.random]) {
        const wait = backoffMs(retry, random);
        expect(Number.isInteger(wait)).toBe(true);
        expect(wait).toBeGreaterThanOrEqual(375);
        expect(wait).toBeLessThanOrEqual(8000);
      }
    }
  });
});

describe("waiting between attempts", () => {
  it("waits 0.5 s, then 1 s, before the retries of a failed connection", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { argil, waits } = timedClient([refused, refused, ok]);
    const call = argil.videos.get("vid_1");
    await drive(call);
    await expect(call).resolves.toEqual({ id: "vid_1" });
    expect(waits()).toEqual([500, 1000]);
  });

  it("jitters each wait down by up to a quarter", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const { argil, waits } = timedClient([refused, refused, ok]);
    await drive(argil.videos.get("vid_1"));
    expect(waits()).toEqual([375, 750]);
  });

  it("caps the computed wait at 8 s", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { argil, waits } = timedClient([refused], { maxRetries: 6 });
    const call = argil.videos.get("vid_1");
    await drive(call);
    expect(((await failureOf(call)) as unknown as { attempts: number }).attempts).toBe(7);
    expect(waits()).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });

  it("sends nothing before the wait is over", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { argil, times } = timedClient([unavailable(), ok]);
    const call = argil.videos.get("vid_1");
    await settle();
    expect(times).toHaveLength(1);
    vi.advanceTimersByTime(499);
    await settle();
    expect(times).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await settle();
    expect(times).toHaveLength(2);
    await expect(call).resolves.toEqual({ id: "vid_1" });
  });
});

describe("Retry-After", () => {
  it("retries a 503 and honours Retry-After in seconds", async () => {
    const { argil, waits } = timedClient([unavailable({ "retry-after": "3" }), ok]);
    await drive(argil.videos.get("vid_1"));
    expect(waits()).toEqual([3000]);
  });

  it("honours a Retry-After HTTP-date", async () => {
    const at = new Date(Date.now() + 7000).toUTCString();
    const { argil, waits } = timedClient([unavailable({ "retry-after": at }), ok]);
    await drive(argil.videos.get("vid_1"));
    expect(waits()).toEqual([7000]);
  });

  it("prefers retry-after-ms to Retry-After", async () => {
    const { argil, waits } = timedClient([unavailable({ "retry-after-ms": "250", "retry-after": "9" }), ok]);
    await drive(argil.videos.get("vid_1"));
    expect(waits()).toEqual([250]);
  });

  it("honours a Retry-After shorter than the backoff, down to 0", async () => {
    const { argil, waits } = timedClient([
      unavailable({ "retry-after": "0" }),
      unavailable({ "retry-after-ms": "20" }),
      ok,
    ]);
    await drive(argil.videos.get("vid_1"));
    expect(waits()).toEqual([0, 20]);
  });

  it("honours Retry-After on a 429 for a POST", async () => {
    const limited = () => json({ code: 429, message: "slow down" }, 429, { "retry-after": "2" });
    const { argil, waits } = timedClient([limited, ok]);
    await drive(argil.videos.create({ name: "v", moments: [] } as never));
    expect(waits()).toEqual([2000]);
  });

  it.each([
    ["negative", { "retry-after": "-1" }],
    ["fractional garbage", { "retry-after": "1.5abc" }],
    ["a word", { "retry-after": "soon" }],
    ["above 60 s", { "retry-after": "120" }],
    ["just above 60 s in ms", { "retry-after-ms": "60001" }],
    ["exponent notation", { "retry-after": "1e3" }],
    ["Infinity", { "retry-after": "Infinity" }],
    ["NaN", { "retry-after-ms": "NaN" }],
    ["empty", { "retry-after": "" }],
    ["hex", { "retry-after": "0x10" }],
    ["a date two minutes ahead", { "retry-after": "Mon, 02 Mar 2026 10:02:00 GMT" }],
    ["a date long past", { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" }],
    ["a date that does not parse", { "retry-after": "Mon, 99 Foo 2026 99:99:99 GMT" }],
  ])("falls back to the computed backoff for a Retry-After that is %s", async (_kind, headers) => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { argil, waits } = timedClient([unavailable(headers), unavailable(headers), ok]);
    await drive(argil.videos.get("vid_1"));
    expect(waits()).toEqual([500, 1000]);
  });

  it("exposes the server's wait as retryAfterMs on the InternalServerError it finally throws", async () => {
    const { argil } = timedClient([unavailable({ "retry-after": "2" })], { maxRetries: 1 });
    const call = argil.videos.get("vid_1");
    await drive(call);
    const error = (await failureOf(call)) as InternalServerError;
    expect(error.retryAfterMs).toBe(2000);
    expect(error.attempts).toBe(2);
  });
});
