// The core runs on web-standard APIs alone: it bundles for the browser without Node built-ins and works in a
// context that has only WHATWG globals, the way an edge runtime or a worker does.
import { createContext, runInContext } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleClient, type ClientBundle } from "../size/bundle.js";

const WEBHOOK_ID = "79fb1195-f5f3-4f29-a178-b0b480663577";

interface Bundled {
  Argil: new (
    options: object,
  ) => {
    webhooks: { update(id: string, body: object): Promise<{ id?: string }> };
    videos: { get(id: string): Promise<unknown> };
  };
  ConfigError: new (...args: never[]) => Error;
  NotFoundError: new (...args: never[]) => Error;
}

/** What a worker or edge runtime offers: WHATWG fetch, URL, streams, encoding, Web Crypto and timers. No Node. */
function webOnlyContext(extra: Record<string, unknown> = {}) {
  const sent: Request[] = [];
  // The client calls fetch(url, init); a Request made from them shows what a runtime's fetch would send.
  const fetch = async (url: string, init: RequestInit) => {
    const input = new Request(url, init);
    sent.push(input);
    if (input.url.includes("/videos/")) {
      return Response.json({ code: "NOT_FOUND", message: "Video not found" }, { status: 404 });
    }
    return Response.json({ id: WEBHOOK_ID, events: ["VIDEO_GENERATION_SUCCESS"] });
  };
  const globals = {
    fetch,
    Request,
    Response,
    Headers,
    URL,
    URLSearchParams,
    AbortController,
    AbortSignal,
    DOMException,
    Event,
    EventTarget,
    ReadableStream,
    WritableStream,
    TransformStream,
    TextEncoder,
    TextDecoder,
    Blob,
    FormData,
    crypto,
    atob,
    btoa,
    structuredClone,
    queueMicrotask,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    console,
    ...extra,
  };
  const context = createContext(globals);
  runInContext("globalThis.self = globalThis;", context);
  return { context, sent };
}

let bundle: ClientBundle;

beforeAll(async () => {
  bundle = await bundleClient({
    entry:
      'import { Argil, ConfigError, NotFoundError } from "argil-client";\n' +
      "globalThis.bundled = { Argil, ConfigError, NotFoundError };\n",
    format: "iife",
  });
});

function load(extra?: Record<string, unknown>) {
  const { context, sent } = webOnlyContext(extra);
  runInContext(bundle.code, context);
  return { bundled: (context as { bundled: Bundled }).bundled, sent, context };
}

describe("the core on web-standard APIs only", () => {
  it("bundles for the browser platform without any Node built-in", () => {
    expect(bundle.nodeBuiltins).toEqual([]);
  });

  it("updates a webhook in a context with no process, Buffer, require, window or document", async () => {
    const { bundled, sent, context } = load();
    expect(runInContext("typeof process + typeof Buffer + typeof require + typeof window", context)).toBe(
      "undefinedundefinedundefinedundefined",
    );
    const argil = new bundled.Argil({ apiKey: "sk_edge_test", baseUrl: "https://edge.example/v1" });
    const webhook = await argil.webhooks.update(WEBHOOK_ID, { events: ["VIDEO_GENERATION_SUCCESS"] });

    expect(webhook.id).toBe(WEBHOOK_ID);
    const [request] = sent;
    expect(request?.method).toBe("PUT");
    expect(request?.url).toBe(`https://edge.example/v1/webhooks/${WEBHOOK_ID}`);
    expect(request?.headers.get("x-api-key")).toBe("sk_edge_test");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(await request?.json()).toEqual({ events: ["VIDEO_GENERATION_SUCCESS"] });
  });

  it("maps an error status to its class there too", async () => {
    const { bundled } = load();
    const argil = new bundled.Argil({ apiKey: "sk_edge_test", baseUrl: "https://edge.example/v1" });
    await expect(argil.videos.get("missing")).rejects.toBeInstanceOf(bundled.NotFoundError);
  });

  it("names a failure thrown by a fetch from another realm, not 'unknown failure'", async () => {
    // This fetch, and its TypeError, belong to the test's realm, not the context's: instanceof Error is false.
    const failing = async () => {
      throw new TypeError("edge network down");
    };
    const { bundled } = load({ fetch: failing });
    const argil = new bundled.Argil({
      apiKey: "sk_edge_test",
      baseUrl: "https://edge.example/v1",
      maxRetries: 0,
    });
    await expect(argil.videos.get("vid_1")).rejects.toThrow(
      "GET /videos/{id}: could not reach the API (edge network down); check the network and baseUrl",
    );
  });
});

describe("the browser guard outside a page", () => {
  it("lets a runtime with a window but no document (Deno 1) construct a client", () => {
    const { bundled, context } = load();
    runInContext("globalThis.window = globalThis;", context);
    expect(() => new bundled.Argil({ apiKey: "sk_edge_test" })).not.toThrow();
  });

  it("refuses a page-like global (window and document) without dangerouslyAllowBrowser", () => {
    const { bundled, context } = load();
    runInContext("globalThis.window = globalThis; globalThis.document = {};", context);
    const error = (() => {
      try {
        new bundled.Argil({ apiKey: "sk_edge_test" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(bundled.ConfigError);
    expect(String(error)).toMatch(/exposed.*dangerouslyAllowBrowser: true/s);
    expect(String(error)).not.toContain("sk_edge_test");
    expect(() => new bundled.Argil({ apiKey: "sk_edge_test", dangerouslyAllowBrowser: true })).not.toThrow();
  });
});
