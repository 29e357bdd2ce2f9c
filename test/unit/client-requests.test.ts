import { Argil, InvalidRequestError } from "argil-client";
import { describe, expect, it, vi } from "vitest";
import { json, scriptedClient, scriptedFetch, TEST_KEY } from "../support/scripted-fetch.js";

const client = scriptedClient;

describe("path parameters", () => {
  it.each([
    ["an empty string", ""],
    ["blank", "  "],
    ["a dot segment", "."],
    ["a parent segment", ".."],
    ["an encoded parent segment", "%2e%2E"],
    ["a double-encoded parent segment", "%252e%252e"],
    ["undefined", undefined],
    ["a number", 42],
    ["null", null],
  ])("rejects %s as id with InvalidRequestError naming it, sending nothing", async (_kind, id) => {
    const { argil, stub } = client(json({}));
    const error = await argil.webhooks.update(id as string, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).message).toContain('"id"');
    expect((error as InvalidRequestError).violations[0]?.path).toBe("path.id");
    expect(stub.requests).toHaveLength(0);
  });

  it("guards raw calls the same way", async () => {
    const { argil, stub } = client(json({}));
    await expect(
      argil.raw.DELETE("/webhooks/{id}", { params: { path: { id: ".." } } }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(stub.requests).toHaveLength(0);
  });

  it("percent-encodes ids so slashes and queries stay inside the segment", async () => {
    const { argil, stub } = client(json({}));
    await argil.videos.get("a/b?c#d");
    expect(stub.requests[0]?.url.pathname).toBe("/v1/videos/a%2Fb%3Fc%23d");
    expect(stub.requests[0]?.url.search).toBe("");
  });

  it("puts several path parameters and the query where they belong", async () => {
    const { argil, stub } = client(new Response("WEBVTT\n", { headers: { "content-type": "text/vtt" } }));
    await argil.subtitles.export("0d5b0b5e-1c1e-4a4e-9c1e-2b2b2b2b2b2b", {
      format: "vtt",
      includeStyling: true,
    });
    expect(stub.requests[0]?.url.pathname).toBe(
      "/v1/subtitles/videos/0d5b0b5e-1c1e-4a4e-9c1e-2b2b2b2b2b2b/export",
    );
    expect(stub.requests[0]?.url.searchParams.get("includeStyling")).toBe("true");
  });
});

describe("query and body serialisation", () => {
  it("leaves undefined query values out", async () => {
    const { argil, stub } = client(json({ videos: [] }));
    await argil.videos.list({ page: 2, limit: undefined, nameSearchQuery: "launch day" });
    expect(stub.requests[0]?.url.search).toBe("?page=2&nameSearchQuery=launch%20day");
  });

  it("repeats array query values", async () => {
    const { argil, stub } = client(json([]));
    await argil.assets.list({ type: ["VIDEO", "IMAGE"] });
    expect(stub.requests[0]?.url.searchParams.getAll("type")).toEqual(["VIDEO", "IMAGE"]);
  });

  it("rejects a nested object in the query, sending nothing", async () => {
    const { argil, stub } = client(json({ videos: [] }));
    const query = { extrasFilter: { X_ID: "1" } } as unknown as { extrasFilter: string };
    await expect(argil.videos.list(query)).rejects.toThrow(/query\.extrasFilter/);
    expect(stub.requests).toHaveLength(0);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])(
    "rejects %s as a query value, sending nothing",
    async (limit) => {
      const { argil, stub } = client(json({ videos: [] }));
      await expect(argil.videos.list({ limit })).rejects.toThrow(
        "query.limit must be a well-formed string, a finite number, a boolean or an array of them",
      );
      expect(stub.requests).toHaveLength(0);
    },
  );

  it("rejects half a surrogate pair in an id or a query value with InvalidRequestError, not a URIError", async () => {
    const { argil, stub } = client(json([]));
    const byId = await argil.videos.get("\uD800").catch((e: unknown) => e);
    expect(byId).toBeInstanceOf(InvalidRequestError);
    expect((byId as Error).message).toContain("must be well-formed Unicode");
    const byQuery = await argil.avatars.list({ visibility: "\uDC00" as never }).catch((e: unknown) => e);
    expect(byQuery).toBeInstanceOf(InvalidRequestError);
    expect(stub.requests).toHaveLength(0);
    // A whole pair (an emoji) is fine.
    await argil.videos.get("vid_😀").catch(() => undefined);
    expect(stub.requests[0]?.url.pathname).toBe("/v1/videos/vid_%F0%9F%98%80");
  });

  it("rejects a query name the URL cannot carry as it is, sending nothing", async () => {
    const { argil, stub } = client(json({ videos: [] }));
    await expect(argil.videos.list({ "p&q": "2" } as never)).rejects.toThrow(
      /query\.p&q is not a valid query parameter name/,
    );
    expect(stub.requests).toHaveLength(0);
  });

  it("rejects header values outside Latin-1 with InvalidRequestError instead of a TypeError", async () => {
    const { argil, stub } = client(json([]));
    await expect(argil.webhooks.list({ headers: { "x-team": "日本" } })).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(stub.requests).toHaveLength(0);
  });

  it("sends {} as {} with a JSON content type", async () => {
    const { argil, stub } = client(json({}));
    await argil.webhooks.update("wh_1", {});
    expect(stub.requests[0]?.body).toBe("{}");
    expect(stub.requests[0]?.headers.get("content-type")).toBe("application/json");
  });

  it("sends no body and no content type when there is no body", async () => {
    const { argil, stub } = client(json({ id: "v" }), json([]), new Response(null, { status: 204 }));
    await argil.videos.render("vid_1");
    await argil.webhooks.list();
    await argil.webhooks.delete("wh_1");
    for (const request of stub.requests) {
      expect(request.body).toBeUndefined();
      expect(request.headers.has("content-type")).toBe(false);
    }
    expect(stub.requests.map((r) => r.method)).toEqual(["POST", "GET", "DELETE"]);
  });

  it("sends an optional body when one is given", async () => {
    const { argil, stub } = client(json({ id: "v" }));
    await argil.videos.render("vid_1", { callbackUrl: "https://example.com/done" });
    expect(JSON.parse(stub.requests[0]?.body ?? "")).toEqual({ callbackUrl: "https://example.com/done" });
  });

  it("rejects a missing required body, sending nothing", async () => {
    const { argil, stub } = client(json({}));
    const update = argil.webhooks.update as (id: string) => Promise<unknown>;
    await expect(update("wh_1")).rejects.toThrow(/needs a request body/);
    expect(stub.requests).toHaveLength(0);
  });

  it("rejects a body that is not an object or cannot be JSON-encoded, sending nothing", async () => {
    const { argil, stub } = client(json({}));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(argil.webhooks.update("wh_1", "x" as never)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(argil.webhooks.update("wh_1", cyclic as never)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(argil.webhooks.update("wh_1", { callbackUrl: 1n } as never)).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(stub.requests).toHaveLength(0);
  });

  it("rejects unknown request options, sending nothing", async () => {
    const { argil, stub } = client(json([]));
    await expect(argil.webhooks.list({ timeout: 5 } as never)).rejects.toThrow(
      /unknown request option "timeout"/,
    );
    expect(stub.requests).toHaveLength(0);
  });

  it("aborts the request in flight when the caller's signal fires", async () => {
    const controller = new AbortController();
    const argil = new Argil({
      apiKey: TEST_KEY,
      fetch: (_url, { signal }) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
          controller.abort(new Error("caller gave up"));
        }),
    });
    await expect(argil.webhooks.list({ signal: controller.signal })).rejects.toMatchObject({
      name: expect.stringMatching(/Abort/),
    });
  });
});

describe("the fetch option", () => {
  it("is called as fetch(url, init) with a string URL, the method, headers, the JSON body and a signal", async () => {
    const calls: unknown[][] = [];
    const argil = new Argil({
      apiKey: TEST_KEY,
      baseUrl: "https://api.test/v1",
      fetch: async (...args: unknown[]) => {
        calls.push(args);
        return json({ id: "wh_1" });
      },
    });
    await argil.webhooks.update("wh_1", { events: ["VIDEO_GENERATION_SUCCESS"] });
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] as [unknown, RequestInit];
    expect(url).toBe("https://api.test/v1/webhooks/wh_1");
    expect(init.method).toBe("PUT");
    // A plain object of lower-case names, the way most code passes headers.
    expect(init.headers).toEqual({ "content-type": "application/json", "x-api-key": TEST_KEY });
    expect(init.body).toBe('{"events":["VIDEO_GENERATION_SUCCESS"]}');
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.signal?.aborted).toBe(false);
  });

  it("gets a fresh init on each attempt, with a body that is the same string every time", async () => {
    const inits: RequestInit[] = [];
    const argil = new Argil({
      apiKey: TEST_KEY,
      baseUrl: "https://api.test/v1",
      maxRetries: 1,
      logLevel: "off",
      fetch: async (_url, init) => {
        inits.push(init);
        return inits.length === 1
          ? json({ message: "busy" }, 503, { "retry-after": "0" })
          : json({ id: "wh_1" });
      },
    });
    await argil.webhooks.update("wh_1", { events: ["VIDEO_GENERATION_SUCCESS"] });
    expect(inits).toHaveLength(2);
    expect(inits[0]).not.toBe(inits[1]);
    expect(inits[0]?.signal).not.toBe(inits[1]?.signal);
    expect(inits[1]?.body).toBe(inits[0]?.body);
  });
});

