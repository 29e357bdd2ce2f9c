// The retry, timeout and logging options: checked once on the client, checked per request, and their defaults.
import { Argil, ConfigError, InvalidRequestError } from "argil-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, scriptedFetch } from "../../support/scripted-fetch.js";
import { KEY } from "./support.js";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

const make = (options: object) => () =>
  new Argil({ apiKey: KEY, baseUrl: "https://api.test/v1", logLevel: "off", ...options });

describe("client options", () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "2", null])(
    "throws ConfigError for maxRetries %s",
    (maxRetries) => {
      expect(make({ maxRetries })).toThrow(ConfigError);
      expect(make({ maxRetries })).toThrow(/maxRetries must be a whole number, 0 or more/);
    },
  );

  it.each([0, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, "1000"])(
    "throws ConfigError for timeoutMs %s",
    (timeoutMs) => {
      expect(make({ timeoutMs })).toThrow(ConfigError);
      expect(make({ timeoutMs })).toThrow(/timeoutMs must be a whole number of ms from 1 to 2147483647/);
    },
  );

  it("accepts 0 retries and the longest timer Node can hold", () => {
    expect(make({ maxRetries: 0, timeoutMs: 2 ** 31 - 1 })).not.toThrow();
  });

  it.each(["verbose", "", 3, true])("throws ConfigError for logLevel %j", (logLevel) => {
    expect(make({ logLevel })).toThrow(/logLevel must be one of off, error, warn, info, debug/);
  });

  it("throws ConfigError naming ARGIL_LOG when the environment holds an unknown level", () => {
    vi.stubEnv("ARGIL_LOG", "loud");
    expect(() => new Argil({ apiKey: KEY })).toThrow(
      /ARGIL_LOG must be one of off, error, warn, info, debug/,
    );
  });

  it.each([
    ["a string", "console"],
    ["an object without debug", { error() {}, warn() {}, info() {} }],
    ["a number", 42],
  ])("throws ConfigError for a logger that is %s", (_kind, logger) => {
    expect(make({ logger })).toThrow(ConfigError);
  });

  it("defaults to 2 retries, so 3 attempts in all", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const stub = scriptedFetch(json({ code: 503, message: "down" }, 503));
    const call = new Argil({ apiKey: KEY, fetch: stub.fetch, logLevel: "off" }).videos.get("vid_1");
    call.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(call).rejects.toMatchObject({ status: 503, attempts: 3 });
    expect(stub.requests).toHaveLength(3);
  });
});

describe("request options", () => {
  const client = () => {
    const stub = scriptedFetch(json({ id: "vid_1" }));
    return { argil: make({ fetch: stub.fetch })(), stub };
  };

  it.each([
    ["maxRetries", -1],
    ["maxRetries", 0.5],
    ["maxRetries", Number.NaN],
    ["timeoutMs", 0],
    ["timeoutMs", -100],
    ["timeoutMs", 10.5],
    ["timeoutMs", Number.NaN],
  ])("rejects %s %s with InvalidRequestError, sending nothing", async (name, value) => {
    const { argil, stub } = client();
    const options = { [name]: value } as never;
    const error = await argil.videos.get("vid_1", options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).message).toContain(`videos.get: ${name} must be a whole number`);
    expect((error as InvalidRequestError).violations[0]?.path).toBe(`options.${name}`);
    await expect(
      argil.raw.GET("/videos/{id}", { params: { path: { id: "v" } }, ...(options as object) }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(stub.requests).toHaveLength(0);
  });

  it("rejects a bad maxRetries or timeoutMs on a raw call, sending nothing", async () => {
    const { argil, stub } = client();
    await expect(argil.raw.GET("/webhooks", { maxRetries: -1 })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(argil.raw.GET("/webhooks", { timeoutMs: 0 })).rejects.toThrow(/GET \/webhooks: timeoutMs/);
    expect(stub.requests).toHaveLength(0);
  });

  it("rejects a signal that is not an AbortSignal, sending nothing", async () => {
    const { argil, stub } = client();
    await expect(argil.videos.get("vid_1", { signal: "stop" as never })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(stub.requests).toHaveLength(0);
  });

  it("still rejects unknown request options, naming the ones it knows", async () => {
    const { argil } = client();
    await expect(argil.videos.get("vid_1", { retries: 3 } as never)).rejects.toThrow(
      /unknown request option "retries" \(expected signal, headers, maxRetries, timeoutMs\)/,
    );
  });

  it("types maxRetries and timeoutMs on methods and raw calls", () => {
    const argil = make({})();
    const typed = () => {
      argil.videos.get("v", { maxRetries: 1, timeoutMs: 500 });
      argil.raw.GET("/videos/{id}", { params: { path: { id: "v" } }, maxRetries: 0, timeoutMs: 1000 });
      argil.raw.GET("/webhooks");
      // @ts-expect-error maxRetries is a number
      argil.videos.get("v", { maxRetries: "1" });
      // @ts-expect-error timeoutMs is a number
      argil.raw.GET("/webhooks", { timeoutMs: "fast" });
    };
    expect(typed).toBeTypeOf("function");
  });
});
