import { inspect } from "node:util";
import {
  APIConnectionError,
  Argil,
  AuthenticationError,
  ConfigError,
  type FetchLike,
  InvalidRequestError,
  ResponseValidationError,
} from "argil-client";
import { argilValidation } from "argil-client/validation";
import { describe, expect, it } from "vitest";
import { json, scriptedFetch, TEST_KEY } from "../support/scripted-fetch.js";

const base = { apiKey: TEST_KEY, baseUrl: "https://api.test/v1", maxRetries: 0 } as const;

function expectNoKey(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  for (const text of [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 5, showHidden: true }),
    (error as Error).stack ?? "",
  ]) {
    expect(text).not.toContain(TEST_KEY);
  }
}

describe("the key when a server or proxy echoes it", () => {
  it.each([
    ["a JSON error message", () => json({ message: `Invalid API key ${TEST_KEY}` }, 401)],
    ["a plain-text error body", () => new Response(`bad key: ${TEST_KEY}`, { status: 403 })],
    ["a response header", () => json({ message: "no" }, 401, { "x-echo": TEST_KEY })],
    [
      "a 2xx body that is not JSON",
      () => new Response(`<html>${TEST_KEY}`, { headers: { "content-type": "application/json" } }),
    ],
  ])("is scrubbed from %s", async (_kind, reply) => {
    const argil = new Argil({ ...base, fetch: scriptedFetch(reply).fetch });
    expectNoKey(await argil.webhooks.list().catch((e: unknown) => e));
    expectNoKey(await argil.raw.GET("/webhooks").catch((e: unknown) => e));
  });

  it("is scrubbed from a failed fetch's cause", async () => {
    const argil = new Argil({
      ...base,
      fetch: scriptedFetch(new TypeError(`socket hang up (key ${TEST_KEY})`)).fetch,
    });
    const error = await argil.videos.get("v_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoKey(error);
  });

  it.each([
    ["a Request", (url: string, init: RequestInit) => new Request(url, init)],
    [
      "an error carrying the Request, as HTTP libraries' errors do",
      (url: string, init: RequestInit) =>
        Object.assign(new Error("Request failed"), { request: new Request(url, init) }),
    ],
  ])("is scrubbed from %s a fetch wrapper rejects with", async (_kind, failure) => {
    const argil = new Argil({
      ...base,
      fetch: async (url, init) => {
        throw failure(url, init);
      },
    });
    const error = await argil.webhooks.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoKey(error);
    // What the Request said apart from the key is still there to debug with.
    expect(inspect(error, { depth: 6 })).toContain("https://api.test/v1/webhooks");
  });

  it.each([
    [
      "a frozen error whose message holds it",
      (key: string) => Object.freeze(new Error(`refused for ${key}`)),
    ],
    [
      "an error holding another class's instance that carries it",
      (key: string) =>
        Object.assign(new Error("Request failed"), {
          request: new (class HttpRequest {
            headers = { "x-api-key": key };
          })(),
        }),
    ],
    [
      "an error holding a Map that carries it",
      (key: string) => Object.assign(new Error("no"), { seen: new Map([["key", key]]) }),
    ],
    [
      "an error holding a Set that carries it",
      (key: string) => Object.assign(new Error("no"), { seen: new Set([key]) }),
    ],
    [
      "an error with a symbol-keyed field that carries it",
      (key: string) =>
        Object.assign(new Error("no"), { [Symbol("options")]: { headers: { "x-api-key": key } } }),
    ],
    [
      "an error with a read-only, non-configurable field that carries it, as got attaches its options",
      (key: string) =>
        Object.defineProperty(new Error("socket hang up"), "options", {
          value: { headers: { "x-api-key": key } },
        }),
    ],
  ])("is scrubbed from %s", async (_kind, failure) => {
    const argil = new Argil({
      ...base,
      fetch: async () => {
        throw failure(TEST_KEY);
      },
    });
    const error = await argil.webhooks.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoKey(error);
  });

  it("changes nothing the caller or a library owns, and keeps a cause without the key as it is", async () => {
    class NetError extends Error {
      code = "ECONNREFUSED";
    }
    const frozen = Object.freeze(new NetError("connect refused"));
    const plain = new Argil({
      ...base,
      fetch: async () => {
        throw frozen;
      },
    });
    const first = await plain.webhooks.list().catch((e: unknown) => e);
    expect((first as Error).cause).toBe(frozen);

    const theirs = new NetError(`refused for ${TEST_KEY}`);
    const echoing = new Argil({
      ...base,
      fetch: async () => {
        throw theirs;
      },
    });
    const second = await echoing.webhooks.list().catch((e: unknown) => e);
    expectNoKey(second);
    const cause = (second as Error).cause as NetError;
    expect(cause).toBeInstanceOf(NetError);
    expect(cause.code).toBe("ECONNREFUSED");
    expect(cause.message).toBe("refused for [redacted]");
    // The wrapper's own error object still reads as it did.
    expect(theirs.message).toBe(`refused for ${TEST_KEY}`);
  });

  it("is scrubbed from a paging error over an echoed page and from a wait helper's failure", async () => {
    const page = new Argil({ ...base, fetch: scriptedFetch(json({ echo: TEST_KEY })).fetch });
    const pagingError = await (async () => {
      for await (const _style of page.subtitles.list()) {
        // nothing: the page has no items
      }
    })().catch((e: unknown) => e);
    expect(pagingError).toBeInstanceOf(ResponseValidationError);
    expectNoKey(pagingError);

    const failed = json({ id: "vid_1", status: "FAILED", name: `made with ${TEST_KEY}` });
    const wait = new Argil({ ...base, fetch: scriptedFetch(failed).fetch });
    const waitError = await wait.videos.waitUntilDone("vid_1").catch((e: unknown) => e);
    expect((waitError as Error).name).toBe("ResourceFailedError");
    expectNoKey(waitError);
  });

  it.each([
    ["the message's detail", (pad: number) => json({ message: `${"m".repeat(pad)}${TEST_KEY}` }, 400)],
    ["the raw body", (pad: number) => new Response(`${"r".repeat(pad)}${TEST_KEY}`, { status: 400 })],
    [
      "a 2xx body's sample",
      (pad: number) =>
        new Response(`<${"h".repeat(pad)}${TEST_KEY}`, { headers: { "content-type": "application/json" } }),
    ],
  ])("is scrubbed from %s even when the text is cut short inside it", async (_kind, reply) => {
    const half = TEST_KEY.slice(0, Math.ceil(TEST_KEY.length / 2));
    // Every cut point near the limits the client cuts text at (message detail, raw body, a 2xx sample).
    for (const pad of [85, 92, 99, 470, 485, 495, 4080, 4090]) {
      const argil = new Argil({ ...base, logLevel: "off", fetch: scriptedFetch(() => reply(pad)).fetch });
      const error = await argil.videos.get("vid_1").catch((e: unknown) => e);
      for (const text of [
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: 5 }),
        (error as Error).stack,
      ]) {
        expect(text).not.toContain(half);
      }
    }
  });

  it("leaves the error's class and status alone", async () => {
    const argil = new Argil({
      ...base,
      fetch: scriptedFetch(json({ message: `key ${TEST_KEY}` }, 401)).fetch,
    });
    const error = await argil.avatars.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toContain("key [redacted]");
  });
});