describe("custom fetch wrappers", () => {
  it("keep every header, the key included, when they spread init.headers", async () => {
    const stub = scriptedFetch(json([]));
    const argil = new Argil({
      apiKey: TEST_KEY,
      baseUrl: "https://api.test/v1",
      fetch: (url, init) =>
        stub.fetch(url, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), "x-trace": "1" },
        }),
    });
    await argil.webhooks.list();
    expect(stub.requests[0]?.headers.get("x-api-key")).toBe(TEST_KEY);
    expect(stub.requests[0]?.headers.get("x-trace")).toBe("1");
  });

  it("are not needed to stub the global fetch: it is looked up on every call", async () => {
    const argil = new Argil({ apiKey: TEST_KEY, baseUrl: "https://api.test/v1", maxRetries: 0 });
    const stub = scriptedFetch(json([{ id: "wh_1" }]));
    vi.stubGlobal("fetch", stub.fetch);
    try {
      await expect(argil.webhooks.list()).resolves.toEqual([{ id: "wh_1" }]);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(stub.requests).toHaveLength(1);
  });
});

describe("arguments plain JavaScript can get wrong", () => {
  it("rejects an extra argument instead of dropping it unseen, sending nothing", async () => {
    const { argil, stub } = client(json([]));
    const list = argil.webhooks.list as unknown as (...args: unknown[]) => Promise<unknown>;
    const error = await list(undefined, { signal: AbortSignal.timeout(50) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toBe(
      "webhooks.list takes at most 1 arguments (options), got 2; nothing was sent.",
    );
    const update = argil.webhooks.update as unknown as (...args: unknown[]) => Promise<unknown>;
    await expect(update("wh_1", {}, {}, "extra")).rejects.toThrow(
      "webhooks.update takes at most 3 arguments (id, body, options), got 4; nothing was sent.",
    );
    expect(stub.requests).toHaveLength(0);
  });

  it("still accepts trailing undefined arguments", async () => {
    const { argil } = client(json([]));
    const list = argil.webhooks.list as unknown as (...args: unknown[]) => Promise<unknown>;
    await expect(list(undefined, undefined)).resolves.toEqual([]);
  });
});

describe("inherited properties", () => {
  it("sends only a query's own keys, checked and encoded", async () => {
    const { argil, stub } = client(json([]));
    const query = Object.assign(Object.create({ "a&admin": "1" }), { visibility: "private" });
    await argil.avatars.list(query);
    expect(stub.requests[0]?.url.search).toBe("?visibility=private");
  });

  it("ignore a polluted Object.prototype: no inherited baseUrl or query key reaches the request", async () => {
    const { argil, stub } = client(json([]));
    const keys = ["baseUrl", "polluted"] as const;
    Object.defineProperty(Object.prototype, "baseUrl", { value: "https://evil.example", configurable: true });
    Object.defineProperty(Object.prototype, "polluted", {
      value: "1",
      configurable: true,
      enumerable: true,
    });
    try {
      await argil.avatars.list({ visibility: "private" });
      await argil.webhooks.list();
    } finally {
      for (const key of keys) delete (Object.prototype as Record<string, unknown>)[key];
    }
    expect(stub.requests.map((request) => request.url.href)).toEqual([
      "https://api.test/v1/avatars?visibility=private",
      "https://api.test/v1/webhooks",
    ]);
  });
});

describe("headers fetch sets itself, and raw header parameters", () => {
  it.each(["content-length", "Transfer-Encoding", "connection", "host", "expect"])(
    "refuses %s before sending",
    async (name) => {
      const { argil, stub } = client(json([]));
      const error = await argil.webhooks.list({ headers: { [name]: "1" } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toContain(`${name} is set by fetch`);
      expect(stub.requests).toHaveLength(0);
    },
  );

  it("checks raw params.header like any other headers", async () => {
    const { argil, stub } = client(json([]));
    const raw = argil.raw.GET as unknown as (url: string, init: object) => Promise<unknown>;
    const error = await raw("/webhooks", { params: { header: { "x-a": "a\r\nb" } } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(stub.requests).toHaveLength(0);
  });
});