describe("the key in log lines", () => {
  it("is scrubbed from debug and retry lines when a server echoes it", async () => {
    const lines: string[] = [];
    const keep = (message: string, details?: unknown) =>
      lines.push(`${message} ${inspect(details, { depth: 6 })}`);
    const logger = { error: keep, warn: keep, info: keep, debug: keep };
    const echo = () =>
      json({ message: `bad key ${TEST_KEY}` }, 500, { "x-echo-key": TEST_KEY, "retry-after-ms": "0" });
    const argil = new Argil({
      ...base,
      maxRetries: 1,
      logLevel: "debug",
      logger,
      fetch: scriptedFetch(echo).fetch,
    });
    await argil.webhooks.list().catch(() => undefined);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join("\n")).not.toContain(TEST_KEY);
  });

  it("leaves messages alone for a short test key rather than corrupting them", async () => {
    const argil = new Argil({
      ...base,
      apiKey: "test",
      fetch: scriptedFetch(json({ message: "the latest test video" }, 404)).fetch,
    });
    const error = await argil.videos.get("contest").catch((e: unknown) => e);
    expect((error as Error).message).toContain("the latest test video");
    expect((error as { url: string }).url).toContain("/videos/contest");
  });
});

describe("client options", () => {
  it("rejects an unknown option such as a misspelt apiKey", () => {
    expect(() => new Argil({ apikey: "x" } as never)).toThrow(/Unknown option "apikey"/);
  });

  it("accepts default headers as a Headers object or pairs", async () => {
    for (const headers of [new Headers({ "x-team": "a" }), [["x-team", "a"]] as [string, string][]]) {
      const stub = scriptedFetch(json([]));
      await new Argil({ ...base, fetch: stub.fetch, headers }).webhooks.list();
      expect(stub.requests[0]?.headers.get("x-team")).toBe("a");
    }
  });

  it("sends headers from another Headers implementation, at client level, per request and on raw calls", async () => {
    // What the undici package's or another realm's Headers looks like: entries() and get(), but not our class.
    class OtherHeaders {
      constructor(private readonly values: Record<string, string>) {}
      get(name: string) {
        return this.values[name] ?? null;
      }
      *entries() {
        yield* Object.entries(this.values);
      }
    }
    const stub = scriptedFetch(json([]));
    const argil = new Argil({
      ...base,
      fetch: stub.fetch,
      headers: new OtherHeaders({ "x-team": "a" }) as never,
    });
    await argil.webhooks.list({ headers: new OtherHeaders({ "x-trace": "1" }) as never });
    await argil.raw.GET("/webhooks", { headers: new OtherHeaders({ "x-trace": "2" }) as never });
    expect(stub.requests.map((r) => [r.headers.get("x-team"), r.headers.get("x-trace")])).toEqual([
      ["a", "1"],
      ["a", "2"],
    ]);
  });

  it("keeps both values of a header name given twice as pairs", async () => {
    const stub = scriptedFetch(json([]));
    const headers: [string, string][] = [
      ["X-Multi", "a"],
      ["x-multi", "b"],
    ];
    await new Argil({ ...base, fetch: stub.fetch, headers }).webhooks.list();
    expect(stub.requests[0]?.headers.get("x-multi")).toBe("a, b");
  });

  it("rejects a base URL with credentials at construction", () => {
    expect(() => new Argil({ ...base, baseUrl: "https://user:pw@api.test/v1" })).toThrow(ConfigError);
  });

  it("reports a custom fetch that resolves to something other than a Response", async () => {
    const argil = new Argil({ ...base, fetch: async () => undefined as unknown as Response });
    await expect(argil.webhooks.list()).rejects.toThrow(/resolved to undefined, not a Response/);
  });

  it.each([
    ["a string", "nope", "fetch must be a function called as fetch(url, init), got string."],
    ["an object", {}, "fetch must be a function called as fetch(url, init), got object."],
    ["null", null, "fetch must be a function called as fetch(url, init), got null."],
  ])("rejects %s as the fetch option, saying it must be a function", (_kind, fetch, message) => {
    expect(() => new Argil({ ...base, fetch: fetch as never })).toThrow(new ConfigError(message));
  });

  it.each([
    [
      "an object with a status only",
      () => ({ status: 200, ok: true }),
      "GET /webhooks: the fetch option resolved to an object that is not a Response (it needs status, ok, headers.get and text)",
    ],
    [
      "a stub with no ok",
      () => ({ status: 404, headers: new Headers(), text: async (): Promise<string> => "{}" }),
      "GET /webhooks: the fetch option resolved to an object that is not a Response (it needs status, ok, headers.get and text)",
    ],
    [
      "Response.error()",
      () => Response.error(),
      "GET /webhooks: the fetch option resolved to a network error (Response.error(), status 0)",
    ],
  ])("turns %s from a custom fetch into APIConnectionError", async (_kind, answer, message) => {
    const argil = new Argil({ ...base, fetch: (async () => answer()) as unknown as FetchLike });
    const error = await argil.webhooks.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(message);
  });

  it("maps a stub Response without a statusText by its status", async () => {
    const stub = { status: 404, ok: false, headers: new Headers(), text: async () => "{}" };
    const argil = new Argil({ ...base, fetch: (async () => stub) as unknown as FetchLike });
    await expect(argil.webhooks.list()).rejects.toThrow("404 Not Found: GET /webhooks");
  });

  it("takes a Response a custom fetch returns without a promise, and names a fetch that throws", async () => {
    const sync = new Argil({ ...base, fetch: (() => json([])) as unknown as FetchLike });
    await expect(sync.webhooks.list()).resolves.toEqual([]);
    const throwing = new Argil({
      ...base,
      maxRetries: 0,
      fetch: () => {
        throw "offline"; // not even an Error
      },
    });
    const error = await throwing.webhooks.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(
      "GET /webhooks: could not reach the API (offline); check the network and baseUrl",
    );
  });

  it("names a forgotten id instead of complaining about the body", async () => {
    const argil = new Argil({ ...base, fetch: scriptedFetch(json({})).fetch });
    const update = argil.webhooks.update as unknown as (body: object) => Promise<unknown>;
    await expect(update({ events: ["VIDEO_GENERATION_SUCCESS"] })).rejects.toThrow(
      /Path parameter "id" must be a string/,
    );
  });

  it("rejects a symbol id with InvalidRequestError", async () => {
    const argil = new Argil({ ...base, fetch: scriptedFetch(json({})).fetch });
    await expect(argil.videos.get(Symbol("id") as never)).rejects.toBeInstanceOf(InvalidRequestError);
  });
});

describe("argil.raw guards", () => {
  it.each([
    ["an unknown path", "/../admin"],
    ["a path without its leading slash", "avatars"],
  ])("rejects %s, sending nothing", async (_kind, path) => {
    const stub = scriptedFetch(json([]));
    const argil = new Argil({ ...base, fetch: stub.fetch });
    await expect(argil.raw.GET(path as never)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(stub.requests).toHaveLength(0);
  });

  it("refuses a per-request baseUrl that would send the key elsewhere", async () => {
    const stub = scriptedFetch(json([]));
    const argil = new Argil({ ...base, fetch: stub.fetch });
    await expect(argil.raw.GET("/webhooks", { baseUrl: "https://evil.example" } as never)).rejects.toThrow(
      /baseUrl/,
    );
    expect(stub.requests).toHaveLength(0);
  });
});

describe("validation options", () => {
  it("explains that validateRequests needs the generated validators", () => {
    expect(() => new Argil({ ...base, validateRequests: true })).toThrow(/validation: argilValidation/);
  });

  it("rejects an invalid body before sending when validation is given", async () => {
    const stub = scriptedFetch(json({}));
    const argil = new Argil({ ...base, fetch: stub.fetch, validation: argilValidation });
    const error = await argil.webhooks.update("wh_1", { events: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).violations[0]?.path).toBe("/events");
    expect(stub.requests).toHaveLength(0);
  });

  it("lets validateRequests: false turn request checks off", async () => {
    const stub = scriptedFetch(json({}));
    const argil = new Argil({
      ...base,
      fetch: stub.fetch,
      validation: argilValidation,
      validateRequests: false,
    });
    await argil.webhooks.update("wh_1", { events: [] });
    expect(stub.requests).toHaveLength(1);
  });

  it("raises ResponseValidationError for a response that breaks the spec when validateResponses is on", async () => {
    const stub = scriptedFetch(json({ id: "wh_1", events: ["NOT_AN_EVENT"] }));
    const argil = new Argil({
      ...base,
      fetch: stub.fetch,
      validation: argilValidation,
      validateResponses: true,
    });
    await expect(argil.webhooks.update("wh_1", {})).rejects.toBeInstanceOf(ResponseValidationError);
  });
});
